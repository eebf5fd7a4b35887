import ExcelJS from 'exceljs';
import { formatJapanDateTime } from '../../../domain/japan-time.ts';
import { ASSESSMENT_LABELS } from '../../../shared/assessments.ts';
import type { AnswerSpec } from '../../../shared/catalogue.ts';
import { recordAudit } from '../audit.ts';
import { headerRow } from '../register-io/export.ts';
import type { Actor, Deps } from '../deps.ts';
import { getAssessment, type AssessmentDetail } from './detail.ts';

// An assessment as a workbook for the file and for auditors: 概要 (the entry, the catalogue version
// and progress per category), 確認項目 (every item with its state) and 証跡 (every evidence file with
// its sha256, so a printed copy can be matched to the stored file).

export const SUMMARY_SHEET = '概要';
export const ITEMS_SHEET = '確認項目';
export const EVIDENCE_SHEET = '証跡';

const NONE = '—';
type Item = AssessmentDetail['categories'][number]['items'][number];

/** The answer as a person reads it (choice and status answers by their Japanese names). */
export function answerText(spec: AnswerSpec, answer: string | number | null): string {
  if (answer === null) return '';
  if (spec.type === 'status') return ASSESSMENT_LABELS.answerStatus[answer as keyof typeof ASSESSMENT_LABELS.answerStatus]?.ja ?? String(answer);
  if (spec.type === 'choice') return spec.choices.find((c) => c.code === answer)?.name.ja ?? String(answer);
  if (spec.type === 'number' && spec.unit) return `${answer} ${spec.unit.ja}`;
  return String(answer);
}

const yesNo = (value: boolean | null) => (value === null ? NONE : value ? 'はい' : 'いいえ');

function printable(sheet: ExcelJS.Worksheet, titleRows?: string) {
  sheet.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, ...(titleRows ? { printTitlesRow: titleRows } : {}) };
  sheet.headerFooter = { oddFooter: '&P / &N' };
}

export function itemRow(categoryName: string, item: Item) {
  return [
    item.key,
    categoryName,
    item.name.ja,
    ASSESSMENT_LABELS.status[item.status].ja,
    answerText(item.answer_spec as AnswerSpec, item.answer),
    item.due_date ? `${item.due_date.replaceAll('-', '/')}${item.overdue ? '（期限超過）' : ''}` : '',
    item.reviewer?.name ?? '',
    yesNo(item.confirmed_before_use),
    ASSESSMENT_LABELS.policy[item.policy_defined].ja,
    item.vendor_review ? `${ASSESSMENT_LABELS.review[item.vendor_review].ja}${item.vendor_review_note ? `：${item.vendor_review_note}` : ''}` : '',
    item.evidence.map((e) => `${e.filename} (sha256:${e.sha256})`).join('\n'),
    item.comment_count,
    item.archived ? `新しい版にない項目（版${item.catalogue_version.version}）` : `版${item.catalogue_version.version}`,
  ];
}

export async function exportAssessment(deps: Deps, actor: Actor, id: string) {
  const detail = await getAssessment(deps, actor, id);
  const now = deps.now();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Daicho';
  workbook.title = `確認項目 ${detail.entry.name}`;
  workbook.created = now;

  const summary = workbook.addWorksheet(SUMMARY_SHEET);
  summary.columns = [{ width: 30 }, { width: 14 }, { width: 14 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }];
  summary.addRow([`確認項目の評価：${detail.entry.name}`]).font = { bold: true, size: 14 };
  for (const [label, value] of [
    ['管理番号', detail.entry.external_key],
    ['所管課', detail.entry.department],
    ['行政運営影響度', detail.entry.administrative_impact],
    ['カタログ', `${detail.catalogue.name.ja}（版${detail.catalogue.version}）`],
    ['進捗', `${detail.progress.settled} / ${detail.progress.total}（${detail.progress.percent}%）`],
    ['期限超過', detail.progress.overdue],
    ['作成', `${formatJapanDateTime(now)}（日本時間）`],
  ] as const) {
    const row = summary.addRow([label, value]);
    row.getCell(1).font = { bold: true };
  }
  summary.addRow([]);
  headerRow(summary, ['区分', '確認済・該当なし', '項目数', ...ASSESSMENT_LABELS_ORDER.map((s) => ASSESSMENT_LABELS.status[s].ja), '期限超過']);
  summary.views = [];
  for (const c of detail.categories) {
    summary.addRow([`${c.number ? `(${c.number}) ` : ''}${c.name.ja}`, c.progress.settled, c.progress.total, ...ASSESSMENT_LABELS_ORDER.map((s) => c.progress.by_status[s]), c.progress.overdue]);
  }
  printable(summary);

  const items = workbook.addWorksheet(ITEMS_SHEET);
  items.columns = [10, 22, 44, 12, 30, 16, 16, 10, 18, 24, 50, 10, 18].map((width) => ({ width }));
  headerRow(items, ['番号', '区分', '確認項目', '状態', '回答', '期限', '確認者', '利用前に確認', 'ポリシーの規定', '事業者回答の確認', '証跡（sha256）', 'コメント数', 'カタログの版']);
  for (const c of detail.categories) {
    for (const item of c.items) {
      const row = items.addRow(itemRow(c.name.ja, item));
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  printable(items, '1:1');

  const evidence = workbook.addWorksheet(EVIDENCE_SHEET);
  evidence.columns = [10, 40, 24, 12, 68, 28, 20].map((width) => ({ width }));
  headerRow(evidence, ['番号', 'ファイル名', '種類', 'サイズ（バイト）', 'sha256', '登録者', '登録日時（日本時間）']);
  for (const c of detail.categories) {
    for (const item of c.items) for (const e of item.evidence) evidence.addRow([item.key, e.filename, e.content_type, e.size_bytes, e.sha256, e.uploaded_label, formatJapanDateTime(e.created_at)]);
  }
  printable(evidence, '1:1');

  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'assessment.export', targetType: 'assessment', targetId: id, after: { format: 'xlsx' } }, now));
  const day = formatJapanDateTime(now).slice(0, 10).replaceAll('/', '');
  const name = [...detail.entry.name].filter((c) => !/[\\/:*?"<>|]/.test(c) && c.charCodeAt(0) >= 0x20).join('').slice(0, 40);
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), filenames: { ascii: `assessment-${detail.entry.external_key.replace(/[^A-Za-z0-9-]/g, '')}-${day}.xlsx`, utf8: `確認項目_${detail.entry.external_key}_${name}_${day}.xlsx` } };
}

const ASSESSMENT_LABELS_ORDER = ['unconfirmed', 'in_progress', 'confirmed', 'action_required', 'not_applicable'] as const;
