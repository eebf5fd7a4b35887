import { Button, Checkbox, Flex, Input, Select, Space, Table, Typography, type TableProps } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { ITEM_STATUSES, type ItemStatus } from '../../../shared/assessments.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { formatDateTime, formatDate } from '../../lib/format.ts';
import { useAssessmentList, type AssessmentListRow } from './assessments-api.ts';
import { ItemStatusTag, OverdueTag, ProgressBar } from './assessments-format.tsx';
import { useAssessmentText } from './assessments-text.ts';

const SORTS = ['external_key', 'name', 'progress', 'overdue', 'next_due', 'updated_at'] as const;
type Sort = (typeof SORTS)[number];
const PAGE_SIZE = 50;

/** The organisation's assessments (確認): filters and sort kept in the address, totals per status. */
export default function AssessmentListPage() {
  const { text: t, lang, fill, vocab } = useAssessmentText();
  const [params, setParams] = useSearchParams();
  const status = (ITEM_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as ItemStatus) : undefined;
  const overdue = params.get('overdue') === 'true';
  const q = params.get('q') ?? '';
  const sort: Sort = (SORTS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Sort) : 'external_key';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useAssessmentList({ status, overdue, q: q.trim() || undefined, sort, order, page, page_size: PAGE_SIZE });
  const filtered = Boolean(status || overdue || q);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const sortOrder = (key: Sort) => (sort === key ? (order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null);
  const onChange: TableProps<AssessmentListRow>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? (s.columnKey as Sort) : undefined;
    update({ sort: key && key !== 'external_key' ? key : undefined, order: s?.order === 'descend' ? 'desc' : undefined, page: pagination.current && pagination.current > 1 ? String(pagination.current) : undefined });
  };

  const data = list.data;
  const totals = data?.totals;
  return (
    <>
      <PageHeading title={t.list.title} lead={t.list.lead} />
      <Flex gap={12} wrap align="end" style={{ marginBottom: 12 }} role="search" aria-label={t.list.filters}>
        <div>
          <label htmlFor="assessment-filter-status" style={{ display: 'block', marginBottom: 4 }}>{t.list.status}</label>
          <Select
            id="assessment-filter-status"
            style={{ width: 180 }}
            value={status ?? ''}
            onChange={(v: string) => update({ status: v || undefined })}
            options={[{ value: '', label: t.list.all }, ...ITEM_STATUSES.map((s) => ({ value: s, label: vocab.status(s) }))]}
          />
        </div>
        <Checkbox checked={overdue} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })} style={{ marginBottom: 6 }}>
          {t.list.overdue}
        </Checkbox>
        <div style={{ flex: '1 1 260px', maxWidth: 420 }}>
          <label htmlFor="assessment-search" style={{ display: 'block', marginBottom: 4 }}>{t.list.search}</label>
          <Input.Search id="assessment-search" defaultValue={q} key={q} allowClear enterButton onSearch={(v) => update({ q: v.trim() || undefined })} />
        </div>
        {filtered && <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t.list.clear}</Button>}
      </Flex>
      {totals && (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="assessment-totals">
          <Typography.Text strong>{`${t.list.totals}: ${fill(t.list.count, { count: totals.assessments })} ・ ${fill(t.list.totalItems, { count: totals.items })}`}</Typography.Text>
          <Space wrap size={4}>
            {ITEM_STATUSES.map((s) => (
              <span key={s} style={{ marginRight: 8 }}><ItemStatusTag value={s} />{fill(t.list.count, { count: totals.by_status[s] })}</span>
            ))}
            {totals.overdue > 0 && <span><OverdueTag />{fill(t.list.count, { count: totals.overdue })}</span>}
          </Space>
        </Flex>
      )}
      <Typography.Paragraph>
        <strong data-testid="assessment-count">{fill(t.list.count, { count: data?.total ?? 0 })}</strong>
      </Typography.Paragraph>
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : data && data.total === 0 ? (
        <EmptyState title={filtered ? t.list.emptyFiltered : t.list.empty} hint={filtered ? undefined : t.list.emptyHint} />
      ) : (
        <Table<AssessmentListRow>
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={data?.items ?? []}
          onChange={onChange}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1100 }}
          data-testid="assessment-table"
          columns={[
            { title: t.list.key, key: 'external_key', sorter: true, sortOrder: sortOrder('external_key'), render: (_: unknown, r) => r.entry.external_key, width: 100 },
            {
              title: t.list.entry,
              key: 'name',
              sorter: true,
              sortOrder: sortOrder('name'),
              width: 260,
              render: (_: unknown, r) => (
                <>
                  <Link to={`/assessments/${r.id}`} style={{ textDecoration: 'underline' }}>{r.entry.name}</Link>
                  <div style={{ fontSize: 12 }}>{r.entry.department}</div>
                </>
              ),
            },
            { title: t.list.catalogue, key: 'catalogue', render: (_: unknown, r) => r.catalogue.name[lang], width: 220 },
            { title: t.list.progress, key: 'progress', sorter: true, sortOrder: sortOrder('progress'), render: (_: unknown, r) => <ProgressBar progress={r.progress} width={180} /> },
            {
              title: t.list.overdueCol,
              key: 'overdue',
              sorter: true,
              sortOrder: sortOrder('overdue'),
              align: 'right' as const,
              render: (_: unknown, r) => (r.progress.overdue > 0 ? <Flex gap={4} justify="end"><OverdueTag />{r.progress.overdue}</Flex> : '0'),
            },
            { title: t.list.nextDue, key: 'next_due', sorter: true, sortOrder: sortOrder('next_due'), render: (_: unknown, r) => formatDate(r.progress.next_due) },
            { title: t.list.updated, key: 'updated_at', sorter: true, sortOrder: sortOrder('updated_at'), render: (_: unknown, r) => formatDateTime(r.updated_at) },
          ]}
        />
      )}
    </>
  );
}

