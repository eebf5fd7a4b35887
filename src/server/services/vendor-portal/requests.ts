import { catalogueItems } from '../../../shared/catalogue.ts';
import { bi } from '../../../shared/messages.ts';
import type { AnswerRequestBody } from '../../../shared/schemas/vendor-portal.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { findOwnRequest, findRequestOf, insertRequest, requestsOfOrganisation, updateRequest, type AnswerRequestRow } from '../../repositories/answer-requests.ts';
import { isUniqueViolation, type Executor } from '../../repositories/executor.ts';
import { organisationName } from '../../repositories/organisations.ts';
import { currentAnswers } from '../../repositories/vendor-answers.ts';
import { findVendorService, type VendorServiceWithVendor } from '../../repositories/vendor-services.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { currentCatalogueVersion, listCurrentCatalogues, PLATFORM_SCOPE, type CatalogueVersion } from '../catalogues/registry.ts';
import { notifyOrganisations } from '../notifications/notify.ts';
import type { Actor, Deps } from '../deps.ts';
import { bilingual, registerEntryFor, vendorCatalogue } from './common.ts';

// The municipality's side of a request: ask the vendor of the service an entry links to for its answers
// to a catalogue, accept the service's terms (to read 'terms' answers), withdraw.

async function linkedService(deps: Deps, serviceId: string | null, db: Executor = deps.db): Promise<VendorServiceWithVendor> {
  const service = serviceId ? await findVendorService(db, serviceId) : undefined;
  if (!service)
    throw invalid('vendor_service_id', bi('この外部サービスは事業者のサービスに紐付いていません。インシデントのタブで事業者のサービスを紐付けてから依頼してください', 'This entry is not linked to a vendor service; link it (Incidents tab) before requesting answers'));
  return service;
}

async function presentRequest(deps: Deps, service: VendorServiceWithVendor, row: AnswerRequestRow, versions: Map<string, CatalogueVersion | undefined>) {
  if (!versions.has(row.catalogue_urn)) versions.set(row.catalogue_urn, await currentCatalogueVersion(deps, service.organisation_id, row.catalogue_urn));
  const version = versions.get(row.catalogue_urn);
  const keys = version ? catalogueItems(version.catalogue).map((i) => i.key) : [];
  const current = await currentAnswers(deps.db, service.id, row.catalogue_urn, keys);
  const active = row.status !== 'withdrawn';
  return {
    id: row.id,
    register_entry_id: row.register_entry_id,
    catalogue_urn: row.catalogue_urn,
    catalogue_name: version ? bilingual(version.catalogue.name) : { ja: row.catalogue_urn, en: row.catalogue_urn },
    due_date: row.due_date,
    status: row.status as 'pending' | 'answered' | 'withdrawn',
    overdue: row.status === 'pending' && row.due_date < japanToday(deps.now()),
    message: row.message,
    requested_label: row.requested_label,
    created_at: row.created_at,
    answered_at: row.answered_at,
    terms_accepted_at: row.terms_accepted_at,
    terms_accepted_label: row.terms_accepted_label,
    pending_items: active ? keys.length - current.length : 0,
    needs_terms: active && !row.terms_accepted_at && current.some((a) => a.sharing === 'terms'),
  };
}

/** GET /register/entries/:id/answer-requests: the linked service, its terms, and the organisation's requests to it. */
export async function listEntryRequests(deps: Deps, actor: Actor, entryId: string) {
  const entry = await registerEntryFor(deps, actor, entryId, false, 'answer_request');
  const service = entry.vendor_service_id ? await findVendorService(deps.db, entry.vendor_service_id) : undefined;
  const catalogues = (await listCurrentCatalogues(deps, actor.organisationId, { assessableOnly: true })).filter((v) => v.scope === PLATFORM_SCOPE).map((v) => ({ urn: v.urn, name: bilingual(v.catalogue.name) }));
  if (!service) return { vendor_service: null, answer_terms: null, items: [], catalogues };
  const rows = await requestsOfOrganisation(deps.db, actor.organisationId, service.id);
  const versions = new Map<string, CatalogueVersion | undefined>();
  const items = [];
  for (const row of rows) items.push(await presentRequest(deps, service, row, versions));
  return { vendor_service: { id: service.id, name: service.name, vendor_name: service.vendor_name }, answer_terms: service.answer_terms, items, catalogues };
}

function checkDueDate(deps: Deps, due: string) {
  if (due < japanToday(deps.now())) throw invalid('due_date', bi('期限には今日以降の日付を指定してください', 'The due date must be today or later'));
}

/**
 * POST /register/entries/:id/answer-requests. One request per organisation, service and catalogue: a
 * second is refused (409); a withdrawn one is reopened. The vendor is told (answer_requested).
 */
export async function createRequest(deps: Deps, actor: Actor, entryId: string, input: AnswerRequestBody) {
  const entry = await registerEntryFor(deps, actor, entryId, true, 'answer_request');
  const service = await linkedService(deps, entry.vendor_service_id);
  const version = await vendorCatalogue(deps, service.organisation_id, input.catalogue_urn, 'catalogue_urn');
  checkDueDate(deps, input.due_date);
  const now = deps.now();
  const at = nowIso(now);
  const keys = catalogueItems(version.catalogue).map((i) => i.key);
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const existing = await findRequestOf(trx, actor.organisationId, service.id, input.catalogue_urn);
      if (existing && existing.status !== 'withdrawn')
        throw new AppError('conflict', [{ field: 'catalogue_urn', reason: bi('このサービスのこのカタログへの回答は既に依頼しています', 'These answers were already requested from this service') }]);
      const complete = (await currentAnswers(trx, service.id, input.catalogue_urn, keys)).length === keys.length;
      const fields = {
        register_entry_id: entry.id,
        message: input.message?.trim() || null,
        due_date: input.due_date,
        status: complete ? 'answered' : 'pending',
        terms_accepted_at: null,
        terms_accepted_label: null,
        requested_by: actor.userId,
        requested_label: actor.label,
        created_at: at,
        answered_at: complete ? at : null,
        last_reminded_at: null,
      };
      const row: AnswerRequestRow = { id: existing?.id ?? newId(), organisation_id: actor.organisationId, vendor_service_id: service.id, catalogue_urn: input.catalogue_urn, ...fields };
      if (existing) await updateRequest(trx, actor.organisationId, existing.id, fields);
      else await insertRequest(trx, row);
      await recordAudit(
        trx,
        actor,
        { action: existing ? 'answer_request.reopen' : 'answer_request.create', targetType: 'register_entry', targetId: entry.id, after: { request_id: row.id, vendor_service_id: service.id, catalogue_urn: row.catalogue_urn, due_date: row.due_date, message: row.message, status: row.status } },
        now,
      );
      const organisation = await organisationName(trx, actor.organisationId);
      await notifyOrganisations(trx, deps, [service.organisation_id], {
        kind: 'answer_requested',
        title: `${organisation}が「${service.name}」の確認項目の回答を依頼しました`,
        titleEn: `${organisation} requested answers for "${service.name}"`,
        body: `カタログ「${version.catalogue.name.ja}」への回答を ${row.due_date} までに依頼されています。${row.message ? `\n依頼内容: ${row.message}` : ''}`,
        bodyEn: `Answers to "${version.catalogue.name.en}" are requested by ${row.due_date}.${row.message ? `\nMessage: ${row.message}` : ''}`,
        link: '/vendor/requests',
        dedupeKey: `answer_requested:${row.id}:${at}`,
      });
      return row.id;
    });
    const rows = await requestsOfOrganisation(deps.db, actor.organisationId, service.id);
    return presentRequest(deps, service, rows.find((r) => r.id === id)!, new Map());
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', [{ field: 'catalogue_urn', reason: bi('このサービスのこのカタログへの回答は既に依頼しています', 'These answers were already requested from this service') }]);
    throw error;
  }
}

async function requestOfEntry(deps: Deps, actor: Actor, entryId: string, requestId: string, feature: string) {
  const entry = await registerEntryFor(deps, actor, entryId, true, feature);
  const request = await findOwnRequest(deps.db, actor.organisationId, requestId);
  if (!request || !entry.vendor_service_id || request.vendor_service_id !== entry.vendor_service_id) throw notFound();
  const service = await linkedService(deps, entry.vendor_service_id);
  return { entry, request, service };
}

/** POST …/answer-requests/:requestId/accept-terms: records that the organisation accepts the service's answer terms. */
export async function acceptTerms(deps: Deps, actor: Actor, entryId: string, requestId: string) {
  const { entry, request, service } = await requestOfEntry(deps, actor, entryId, requestId, 'answer_terms');
  if (request.status === 'withdrawn') throw invalid('status', bi('取り下げた依頼では利用条件に同意できません。依頼し直してください', 'The request was withdrawn; request again first'));
  if (!service.answer_terms) throw invalid('answer_terms', bi('事業者は利用条件を定めていません', 'The vendor has set no terms'));
  if (request.terms_accepted_at) throw new AppError('conflict', [{ field: 'terms_accepted_at', reason: bi('利用条件には既に同意しています', 'The terms were already accepted') }]);
  const now = deps.now();
  const changes = { terms_accepted_at: nowIso(now), terms_accepted_label: actor.label };
  await deps.db.transaction().execute(async (trx) => {
    await updateRequest(trx, actor.organisationId, request.id, changes);
    await recordAudit(trx, actor, { action: 'answer_request.accept_terms', targetType: 'register_entry', targetId: entry.id, after: { request_id: request.id, vendor_service_id: service.id, catalogue_urn: request.catalogue_urn, answer_terms: service.answer_terms } }, now);
  });
  return presentRequest(deps, service, { ...request, ...changes }, new Map());
}

/** POST …/answer-requests/:requestId/withdraw: the request stops; answers shared on request are hidden again. */
export async function withdrawRequest(deps: Deps, actor: Actor, entryId: string, requestId: string) {
  const { entry, request, service } = await requestOfEntry(deps, actor, entryId, requestId, 'answer_request');
  if (request.status === 'withdrawn') throw new AppError('conflict', [{ field: 'status', reason: bi('この依頼は既に取り下げています', 'The request was already withdrawn') }]);
  const now = deps.now();
  const changes = { status: 'withdrawn' };
  await deps.db.transaction().execute(async (trx) => {
    await updateRequest(trx, actor.organisationId, request.id, changes);
    await recordAudit(trx, actor, { action: 'answer_request.withdraw', targetType: 'register_entry', targetId: entry.id, before: { request_id: request.id, status: request.status }, after: { request_id: request.id, status: 'withdrawn' } }, now);
  });
  return presentRequest(deps, service, { ...request, ...changes }, new Map());
}
