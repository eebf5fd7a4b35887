import type { IncidentType } from '../../../shared/incidents.ts';
import { INCIDENT_LABELS } from '../../../shared/incidents.ts';
import { findEntryAssessment, insertComment, listItems } from '../../repositories/assessments.ts';
import type { Executor } from '../../repositories/executor.ts';
import { SYSTEM_COMMENT_PREFIX } from '../../presenters/assessments.ts';
import { newId, nowIso } from '../../security/ids.ts';
import type { Actor, Deps } from '../deps.ts';
import { notifyOrganisations } from '../notifications/notify.ts';
import { CONFIRMATION_ITEMS_URN } from './applicable.ts';
import { writeItem } from './items.ts';

// After an incident, what the municipality had confirmed about the service is no longer taken for
// granted: when it closes its handling of the incident, the confirmation items the incident touched
// go back from 確認済 to 確認中, each with a comment naming the incident, and the organisation is told.
//
// Which items an incident touches (keys of the 12 confirmation items, catalogs/questionnaires/confirmation-items.yaml):
// - every incident: 1-1 reporting structure and contacts, 1-2 what a report holds and how fast it comes;
// - outage: 2-1 backup and restore, 7-1 contingency plan and drills, 8-1 the SLA and its review;
// - data loss or destruction: 2-1 backup and restore, 2-2 return and deletion of data, 7-1 contingency plan;
// - unauthorised access: 3-1 administrator access, 3-2 access logs, 4-1 security requirements in the
//   contract, 6-1 vulnerability handling (how the intruder got in);
// - data leak: 3-1 administrator access, 3-2 access logs, 4-1 security requirements in the contract;
// - other: only the reporting items.
export const ITEMS_TOUCHED_BY_INCIDENT: Record<IncidentType, string[]> = {
  outage: ['1-1', '1-2', '2-1', '7-1', '8-1'],
  data_loss: ['1-1', '1-2', '2-1', '2-2', '7-1'],
  unauthorised_access: ['1-1', '1-2', '3-1', '3-2', '4-1', '6-1'],
  data_leak: ['1-1', '1-2', '3-1', '3-2', '4-1'],
  other: ['1-1', '1-2'],
};

export interface ClosedIncident {
  id: string;
  title: string;
  type: string;
}

/** Reopens the confirmed items the incident touched on the entry's confirmation-items assessment; returns their keys. */
export async function reopenItemsForIncident(trx: Executor, deps: Deps, actor: Actor, incident: ClosedIncident, entryId: string | null): Promise<string[]> {
  if (!entryId) return [];
  const assessment = await findEntryAssessment(trx, actor.organisationId, entryId, CONFIRMATION_ITEMS_URN);
  if (!assessment) return [];
  const touched = new Set(ITEMS_TOUCHED_BY_INCIDENT[incident.type as IncidentType] ?? ITEMS_TOUCHED_BY_INCIDENT.other);
  const items = (await listItems(trx, actor.organisationId, assessment.id)).filter((i) => Number(i.archived) === 0 && i.status === 'confirmed' && touched.has(i.item_key));
  if (items.length === 0) return [];
  const at = nowIso(deps.now());
  const typeName = INCIDENT_LABELS.type[incident.type as IncidentType]?.ja ?? incident.type;
  for (const item of items) {
    await writeItem(trx, deps, actor, item, Number(item.revision), { status: 'in_progress' }, 'assessment_item.reopen', { incident_id: incident.id, incident_title: incident.title });
    await insertComment(trx, {
      id: newId(),
      organisation_id: actor.organisationId,
      assessment_item_id: item.id,
      author_user_id: null,
      author_label: 'システム',
      body: `${SYSTEM_COMMENT_PREFIX}インシデント「${incident.title}」（${typeName}）の対応完了により、確認済から確認中に戻しました。インシデントで明らかになったことを踏まえて、事業者に再確認してください。`,
      created_at: at,
    });
  }
  const keys = items.map((i) => i.item_key);
  await notifyOrganisations(trx, deps, [actor.organisationId], {
    kind: 'assessment_reopened',
    title: `インシデントを受けて確認項目を再確認してください: ${incident.title}`,
    titleEn: `Re-confirm the items an incident touched: ${incident.title}`,
    body: `インシデント「${incident.title}」の対応完了に伴い、確認済だった項目 ${keys.join('、')} を確認中に戻しました。`,
    bodyEn: `After closing the incident "${incident.title}", the confirmed items ${keys.join(', ')} went back to in progress.`,
    link: `/assessments/${assessment.id}`,
    dedupeKey: `assessment_reopened:${assessment.id}:${incident.id}`,
  });
  return keys;
}
