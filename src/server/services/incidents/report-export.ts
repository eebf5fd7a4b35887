import ExcelJS from 'exceljs';
import { INCIDENT_LABELS, type EventType } from '../../../shared/incidents.ts';
import { recordAudit } from '../audit.ts';
import { headerRow } from '../register-io/export.ts';
import type { Actor, Deps } from '../deps.ts';
import { incidentAccess } from './access.ts';
import { japanMinute } from './checks.ts';
import { incidentDetail } from './detail.ts';

// The closing report of an incident as a printable workbook: 概要 (what happened and the figures
// against the contract), 経過 (the timeline the caller sees) and the caller's own impact and actions.

export const SUMMARY_SHEET = '概要';
export const TIMELINE_SHEET = '経過';
export const OWN_SHEET = '自団体の影響と対応';

type Detail = Awaited<ReturnType<typeof incidentDetail>>;

const NONE = '—';
export const minutes = (value: number | null) => (value === null ? NONE : `${value}分（${(value / 60).toFixed(1)}時間）`);
const verdict = (met: boolean | null) => (met === null ? NONE : met ? '達成' : '未達');

function printable(sheet: ExcelJS.Worksheet, titleRows?: string) {
  sheet.pageSetup = { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, ...(titleRows ? { printTitlesRow: titleRows } : {}), margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } };
  sheet.headerFooter = { oddFooter: '&P / &N' };
}

export function summaryRows(detail: Detail, now: Date): [string, string | number][] {
  const f = detail.figures;
  return [
    ['件名', detail.title],
    ['種類', INCIDENT_LABELS.type[detail.type].ja],
    ['重大度', INCIDENT_LABELS.severity[detail.severity].ja],
    ['状態', INCIDENT_LABELS.status[detail.status].ja],
    ['報告者', detail.reporter_name],
    ['事業者', detail.vendor_name ?? NONE],
    ['サービス', detail.vendor_service?.name ?? NONE],
    ['概要', detail.summary ?? NONE],
    ['発生', japanMinute(f.occurred_at) || NONE],
    ['事業者の第一報', japanMinute(f.first_report_at) || NONE],
    ['発生から第一報まで', minutes(f.first_report_minutes)],
    ['契約上の第一報の期限', minutes(f.first_report_commitment_minutes)],
    ['第一報の期限', verdict(f.first_report_met)],
    ['完全復旧', japanMinute(f.recovered_at) || NONE],
    ['発生から完全復旧まで', minutes(f.recovery_minutes)],
    ['SLAの平均復旧時間（MTTR）目標', minutes(f.mttr_target_minutes)],
    ['復旧時間の目標', verdict(f.recovery_met)],
    ['公表', japanMinute(f.published_at) || NONE],
    ['発生から公表まで', minutes(f.publication_minutes)],
    ['関係する団体数', detail.participant_count],
    ['影響を受けた記録の件数', detail.records_affected ?? NONE],
    ['影響を受けた住民数', detail.residents_affected ?? NONE],
    ['想定損害賠償額（JNSAモデル、円）', detail.leak_estimate_yen ?? NONE],
    ['報告日時', japanMinute(detail.created_at)],
    ['完了日時', japanMinute(detail.closed_at) || NONE],
    ['作成', `${japanMinute(now.toISOString())}（日本時間）`],
  ];
}

export function reportFilenames(detail: { title: string; created_at: string }) {
  const day = japanMinute(detail.created_at).slice(0, 10).replaceAll('/', '');
  const title = [...detail.title].filter((c) => !/[\\/:*?"<>|]/.test(c) && c.charCodeAt(0) >= 0x20).join('').slice(0, 40);
  return { ascii: `incident-report-${day}.xlsx`, utf8: `インシデント報告_${day}_${title}.xlsx` };
}

export async function exportIncidentReport(deps: Deps, actor: Actor, id: string) {
  const access = await incidentAccess(deps, actor, id);
  const detail = await incidentDetail(deps, actor, access);
  const now = deps.now();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Daicho';
  workbook.title = `インシデント報告 ${detail.title}`;
  workbook.created = now;

  const summary = workbook.addWorksheet(SUMMARY_SHEET);
  summary.columns = [{ width: 34 }, { width: 70 }];
  summary.addRow([`インシデント報告書：${detail.title}`]).font = { bold: true, size: 14 };
  headerRow(summary, ['項目', '内容']);
  for (const [label, value] of summaryRows(detail, now)) {
    const row = summary.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    if (typeof value === 'number') row.getCell(2).numFmt = '#,##0';
  }
  summary.views = [{ state: 'frozen', ySplit: 2 }];
  printable(summary);

  const timeline = workbook.addWorksheet(TIMELINE_SHEET);
  timeline.columns = [{ width: 18 }, { width: 16 }, { width: 24 }, { width: 60 }, { width: 28 }];
  headerRow(timeline, ['日時（日本時間）', '種類', '情報源', '内容', '記録した団体']);
  for (const event of detail.events) {
    const row = timeline.addRow([japanMinute(event.at), INCIDENT_LABELS.event[event.type as EventType].ja, event.source ?? '', event.note ?? '', `${event.organisation_name}${event.shared ? '' : '（非共有）'}`]);
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
  }
  printable(timeline, '1:1');

  const own = workbook.addWorksheet(OWN_SHEET);
  own.columns = [{ width: 40 }, { width: 18 }, { width: 14 }, { width: 12 }, { width: 14 }];
  const mine = detail.my_participation;
  own.addRow(['自団体の影響']).font = { bold: true, size: 12 };
  if (mine) {
    own.addRow(['影響の状況', INCIDENT_LABELS.impact[mine.impact_status].ja]);
    own.addRow(['影響を受けた住民数', mine.residents_affected ?? NONE]);
    own.addRow(['影響の記録', mine.impact_notes ?? NONE]).getCell(2).alignment = { wrapText: true, vertical: 'top' };
    own.addRow(['他団体・事業者との共有', mine.share_impact ? '共有する' : '共有しない']);
    own.addRow(['自団体の対応完了', japanMinute(mine.closed_at) || '未完了']);
  } else {
    own.addRow(['（このインシデントの参加団体ではありません）']);
  }
  own.addRow([]);
  own.addRow(['再発防止策']).font = { bold: true, size: 12 };
  headerRow(own, ['対策', '担当', '期限', '状況', '完了日']);
  own.views = [];
  for (const action of detail.actions) own.addRow([action.title, action.owner, action.due_on, INCIDENT_LABELS.action[action.status].ja, action.done_on ?? '']);
  printable(own);

  // A report leaving the building is worth a line in the audit log, as the SLA report is.
  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'incident.report_export', targetType: 'incident', targetId: id, after: { format: 'xlsx' } }, now));
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), filenames: reportFilenames(detail) };
}
