import type { z } from 'zod';
import type { itemPatchBody } from '../../../shared/schemas/assessments.ts';
import { answerValueSchema } from '../../../shared/catalogue.ts';
import { bi } from '../../../shared/messages.ts';
import { findActiveUser, insertComment, listActiveUsers, listComments, touchAssessment, updateItemAtRevision, type AssessmentItemRow } from '../../repositories/assessments.ts';
import { listAuditEntries } from '../../repositories/audit-log.ts';
import type { Executor } from '../../repositories/executor.ts';
import { itemSnapshot, presentComment } from '../../presenters/assessments.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError, invalid } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { catalogueItemOf, catalogueVersionById } from '../catalogues/registry.ts';
import { requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import { loadItem } from './access.ts';
import { getAssessment } from './detail.ts';
import { auditNamesFor } from '../audit-log.ts';

// Changing one item of an assessment (status, answer by its type, due date, reviewer, before-use,
// policy), its comment thread and its history. Concurrent edits are caught by the item's revision.

type PatchInput = z.infer<typeof itemPatchBody>;

export const ITEM_TARGET = 'assessment_item';

export const staleRevision = (current: number) =>
  new AppError('conflict', [
    {
      field: 'revision',
      reason: bi(`この項目は他の人が先に更新しました（最新は版${current}）。画面を読み込み直してから、もう一度変更してください`, `Someone else changed this item first (now revision ${current}). Reload and make your change again`),
    },
  ]);

async function changesOf(deps: Deps, actor: Actor, item: AssessmentItemRow, input: PatchInput): Promise<Partial<AssessmentItemRow>> {
  const changes: Partial<AssessmentItemRow> = {};
  if (input.status !== undefined) changes.status = input.status;
  if (input.answer !== undefined) {
    const version = await catalogueVersionById(deps, actor.organisationId, item.catalogue_version_id);
    const spec = catalogueItemOf(version!, item.item_key);
    const parsed = answerValueSchema(spec.answer).safeParse(input.answer);
    if (!parsed.success) throw invalid('answer', parsed.error.issues[0]?.message ?? bi('回答の形式が正しくありません', 'The answer does not fit the item'));
    changes.answer = parsed.data === null ? null : JSON.stringify(parsed.data);
  }
  if (input.due_date !== undefined) changes.due_date = input.due_date;
  if (input.reviewer_user_id !== undefined) {
    if (input.reviewer_user_id !== null && !(await findActiveUser(deps.db, actor.organisationId, input.reviewer_user_id))) {
      throw invalid('reviewer_user_id', bi('確認者は自団体の有効な利用者から選んでください', 'Choose the reviewer among the active users of your organisation'));
    }
    changes.reviewer_user_id = input.reviewer_user_id;
  }
  if (input.confirmed_before_use !== undefined) changes.confirmed_before_use = input.confirmed_before_use === null ? null : input.confirmed_before_use ? 1 : 0;
  if (input.policy_defined !== undefined) changes.policy_defined = input.policy_defined;
  return changes;
}

/** Applies changes to an item at the revision the caller saw, with the audit entry, in the caller's transaction. */
export async function writeItem(trx: Executor, deps: Deps, actor: Actor, item: AssessmentItemRow, revision: number, changes: Partial<AssessmentItemRow>, action: string, extra: Record<string, unknown> = {}) {
  const now = deps.now();
  const at = nowIso(now);
  const updated = await updateItemAtRevision(trx, actor.organisationId, item.id, revision, { ...changes, updated_at: at, updated_by_label: actor.label });
  if (!updated) throw staleRevision(item.revision);
  await touchAssessment(trx, actor.organisationId, item.assessment_id, { updated_at: at });
  await recordAudit(
    trx,
    actor,
    { action, targetType: ITEM_TARGET, targetId: item.id, before: { item_key: item.item_key, ...itemSnapshot(item) }, after: { item_key: item.item_key, ...itemSnapshot({ ...item, ...changes, revision: revision + 1 }), ...extra } },
    now,
  );
}

export async function updateAssessmentItem(deps: Deps, actor: Actor, assessmentId: string, key: string, input: PatchInput) {
  const { item } = await loadItem(deps, actor, assessmentId, key, true);
  if (Number(item.archived) === 1) throw new AppError('conflict', [{ field: 'archived', reason: bi('新しい版のカタログにない項目のため、変更できません', 'This item is not in the newer catalogue version and can no longer be changed') }]);
  if (input.revision !== Number(item.revision)) throw staleRevision(Number(item.revision));
  const changes = await changesOf(deps, actor, item, input);
  if (Object.keys(changes).length === 0) throw invalid('status', bi('変更する項目を指定してください', 'Send at least one field to change'));
  await deps.db.transaction().execute((trx) => writeItem(trx, deps, actor, item, input.revision, changes, 'assessment_item.update'));
  return getAssessment(deps, actor, assessmentId);
}

export async function listItemComments(deps: Deps, actor: Actor, assessmentId: string, key: string) {
  const { item } = await loadItem(deps, actor, assessmentId, key);
  return { items: (await listComments(deps.db, actor.organisationId, item.id)).map(presentComment) };
}

export async function addItemComment(deps: Deps, actor: Actor, assessmentId: string, key: string, body: string) {
  const { item } = await loadItem(deps, actor, assessmentId, key, true);
  const now = deps.now();
  const row = { id: newId(), organisation_id: actor.organisationId, assessment_item_id: item.id, author_user_id: actor.userId, author_label: actor.label, body, created_at: nowIso(now) };
  await deps.db.transaction().execute(async (trx) => {
    await insertComment(trx, row);
    await touchAssessment(trx, actor.organisationId, assessmentId, { updated_at: row.created_at });
    await recordAudit(trx, actor, { action: 'assessment_item.comment', targetType: ITEM_TARGET, targetId: item.id, after: { item_key: item.item_key, comment_id: row.id, body } }, now);
  });
  return presentComment(row);
}

/** Every recorded change of the item, newest first: edits, comments, evidence, migration, vendor reviews. */
export async function itemHistory(deps: Deps, actor: Actor, assessmentId: string, key: string) {
  const { item } = await loadItem(deps, actor, assessmentId, key);
  const rows = await listAuditEntries(deps.db, { organisationIds: [actor.organisationId], targetType: ITEM_TARGET, targetId: item.id, outcome: 'ok', limit: 500 });
  const items = rows.map((r) => ({ id: r.id, at: r.at, actor_label: r.actor_label, action: r.action, before: r.before_json ? JSON.parse(r.before_json) : null, after: r.after_json ? JSON.parse(r.after_json) : null }));
  return { items, names: await auditNamesFor(deps, actor, items) };
}

/** The organisation's active users, to choose a reviewer from. */
export async function reviewerOptions(deps: Deps, actor: Actor) {
  await requireRegister(deps, actor, false);
  return { items: (await listActiveUsers(deps.db, actor.organisationId)).map((u) => ({ id: u.id, name: u.display_name })) };
}
