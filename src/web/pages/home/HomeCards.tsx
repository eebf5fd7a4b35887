import { Card, Flex, Progress, Statistic } from 'antd';
import { Link } from 'react-router';
import type { IncidentSeverity } from '../../../shared/incidents.ts';
import { PlainList } from '../../components/PlainList.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useIncidentSummary } from '../incidents/incidents-api.ts';
import { usePortalServices, useVendorRequests, answersPath, type RequestSummary } from '../vendor-portal/vendor-portal-api.ts';
import { useHomeText } from './attention-text.ts';
import { QUIET } from './AttentionList.tsx';

const ALERT = { color: '#a8071a' };
const SEVERITY_TONE: Record<IncidentSeverity, 'error' | 'warning' | 'neutral'> = { critical: 'error', high: 'error', medium: 'warning', low: 'neutral' };

const CardTitle = ({ children }: { children: string }) => <h2 style={{ fontSize: 16, margin: 0 }}>{children}</h2>;

/** Open incidents across the bodies the caller coordinates (or, for a vendor, that use its services), with how each body stands. */
function OpenIncidents({ empty }: { empty: string }) {
  const { text: t, fill, severity } = useHomeText();
  const summary = useIncidentSummary();
  const open = (summary.data ?? []).filter((i) => i.status !== 'closed');
  return (
    <PlainList
      items={open}
      itemKey={(i) => i.id}
      empty={summary.isPending ? undefined : empty}
      extra={(i) => <span style={QUIET}>{formatDateTime(i.occurred_at)}</span>}
      renderItem={(i) => (
        <Flex vertical gap={2}>
          <Flex wrap gap={8} align="center">
            <StatusTag tone={SEVERITY_TONE[i.severity]}>{severity(i.severity)}</StatusTag>
            <Link to={`/incidents/${i.id}`} style={{ textDecoration: 'underline' }}>
              {i.title}
            </Link>
          </Flex>
          <span>
            {i.vendor_name ? `${i.vendor_name}・` : ''}
            {fill(t.area.incidentRow, { bodies: i.bodies, affected: i.affected, closed: i.closed })}
          </span>
        </Flex>
      )}
    />
  );
}

/** A prefecture's or association's home: its area, whatever its own register holds. */
export function AreaCard({ bodies, surveys }: { bodies: number; surveys: number }) {
  const { text: t } = useHomeText();
  const summary = useIncidentSummary();
  const open = (summary.data ?? []).filter((i) => i.status !== 'closed');
  const affected = new Set(open.flatMap((i) => i.municipalities.filter((m) => m.impact_status === 'affected').map((m) => m.organisation_id))).size;
  return (
    <Card title={<CardTitle>{t.area.title}</CardTitle>} loading={summary.isPending} extra={<Link to="/incidents/overview">{t.area.openOverview}</Link>} data-testid="home-area">
      <p style={{ ...QUIET, marginTop: 0 }}>{t.area.lead}</p>
      <Flex wrap gap={24} style={{ marginBottom: 8 }}>
        <Statistic title={t.area.bodies} value={bodies} />
        <Statistic title={t.area.openIncidents} value={open.length} valueStyle={open.length ? ALERT : undefined} />
        <Statistic title={t.area.affected} value={affected} valueStyle={affected ? ALERT : undefined} />
        <Statistic title={t.area.surveys} value={surveys} />
      </Flex>
      <OpenIncidents empty={t.area.incidentsEmpty} />
    </Card>
  );
}

/** A vendor's open incidents with how each using body stands. */
export function VendorIncidentsCard() {
  const { text: t } = useHomeText();
  return (
    <Card title={<CardTitle>{t.vendor.incidentsTitle}</CardTitle>} extra={<Link to="/incidents">{t.vendor.openIncidents}</Link>} data-testid="home-vendor-incidents">
      <OpenIncidents empty={t.vendor.incidentsEmpty} />
    </Card>
  );
}

/** A vendor's first question: which organisations asked for what, and how far the answers have come. */
export function VendorRequestsCard() {
  const { text: t, fill, lang } = useHomeText();
  const requests = useVendorRequests();
  const services = usePortalServices();
  if (requests.isError) return null;
  const totals = new Map((services.data ?? []).flatMap((s) => s.catalogues.map((c) => [`${s.id} ${c.urn}`, c.items_total] as const)));
  const active = (requests.data ?? []).filter((r) => r.status !== 'withdrawn');
  const byOrganisation = new Map<string, RequestSummary[]>();
  for (const r of active) byOrganisation.set(r.organisation_name, [...(byOrganisation.get(r.organisation_name) ?? []), r]);
  const groups = [...byOrganisation.entries()].sort(([a, ra], [b, rb]) => Number(rb.some((r) => r.overdue)) - Number(ra.some((r) => r.overdue)) || a.localeCompare(b, 'ja'));
  return (
    <Card title={<CardTitle>{t.vendor.requestsTitle}</CardTitle>} loading={requests.isPending || services.isPending} extra={<Link to="/vendor/requests">{t.vendor.openRequests}</Link>} data-testid="home-vendor-requests">
      <p style={{ ...QUIET, marginTop: 0 }}>{t.vendor.requestsLead}</p>
      <PlainList
        items={groups}
        itemKey={([name]) => name}
        empty={t.vendor.requestsEmpty}
        renderItem={([name, rows]) => (
          <Flex vertical gap={4}>
            <strong>{name}</strong>
            {rows.map((r) => {
              const total = totals.get(`${r.service_id} ${r.catalogue_urn}`) ?? r.pending_items;
              const answered = total - r.pending_items;
              return (
                <Flex key={r.id} wrap gap={12} align="center">
                  <Link to={answersPath(r.service_id, r.catalogue_urn)} style={{ textDecoration: 'underline', minWidth: 260 }}>
                    {r.service_name}（{r.catalogue_name[lang]}）
                  </Link>
                  <Progress
                    percent={total ? Math.round((answered / total) * 100) : 0}
                    size="small"
                    style={{ width: 160, margin: 0 }}
                    format={() => fill(t.vendor.progress, { answered, total })}
                    aria-label={`${name} ${r.service_name} ${fill(t.vendor.progress, { answered, total })}`}
                  />
                  <span style={r.overdue ? ALERT : QUIET}>{fill(t.due, { date: r.due_date.replaceAll('-', '/') })}</span>
                  <StatusTag tone={r.overdue ? 'error' : r.status === 'answered' ? 'success' : 'info'}>{r.overdue ? t.vendor.overdue : t.vendor.status[r.status]}</StatusTag>
                </Flex>
              );
            })}
          </Flex>
        )}
      />
    </Card>
  );
}

/** The vendor's services: how many organisations use each and how far its answers go. */
export function VendorServicesCard() {
  const { text: t, fill, lang } = useHomeText();
  const services = usePortalServices();
  if (services.isError) return null;
  return (
    <Card title={<CardTitle>{t.vendor.servicesTitle}</CardTitle>} loading={services.isPending} extra={<Link to="/vendor/services">{t.vendor.openServices}</Link>} data-testid="home-vendor-services">
      <PlainList
        items={services.data ?? []}
        itemKey={(s) => s.id}
        empty={t.vendor.servicesEmpty}
        extra={(s) => <span style={QUIET}>{fill(t.vendor.linked, { n: s.linked_organisations })}</span>}
        renderItem={(s) => (
          <Flex vertical gap={2}>
            <strong>{s.name}</strong>
            {s.catalogues.map((c) => (
              <Link key={c.urn} to={answersPath(s.id, c.urn)} style={{ textDecoration: 'underline' }}>
                {fill(t.vendor.answerProgress, { catalogue: c.name[lang], answered: c.answered, total: c.items_total })}
              </Link>
            ))}
          </Flex>
        )}
      />
    </Card>
  );
}
