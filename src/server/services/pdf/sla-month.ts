import { organisationName } from '../../repositories/organisations.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import { organisationMonthResults } from '../sla/results.ts';
import { DETAIL_HEADERS, DETAIL_WIDTHS, DIFFERS_MARK, NONE, PERCENT, POINTS, RESULT_COLUMNS, outageDetailRows, reportTitle, totalsRow } from '../sla/report-export.ts';
import { dataTable, renderPdf, sectionHeading, usableWidth } from './frame.ts';

/** A figure as the workbook's number format shows it (percentages to 0.001, points with their sign). */
function figure(value: string | number | null, numFmt: string | undefined): string | number {
  if (value === null || value === '') return value === '' ? '' : NONE;
  if (typeof value === 'string') return value;
  if (numFmt === PERCENT) return `${value.toFixed(3)}%`;
  if (numFmt === POINTS) return `${value > 0 ? '+' : ''}${value.toFixed(3)}pt`;
  if (numFmt?.endsWith('"%"')) return `${Math.round(value * 100) / 100}%`;
  return value;
}

/** Widths in points proportional to the workbook's column widths, filling the page. */
function widthsOf(weights: number[]) {
  const total = weights.reduce((a, b) => a + b, 0);
  const room = usableWidth('landscape') - weights.length * 7;
  return weights.map((w) => (w / total) * room);
}

/** The SLA month report as a PDF: what the monthly .xlsx holds (results per service with totals, then every outage). */
export async function slaMonthPdf(deps: Deps, actor: Actor, month: string) {
  const results = await organisationMonthResults(deps, actor, month);
  const now = deps.now();
  const { summary } = results;
  const rows = results.items.map((item) => RESULT_COLUMNS.map((c) => figure(c.value(item), c.numFmt)));
  const totals = totalsRow(results).map((v, i) => (v === null ? '' : figure(v, RESULT_COLUMNS[i].numFmt)));
  const outages = await outageDetailRows(deps, actor, results, month, now);
  const title = reportTitle(month);
  const buffer = await renderPdf(
    {
      title,
      organisation: await organisationName(deps.db, actor.organisationId),
      orientation: 'landscape',
      subtitle: [`対象 ${summary.services}サービス\u3000達成 ${summary.met}・未達 ${summary.breached}\u3000事業者報告との差異 ${summary.differs}件（「${DIFFERS_MARK}」の列）`],
      approval: true,
      body: [
        sectionHeading('月次結果'),
        dataTable(RESULT_COLUMNS.map((c) => c.header), [...rows, totals], { widths: widthsOf(RESULT_COLUMNS.map((c) => c.width)), fontSize: 7 }),
        sectionHeading('障害明細'),
        outages.length ? dataTable(DETAIL_HEADERS, outages, { widths: widthsOf(DETAIL_WIDTHS), fontSize: 7 }) : { text: 'この月の障害の記録はありません。' },
      ],
    },
    now,
  );
  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'sla_report.export', targetType: 'sla_report', after: { month, format: 'pdf', services: summary.services } }, now));
  return { buffer, filename: `sla-report-${month}.pdf`, title };
}
