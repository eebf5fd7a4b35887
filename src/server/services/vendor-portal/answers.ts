import { catalogueItems, answerValueSchema } from '../../../shared/catalogue.ts';
import { bi } from '../../../shared/messages.ts';
import type { AnswerBody } from '../../../shared/schemas/vendor-portal.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { linkedOrganisationsWithRequests, markRequestsAnswered, requestsToVendor } from '../../repositories/answer-requests.ts';
import { isUniqueViolation, type Executor } from '../../repositories/executor.ts';
import {
  answerRevisions,
  answeredCounts,
  currentAnswer,
  currentAnswers,
  evidenceOfAnswers,
  insertAnswer,
  maxRevision,
  retireCurrent,
  revisionCounts,
  revisionIdsOfService,
  type VendorAnswerRow,
} from '../../repositories/vendor-answers.ts';
import { listServicesOfVendor, updateVendorService, type VendorServiceWithVendor } from '../../repositories/vendor-services.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError, invalid } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { catalogueItemOf, catalogueVersionById, listCurrentCatalogues, PLATFORM_SCOPE, type CatalogueVersion } from '../catalogues/registry.ts';
import type { Actor, Deps } from '../deps.ts';
import { bilingual, municipalityLink, ownService, presentEvidence, presentRevision, requireVendorPortal, vendorCatalogue } from './common.ts';
import { notifyWithLinks } from '../notifications/notify.ts';
import { canRead } from './visibility.ts';

// The vendor's side: its services with answer progress, one catalogue's items with the current answer,
// saving an answer as a new revision (announced to the municipalities that may read it), and the terms.

/** Catalogues a vendor answers: the platform's assessable ones. */
async function answerableCatalogues(deps: Deps, vendorOrganisationId: string): Promise<CatalogueVersion[]> {
  return (await listCurrentCatalogues(deps, vendorOrganisationId, { assessableOnly: true })).filter((v) => v.scope === PLATFORM_SCOPE);
}

async function versionNames(deps: Deps, ids: Iterable<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(ids)) out.set(id, (await catalogueVersionById(deps, null, id))?.version ?? '');
  return out;
}

/** Items of the version that have no current answer. */
function pendingCount(version: CatalogueVersion | undefined, answeredKeys: Set<string> | undefined): number {
  if (!version) return 0;
  return catalogueItems(version.catalogue).filter((i) => !answeredKeys?.has(i.key)).length;
}

export async function listPortalServices(deps: Deps, actor: Actor) {
  await requireVendorPortal(deps, actor);
  const [services, catalogues, answered, requests] = await Promise.all([
    listServicesOfVendor(deps.db, actor.organisationId),
    answerableCatalogues(deps, actor.organisationId),
    answeredCounts(deps.db, actor.organisationId),
    requestsToVendor(deps.db, actor.organisationId),
  ]);
  const keys = new Map<string, Set<string>>();
  for (const row of answered) {
    const id = `${row.vendor_service_id} ${row.catalogue_urn}`;
    if (!keys.has(id)) keys.set(id, new Set());
    keys.get(id)!.add(row.item_key);
  }
  return {
    items: services.map((s) => ({
      id: s.id,
      name: s.name,
      description: s.description,
      answer_terms: s.answer_terms,
      linked_organisations: s.linked_organisations,
      pending_requests: requests.filter((r) => r.vendor_service_id === s.id && r.status === 'pending').length,
      catalogues: catalogues.map((v) => {
        const items = catalogueItems(v.catalogue);
        const done = keys.get(`${s.id} ${v.urn}`);
        return { urn: v.urn, name: bilingual(v.catalogue.name), version: v.version, items_total: items.length, answered: items.filter((i) => done?.has(i.key)).length };
      }),
    })),
  };
}

type RequestRow = Awaited<ReturnType<typeof requestsToVendor>>[number];

/** Requests to the vendor's services, each with how many items of the catalogue still have no answer. */
async function presentRequests(deps: Deps, actor: Actor, rows: RequestRow[]) {
  const today = japanToday(deps.now());
  const answered = await answeredCounts(deps.db, actor.organisationId);
  const keys = new Map<string, Set<string>>();
  for (const row of answered) {
    const id = `${row.vendor_service_id} ${row.catalogue_urn}`;
    if (!keys.has(id)) keys.set(id, new Set());
    keys.get(id)!.add(row.item_key);
  }
  const versions = new Map<string, CatalogueVersion | undefined>();
  for (const urn of new Set(rows.map((r) => r.catalogue_urn))) versions.set(urn, await vendorCatalogue(deps, actor.organisationId, urn).catch(() => undefined));
  return rows.map((r) => {
    const version = versions.get(r.catalogue_urn);
    return {
      id: r.id,
      organisation_id: r.organisation_id,
      organisation_name: r.organisation_name,
      organisation_name_en: r.organisation_name_en,
      service_id: r.vendor_service_id,
      service_name: r.service_name,
      catalogue_urn: r.catalogue_urn,
      catalogue_name: version ? bilingual(version.catalogue.name) : { ja: r.catalogue_urn, en: r.catalogue_urn },
      due_date: r.due_date,
      status: r.status as 'pending' | 'answered' | 'withdrawn',
      overdue: r.status === 'pending' && r.due_date < today,
      pending_items: r.status === 'withdrawn' ? 0 : pendingCount(version, keys.get(`${r.vendor_service_id} ${r.catalogue_urn}`)),
      message: r.message,
      requested_label: r.requested_label,
      created_at: r.created_at,
      answered_at: r.answered_at,
      terms_accepted_at: r.terms_accepted_at,
    };
  });
}

/** GET /vendor-portal/requests: which municipalities asked what, and what is still pending. */
export async function vendorRequests(deps: Deps, actor: Actor) {
  await requireVendorPortal(deps, actor);
  return { items: await presentRequests(deps, actor, await requestsToVendor(deps.db, actor.organisationId)) };
}

/** Every item of the catalogue (or the given ones) with the service's current answer and evidence. */
async function answerItems(deps: Deps, db: Executor, service: VendorServiceWithVendor, version: CatalogueVersion, only?: string) {
  const items = catalogueItems(version.catalogue).filter((i) => !only || i.key === only);
  const keys = items.map((i) => i.key);
  const [current, counts, revisions] = await Promise.all([currentAnswers(db, service.id, version.urn, keys), revisionCounts(db, service.id, version.urn), revisionIdsOfService(db, service.id, version.urn, keys)]);
  const evidence = await evidenceOfAnswers(db, service.organisation_id, revisions.map((r) => r.id));
  const keyOf = new Map(revisions.map((r) => [r.id, r.item_key]));
  const revisionOf = new Map(revisions.map((r) => [r.id, Number(r.revision)]));
  const names = await versionNames(deps, current.map((c) => c.catalogue_version_id));
  const byKey = new Map(current.map((c) => [c.item_key, c]));
  return items.map((item) => {
    const answer = byKey.get(item.key);
    return {
      key: item.key,
      category_key: item.category.key,
      name: bilingual(item.name),
      answer_spec: item.answer,
      guidance: item.guidance ? bilingual(item.guidance) : null,
      typical_evidence: (item.evidence ?? []).map(bilingual),
      current: answer ? presentRevision(answer, names) : null,
      revisions: counts.get(item.key) ?? 0,
      evidence: evidence.filter((e) => keyOf.get(e.target_id) === item.key).map((e) => presentEvidence(e, revisionOf)),
    };
  });
}

/** GET /vendor-portal/services/:id/answers?catalogue=: the catalogue's items grouped by category. */
export async function serviceAnswers(deps: Deps, actor: Actor, serviceId: string, urn: string) {
  const service = await ownService(deps, actor, serviceId);
  const version = await vendorCatalogue(deps, actor.organisationId, urn);
  const [items, requests, catalogues] = await Promise.all([answerItems(deps, deps.db, service, version), requestsToVendor(deps.db, actor.organisationId, serviceId, urn), answerableCatalogues(deps, actor.organisationId)]);
  return {
    service: { id: service.id, name: service.name, answer_terms: service.answer_terms },
    catalogue: { urn: version.urn, version: version.version, name: bilingual(version.catalogue.name) },
    categories: version.catalogue.categories.map((c) => ({ key: c.key, number: c.number ?? null, name: bilingual(c.name), items: items.filter((i) => i.category_key === c.key) })),
    requests: await presentRequests(deps, actor, requests),
    catalogues: catalogues.map((v) => ({ urn: v.urn, name: bilingual(v.catalogue.name) })),
  };
}

/** GET …/answers/:key/revisions: every revision of one item, newest first. */
export async function itemRevisions(deps: Deps, actor: Actor, serviceId: string, key: string, urn: string) {
  const service = await ownService(deps, actor, serviceId);
  const version = await vendorCatalogue(deps, actor.organisationId, urn);
  catalogueItemOf(version, key);
  const rows = await answerRevisions(deps.db, service.id, urn, key);
  const names = await versionNames(deps, rows.map((r) => r.catalogue_version_id));
  return { items: rows.map((r) => presentRevision(r, names)) };
}

function checkAnswer(spec: Parameters<typeof answerValueSchema>[0], value: AnswerBody['answer']) {
  const parsed = answerValueSchema(spec).safeParse(value);
  if (!parsed.success) throw invalid('answer', parsed.error.issues[0]?.message ?? bi('回答の形式が正しくありません', 'The answer is malformed'));
  return parsed.data;
}

/**
 * PUT …/answers/:key: saves the answer as a new revision (the previous one stops being current, in one
 * transaction), marks the requests for the catalogue answered once every item has an answer, and
 * tells every municipality that may read the new revision (once per service, catalogue and day).
 */
export async function saveAnswer(deps: Deps, actor: Actor, serviceId: string, key: string, urn: string, input: AnswerBody) {
  const service = await ownService(deps, actor, serviceId);
  const version = await vendorCatalogue(deps, actor.organisationId, urn);
  const item = catalogueItemOf(version, key);
  const value = checkAnswer(item.answer, input.answer);
  const answer = value === null ? null : JSON.stringify(value);
  const note = input.note?.trim() || null;
  const now = deps.now();
  const at = nowIso(now);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const existing = await currentAnswer(trx, service.id, urn, key);
      if (existing && existing.answer === answer && existing.note === note && existing.sharing === input.sharing && existing.catalogue_version_id === version.id) return;
      const row: VendorAnswerRow = {
        id: newId(),
        organisation_id: actor.organisationId,
        vendor_service_id: service.id,
        catalogue_urn: urn,
        catalogue_version_id: version.id,
        item_key: key,
        revision: (await maxRevision(trx, service.id, urn, key)) + 1,
        answer,
        note,
        sharing: input.sharing,
        is_current: 1,
        answered_by: actor.userId,
        answered_label: actor.label,
        created_at: at,
      };
      await retireCurrent(trx, service.id, urn, key);
      await insertAnswer(trx, row);
      const snapshot = (r: VendorAnswerRow) => ({ catalogue: urn, item_key: key, revision: Number(r.revision), answer: r.answer === null ? null : JSON.parse(r.answer), note: r.note, sharing: r.sharing });
      await recordAudit(trx, actor, { action: 'vendor_answer.save', targetType: 'vendor_service', targetId: service.id, before: existing ? snapshot(existing) : undefined, after: snapshot(row) }, now);
      const all = catalogueItems(version.catalogue).map((i) => i.key);
      if ((await currentAnswers(trx, service.id, urn, all)).length === all.length) await markRequestsAnswered(trx, service.id, urn, at);
      await announceAnswer(trx, deps, service, version, row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', [{ field: 'answer', reason: bi('同時に別の回答が保存されました。画面を更新してから保存してください', 'Another answer was saved at the same time; reload and save again') }]);
    throw error;
  }
  const [presented] = await answerItems(deps, deps.db, service, version, key);
  return { ...presented!, revision: presented!.current?.revision ?? 0 };
}

/** Tells every municipality that may read the new revision, with a link to its own assessment or entry. */
async function announceAnswer(trx: Executor, deps: Deps, service: VendorServiceWithVendor, version: CatalogueVersion, row: VendorAnswerRow) {
  const linked = await linkedOrganisationsWithRequests(trx, service.id, version.urn);
  const links = new Map<string, string>();
  for (const [organisationId, access] of linked) {
    if (canRead({ linked: true, request: access.request }, row.sharing)) links.set(organisationId, municipalityLink(access.entryId, access.assessmentId));
  }
  const name = version.catalogue.name;
  await notifyWithLinks(trx, deps, links, {
    kind: 'vendor_answer_updated',
    title: `${service.vendor_name}「${service.name}」が確認項目の回答を更新しました`,
    titleEn: `${service.vendor_name} updated its answers for "${service.name}"`,
    body: `カタログ「${name.ja}」への回答が更新されました。評価・確認で内容を確認し、受け入れるか指摘してください。`,
    bodyEn: `The answers to "${name.en}" changed. Review them in your assessment and accept or flag each item.`,
    dedupeKey: `vendor_answer_updated:${service.id}:${version.urn}:${japanToday(deps.now())}`,
  });
}

/** PUT /vendor-portal/services/:id/terms: the terms a municipality accepts before reading 'terms' answers. */
export async function setAnswerTerms(deps: Deps, actor: Actor, serviceId: string, terms: string | null | undefined) {
  const service = await ownService(deps, actor, serviceId);
  const value = terms?.trim() || null;
  const now = deps.now();
  if (value !== service.answer_terms) {
    await deps.db.transaction().execute(async (trx) => {
      await updateVendorService(trx, actor.organisationId, service.id, { answer_terms: value, updated_at: nowIso(now) });
      await recordAudit(trx, actor, { action: 'vendor_service.answer_terms', targetType: 'vendor_service', targetId: service.id, before: { answer_terms: service.answer_terms }, after: { answer_terms: value } }, now);
    });
  }
  return { id: service.id, name: service.name, answer_terms: value };
}
