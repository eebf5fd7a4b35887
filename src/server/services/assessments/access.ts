import { bi } from '../../../shared/messages.ts';
import { findAssessment, findItem, type AssessmentItemRow, type AssessmentWithEntry } from '../../repositories/assessments.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAuditAlone } from '../audit.ts';
import { canEditEntry, requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';

// Who may read and change an assessment: anyone of the organisation who reads its register; changes
// need register:write and, for an editor with a 所管課, an entry of that department. Another
// organisation's assessment does not exist for the caller (404).

export async function denyDepartment(deps: Deps, actor: Actor, targetType: string, targetId: string, department: string): Promise<never> {
  await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType, targetId, after: { reason: 'other_department', department, feature: 'assessments' } });
  throw new AppError('forbidden', [{ field: 'department', reason: bi(`所管課（${actor.department}）以外の外部サービスの確認項目は編集できません`, `Only assessments of your department’s (${actor.department}) services can be edited`) }]);
}

/** The assessment with its entry, or 404; with `write`, refuses (403, audited) a caller who may not edit it. */
export async function loadAssessment(deps: Deps, actor: Actor, id: string, write = false): Promise<AssessmentWithEntry> {
  await requireRegister(deps, actor, write);
  const assessment = await findAssessment(deps.db, actor.organisationId, id);
  if (!assessment) throw notFound();
  if (write && !canEditEntry(actor, assessment.entry_department)) await denyDepartment(deps, actor, 'assessment', id, assessment.entry_department);
  return assessment;
}

/** One item of the assessment by its key, or 404. */
export async function loadItem(deps: Deps, actor: Actor, assessmentId: string, key: string, write = false): Promise<{ assessment: AssessmentWithEntry; item: AssessmentItemRow }> {
  const assessment = await loadAssessment(deps, actor, assessmentId, write);
  const item = await findItem(deps.db, actor.organisationId, assessment.id, key);
  if (!item) throw notFound();
  return { assessment, item };
}
