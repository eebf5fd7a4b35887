import type { z } from 'zod';
import { can } from '../../../shared/roles.ts';
import { catalogueItems, itemUrn, parseItemUrn } from '../../../shared/catalogue.ts';
import type { catalogueDetail, catalogueSummary, itemLink, ReferenceName, referenceResponse, referenceSummary } from '../../../shared/schemas/catalogues.ts';
import { authorize } from '../../policies/index.ts';
import type { Actor, Deps } from '../deps.ts';
import { notFound } from '../app-error.ts';
import { questionnaireWorkbook } from './xlsx-layout.ts';
import { catalogueHistory, catalogueVersionById, listCurrentCatalogues, PLATFORM_SCOPE, type CatalogueVersion } from './registry.ts';

// Reading catalogues: the list, one version with its mappings both ways, the history of a URN and the
// reference catalogues. Bodies that keep a register read them to assess; vendors read them to answer.

type Summary = z.infer<typeof catalogueSummary>;
type Detail = z.infer<typeof catalogueDetail>;
type Link = z.infer<typeof itemLink>;

/** Register bodies and vendors read catalogues; anyone else (the operator) is refused and the refusal audited. */
export async function requireCatalogueReader(deps: Deps, actor: Actor): Promise<void> {
  if (can(actor.role, actor.organisationKind, 'register:read') || can(actor.role, actor.organisationKind, 'vendor_service:manage')) return;
  await authorize(deps, actor, 'register:read', { type: 'catalogue' });
}

export function summaryOf(version: CatalogueVersion): Summary {
  const items = catalogueItems(version.catalogue);
  return {
    id: version.id,
    urn: version.urn,
    version: version.version,
    name: version.catalogue.name,
    kind: version.catalogue.kind,
    assessable: version.catalogue.assessable,
    scope: version.scope === PLATFORM_SCOPE ? 'platform' : 'organisation',
    source: version.source,
    source_name: version.source_name,
    sha256: version.sha256,
    item_count: items.length,
    category_count: version.catalogue.categories.length,
    is_current: version.is_current,
    created_at: version.created_at,
  };
}

export async function listCatalogues(deps: Deps, actor: Actor) {
  await requireCatalogueReader(deps, actor);
  const versions = await listCurrentCatalogues(deps, actor.organisationId);
  return { items: versions.map(summaryOf), reference: referenceSummaries(deps) };
}

/** A link to an item, named from the catalogue the caller can use now (null names when it has none). */
function linkTo(urn: string, visible: Map<string, CatalogueVersion>): Link | undefined {
  const parsed = parseItemUrn(urn);
  if (!parsed) return undefined;
  const target = visible.get(parsed.catalogue);
  const item = target ? catalogueItems(target.catalogue).find((i) => i.key === parsed.key) : undefined;
  return {
    urn,
    catalogue_urn: parsed.catalogue,
    catalogue_version_id: target?.id ?? null,
    catalogue_name: target?.catalogue.name ?? null,
    item_key: parsed.key,
    item_name: item?.name ?? null,
  };
}

/** Resolves mapping URNs to links named from the catalogues the organisation can use now (one read for all). */
export async function itemLinkResolver(deps: Deps, organisationId: string): Promise<(urns: readonly string[]) => Link[]> {
  const visible = new Map((await listCurrentCatalogues(deps, organisationId)).map((v) => [v.urn, v]));
  return (urns) => urns.map((urn) => linkTo(urn, visible)).filter((link): link is Link => link !== undefined);
}

/** One version with every item's mappings resolved, and the items of other catalogues that point to it. */
export async function catalogueDetailOf(deps: Deps, actor: Actor, id: string): Promise<Detail> {
  await requireCatalogueReader(deps, actor);
  const version = await catalogueVersionById(deps, actor.organisationId, id);
  if (!version) throw notFound();
  const current = await listCurrentCatalogues(deps, actor.organisationId);
  const visible = new Map(current.map((v) => [v.urn, v]));
  // Back-references come from the current catalogues of other URNs, and from this version itself.
  const sources = [...current.filter((v) => v.urn !== version.urn), version];
  const backRefs = new Map<string, Link[]>();
  for (const source of sources) {
    for (const item of catalogueItems(source.catalogue)) {
      for (const ref of item.refs ?? []) {
        const parsed = parseItemUrn(ref);
        if (!parsed || parsed.catalogue !== version.urn) continue;
        const from = linkTo(itemUrn(source.urn, item.key), new Map([...visible, [source.urn, source]]));
        if (from) backRefs.set(parsed.key, [...(backRefs.get(parsed.key) ?? []), from]);
      }
    }
  }
  const own = new Map([...visible, [version.urn, version]]);
  return {
    ...summaryOf(version),
    description: version.catalogue.description ?? null,
    source_note: version.catalogue.source ?? null,
    categories: version.catalogue.categories.map((category) => ({
      key: category.key,
      number: category.number ?? null,
      name: category.name,
      items: category.items.map((item) => ({
        key: item.key,
        urn: itemUrn(version.urn, item.key),
        name: item.name,
        answer: item.answer,
        guidance: item.guidance ?? null,
        evidence: item.evidence ?? [],
        refs: (item.refs ?? []).map((ref) => linkTo(ref, own)).filter((l): l is Link => l !== undefined),
        referenced_by: backRefs.get(item.key) ?? [],
      })),
    })),
  };
}

export async function historyOf(deps: Deps, actor: Actor, urn: string) {
  await requireCatalogueReader(deps, actor);
  const versions = await catalogueHistory(deps, actor.organisationId, urn);
  if (versions.length === 0) throw notFound();
  return { urn, items: versions.map(summaryOf) };
}

type ReferenceSummary = z.infer<typeof referenceSummary>;

function referenceEntries(deps: Deps): Record<ReferenceName, { loaded: { file: string; sha256: string; data: { catalogue: string; version: string; name: { ja: string; en: string } } }; count: number }> {
  const { reference, slaItems, schemes } = deps.catalogues;
  return {
    'failure-patterns': { loaded: reference.failurePatterns, count: reference.failurePatterns.data.patterns.length },
    'responsibility-layers': { loaded: reference.responsibilityLayers, count: reference.responsibilityLayers.data.layers.length },
    'disposal-methods': { loaded: reference.disposalMethods, count: reference.disposalMethods.data.classes.length },
    'sla-items': { loaded: slaItems, count: slaItems.data.items.length },
    'classification-schemes': { loaded: schemes, count: schemes.data.schemes.length },
  };
}

export function referenceSummaries(deps: Deps): ReferenceSummary[] {
  return Object.entries(referenceEntries(deps)).map(([name, { loaded, count }]) => ({
    name: name as ReferenceName,
    urn: loaded.data.catalogue,
    version: loaded.data.version,
    title: loaded.data.name,
    file: loaded.file,
    sha256: loaded.sha256,
    entry_count: count,
  }));
}

export async function referenceCatalogue(deps: Deps, actor: Actor, name: ReferenceName): Promise<z.infer<typeof referenceResponse>> {
  await requireCatalogueReader(deps, actor);
  const summary = referenceSummaries(deps).find((s) => s.name === name);
  if (!summary) throw notFound();
  return { ...summary, content: referenceEntries(deps)[name].loaded.data as unknown as Record<string, unknown> };
}

/** A questionnaire version as .xlsx in the import layout (re-imports to the same content). */
export async function exportCatalogueXlsx(deps: Deps, actor: Actor, id: string): Promise<{ buffer: Buffer; filename: string }> {
  await requireCatalogueReader(deps, actor);
  const version = await catalogueVersionById(deps, actor.organisationId, id);
  if (!version) throw notFound();
  const tail = version.urn.slice('urn:daicho:catalogue:'.length);
  return { buffer: await questionnaireWorkbook(version.catalogue), filename: `${tail}-${version.version}.xlsx` };
}

/** The .xlsx template of an organisation's questionnaire, with an example filled in. */
export async function catalogueTemplateXlsx(deps: Deps, actor: Actor): Promise<Buffer> {
  await requireCatalogueReader(deps, actor);
  return questionnaireWorkbook(null);
}
