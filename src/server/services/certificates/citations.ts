import { bi } from '../../../shared/messages.ts';
import { acceptsCertificates } from '../../../shared/certificates.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { certificatesByIds, citationsOfItems, deleteCitation, findCitation, insertCitation } from '../../repositories/certificates.ts';
import { touchAssessment } from '../../repositories/assessments.ts';
import { findEntry } from '../../repositories/register-entries.ts';
import { validityOf } from '../../presenters/certificates.ts';
import { isCitable } from '../../../domain/certificates.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import { loadItem } from '../assessments/access.ts';
import { ITEM_TARGET } from '../assessments/items.ts';
import { certificateRowsOfEntry, presentCertificates } from './certificates.ts';

// A valid certificate cited as evidence on an assessment item that accepts it (CERTIFICATE_EVIDENCE_ITEMS
// in src/shared/certificates.ts): the certificates offered are those the entry's organisation sees for the
// entry. When a cited certificate's validity ends, the daily check reopens the item (reminders.ts).

const notAccepted = () => new AppError('validation_failed', [{ field: 'key', reason: bi('この確認項目には認証を証跡として引用できません', 'This item does not take certificates as evidence') }]);

async function itemContext(deps: Deps, actor: Actor, assessmentId: string, key: string, write: boolean) {
  const { assessment, item } = await loadItem(deps, actor, assessmentId, key, write);
  const entry = await findEntry(deps.db, actor.organisationId, assessment.register_entry_id);
  if (!entry) throw notFound();
  return { assessment, item, entry };
}

export async function itemCertificates(deps: Deps, actor: Actor, assessmentId: string, key: string) {
  const { assessment, item, entry } = await itemContext(deps, actor, assessmentId, key, false);
  const accepts = acceptsCertificates(assessment.catalogue_urn, item.item_key);
  const citations = await citationsOfItems(deps.db, actor.organisationId, [item.id]);
  const cited = await presentCertificates(deps.db, deps, actor, await certificatesByIds(deps.db, citations.map((c) => c.certificate_id)));
  const seen = accepts ? await presentCertificates(deps.db, deps, actor, await certificateRowsOfEntry(deps.db, actor.organisationId, entry)) : [];
  const citedIds = new Set(citations.map((c) => c.certificate_id));
  return {
    accepts,
    cited: citations.flatMap((c) => {
      const certificate = cited.find((x) => x.id === c.certificate_id);
      return certificate ? [{ citation_id: c.id, cited_at: c.cited_at, cited_by_label: c.cited_by_label, certificate }] : [];
    }),
    available: seen.filter((c) => c.citable && !citedIds.has(c.id)),
  };
}

export async function citeCertificate(deps: Deps, actor: Actor, assessmentId: string, key: string, certificateId: string) {
  const { assessment, item, entry } = await itemContext(deps, actor, assessmentId, key, true);
  if (!acceptsCertificates(assessment.catalogue_urn, item.item_key)) throw notAccepted();
  const certificate = (await certificateRowsOfEntry(deps.db, actor.organisationId, entry)).find((c) => c.id === certificateId);
  if (!certificate) throw new AppError('validation_failed', [{ field: 'certificate_id', reason: bi('この外部サービスの事業者の認証から選んでください', "Choose among the certificates of this service's vendor") }]);
  const validity = validityOf(certificate, japanToday(deps.now()));
  if (!isCitable(validity)) throw new AppError('validation_failed', [{ field: 'certificate_id', reason: bi('有効期限が切れた認証（または12か月より古い報告書）は証跡にできません', 'An expired certificate (or a report older than 12 months) cannot be cited') }]);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    if (await findCitation(trx, actor.organisationId, item.id, certificateId)) throw new AppError('conflict', [{ field: 'certificate_id', reason: bi('この認証はすでに引用されています', 'This certificate is already cited') }]);
    await insertCitation(trx, { id: newId(), organisation_id: actor.organisationId, assessment_item_id: item.id, certificate_id: certificateId, cited_by_label: actor.label, cited_at: nowIso(now), reopened_for: null });
    await touchAssessment(trx, actor.organisationId, assessment.id, { updated_at: nowIso(now) });
    await recordAudit(trx, actor, { action: 'assessment_item.certificate_cite', targetType: ITEM_TARGET, targetId: item.id, after: { item_key: item.item_key, certificate_id: certificateId, scheme: certificate.scheme, number: certificate.number, valid_through: validity.valid_through } }, now);
  });
  return itemCertificates(deps, actor, assessmentId, key);
}

export async function uncite(deps: Deps, actor: Actor, assessmentId: string, key: string, certificateId: string) {
  const { assessment, item } = await itemContext(deps, actor, assessmentId, key, true);
  const citation = await findCitation(deps.db, actor.organisationId, item.id, certificateId);
  if (!citation) throw notFound();
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await deleteCitation(trx, actor.organisationId, citation.id);
    await touchAssessment(trx, actor.organisationId, assessment.id, { updated_at: nowIso(now) });
    await recordAudit(trx, actor, { action: 'assessment_item.certificate_uncite', targetType: ITEM_TARGET, targetId: item.id, before: { item_key: item.item_key, certificate_id: certificateId } }, now);
  });
  return itemCertificates(deps, actor, assessmentId, key);
}
