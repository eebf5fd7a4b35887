import { INCIDENT_LABELS, type EventType } from '../../../shared/incidents.ts';
import { organisationName } from '../../repositories/organisations.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import { incidentAccess } from '../incidents/access.ts';
import { japanMinute } from '../incidents/checks.ts';
import { incidentDetail } from '../incidents/detail.ts';
import { reportFilenames, summaryRows } from '../incidents/report-export.ts';
import { dataTable, factsTable, renderPdf, sectionHeading, type Content } from './frame.ts';

const NONE = '—';

/**
 * An incident's closing report as a PDF: what the report page and the .xlsx hold (summary with figures,
 * timeline, own impact, actions). A public body's copy carries the 決裁欄; a vendor's does not.
 */
export async function incidentReportPdf(deps: Deps, actor: Actor, id: string) {
  const access = await incidentAccess(deps, actor, id);
  const detail = await incidentDetail(deps, actor, access);
  const now = deps.now();
  const mine = detail.my_participation;
  const own: Content = mine
    ? factsTable([
        ['影響の状況', INCIDENT_LABELS.impact[mine.impact_status].ja],
        ['影響を受けた住民数', mine.residents_affected ?? NONE],
        ['影響の記録', mine.impact_notes ?? NONE],
        ['他団体・事業者との共有', mine.share_impact ? '共有する' : '共有しない'],
        ['自団体の対応完了', japanMinute(mine.closed_at) || '未完了'],
      ])
    : { text: '（このインシデントの参加団体ではありません）', margin: [0, 0, 0, 10] };
  const body: Content[] = [
    sectionHeading('概要'),
    factsTable(summaryRows(detail, now).filter(([label]) => label !== '作成')),
    sectionHeading('経過'),
    detail.events.length
      ? dataTable(['日時（日本時間）', '種類', '情報源', '内容', '記録した団体'], detail.events.map((e) => [japanMinute(e.at), INCIDENT_LABELS.event[e.type as EventType].ja, e.source ?? '', e.note ?? '', `${e.organisation_name}${e.shared ? '' : '（非共有）'}`]), { widths: [70, 60, 70, '*', 90] })
      : { text: '経過の記録はありません。', margin: [0, 0, 0, 10] },
    sectionHeading('自団体の影響'),
    own,
    sectionHeading('再発防止策'),
    detail.actions.length
      ? dataTable(['対策', '担当', '期限', '状況', '完了日'], detail.actions.map((a) => [a.title, a.owner, a.due_on, INCIDENT_LABELS.action[a.status].ja, a.done_on ?? '']), { widths: ['*', 80, 60, 50, 60] })
      : { text: '再発防止策の登録はありません。' },
  ];
  const buffer = await renderPdf({ title: `インシデント報告書：${detail.title}`, organisation: await organisationName(deps.db, actor.organisationId), orientation: 'portrait', approval: actor.organisationKind !== 'vendor', body }, now);
  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'incident.report_export', targetType: 'incident', targetId: id, after: { format: 'pdf' } }, now));
  const names = reportFilenames(detail);
  return { buffer, filenames: { ascii: names.ascii.replace(/\.xlsx$/, '.pdf'), utf8: names.utf8.replace(/\.xlsx$/, '.pdf') } };
}
