import { DownloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../api/client.ts';
import type { AuditEntry, AuditPage as AuditPageData } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { compareNumber, compareText, formatDateTime } from '../../lib/format.ts';
import { AuditChange } from './AuditChange.tsx';
import { AuditFilters, type AuditFilter } from './AuditFilters.tsx';

const PAGE_SIZE = 50;
const OUTCOME_TONES: Record<string, Tone> = { ok: 'success', denied: 'error', failed: 'warning' };

function Outcome({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  const known = outcome === 'ok' || outcome === 'denied' || outcome === 'failed';
  return <StatusTag tone={OUTCOME_TONES[outcome] ?? 'neutral'}>{known ? t(`status.${outcome}`) : outcome}</StatusTag>;
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({});
  const audit = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) => api.get<AuditPageData>(withQuery('/api/audit', { ...filter, before_seq: pageParam, limit: PAGE_SIZE })),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next_before_seq ?? undefined,
  });
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', sorter: (a, b) => compareNumber(a.seq, b.seq), width: 90 },
    { title: t('audit.at'), dataIndex: 'at', sorter: (a, b) => compareText(a.at, b.at), render: (value: string) => formatDateTime(value) },
    { title: t('audit.actorColumn'), dataIndex: 'actor_label', sorter: (a, b) => compareText(a.actor_label, b.actor_label) },
    { title: t('audit.actionColumn'), dataIndex: 'action', sorter: (a, b) => compareText(a.action, b.action), render: (value: string) => <code>{value}</code> },
    { title: t('audit.outcome'), dataIndex: 'outcome', sorter: (a, b) => compareText(a.outcome, b.outcome), render: (value: string) => <Outcome outcome={value} /> },
    {
      title: t('audit.target'),
      key: 'target',
      sorter: (a, b) => compareText(a.target_type, b.target_type),
      render: (_v, entry) => (entry.target_type ? `${entry.target_type}${entry.target_id ? ` ${entry.target_id.slice(0, 8)}…` : ''}` : '—'),
    },
    { title: t('audit.ip'), dataIndex: 'ip', sorter: (a, b) => compareText(a.ip, b.ip), render: (value: string | null) => value ?? '—' },
  ];

  return (
    <>
      <PageHeading
        title={t('audit.title')}
        lead={t('audit.lead')}
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} href={withQuery('/api/audit/export.csv', { ...filter })}>
            {t('audit.exportCsv')}
          </Button>
        }
      />
      <AuditFilters onApply={setFilter} />
      {audit.isError ? (
        <LoadFailed error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <>
          <Typography.Paragraph>{t('audit.shown', { count: entries.length })}</Typography.Paragraph>
          <Table
            rowKey="seq"
            size="small"
            columns={columns}
            dataSource={entries}
            loading={audit.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: (entry) => <AuditChange entry={entry} />, rowExpandable: (entry) => entry.before != null || entry.after != null }}
            locale={{ emptyText: <EmptyState title={t('audit.empty')} hint={t('audit.emptyHint')} /> }}
          />
          {audit.hasNextPage && (
            <Flex justify="center" style={{ marginTop: 16 }}>
              <Button onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
                {t('audit.loadMore')}
              </Button>
            </Flex>
          )}
        </>
      )}
    </>
  );
}
