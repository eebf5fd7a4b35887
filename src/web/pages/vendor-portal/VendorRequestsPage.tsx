import { EditOutlined } from '@ant-design/icons';
import { Button, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { RequestStatus } from '../../../shared/assessments.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { compareNumber, compareText, formatDateTime, formatDate } from '../../lib/format.ts';
import { answersPath, useVendorRequests, type RequestSummary } from './vendor-portal-api.ts';
import { useVendorPortalText } from './vendor-portal-text.ts';
import { useLabels } from '../../lib/labels.ts';

const STATUS_TONE: Record<RequestStatus, Tone> = { pending: 'warning', answered: 'success', withdrawn: 'neutral' };

/** /vendor/requests — which municipalities asked for which answers, and what is still pending. */
export default function VendorRequestsPage() {
  const { text: t, fill, vocab } = useVendorPortalText();
  const { localName } = useLabels();
  const requests = useVendorRequests();
  const items = requests.data ?? [];
  return (
    <>
      <PageHeading title={t.requests.title} lead={t.requests.lead} />
      {requests.isError ? (
        <LoadFailed error={requests.error} onRetry={() => void requests.refetch()} />
      ) : !requests.isPending && items.length === 0 ? (
        <EmptyState title={t.requests.empty} hint={t.requests.emptyHint} action={<Link to="/vendor/services">{t.requests.toServices}</Link>} />
      ) : (
        <Table<RequestSummary>
          size="small"
          rowKey="id"
          loading={requests.isPending}
          dataSource={items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          data-testid="vendor-requests-table"
          columns={[
            { title: t.requests.organisation, dataIndex: 'organisation_name', sorter: (a, b) => compareText(a.organisation_name, b.organisation_name), render: (v: string, r) => <Typography.Text strong>{localName(v, r.organisation_name_en)}</Typography.Text> },
            { title: t.requests.service, dataIndex: 'service_name', sorter: (a, b) => compareText(a.service_name, b.service_name) },
            { title: t.requests.catalogue, key: 'catalogue', sorter: (a, b) => compareText(vocab.name(a.catalogue_name), vocab.name(b.catalogue_name)), render: (_: unknown, r) => vocab.name(r.catalogue_name) },
            {
              title: t.requests.due,
              dataIndex: 'due_date',
              defaultSortOrder: 'ascend' as const,
              sorter: (a, b) => compareText(a.due_date, b.due_date),
              render: (v: string, r) => (
                <>
                  {formatDate(v)}
                  {r.overdue && (
                    <div>
                      <StatusTag tone="error">{t.requests.overdue}</StatusTag>
                    </div>
                  )}
                </>
              ),
            },
            {
              title: t.requests.status,
              dataIndex: 'status',
              sorter: (a, b) => compareText(a.status, b.status),
              render: (v: RequestStatus, r) => (
                <>
                  <StatusTag tone={STATUS_TONE[v]}>{vocab.request(v)}</StatusTag>
                  {r.terms_accepted_at && <div style={{ fontSize: 12 }}>{t.requests.termsAccepted}</div>}
                </>
              ),
            },
            { title: t.requests.pending, dataIndex: 'pending_items', sorter: (a, b) => compareNumber(a.pending_items, b.pending_items), render: (v: number) => fill(t.requests.pendingValue, { count: v }) },
            { title: t.requests.message, dataIndex: 'message', render: (v: string | null) => (v ? <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> : '—') },
            { title: t.requests.requested, dataIndex: 'created_at', sorter: (a, b) => compareText(a.created_at, b.created_at), render: (v: string, r) => `${formatDateTime(v)} ${r.requested_label}` },
            {
              title: t.requests.open,
              key: 'open',
              render: (_: unknown, r) => (
                <Link to={answersPath(r.service_id, r.catalogue_urn)}>
                  <Button size="small" icon={<EditOutlined aria-hidden />} aria-label={`${t.requests.open}: ${r.organisation_name} ${r.service_name}`}>
                    {t.requests.open}
                  </Button>
                </Link>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
