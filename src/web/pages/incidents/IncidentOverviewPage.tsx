import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Statistic, Table } from 'antd';
import { Link } from 'react-router';
import { useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { compareNumber, compareText, formatDateTime } from '../../lib/format.ts';
import { isCoordinator, useIncidentSummary, type IncidentSummaryItem } from './incidents-api.ts';
import { ImpactTag, IncidentStatusTag, SeverityTag } from './incidents-format.tsx';
import { useIncidentText } from './incidents-text.ts';
import { useLabels } from '../../lib/labels.ts';

const SEVERITY_ORDER = { low: 0, medium: 1, high: 2, critical: 3 } as const;
const STATUS_ORDER = { open: 0, mitigated: 1, recovered: 2, closed: 3 } as const;

type Municipality = IncidentSummaryItem['municipalities'][number];

/** /incidents/overview — for a prefecture or association (and a vendor): per incident, how many bodies take part and how each stands. */
export default function IncidentOverviewPage() {
  const { text: t, fill, vocab } = useIncidentText();
  const { localName } = useLabels();
  const me = useMe();
  const allowed = isCoordinator(me) || me.organisation.kind === 'vendor';
  const summary = useIncidentSummary(allowed);
  const back = (
    <Link to="/incidents">
      <Button icon={<ArrowLeftOutlined aria-hidden />}>{t.overview.toList}</Button>
    </Link>
  );
  if (!allowed) {
    return (
      <>
        <PageHeading title={t.overview.title} extra={back} />
        <EmptyState title={t.overview.notForYou} hint={t.overview.notForYouHint} action={<Link to="/incidents">{t.overview.toList}</Link>} />
      </>
    );
  }
  const items = summary.data ?? [];
  const open = items.filter((i) => i.status !== 'closed').length;
  const affected = items.filter((i) => i.status !== 'closed').reduce((sum, i) => sum + i.affected, 0);

  const columns = [
    {
      title: t.overview.incident,
      dataIndex: 'title',
      key: 'title',
      width: 320,
      defaultSortOrder: 'descend' as const,
      sorter: (a: IncidentSummaryItem, b: IncidentSummaryItem) => compareText(a.occurred_at, b.occurred_at),
      render: (v: string, r: IncidentSummaryItem) => (
        <>
          <Link to={`/incidents/${r.id}`} style={{ textDecoration: 'underline' }}>{v}</Link>
          <div style={{ fontSize: 12 }}>
            {vocab.type(r.type)} ・ {r.vendor_name ?? '—'} ・ {formatDateTime(r.occurred_at)}
          </div>
        </>
      ),
    },
    {
      title: t.list.severity,
      dataIndex: 'severity',
      key: 'severity',
      sorter: (a: IncidentSummaryItem, b: IncidentSummaryItem) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
      render: (v: IncidentSummaryItem['severity']) => <SeverityTag value={v} />,
    },
    {
      title: t.list.status,
      dataIndex: 'status',
      key: 'status',
      sorter: (a: IncidentSummaryItem, b: IncidentSummaryItem) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
      render: (v: IncidentSummaryItem['status']) => <IncidentStatusTag value={v} />,
    },
    {
      title: t.overview.bodies,
      dataIndex: 'bodies',
      key: 'bodies',
      width: 170,
      sorter: (a: IncidentSummaryItem, b: IncidentSummaryItem) => compareNumber(a.affected, b.affected) || compareNumber(a.bodies, b.bodies),
      render: (v: number, r: IncidentSummaryItem) => (
        <>
          <div>{fill(t.overview.bodiesValue, { count: v })}</div>
          <div style={{ fontSize: 12 }}>{fill(t.overview.counts, { affected: r.affected, recovered: r.recovered, closed: r.closed })}</div>
        </>
      ),
    },
    {
      title: t.overview.municipalities,
      key: 'municipalities',
      render: (_: unknown, r: IncidentSummaryItem) => (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={`${r.title}: ${t.overview.municipalities}`}>
          {[...r.municipalities]
            .sort((a: Municipality, b: Municipality) => compareText(a.organisation_name, b.organisation_name))
            .map((m) => (
              <li key={m.organisation_id} style={{ marginBottom: 4 }} data-testid="overview-municipality">
                <Flex gap={6} wrap align="center">
                  <span>{localName(m.organisation_name, m.organisation_name_en)}</span>
                  <ImpactTag value={m.impact_status} />
                  {m.closed_at ? <StatusTag tone="success">{t.overview.handlingClosed}</StatusTag> : <StatusTag tone="warning">{t.overview.handlingOpen}</StatusTag>}
                </Flex>
              </li>
            ))}
        </ul>
      ),
    },
  ];

  return (
    <>
      <PageHeading title={t.overview.title} lead={me.organisation.kind === 'vendor' ? t.overview.leadVendor : t.overview.lead} extra={back} />
      {summary.isError ? (
        <LoadFailed error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={8}><Card size="small"><Statistic title={t.overview.total} value={items.length} loading={summary.isPending} /></Card></Col>
          <Col xs={12} md={8}>
            <Card size="small"><Statistic title={t.overview.open} value={open} loading={summary.isPending} valueStyle={open ? { color: '#a8071a' } : undefined} /></Card>
          </Col>
          <Col xs={24} md={8}>
            <Card size="small"><Statistic title={t.overview.affectedBodies} value={affected} loading={summary.isPending} valueStyle={affected ? { color: '#a8071a' } : undefined} /></Card>
          </Col>
          <Col xs={24}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.overview.caption}</h2>}>
              {!summary.isPending && items.length === 0 ? (
                <EmptyState title={t.overview.empty} hint={t.overview.emptyHint} />
              ) : (
                <Table
                  size="small"
                  rowKey="id"
                  loading={summary.isPending}
                  dataSource={items}
                  columns={columns}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  scroll={{ x: 900 }}
                  data-testid="incident-overview-table"
                  onRow={(r) => ({ style: r.status !== 'closed' && r.affected > 0 ? { background: '#fff1f0' } : undefined })}
                />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
