import { createHash } from 'node:crypto';
import { bi } from '../../../shared/messages.ts';
import { deleteAttachment } from '../../repositories/attachments.ts';
import { currentAnswer, EVIDENCE_TARGET, findEvidence } from '../../repositories/vendor-answers.ts';
import { decryptWithKey, organisationKey } from '../../security/organisation-keys.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { checkUpload, presentAttachment, storeAttachment } from '../attachments.ts';
import { catalogueItemOf } from '../catalogues/registry.ts';
import { requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import { ownService, requireVendorPortal, vendorCatalogue } from './common.ts';
import { canRead, organisationAccess } from './visibility.ts';

// Evidence on a vendor's answer: stored encrypted under the VENDOR's organisation key, attached to the
// answer revision that was current when it was uploaded (target_type 'vendor_answer'). Files carry
// forward: an item's evidence is the files on any of its revisions, so a new revision keeps them and
// the vendor deletes what no longer applies. A municipality downloads a file only while it may read the
// item's current answer (the visibility rule); everyone else gets 404.

export async function addEvidence(deps: Deps, actor: Actor, serviceId: string, key: string, urn: string, filename: string, content: Buffer) {
  const service = await ownService(deps, actor, serviceId);
  const version = await vendorCatalogue(deps, actor.organisationId, urn);
  catalogueItemOf(version, key);
  const upload = checkUpload(filename, content);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const answer = await currentAnswer(trx, service.id, urn, key);
    if (!answer) throw new AppError('validation_failed', [{ field: 'answer', reason: bi('先に回答を保存してから証跡を添付してください', 'Save an answer before attaching evidence') }]);
    const row = await storeAttachment(trx, deps, actor, { type: EVIDENCE_TARGET, id: answer.id }, upload, now);
    const presented = { ...presentAttachment(row), revision: Number(answer.revision) };
    await recordAudit(trx, actor, { action: 'vendor_answer.evidence_add', targetType: 'vendor_service', targetId: service.id, after: { catalogue: urn, item_key: key, ...presented } }, now);
    return presented;
  });
}

export async function removeEvidence(deps: Deps, actor: Actor, serviceId: string, attachmentId: string) {
  const service = await ownService(deps, actor, serviceId);
  const evidence = await findEvidence(deps.db, attachmentId);
  if (!evidence || evidence.organisation_id !== actor.organisationId || evidence.service_id !== service.id) throw notFound();
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await deleteAttachment(trx, actor.organisationId, attachmentId);
    await recordAudit(trx, actor, { action: 'vendor_answer.evidence_delete', targetType: 'vendor_service', targetId: service.id, before: { catalogue: evidence.catalogue_urn, item_key: evidence.item_key, ...presentAttachment(evidence) } }, now);
  });
}

/** Whether the caller may read the file: the vendor that owns it, or a municipality that may read the item's current answer. */
async function mayRead(deps: Deps, actor: Actor, evidence: NonNullable<Awaited<ReturnType<typeof findEvidence>>>): Promise<boolean> {
  if (actor.organisationKind === 'vendor') {
    await requireVendorPortal(deps, actor);
    return evidence.organisation_id === actor.organisationId;
  }
  await requireRegister(deps, actor, false);
  const current = await currentAnswer(deps.db, evidence.service_id, evidence.catalogue_urn, evidence.item_key);
  if (!current) return false;
  return canRead(await organisationAccess(deps.db, actor.organisationId, evidence.service_id, evidence.catalogue_urn), current.sharing);
}

export async function readEvidence(deps: Deps, actor: Actor, attachmentId: string) {
  const evidence = await findEvidence(deps.db, attachmentId);
  if (!evidence || !(await mayRead(deps, actor, evidence))) throw notFound();
  const key = await organisationKey(deps.db, deps.secretBox, evidence.organisation_id, deps.now());
  const content = decryptWithKey(key, Buffer.from(evidence.content));
  if (createHash('sha256').update(content).digest('hex') !== evidence.sha256) throw new AppError('internal');
  return { meta: presentAttachment(evidence), content };
}
