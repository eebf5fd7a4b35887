import { japanToday } from '../../../domain/japan-time.ts';
import { catalogueItems, type CatalogueCategory, type CatalogueItem } from '../../../shared/catalogue.ts';
import { commentCounts, evidenceOfItems, listItems, type AssessmentWithEntry } from '../../repositories/assessments.ts';
import type { AttachmentMeta } from '../../repositories/attachments.ts';
import { presentCatalogueMeta, presentEntrySummary, presentItem } from '../../presenters/assessments.ts';
import { catalogueVersionById, currentCatalogueVersion, type CatalogueVersion } from '../catalogues/registry.ts';
import { itemLinkResolver } from '../catalogues/browse.ts';
import { AppError } from '../app-error.ts';
import { canEditEntry } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import { loadAssessment } from './access.ts';
import { progressOfItems } from './progress.ts';

// One assessment as its screen, print page and export need it. The hot path: a fixed number of reads
// whatever the number of items (the assessment, its items with reviewers, the catalogue versions in
// use, the current version, comment counts and evidence of all items at once).

export type AssessmentDetail = Awaited<ReturnType<typeof assessmentDetailOf>>;

/** The catalogue versions an assessment's items follow, by id. */
export async function versionsOf(deps: Deps, organisationId: string, ids: string[]): Promise<Map<string, CatalogueVersion>> {
  const versions = await Promise.all([...new Set(ids)].map((id) => catalogueVersionById(deps, organisationId, id)));
  const map = new Map<string, CatalogueVersion>();
  for (const v of versions) if (v) map.set(v.id, v);
  return map;
}

function itemIndex(version: CatalogueVersion) {
  const items = new Map<string, CatalogueItem & { category: CatalogueCategory }>();
  for (const item of catalogueItems(version.catalogue)) items.set(item.key, item);
  return items;
}

export async function getAssessment(deps: Deps, actor: Actor, id: string) {
  const assessment = await loadAssessment(deps, actor, id);
  return assessmentDetailOf(deps, actor, assessment);
}

export async function assessmentDetailOf(deps: Deps, actor: Actor, assessment: AssessmentWithEntry) {
  const org = actor.organisationId;
  const today = japanToday(deps.now());
  const rows = await listItems(deps.db, org, assessment.id);
  const itemIds = rows.map((r) => r.id);
  const [versions, current, comments, evidence, links] = await Promise.all([
    versionsOf(deps, org, [assessment.catalogue_version_id, ...rows.map((r) => r.catalogue_version_id)]),
    currentCatalogueVersion(deps, org, assessment.catalogue_urn),
    commentCounts(deps.db, org, itemIds),
    evidenceOfItems(deps.db, org, itemIds),
    itemLinkResolver(deps, org),
  ]);
  const own = versions.get(assessment.catalogue_version_id);
  if (!own) throw new AppError('internal');
  const indexes = new Map([...versions.values()].map((v) => [v.id, itemIndex(v)]));
  const commentsOf = new Map(comments.map((c) => [c.assessment_item_id, Number(c.n)]));
  const evidenceOf = new Map<string, AttachmentMeta[]>();
  for (const file of evidence) evidenceOf.set(file.target_id, [...(evidenceOf.get(file.target_id) ?? []), file]);

  // Categories in the order of the assessment's version; a category only an older item version knows comes after.
  const categories = new Map<string, { key: string; number: string | null; name: { ja: string; en: string }; rows: ReturnType<typeof presentItem>[] }>();
  for (const c of own.catalogue.categories) categories.set(c.key, { key: c.key, number: c.number ?? null, name: c.name, rows: [] });
  for (const row of rows) {
    const version = versions.get(row.catalogue_version_id)!;
    const spec = indexes.get(version.id)!.get(row.item_key);
    if (!spec) continue;
    if (!categories.has(row.category_key)) categories.set(row.category_key, { key: row.category_key, number: spec.category.number ?? null, name: spec.category.name, rows: [] });
    categories.get(row.category_key)!.rows.push(presentItem(row, spec, version, evidenceOf.get(row.id) ?? [], commentsOf.get(row.id) ?? 0, today, links));
  }
  const presentedCategories = [...categories.values()]
    .filter((c) => c.rows.length > 0)
    .map((c) => ({ key: c.key, number: c.number, name: c.name, progress: progressOfItems(c.rows.map(asProgressRow), today), items: c.rows }));
  return {
    id: assessment.id,
    entry: presentEntrySummary(assessment),
    catalogue: presentCatalogueMeta(own, current),
    progress: progressOfItems(rows, today),
    categories: presentedCategories,
    started_label: assessment.started_label,
    created_at: assessment.created_at,
    updated_at: assessment.updated_at,
    can_edit: canEditEntry(actor, assessment.entry_department),
  };
}

function asProgressRow(item: { status: string; due_date: string | null; archived: boolean }) {
  return { status: item.status, due_date: item.due_date, archived: item.archived };
}
