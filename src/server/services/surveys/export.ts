import ExcelJS from 'exceljs';
import { ASSESSMENT_LABELS, IMPORTANCE_LEVELS } from '../../../shared/assessments.ts';
import { bi } from '../../../shared/messages.ts';
import { formatJapanDateTime } from '../../../domain/japan-time.ts';
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { headerRow } from '../register-io/export.ts';
import type { Actor, Deps } from '../deps.ts';
import { requireSurveyPermission, surveyAccess } from './access.ts';
import { computeResults } from './results.ts';

// The owner's workbook of a survey: 集計 (counts and shares per item) and 理由 (each reason with its
// organisation). Text goes in as text, so a reason such as "=HYPERLINK(...)" never becomes a formula.

export const COUNTS_SHEET = '集計';
export const REASONS_SHEET = '理由';

const LEVEL_HEADERS = IMPORTANCE_LEVELS.map((level) => ASSESSMENT_LABELS.importance[level].ja);

export async function exportSurveyResults(deps: Deps, actor: Actor, id: string) {
  await requireSurveyPermission(deps, actor, 'content:read', id);
  const survey = await surveyAccess(deps, actor, id);
  if (survey.role !== 'owner') throw new AppError('forbidden', [{ field: 'id', reason: bi('集計表を出力できるのは実施団体だけです', 'Only the organisation that runs the survey can export it') }]);
  const results = await computeResults(deps, survey, false);
  const now = deps.now();

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Daicho';
  workbook.title = `重要度調査 ${survey.title}`;
  workbook.created = now;

  const counts = workbook.addWorksheet(COUNTS_SHEET);
  counts.columns = [{ width: 10 }, { width: 22 }, { width: 8 }, { width: 60 }, { width: 10 }, ...LEVEL_HEADERS.flatMap(() => [{ width: 14 }, { width: 12 }])];
  headerRow(counts, ['区分番号', '区分', '項目', '項目名', '回答数', ...LEVEL_HEADERS.flatMap((label) => [`${label}（件）`, `${label}（%）`])]);
  for (const item of results.items) {
    const row = counts.addRow([item.category.number ?? '', item.category.name.ja, item.key, item.name.ja, item.respondents, ...IMPORTANCE_LEVELS.flatMap((level) => [item.counts[level], item.percentages[level] / 100])]);
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
    IMPORTANCE_LEVELS.forEach((_, i) => (row.getCell(7 + i * 2).numFmt = '0.0%'));
  }
  counts.addRow([]);
  counts.addRow(['調査名', survey.title]);
  counts.addRow(['回答率', `${results.submitted_count} / ${results.participant_count}（${results.response_rate}%）`]);
  counts.addRow(['状態', results.status === 'closed' ? '締切済' : '回答受付中']);
  counts.addRow(['出力', `${formatJapanDateTime(now)}（日本時間）`]);

  const reasons = workbook.addWorksheet(REASONS_SHEET);
  reasons.columns = [{ width: 8 }, { width: 50 }, { width: 24 }, { width: 34 }, { width: 80 }];
  headerRow(reasons, ['項目', '項目名', '団体', '重要度', '理由']);
  for (const item of results.items) {
    for (const reason of item.reasons) {
      const row = reasons.addRow([item.key, item.name.ja, reason.organisation?.name ?? '', ASSESSMENT_LABELS.importance[reason.importance].ja, reason.reason]);
      row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
    }
  }

  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'survey.results_export', targetType: 'survey', targetId: id, after: { format: 'xlsx', submitted_count: results.submitted_count } }, now));
  const day = formatJapanDateTime(now).slice(0, 10).replace(/\D/g, '');
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), filename: `survey-results-${day}.xlsx` };
}
