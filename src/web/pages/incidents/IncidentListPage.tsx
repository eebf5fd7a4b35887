import { AppstoreOutlined, BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Space, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { INCIDENT_STATUSES, INCIDENT_TYPES, type IncidentStatus, type IncidentType } from '../../../shared/incidents.ts';
import { useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { compareNumber, compareText, formatDateTime } from '../../lib/format.ts';
import { isCoordinator, mayReport, useIncidents, useVendorFigures, type IncidentListItem, type VendorFigures } from './incidents-api.ts';
import { duration, ImpactTag, IncidentStatusTag, sectionTitle, SeverityTag } from './incidents-format.tsx';
import { useIncidentText } from './incidents-text.ts';

const SEVERITY_ORDER = { low: 0, medium: 1, high: 2, critical: 3 } as const;
const STATUS_ORDER = { open: 0, mitigated: 1, recovered: 2, closed: 3 } as const;

/** The incidents the caller sees, with status/type filters and search kept in the address; vendor figures for municipalities. */
export default function IncidentListPage() {
  const { text: t, fill, vocab } = useIncidentText();
  const me = useMe();
  const kind = me.organisation.kind;
  const [params, setParams] = useSearchParams();
  const status = (INCIDENT_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as IncidentStatus) : undefined;
  const type = (INCIDENT_TYPES as readonly string[]).includes(params.get('type') ?? '') ? (params.get('type') as IncidentType) : undefined;
  const q = params.get('q') ?? '';
  const incidents = useIncidents({ status, type, q: q.trim() || undefined });
  const isMunicipality = kind === 'municipality';
  const figures = useVendorFigures(isMunicipality);
  const filtered = Boolean(status || type || q);

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const lead = kind === 'vendor' ? t.list.leadVendor : isCoordinator(me) ? t.list.leadCoordinator : t.list.leadMunicipality;
  const emptyHint = kind === 'vendor' ? t.list.emptyHintVendor : isCoordinator(me) ? t.list.emptyHintCoordinator : t.list.emptyHintMunicipality;
  const reportButton = mayReport(me) && (
    <Link to="/incidents/new">
      <Button type="primary" icon={<PlusOutlined aria-hidden />}>{t.list.report}</Button>
    </Link>
  );
  const actions = (
    <Space wrap>
      {reportButton}
      {kind === 'vendor' && (
        <Link to="/vendor/services">
          <Button icon={<AppstoreOutlined aria-hidden />}>{t.list.services}</Button>
        </Link>
      )}
      {(isCoordinator(me) || kind === 'vendor') && (
        <Link to="/incidents/overview">
          <Button icon={<BarChartOutlined aria-hidden />}>{t.list.overview}</Button>
        </Link>
      )}
    </Space>
  );

  const columns = [
    {
      title: t.list.titleCol,
      dataIndex: 'title',
      key: 'title',
      width: 360,
      sorter: (a: IncidentListItem, b: IncidentListItem) => compareText(a.title, b.title),
      render: (v: string, r: IncidentListItem) => (
        <>
          <Link to={`/incidents/${r.id}`} style={{ textDecoration: 'underline' }}>{v}</Link>
          <div style={{ fontSize: 12 }}>
            {r.reporter_kind === 'vendor'
              ? `${t.list.byVendor}: ${r.vendor_name ?? r.reporter_name}${r.vendor_service ? `（${r.vendor_service.name}）` : ''}`
              : `${fill(t.list.reportedBy, { name: r.reporter_name })}${r.vendor_name ? ` ・ ${r.vendor_name}${r.vendor_service ? `（${r.vendor_service.name}）` : ''}` : ''}`}
          </div>
        </>
      ),
    },
    { title: t.list.type, dataIndex: 'type', key: 'type', sorter: (a: IncidentListItem, b: IncidentListItem) => compareText(vocab.type(a.type), vocab.type(b.type)), render: (v: IncidentType) => <span style={{ whiteSpace: 'nowrap' }}>{vocab.type(v)}</span> },
    {
      title: t.list.severity,
      dataIndex: 'severity',
      key: 'severity',
      sorter: (a: IncidentListItem, b: IncidentListItem) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
      render: (v: IncidentListItem['severity']) => <SeverityTag value={v} />,
    },
    {
      title: t.list.status,
      dataIndex: 'status',
      key: 'status',
      sorter: (a: IncidentListItem, b: IncidentListItem) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
      render: (v: IncidentStatus) => <IncidentStatusTag value={v} />,
    },
    {
      title: t.list.occurred,
      dataIndex: 'occurred_at',
      key: 'occurred_at',
      defaultSortOrder: 'descend' as const,
      sorter: (a: IncidentListItem, b: IncidentListItem) => compareText(a.occurred_at ?? a.created_at, b.occurred_at ?? b.created_at),
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    {
      title: t.list.bodies,
      key: 'bodies',
      sorter: (a: IncidentListItem, b: IncidentListItem) => compareNumber(a.participant_count, b.participant_count),
      render: (_: unknown, r: IncidentListItem) => <span style={{ whiteSpace: 'nowrap' }}>{fill(t.list.bodiesValue, { count: r.participant_count, affected: r.affected_count })}</span>,
    },
    ...(isMunicipality
      ? [
          {
            title: t.list.myImpact,
            key: 'my_impact',
            sorter: (a: IncidentListItem, b: IncidentListItem) => compareText(a.my_impact_status, b.my_impact_status),
            render: (_: unknown, r: IncidentListItem) =>
              r.my_impact_status ? (
                <Flex gap={4} wrap>
                  <ImpactTag value={r.my_impact_status} />
                  {r.my_closed && <StatusTag tone="neutral">{t.list.myClosed}</StatusTag>}
                </Flex>
              ) : (
                t.list.notParticipant
              ),
          },
        ]
      : []),
  ];

  const items = incidents.data ?? [];
  return (
    <>
      <PageHeading title={t.list.title} lead={lead} extra={actions} />
      <Flex gap={12} wrap align="end" style={{ marginBottom: 12 }} role="search" aria-label={t.list.filters}>
        <div>
          <label htmlFor="incident-filter-status" style={{ display: 'block', marginBottom: 4 }}>{t.list.filterStatus}</label>
          <Select
            id="incident-filter-status"
            style={{ width: 160 }}
            value={status ?? ''}
            onChange={(v: string) => setParam('status', v || undefined)}
            options={[{ value: '', label: t.list.all }, ...INCIDENT_STATUSES.map((s) => ({ value: s, label: vocab.status(s) }))]}
          />
        </div>
        <div>
          <label htmlFor="incident-filter-type" style={{ display: 'block', marginBottom: 4 }}>{t.list.filterType}</label>
          <Select
            id="incident-filter-type"
            style={{ width: 200 }}
            value={type ?? ''}
            onChange={(v: string) => setParam('type', v || undefined)}
            options={[{ value: '', label: t.list.all }, ...INCIDENT_TYPES.map((s) => ({ value: s, label: vocab.type(s) }))]}
          />
        </div>
        <div style={{ flex: '1 1 260px', maxWidth: 420 }}>
          <label htmlFor="incident-search" style={{ display: 'block', marginBottom: 4 }}>{t.list.search}</label>
          <Input.Search id="incident-search" defaultValue={q} key={q} allowClear enterButton onSearch={(v) => setParam('q', v.trim() || undefined)} />
        </div>
        {filtered && <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t.list.clear}</Button>}
      </Flex>
      <Typography.Paragraph>
        <strong data-testid="incident-count">{fill(t.list.count, { count: items.length })}</strong>
      </Typography.Paragraph>
      {incidents.isError ? (
        <LoadFailed error={incidents.error} onRetry={() => void incidents.refetch()} />
      ) : !incidents.isPending && items.length === 0 ? (
        <EmptyState title={filtered ? t.list.emptyFiltered : t.list.empty} hint={filtered ? undefined : emptyHint} action={!filtered && reportButton} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={incidents.isPending}
          dataSource={items}
          columns={columns}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          data-testid="incident-table"
        />
      )}
      {isMunicipality && <VendorFiguresCard figures={figures.data} loading={figures.isPending} error={figures.error} onRetry={() => void figures.refetch()} />}
    </>
  );
}

function VendorFiguresCard({ figures, loading, error, onRetry }: { figures: VendorFigures[] | undefined; loading: boolean; error: unknown; onRetry: () => void }) {
  const { text: t, fill } = useIncidentText();
  return (
    <Card title={sectionTitle(t.list.figuresTitle)} style={{ marginTop: 16 }} data-testid="vendor-figures">
      <Typography.Paragraph>{t.list.figuresLead}</Typography.Paragraph>
      {error ? (
        <LoadFailed error={error} onRetry={onRetry} />
      ) : (
        <Table
          size="small"
          rowKey="vendor_name"
          loading={loading}
          dataSource={figures ?? []}
          pagination={false}
          locale={{ emptyText: t.list.figuresEmpty }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t.list.figuresVendor, dataIndex: 'vendor_name', sorter: (a: VendorFigures, b: VendorFigures) => compareText(a.vendor_name, b.vendor_name) },
            { title: t.list.figuresIncidents, dataIndex: 'incidents', align: 'right' as const, sorter: (a: VendorFigures, b: VendorFigures) => a.incidents - b.incidents },
            {
              title: t.list.figuresFirstReport,
              dataIndex: 'median_first_report_minutes',
              align: 'right' as const,
              sorter: (a: VendorFigures, b: VendorFigures) => compareNumber(a.median_first_report_minutes, b.median_first_report_minutes),
              render: (v: number | null) => duration(v, t, fill),
            },
            {
              title: t.list.figuresRecovery,
              dataIndex: 'median_recovery_minutes',
              align: 'right' as const,
              sorter: (a: VendorFigures, b: VendorFigures) => compareNumber(a.median_recovery_minutes, b.median_recovery_minutes),
              render: (v: number | null) => duration(v, t, fill),
            },
            {
              title: t.list.figuresLate,
              dataIndex: 'first_report_late',
              align: 'right' as const,
              sorter: (a: VendorFigures, b: VendorFigures) => a.first_report_late - b.first_report_late,
              render: (v: number) => (v > 0 ? <StatusTag tone="error">{fill(t.list.figuresLateValue, { count: v })}</StatusTag> : fill(t.list.figuresLateValue, { count: v })),
            },
          ]}
        />
      )}
    </Card>
  );
}
