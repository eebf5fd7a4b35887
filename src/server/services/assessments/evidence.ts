import { createHash } from 'node:crypto';
import { deleteAttachment, findAttachment } from '../../repositories/attachments.ts';
import { EVIDENCE_TARGET, findItemById, touchAssessment } from '../../repositories/assessments.ts';
import { decryptWithKey, organisationKey } from '../../security/organisation-keys.ts';
import { nowIso } from '../../security/ids.ts';
import { AppError, notFound } from '../app-error.ts';
import { checkUpload, presentAttachment, storeAttachment } from '../attachments.ts';
import { recordAudit } from '../audit.ts';
import { requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import { loadAssessment, loadItem } from './access.ts';
import { ITEM_TARGET } from './items.ts';

// Evidence (証跡) of an item: files checked by type and size before anything is written, stored
// encrypted under the organisation's key. A file belongs to one item; its history records each change.

export async function attachEvidence(deps: Deps, actor: Actor, assessmentId: string, key: string, filename: string, content: Buffer) {
  const { item } = await loadItem(deps, actor, assessmentId, key, true);
  const upload = checkUpload(filename, content);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await storeAttachment(trx, deps, actor, { type: EVIDENCE_TARGET, id: item.id }, upload, now);
    const presented = presentAttachment(row);
    await touchAssessment(trx, actor.organisationId, assessmentId, { updated_at: nowIso(now) });
    await recordAudit(trx, actor, { action: 'assessment_item.evidence_add', targetType: ITEM_TARGET, targetId: item.id, after: { item_key: item.item_key, ...presented } }, now);
    return presented;
  });
}

/** The evidence file and the item it belongs to, in the caller's organisation; otherwise 404. */
async function findEvidence(deps: Deps, actor: Actor, attachmentId: string, write: boolean) {
  await requireRegister(deps, actor, write);
  const row = await findAttachment(deps.db, actor.organisationId, attachmentId);
  if (!row || row.target_type !== EVIDENCE_TARGET) throw notFound();
  const item = await findItemById(deps.db, actor.organisationId, row.target_id);
  if (!item) throw notFound();
  return { row, item };
}

/** The decrypted file; the stored hash is checked so a damaged file is never served. */
export async function readEvidence(deps: Deps, actor: Actor, attachmentId: string) {
  const { row, item } = await findEvidence(deps, actor, attachmentId, false);
  await loadAssessment(deps, actor, item.assessment_id);
  const key = await organisationKey(deps.db, deps.secretBox, actor.organisationId, deps.now());
  const content = decryptWithKey(key, Buffer.from(row.content));
  if (createHash('sha256').update(content).digest('hex') !== row.sha256) throw new AppError('internal');
  return { meta: presentAttachment(row), content };
}

export async function removeEvidence(deps: Deps, actor: Actor, attachmentId: string) {
  const { row, item } = await findEvidence(deps, actor, attachmentId, true);
  await loadAssessment(deps, actor, item.assessment_id, true);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await deleteAttachment(trx, actor.organisationId, attachmentId);
    await touchAssessment(trx, actor.organisationId, item.assessment_id, { updated_at: nowIso(now) });
    await recordAudit(trx, actor, { action: 'assessment_item.evidence_delete', targetType: ITEM_TARGET, targetId: item.id, before: { item_key: item.item_key, ...presentAttachment(row) } }, now);
  });
}
