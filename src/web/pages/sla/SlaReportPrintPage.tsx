import { Spin } from 'antd';
import { useMe } from '../../api/session.ts';
import { LoadFailed } from '../../components/Problems.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
import { useMonthParam, useOrgResults } from './sla-api.ts';
import { duration, monthLabel, percent, signedPoints, yenAmount } from './sla-format.ts';
import { useSlaText } from './sla-text.ts';
import { PrintFrame } from '../../components/PrintFrame.tsx';

// Beyond the shared print frame: this report's own marks.
const PRINT_CSS = `
.sla-report table { margin-bottom: 0; }
.sla-report tr.breached td { background: #fff1f0; }
`;

/** A plain printable SLA report of one month (?month=YYYY-MM) with a print button. */
export default function SlaReportPrintPage() {
  const { text: t, lang, fill } = useSlaText();
  const labels = useLabels();
  const me = useMe();
  const [month] = useMonthParam();
  const results = useOrgResults(month);
  const title = fill(t.report.title, { label: monthLabel(month, lang) });
  const data = results.data;
  return (
    <PrintFrame className="sla-report" css={PRINT_CSS} orientation="landscape" title={title} back={{ to: `/sla?month=${month}`, label: t.report.back }} printLabel={t.report.print} pdf={`/api/sla/results/export.pdf?month=${month}`}>
      <dl>
        <dt>{t.report.organisation}</dt>
        <dd data-testid="report-organisation">{labels.organisationName(me.organisation)}</dd>
        <dt>{t.month.pick}</dt>
        <dd>{monthLabel(month, lang)}</dd>
        <dt>{t.report.generated}</dt>
        <dd>{formatDateTime(new Date().toISOString())}</dd>
        {data && (
          <>
            <dt>{t.report.summary}</dt>
            <dd>
              {`${t.month.services} ${data.summary.services} / ${t.month.met} ${data.summary.met} / ${t.month.breached} ${data.summary.breached} / ${t.month.differs} ${data.summary.differs} / ${t.month.creditTotal} ${yenAmount(data.summary.credit_yen_total, lang)}`}
            </dd>
          </>
        )}
      </dl>
      {results.isError ? (
        <LoadFailed error={results.error} onRetry={() => void results.refetch()} />
      ) : !data ? (
        <Spin />
      ) : data.items.length === 0 ? (
        <p>{t.report.empty}</p>
      ) : (
        <table data-testid="sla-report-table">
          <caption>{fill(t.month.tableCaption, { month: monthLabel(month, lang) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t.month.key}</th>
              <th scope="col">{t.month.service}</th>
              <th scope="col">{t.month.department}</th>
              <th scope="col" className="num">{t.results.target}</th>
              <th scope="col" className="num">{t.results.contract}</th>
              <th scope="col" className="num">{t.results.own}</th>
              <th scope="col" className="num">{t.results.vendor}</th>
              <th scope="col">{t.results.diff}</th>
              <th scope="col" className="num">{t.results.outages}</th>
              <th scope="col" className="num">{t.results.outageMinutes}</th>
              <th scope="col" className="num">{t.results.mttr}</th>
              <th scope="col">{t.results.judgement}</th>
              <th scope="col" className="num">{t.results.credit}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((r) => (
              <tr key={r.entry_id} className={r.met === false ? 'breached' : undefined}>
                <td>{r.external_key}</td>
                <td>{r.entry_name}</td>
                <td>{r.department}</td>
                <td className="num">{percent(r.target, lang)}</td>
                <td className="num">{percent(r.contract_availability, lang)}</td>
                <td className="num">{percent(r.own_availability, lang)}</td>
                <td className="num">{r.vendor_availability === null ? t.results.noVendor : percent(r.vendor_availability, lang)}</td>
                <td>
                  {r.vendor_availability === null ? '—' : r.differs ? `⚠ ${t.results.differs}` : t.results.same}
                  {r.differs && r.diff_contract_vendor !== null && <div>{t.results.contractShort} {signedPoints(r.diff_contract_vendor, lang)}</div>}
                  {r.differs && r.diff_own_vendor !== null && <div>{t.results.ownShort} {signedPoints(r.diff_own_vendor, lang)}</div>}
                </td>
                <td className="num">{r.outage_count}</td>
                <td className="num">{duration(r.outage_minutes, t, fill)}</td>
                <td className="num">{duration(r.mttr_minutes, t, fill)}</td>
                <td>{r.met === null ? t.results.noTarget : r.met ? t.results.met : `✕ ${t.results.breached}`}</td>
                <td className="num">{r.credit_percent === null ? '—' : `${yenAmount(r.credit_yen ?? 0, lang)}${r.credit_percent ? `（${percent(r.credit_percent, lang)}）` : ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p style={{ marginTop: 12, fontSize: 12 }}>{t.report.notes}</p>
    </PrintFrame>
  );
}
