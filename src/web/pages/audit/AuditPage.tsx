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
import { auditActionLabel, auditActorLabel, auditTargetLabel } from '../../../shared/audit-vocabulary.ts';
import { useLabels } from '../../lib/labels.ts';
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
  const { lang } = useLabels();
  const [filter, setFilter] = useState<AuditFilter>({});
  const audit = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) => api.get<AuditPageData>(withQuery('/api/audit', { ...filter, before_seq: pageParam, limit: PAGE_SIZE })),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next_before_seq ?? undefined,
  });
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const names = Object.assign({}, ...(audit.data?.pages.map((page) => page.names) ?? [])) as Record<string, string>;
  const actionWords = (entry: AuditEntry) => auditActionLabel(entry.action, lang);
  const targetWords = (entry: AuditEntry) => (entry.target_type ? [auditTargetLabel(entry.target_type, lang), entry.target_label].filter(Boolean).join(': ') : '—');

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', sorter: (a, b) => compareNumber(a.seq, b.seq), width: 90 },
    { title: t('audit.at'), dataIndex: 'at', sorter: (a, b) => compareText(a.at, b.at), render: (value: string) => formatDateTime(value) },
    { title: t('audit.actorColumn'), key: 'actor', sorter: (a, b) => compareText(a.actor_label, b.actor_label), render: (_v, entry) => auditActorLabel(entry, lang) },
    { title: t('audit.actionColumn'), key: 'action', sorter: (a, b) => compareText(actionWords(a), actionWords(b)), render: (_v, entry) => actionWords(entry) },
    { title: t('audit.outcome'), dataIndex: 'outcome', sorter: (a, b) => compareText(a.outcome, b.outcome), render: (value: string) => <Outcome outcome={value} /> },
    {
      title: t('audit.target'),
      key: 'target',
      sorter: (a, b) => compareText(targetWords(a), targetWords(b)),
      render: (_v, entry) => targetWords(entry),
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
          <Typography.Paragraph>
            {t('audit.shown', { count: entries.length })} {t('audit.timeZone')}
          </Typography.Paragraph>
          <Table
            rowKey="seq"
            size="small"
            columns={columns}
            dataSource={entries}
            loading={audit.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: (entry) => <AuditChange before={entry.before} after={entry.after} targetType={entry.target_type} names={names} />, rowExpandable: (entry) => entry.before != null || entry.after != null }}
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
