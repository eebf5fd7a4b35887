import { answerValueSchema, catalogueItems } from '../../../shared/catalogue.ts';
import { bi } from '../../../shared/messages.ts';
import { findItem, insertItems, listItems, touchAssessment, type AssessmentItemRow, type AssessmentWithEntry } from '../../repositories/assessments.ts';
import type { Executor } from '../../repositories/executor.ts';
import { nowIso } from '../../security/ids.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { currentCatalogueVersion, type CatalogueVersion } from '../catalogues/registry.ts';
import type { Actor, Deps } from '../deps.ts';
import { loadAssessment, loadItem } from './access.ts';
import { assessmentDetailOf } from './detail.ts';
import { writeItem } from './items.ts';
import { newItemRows } from './start.ts';

// Moving an assessment to a newer version of its catalogue, item by item or all at once. A new
// version never rewrites an assessment by itself: the item keeps its state when its key is still in
// the new version (an answer that no longer fits the item's answer type is cleared, and the audit
// says so), and is archived when the key is gone (it stays on its old version). Old versions stay stored and readable.

async function currentOf(deps: Deps, actor: Actor, assessment: AssessmentWithEntry): Promise<CatalogueVersion> {
  const current = await currentCatalogueVersion(deps, actor.organisationId, assessment.catalogue_urn);
  if (!current) throw notFound();
  return current;
}

const upToDate = () => new AppError('conflict', [{ field: 'catalogue_version', reason: bi('既に最新の版のカタログに沿っています', 'Already on the current catalogue version') }]);

/** Moves one item to the version; returns whether it was archived. */
async function migrateItem(trx: Executor, deps: Deps, actor: Actor, item: AssessmentItemRow, version: CatalogueVersion): Promise<'migrated' | 'archived'> {
  const spec = catalogueItems(version.catalogue).find((i) => i.key === item.item_key);
  const extra = { from_version_id: item.catalogue_version_id, to_version: version.version };
  if (!spec) {
    await writeItem(trx, deps, actor, item, Number(item.revision), { archived: 1 }, 'assessment_item.archive', extra);
    return 'archived';
  }
  const answerFits = item.answer === null || answerValueSchema(spec.answer).safeParse(JSON.parse(item.answer)).success;
  await writeItem(
    trx,
    deps,
    actor,
    item,
    Number(item.revision),
    { catalogue_version_id: version.id, category_key: spec.category.key, position: spec.position, archived: 0, ...(answerFits ? {} : { answer: null }) },
    'assessment_item.migrate',
    { ...extra, ...(answerFits ? {} : { answer_cleared: true }) },
  );
  return 'migrated';
}

export async function migrateAssessmentItem(deps: Deps, actor: Actor, assessmentId: string, key: string) {
  const { assessment, item } = await loadItem(deps, actor, assessmentId, key, true);
  const current = await currentOf(deps, actor, assessment);
  if (item.catalogue_version_id === current.id || Number(item.archived) === 1) throw upToDate();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const fresh = await findItem(trx, actor.organisationId, assessmentId, key);
    return migrateItem(trx, deps, actor, fresh!, current);
  });
  return { migrated: outcome === 'migrated' ? 1 : 0, archived: outcome === 'archived' ? 1 : 0, added: 0, assessment: await assessmentDetailOf(deps, actor, assessment) };
}

/** Every item to the current version, plus the version's new items (unconfirmed). */
export async function migrateAssessment(deps: Deps, actor: Actor, assessmentId: string) {
  const assessment = await loadAssessment(deps, actor, assessmentId, true);
  const current = await currentOf(deps, actor, assessment);
  const now = deps.now();
  const counts = await deps.db.transaction().execute(async (trx) => {
    const items = await listItems(trx, actor.organisationId, assessmentId);
    const currentKeys = new Set(catalogueItems(current.catalogue).map((i) => i.key));
    // An archived item stays on the version it was made against, unless its key comes back.
    const behind = items.filter((i) => i.catalogue_version_id !== current.id && (Number(i.archived) === 0 || currentKeys.has(i.item_key)));
    if (behind.length === 0 && assessment.catalogue_version_id === current.id) throw upToDate();
    let migrated = 0;
    let archived = 0;
    for (const item of behind) {
      if ((await migrateItem(trx, deps, actor, item, current)) === 'migrated') migrated++;
      else archived++;
    }
    const known = new Set(items.map((i) => i.item_key));
    const added = newItemRows(actor.organisationId, assessmentId, current, nowIso(now), new Set([...currentKeys].filter((k) => !known.has(k))));
    await insertItems(trx, added);
    await touchAssessment(trx, actor.organisationId, assessmentId, { catalogue_version_id: current.id, updated_at: nowIso(now) });
    await recordAudit(
      trx,
      actor,
      { action: 'assessment.migrate', targetType: 'assessment', targetId: assessmentId, before: { catalogue_version_id: assessment.catalogue_version_id }, after: { catalogue_version_id: current.id, version: current.version, migrated, archived, added: added.map((a) => a.item_key) } },
      now,
    );
    return { migrated, archived, added: added.length };
  });
  const fresh = await loadAssessment(deps, actor, assessmentId);
  return { ...counts, assessment: await assessmentDetailOf(deps, actor, fresh) };
}
