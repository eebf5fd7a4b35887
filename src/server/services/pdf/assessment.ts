import { japanToday } from '../../../domain/japan-time.ts';
import { organisationName } from '../../repositories/organisations.ts';
import { recordAudit } from '../audit.ts';
import { itemRow } from '../assessments/export.ts';
import { getAssessment } from '../assessments/detail.ts';
import type { Actor, Deps } from '../deps.ts';
import { dataTable, factsTable, fileNamePart, renderPdf, sectionHeading, usableWidth, type Content } from './frame.ts';

const HEADERS = ['番号', '確認項目', '状態', '回答', '期限', '確認者', '利用前に確認', 'ポリシーの規定', '証跡（sha256）'];
const WEIGHTS = [8, 30, 10, 20, 12, 12, 9, 12, 27];
/** Which of the export's item cells (assessments/export.ts itemRow) the printed table shows, in HEADERS order. */
const CELLS = [0, 2, 3, 4, 5, 6, 7, 8];

/** A sha256 in two halves, so the 64 characters wrap inside a cell instead of running over it. */
const hashLines = (sha256: string) => `${sha256.slice(0, 32)}\n${sha256.slice(32)}`;

/** An assessment's result as a PDF: what the print page shows (the entry, progress, every item by category). */
export async function assessmentPdf(deps: Deps, actor: Actor, id: string) {
  const a = await getAssessment(deps, actor, id);
  const now = deps.now();
  const total = WEIGHTS.reduce((x, y) => x + y, 0);
  const room = usableWidth('landscape') - HEADERS.length * 7;
  const body: Content[] = [
    factsTable([
      ['管理番号', a.entry.external_key],
      ['所管課', a.entry.department],
      ['行政運営影響度', a.entry.administrative_impact],
      ['カタログ', `${a.catalogue.name.ja}（版${a.catalogue.version}）`],
      ['進捗', `${a.progress.settled} / ${a.progress.total}（${a.progress.percent}%）・期限超過 ${a.progress.overdue}`],
    ]),
  ];
  for (const c of a.categories) {
    body.push(sectionHeading(`${c.number ? `(${c.number}) ` : ''}${c.name.ja}・${c.progress.settled} / ${c.progress.total}（${c.progress.percent}%）`));
    const rows = c.items.map((item) => {
      const cells = itemRow(c.name.ja, item);
      const evidence = item.evidence.map((e) => `${e.filename}\n${hashLines(e.sha256)}`).join('\n') || '—';
      return [...CELLS.map((i) => String(cells[i] || '—')), evidence].map((v, i) => (i === 1 && item.archived ? `${v}（新しい版にない項目）` : v));
    });
    body.push(dataTable(HEADERS, rows, { widths: WEIGHTS.map((w) => (w / total) * room) }));
  }
  body.push({ text: '状態・回答・期限・確認者・証跡（sha256）はこの文書を作成した時点のものです。', fontSize: 8, color: '#404040' });
  const buffer = await renderPdf(
    { title: `確認項目の評価：${a.entry.name}`, organisation: await organisationName(deps.db, actor.organisationId), orientation: 'landscape', approval: true, body },
    now,
  );
  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'assessment.export', targetType: 'assessment', targetId: id, after: { format: 'pdf' } }, now));
  const day = japanToday(now).replaceAll('-', '');
  return { buffer, filenames: { ascii: `assessment-${a.entry.external_key.replace(/[^A-Za-z0-9-]/g, '')}-${day}.pdf`, utf8: `確認項目_${a.entry.external_key}_${fileNamePart(a.entry.name)}_${day}.pdf` } };
}
