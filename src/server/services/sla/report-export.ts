import ExcelJS from 'exceljs';
import { formatJapanDateTime } from '../../../domain/japan-time.ts';
import { japanMonth, MINUTE } from '../../../domain/sla/intervals.ts';
import { LABELS, parseYearMonth, type OutageCause, type OutageSource } from '../../../shared/sla.ts';
import { listOutages } from '../../repositories/sla.ts';
import { recordAudit } from '../audit.ts';
import { headerRow } from '../register-io/export.ts';
import type { Actor, Deps } from '../deps.ts';
import { organisationMonthResults } from './results.ts';

// The monthly SLA report as a workbook: one row per service with the three ways of seeing the month
// (contract, our own measurement, the vendor's report), and every outage behind the figures.

export type MonthResults = Awaited<ReturnType<typeof organisationMonthResults>>;
type Item = MonthResults['items'][number];

export const RESULT_SHEET = '月次結果';
export const DETAIL_SHEET = '障害明細';
/** The mark of a service whose vendor figure disagrees with ours: text beside the fill colour, never colour alone. */
export const DIFFERS_MARK = '差異あり';

export const PERCENT = '0.000"%"';
export const POINTS = '+0.000"pt";-0.000"pt";0.000"pt"';
const MINUTES = '#,##0.##';
const YEN = '#,##0';
export const NONE = '—';
const HIGHLIGHT: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE699' } };

interface ResultColumn {
  header: string;
  width: number;
  value: (item: Item) => string | number | null;
  numFmt?: string;
}

function achievement(item: Item): string {
  const base = item.met === null ? '目標なし' : item.met ? '達成' : '未達';
  return item.mttr_met === false ? `${base}（MTTR未達）` : base;
}

export const RESULT_COLUMNS: ResultColumn[] = [
  { header: '管理番号', width: 12, value: (i) => i.external_key },
  { header: 'サービス名', width: 30, value: (i) => i.entry_name },
  { header: '所管課', width: 14, value: (i) => i.department },
  { header: '目標稼働率', width: 11, value: (i) => i.target, numFmt: PERCENT },
  { header: '契約基準の稼働率', width: 11, value: (i) => i.contract_availability, numFmt: PERCENT },
  { header: '自団体計測', width: 11, value: (i) => i.own_availability, numFmt: PERCENT },
  { header: '事業者報告', width: 11, value: (i) => i.vendor_availability, numFmt: PERCENT },
  { header: '差(契約−報告)', width: 12, value: (i) => i.diff_contract_vendor, numFmt: POINTS },
  { header: '事業者報告との差異', width: 12, value: (i) => (i.differs ? DIFFERS_MARK : '') },
  { header: '停止回数', width: 8, value: (i) => i.outage_count },
  { header: '停止時間(分)', width: 11, value: (i) => i.outage_minutes, numFmt: MINUTES },
  { header: 'MTTR(分)', width: 10, value: (i) => i.mttr_minutes, numFmt: MINUTES },
  { header: '達成/未達', width: 16, value: achievement },
  { header: '減額率', width: 8, value: (i) => i.credit_percent, numFmt: '0.##"%"' },
  { header: '減額(円)', width: 12, value: (i) => i.credit_yen, numFmt: YEN },
];

export const DETAIL_HEADERS = ['管理番号', 'サービス名', '情報源', '発生日時', '検知日時', '報告日時', '事業者確認日時', '復旧日時', '停止時間(分)', 'うち当月(分)', '原因区分', '内容'];
export const DETAIL_WIDTHS = [12, 28, 12, 17, 17, 17, 17, 17, 11, 11, 18, 50];

/** Japan time as yyyy/MM/dd HH:mm. */
function japanMinute(value: string | null): string {
  return value ? formatJapanDateTime(value).slice(0, 16) : '';
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** `SLA月次報告 2026年10月`. */
export function reportTitle(month: string): string {
  return `SLA月次報告 ${month.slice(0, 4)}年${month.slice(5, 7)}月`;
}

export function reportFilename(month: string): string {
  return `sla-report-${month}.xlsx`;
}

function printable(sheet: ExcelJS.Worksheet, titleRows: string) {
  sheet.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: titleRows, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } };
  sheet.headerFooter = { oddFooter: '&P / &N' };
}

/** The 合計 row under the results, one cell per RESULT_COLUMNS column (null where nothing adds up). */
export function totalsRow(results: MonthResults): (string | number | null)[] {
  const { summary } = results;
  const at = (header: string) => RESULT_COLUMNS.findIndex((c) => c.header === header);
  const totals: (string | number | null)[] = RESULT_COLUMNS.map(() => null);
  totals[at('管理番号')] = '合計';
  totals[at('サービス名')] = `${summary.services}サービス`;
  totals[at('事業者報告との差異')] = `${summary.differs}件`;
  totals[at('停止回数')] = results.items.reduce((n, i) => n + i.outage_count, 0);
  totals[at('停止時間(分)')] = round2(results.items.reduce((n, i) => n + i.outage_minutes, 0));
  totals[at('達成/未達')] = `達成${summary.met}・未達${summary.breached}`;
  totals[at('減額(円)')] = summary.credit_yen_total;
  return totals;
}

/** Every outage of the month's services that overlaps the month, whatever its source, as the 障害明細 rows. */
export async function outageDetailRows(deps: Deps, actor: Actor, results: MonthResults, month: string, now: Date): Promise<(string | number)[][]> {
  const { year, month: m } = parseYearMonth(month);
  const range = japanMonth(year, m);
  const fromIso = new Date(range.start).toISOString();
  const toIso = new Date(range.end).toISOString();
  const rows: (string | number)[][] = [];
  for (const item of results.items) {
    for (const outage of await listOutages(deps.db, actor.organisationId, item.entry_id, fromIso, toIso)) {
      const start = Date.parse(outage.occurred_at);
      const end = outage.recovered_at ? Date.parse(outage.recovered_at) : Math.max(start, now.getTime());
      const inMonth = Math.max(0, Math.min(end, range.end) - Math.max(start, range.start));
      rows.push([
        item.external_key,
        item.entry_name,
        LABELS.source[outage.source as OutageSource]?.ja ?? outage.source,
        japanMinute(outage.occurred_at),
        japanMinute(outage.detected_at),
        japanMinute(outage.reported_at),
        japanMinute(outage.confirmed_at),
        outage.recovered_at ? japanMinute(outage.recovered_at) : '継続中',
        round2((end - start) / MINUTE),
        round2(inMonth / MINUTE),
        LABELS.cause[outage.cause as OutageCause]?.ja ?? outage.cause,
        outage.description ?? '',
      ]);
    }
  }
  return rows;
}

/** The monthly SLA report of the organisation as .xlsx: 月次結果 (one row per service, totals) and 障害明細. */
export async function exportMonthlyReport(deps: Deps, actor: Actor, month: string): Promise<{ buffer: Buffer; filename: string; title: string }> {
  const results = await organisationMonthResults(deps, actor, month);
  const now = deps.now();
  const title = reportTitle(month);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Daicho';
  workbook.title = title;
  workbook.created = now;

  // Sheet 1: the results, a title and a line of figures above the header row.
  const sheet = workbook.addWorksheet(RESULT_SHEET);
  sheet.columns = RESULT_COLUMNS.map((c) => ({ width: c.width }));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  const { summary } = results;
  sheet.addRow([
    `作成 ${japanMinute(now.toISOString())}（日本時間）\u3000対象 ${summary.services}サービス\u3000達成 ${summary.met}・未達 ${summary.breached}\u3000事業者報告との差異 ${summary.differs}件（黄色の行、「${DIFFERS_MARK}」の列）`,
  ]);
  headerRow(sheet, RESULT_COLUMNS.map((c) => c.header));
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  const at = (header: string) => RESULT_COLUMNS.findIndex((c) => c.header === header);
  for (const item of results.items) {
    const row = sheet.addRow(RESULT_COLUMNS.map((c) => c.value(item) ?? NONE).map((v) => (v === '' ? null : v)));
    RESULT_COLUMNS.forEach((c, i) => {
      if (c.numFmt) row.getCell(i + 1).numFmt = c.numFmt;
    });
    if (item.differs) {
      for (let c = 1; c <= RESULT_COLUMNS.length; c++) row.getCell(c).fill = HIGHLIGHT;
      row.getCell(at('事業者報告との差異') + 1).font = { bold: true };
    }
  }
  const totals = totalsRow(results);
  const totalRow = sheet.addRow(totals);
  totalRow.font = { bold: true };
  totalRow.getCell(at('停止時間(分)') + 1).numFmt = MINUTES;
  totalRow.getCell(at('減額(円)') + 1).numFmt = YEN;
  for (let c = 1; c <= RESULT_COLUMNS.length; c++) totalRow.getCell(c).border = { top: { style: 'double' } };
  printable(sheet, '3:3');

  // Sheet 2: every outage of those services that overlaps the month, whatever its source.
  const detail = workbook.addWorksheet(DETAIL_SHEET);
  detail.columns = DETAIL_WIDTHS.map((width) => ({ width }));
  headerRow(detail, DETAIL_HEADERS);
  for (const cells of await outageDetailRows(deps, actor, results, month, now)) {
    const row = detail.addRow(cells.map((v) => (v === '' ? null : v)));
    row.getCell(9).numFmt = MINUTES;
    row.getCell(10).numFmt = MINUTES;
    row.getCell(12).alignment = { wrapText: true, vertical: 'top' };
  }
  detail.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: DETAIL_HEADERS.length } };
  printable(detail, '1:1');

  // A report leaving the building is worth a line in the audit log, as the register's export is.
  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'sla_report.export', targetType: 'sla_report', after: { month, format: 'xlsx', services: summary.services } }, now));
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), filename: reportFilename(month), title };
}
