import { japanToday } from '../../../domain/japan-time.ts';
import { catalogueItems } from '../../../shared/catalogue.ts';
import { bi } from '../../../shared/messages.ts';
import { countItemsByStatus, findEntryAssessment, insertAssessment, insertItems, listAssessmentsOfEntry, openDueDates, type AssessmentRow } from '../../repositories/assessments.ts';
import { isUniqueViolation, type Executor } from '../../repositories/executor.ts';
import { findEntry } from '../../repositories/register-entries.ts';
import { presentCatalogueMeta } from '../../presenters/assessments.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { catalogueVersionById, currentCatalogueVersion, listCurrentCatalogues, requireCatalogue, type CatalogueVersion } from '../catalogues/registry.ts';
import { canEditEntry, requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import { denyDepartment } from './access.ts';
import { applicableCatalogueUrns } from './applicable.ts';
import { getAssessment } from './detail.ts';
import { emptyCounts, progressOf, UNSETTLED, type Progress } from './progress.ts';
import type { ItemStatus } from '../../../shared/assessments.ts';

// Starting an assessment of a register entry against a catalogue, and the entry's 確認項目 tab.

/** One row per catalogue item, all unconfirmed, in the catalogue's order. */
export function newItemRows(organisationId: string, assessmentId: string, version: CatalogueVersion, at: string, keys?: Set<string>) {
  return catalogueItems(version.catalogue)
    .filter((item) => !keys || keys.has(item.key))
    .map((item) => ({
      id: newId(),
      organisation_id: organisationId,
      assessment_id: assessmentId,
      catalogue_version_id: version.id,
      item_key: item.key,
      category_key: item.category.key,
      position: item.position,
      status: 'unconfirmed',
      answer: null,
      due_date: null,
      reviewer_user_id: null,
      confirmed_before_use: null,
      policy_defined: 'unknown',
      vendor_answer_id: null,
      vendor_review: null,
      vendor_review_note: null,
      vendor_reviewed_at: null,
      archived: 0,
      revision: 1,
      updated_by_label: null,
      updated_at: at,
    }));
}

const duplicate = () => new AppError('conflict', [{ field: 'catalogue_urn', reason: bi('この外部サービスでは、このカタログの確認を既に始めています', 'An assessment against this catalogue already exists for this service') }]);

export async function startAssessment(deps: Deps, actor: Actor, entryId: string, catalogueUrn: string) {
  await requireRegister(deps, actor, true);
  const entry = await findEntry(deps.db, actor.organisationId, entryId);
  if (!entry) throw notFound();
  if (!canEditEntry(actor, entry.department)) await denyDepartment(deps, actor, 'register_entry', entryId, entry.department);
  const version = await assessableCatalogue(deps, actor.organisationId, catalogueUrn);
  const now = deps.now();
  let id = '';
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (await findEntryAssessment(trx, actor.organisationId, entryId, catalogueUrn)) throw duplicate();
      id = await insertNewAssessment(trx, actor, entryId, version, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
  return getAssessment(deps, actor, id);
}

/** Checks that a catalogue may be assessed (not a reference-only one) and returns its current version. */
export async function assessableCatalogue(deps: Deps, organisationId: string, catalogueUrn: string): Promise<CatalogueVersion> {
  const version = await requireCatalogue(deps, organisationId, catalogueUrn, 'catalogue_urn');
  if (!version.catalogue.assessable) throw new AppError('validation_failed', [{ field: 'catalogue_urn', reason: bi('このカタログは参照用のため、確認には使えません', 'This catalogue is for reference and cannot be assessed') }]);
  return version;
}

/** Inserts an assessment of an entry with all its items unconfirmed, audited, in the caller's transaction. */
export async function insertNewAssessment(trx: Executor, actor: Actor, entryId: string, version: CatalogueVersion, now: Date): Promise<string> {
  const at = nowIso(now);
  const id = newId();
  const catalogueUrn = version.urn;
  const row: AssessmentRow = { id, organisation_id: actor.organisationId, register_entry_id: entryId, catalogue_version_id: version.id, catalogue_urn: catalogueUrn, started_by: actor.userId, started_label: actor.label, created_at: at, updated_at: at };
  await insertAssessment(trx, row);
  const items = newItemRows(actor.organisationId, id, version, at);
  await insertItems(trx, items);
  await recordAudit(trx, actor, { action: 'assessment.start', targetType: 'assessment', targetId: id, after: { register_entry_id: entryId, catalogue_urn: catalogueUrn, catalogue_version: version.version, items: items.length } }, now);
  await recordAudit(trx, actor, { action: 'register_entry.assessment_start', targetType: 'register_entry', targetId: entryId, after: { assessment_id: id, catalogue_urn: catalogueUrn } }, now);
  return id;
}

/** Progress of several assessments in two grouped reads. */
export async function progressOfAssessments(db: Executor, organisationId: string, ids: string[] | 'all', today: string): Promise<Map<string, Progress>> {
  const [counts, dues] = await Promise.all([countItemsByStatus(db, organisationId, ids), openDueDates(db, organisationId, ids, UNSETTLED)]);
  const countsOf = new Map<string, ReturnType<typeof emptyCounts>>();
  for (const row of counts) {
    const c = countsOf.get(row.assessment_id) ?? emptyCounts();
    c[row.status as ItemStatus] += row.n;
    countsOf.set(row.assessment_id, c);
  }
  const duesOf = new Map<string, string[]>();
  for (const row of dues) duesOf.set(row.assessment_id, [...(duesOf.get(row.assessment_id) ?? []), row.due_date]);
  const keys = ids === 'all' ? [...new Set([...countsOf.keys(), ...duesOf.keys()])] : ids;
  return new Map(keys.map((id) => [id, progressOf(countsOf.get(id) ?? emptyCounts(), duesOf.get(id) ?? [], today)]));
}

/** The entry's assessments with progress, and the catalogues it could still start (those its rules apply first). */
export async function listEntryAssessments(deps: Deps, actor: Actor, entryId: string) {
  await requireRegister(deps, actor, false);
  const entry = await findEntry(deps.db, actor.organisationId, entryId);
  if (!entry) throw notFound();
  const today = japanToday(deps.now());
  const [assessments, catalogues, applicable] = await Promise.all([
    listAssessmentsOfEntry(deps.db, actor.organisationId, entryId),
    listCurrentCatalogues(deps, actor.organisationId, { assessableOnly: true }),
    applicableCatalogueUrns(deps, actor.organisationId, Number(entry.administrative_impact)),
  ]);
  const progress = await progressOfAssessments(deps.db, actor.organisationId, assessments.map((a) => a.id), today);
  const started = new Set(assessments.map((a) => a.catalogue_urn));
  const items = await Promise.all(
    assessments.map(async (a) => {
      const version = await catalogueVersionById(deps, actor.organisationId, a.catalogue_version_id);
      const current = await currentCatalogueVersion(deps, actor.organisationId, a.catalogue_urn);
      return {
        id: a.id,
        catalogue: presentCatalogueMeta(version!, current),
        progress: progress.get(a.id)!,
        started_label: a.started_label,
        created_at: a.created_at,
        updated_at: a.updated_at,
      };
    }),
  );
  const notStarted = catalogues
    .filter((c) => !started.has(c.urn))
    .map((c) => ({ urn: c.urn, name: c.catalogue.name, version: c.version, applicable: applicable.includes(c.urn) }))
    .sort((a, b) => Number(b.applicable) - Number(a.applicable));
  return { items, not_started: notStarted, can_start: canEditEntry(actor, entry.department) };
}
