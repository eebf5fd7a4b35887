import { DownloadOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { LoadFailed, NotFound } from '../../components/Problems.tsx';
import { formatCount, formatDateTime, formatDate } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
import { incidentApi, useIncident, type IncidentFigures } from './incidents-api.ts';
import { duration, yenText } from './incidents-format.tsx';
import { sortEvents } from './incident-panels.tsx';
import { useIncidentText } from './incidents-text.ts';
import { PrintFrame } from '../../components/PrintFrame.tsx';

// Beyond the shared print frame: this report's own marks.
const PRINT_CSS = `
.incident-report caption { font-size: 15px; }
.incident-report tr.late td { background: #fff1f0; }
.incident-report .pre { white-space: pre-wrap; }
.incident-report .when { white-space: nowrap; }
`;

/** /incidents/:id/print — the closing report as a plain printable page (the same content as the .xlsx). */
export default function IncidentPrintPage() {
  const { id } = useParams();
  const { text: t, lang, fill, vocab } = useIncidentText();
  const labels = useLabels();
  const me = useMe();
  const incident = useIncident(id);
  if (incident.isError) return incident.error instanceof ApiError && incident.error.status === 404 ? <NotFound /> : <LoadFailed error={incident.error} onRetry={() => void incident.refetch()} />;
  if (!incident.data) return <Spin />;
  const d = incident.data;
  const f: IncidentFigures = d.figures;
  const time = (m: number | null) => duration(m, t, fill);
  const verdict = (met: boolean | null, ok: string, late: string) => (met === null ? '—' : met ? ok : `✕ ${late}`);
  const mine = d.my_participation;
  return (
    <PrintFrame className="incident-report" css={PRINT_CSS} orientation="portrait" title={`${t.print.title}：${d.title}`} back={{ to: `/incidents/${d.id}`, label: t.print.back }} printLabel={t.print.print} pdf={`/api/incidents/${d.id}/report.pdf`} actions={<Button icon={<DownloadOutlined aria-hidden />} href={incidentApi.reportUrl(d.id)}>{t.detail.xlsx}</Button>}>
      <dl>
        <dt>{t.print.organisation}</dt>
        <dd data-testid="report-organisation">{labels.organisationName(me.organisation)}</dd>
        <dt>{t.print.generated}</dt>
        <dd>{formatDateTime(new Date().toISOString())}</dd>
      </dl>

      <table data-testid="incident-report-summary">
        <caption>{t.print.basics}</caption>
        <tbody>
          <tr><th scope="row">{t.report.titleField}</th><td>{d.title}</td></tr>
          <tr><th scope="row">{t.list.type}</th><td>{vocab.type(d.type)}</td></tr>
          <tr><th scope="row">{t.list.severity}</th><td>{vocab.severity(d.severity)}</td></tr>
          <tr><th scope="row">{t.list.status}</th><td>{vocab.status(d.status)}</td></tr>
          <tr><th scope="row">{t.detail.reporter}</th><td>{d.reporter_name}</td></tr>
          <tr><th scope="row">{t.detail.vendor}</th><td>{d.vendor_name ? `${d.vendor_name}${d.vendor_service ? ` ／ ${d.vendor_service.name}` : ''}` : '—'}</td></tr>
          <tr><th scope="row">{t.detail.summary}</th><td className="pre">{d.summary || '—'}</td></tr>
          <tr><th scope="row">{t.detail.participants}</th><td>{fill(t.detail.participantsValue, { count: d.participant_count })}</td></tr>
          <tr><th scope="row">{t.detail.records}</th><td>{d.records_affected === null ? '—' : formatCount(d.records_affected, lang)}</td></tr>
          <tr><th scope="row">{t.detail.residents}</th><td>{d.residents_affected === null ? '—' : formatCount(d.residents_affected, lang)}</td></tr>
          <tr><th scope="row">{t.detail.leakEstimate}</th><td>{d.leak_estimate_yen === null ? '—' : yenText(d.leak_estimate_yen, lang, t, fill)}</td></tr>
          <tr><th scope="row">{t.detail.reportedAt}</th><td>{formatDateTime(d.created_at)}</td></tr>
          <tr><th scope="row">{t.detail.closedAt}</th><td>{formatDateTime(d.closed_at)}</td></tr>
        </tbody>
      </table>

      <table data-testid="incident-report-figures">
        <caption>{t.print.figures}</caption>
        <thead>
          <tr>
            <th scope="col">{t.print.item}</th>
            <th scope="col" className="num">{t.print.value}</th>
            <th scope="col">{t.print.at}</th>
            <th scope="col">{t.list.status}</th>
          </tr>
        </thead>
        <tbody>
          <tr className={f.first_report_met === false ? 'late' : undefined}>
            <th scope="row">{t.figures.firstReport}</th>
            <td className="num">{time(f.first_report_minutes)}</td>
            <td>{formatDateTime(f.first_report_at)}</td>
            <td>
              {verdict(f.first_report_met, t.figures.met, t.figures.late)}
              <div>{f.first_report_commitment_minutes === null ? t.figures.noCommitment : fill(t.figures.commitment, { time: time(f.first_report_commitment_minutes) })}</div>
            </td>
          </tr>
          <tr className={f.recovery_met === false ? 'late' : undefined}>
            <th scope="row">{t.figures.recovery}</th>
            <td className="num">{time(f.recovery_minutes)}</td>
            <td>{formatDateTime(f.recovered_at)}</td>
            <td>
              {f.recovery_minutes === null ? t.figures.waitingRecovery : verdict(f.recovery_met, t.figures.mttrMet, t.figures.mttrLate)}
              <div>{f.mttr_target_minutes === null ? t.figures.noMttr : fill(t.figures.mttr, { time: time(f.mttr_target_minutes) })}</div>
            </td>
          </tr>
          <tr>
            <th scope="row">{t.figures.publication}</th>
            <td className="num">{time(f.publication_minutes)}</td>
            <td>{formatDateTime(f.published_at)}</td>
            <td>{f.publication_minutes === null ? t.figures.notPublished : '—'}</td>
          </tr>
        </tbody>
      </table>

      <table data-testid="incident-report-timeline">
        <caption>{t.print.timeline}</caption>
        <thead>
          <tr>
            <th scope="col">{t.print.at}</th>
            <th scope="col">{t.event.type}</th>
            <th scope="col">{t.participants.organisation}</th>
            <th scope="col">{t.event.source}</th>
            <th scope="col">{t.event.note}</th>
            <th scope="col" className="when">{t.timeline.shared}</th>
          </tr>
        </thead>
        <tbody>
          {sortEvents(d.events).map((e) => (
            <tr key={e.id}>
              <td className="when">{formatDateTime(e.at)}</td>
              <td className="when">{vocab.event(e.type)}</td>
              <td>{e.organisation_name}</td>
              <td>{e.source ?? '—'}</td>
              <td className="pre">{e.note ?? '—'}</td>
              <td className="when">{e.shared ? t.timeline.shared : t.timeline.private}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {d.participants.length > 0 && (
        <table data-testid="incident-report-participants">
          <caption>{t.print.participants}</caption>
          <thead>
            <tr>
              <th scope="col">{t.participants.organisation}</th>
              <th scope="col">{t.participants.impact}</th>
              <th scope="col" className="num">{t.participants.residents}</th>
              <th scope="col">{t.participants.handling}</th>
            </tr>
          </thead>
          <tbody>
            {d.participants.map((p) => (
              <tr key={p.organisation_id}>
                <td>{p.organisation_name}</td>
                <td>{vocab.impact(p.impact_status)}</td>
                <td className="num">{p.residents_affected === null ? '—' : formatCount(p.residents_affected, lang)}</td>
                <td>{p.closed_at ? fill(t.participants.handlingClosed, { at: formatDateTime(p.closed_at) }) : t.participants.handlingOpen}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {mine && (
        <table data-testid="incident-report-impact">
          <caption>{t.print.impact}</caption>
          <tbody>
            <tr><th scope="row">{t.impact.entry}</th><td>{mine.entry_name ?? '—'}</td></tr>
            <tr><th scope="row">{t.impact.status}</th><td>{vocab.impact(mine.impact_status)}</td></tr>
            <tr><th scope="row">{t.impact.residents}</th><td>{mine.residents_affected === null ? '—' : formatCount(mine.residents_affected, lang)}</td></tr>
            <tr><th scope="row">{t.impact.notes}</th><td className="pre">{mine.impact_notes || '—'}</td></tr>
            <tr><th scope="row">{t.participants.handling}</th><td>{mine.closed_at ? fill(t.participants.handlingClosed, { at: formatDateTime(mine.closed_at) }) : t.participants.handlingOpen}</td></tr>
          </tbody>
        </table>
      )}

      <table data-testid="incident-report-actions">
        <caption>{t.print.actions}</caption>
        <thead>
          <tr>
            <th scope="col">{t.actions.titleCol}</th>
            <th scope="col">{t.actions.owner}</th>
            <th scope="col">{t.actions.due}</th>
            <th scope="col">{t.actions.status}</th>
            <th scope="col">{t.actions.done}</th>
          </tr>
        </thead>
        <tbody>
          {d.actions.length === 0 ? (
            <tr><td colSpan={5}>{t.print.none}</td></tr>
          ) : (
            d.actions.map((a) => (
              <tr key={a.id}>
                <td className="pre">{a.title}</td>
                <td>{a.owner}</td>
                <td>{formatDate(a.due_on)}</td>
                <td>{vocab.action(a.status)}</td>
                <td>{formatDate(a.done_on)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </PrintFrame>
  );
}
