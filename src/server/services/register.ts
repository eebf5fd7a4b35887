import type { z } from 'zod';
import type { classificationBody, entryCreateBody, entryListQuery, entryUpdateBody } from '../../shared/schemas/register.ts';
import { REGISTER_ORGANISATION_KINDS } from '../../shared/roles.ts';
import { CONTRACT_FORMS, DATA_LOCATIONS, ENTRY_STATUSES, NETWORK_ZONES, SERVICE_MODELS } from '../../shared/register.ts';
import { normaliseForSearch } from '../../domain/search-text.ts';
import { authorize } from '../policies/index.ts';
import { findCategory } from '../repositories/register-categories.ts';
import { findVendor, listVendors } from '../repositories/vendors.ts';
import {
  countByImpactBand,
  countEntriesBy,
  deleteEntry,
  externalKeyExists,
  findEntry,
  insertEntries,
  insertHistory,
  listDepartments,
  listEntries,
  listHistory,
  nextExternalKeyNumber,
  summariseEntries,
  updateEntry,
  type EntryFilter,
  type EntryRow,
  type EntryWithNames,
} from '../repositories/register-entries.ts';
import { listAuditEntries } from '../repositories/audit-log.ts';
import { removeEntryChildren } from './register-removal.ts';
import type { Executor } from '../repositories/executor.ts';
import { presentAuditEntry } from '../presenters/index.ts';
import { auditNamesFor } from './audit-log.ts';
import { presentEntry } from '../presenters/register.ts';
import { newId, nowIso } from '../security/ids.ts';
import { AppError, invalid, notFound } from './app-error.ts';
import { recordAudit } from './audit.ts';
import { checkDataKinds, classificationOf, deriveClassification, rederive, searchTextOf, withoutSearch } from './register-classification.ts';
import { ensureCategories } from './register-categories.ts';
import type { Actor, Deps } from './deps.ts';
import { bi } from '../../shared/messages.ts';

type CreateInput = z.infer<typeof entryCreateBody>;
type UpdateInput = z.infer<typeof entryUpdateBody>;
type ClassificationInput = z.infer<typeof classificationBody>;
type ListQuery = z.infer<typeof entryListQuery>;

const REGISTER_KINDS = new Set<string>(REGISTER_ORGANISATION_KINDS);

/** Only bodies that use external services keep a register; a vendor's own view comes with the vendor portal. */
export async function requireRegister(deps: Deps, actor: Actor, write: boolean): Promise<void> {
  await authorize(deps, actor, write ? 'register:write' : 'register:read', { type: 'register_entry' });
}

/** Editors with a 所管課 edit only their department's entries; admins and editors without one edit all. */
export function canEditEntry(actor: Actor, department: string): boolean {
  if (!REGISTER_KINDS.has(actor.organisationKind)) return false;
  if (actor.role === 'org_admin') return true;
  if (actor.role !== 'editor') return false;
  return !actor.department || actor.department === department;
}

async function denyEdit(deps: Deps, actor: Actor, entryId: string | undefined, department: string) {
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'register_entry', targetId: entryId, after: { reason: 'other_department', department } }, deps.now()),
  );
  throw new AppError('forbidden', [{ field: 'department', reason: bi(`所管課（${actor.department}）以外の台帳は編集できません`, `Only entries of your department (${actor.department}) can be edited`) }]);
}

function asArray<T>(value: T | T[] | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

export function filterFromQuery(actor: Actor, query: Partial<ListQuery> & { ids?: string[] }): EntryFilter {
  return {
    organisationId: actor.organisationId,
    q: query.q ? normaliseForSearch(query.q) : undefined,
    categoryIds: asArray(query.category_id),
    statuses: asArray(query.status),
    zones: asArray(query.network_zone),
    models: asArray(query.service_model),
    vendorId: query.vendor_id,
    department: query.department,
    impactBand: query.impact_band,
    contractForm: query.contract_form,
    ids: query.ids,
  };
}

export async function listRegister(deps: Deps, actor: Actor, query: ListQuery) {
  await requireRegister(deps, actor, false);
  const filter = filterFromQuery(actor, query);
  const [rows, summary] = await Promise.all([
    listEntries(deps.db, filter, { sort: query.sort, order: query.order, offset: (query.page - 1) * query.page_size, limit: query.page_size }),
    summariseEntries(deps.db, filter),
  ]);
  return {
    items: rows.map((row) => presentEntry(deps.catalogues, row)),
    total: summary.total,
    page: query.page,
    page_size: query.page_size,
    totals: { annual_cost: summary.annual_cost, residents_held: summary.residents_held, leak_estimate_yen: summary.leak_estimate_yen },
  };
}

/** Counts for the overview charts and heat maps (paper figs 2, 3, 6, 7). */
export async function registerOverview(deps: Deps, actor: Actor, query: Partial<ListQuery>) {
  await requireRegister(deps, actor, false);
  const filter = filterFromQuery(actor, query);
  const [summary, byCategory, byBand, byZone, byStatus, byModel, confidentialityByResident, distressByLoss, categoryAverages] = await Promise.all([
    summariseEntries(deps.db, filter),
    countEntriesBy(deps.db, filter, ['e.category_id']),
    countByImpactBand(deps.db, filter),
    countEntriesBy(deps.db, filter, ['e.network_zone']),
    countEntriesBy(deps.db, filter, ['e.status']),
    countEntriesBy(deps.db, filter, ['e.service_model']),
    countEntriesBy(deps.db, filter, ['e.confidentiality_level', 'e.resident_impact']),
    countEntriesBy(deps.db, filter, ['e.mental_distress', 'e.economic_loss']),
    listEntries(deps.db, filter, { sort: 'administrative_impact', order: 'desc', offset: 0, limit: 10 }),
  ]);
  return {
    total: summary.total,
    totals: summary,
    by_category: byCategory.map((r) => ({ category_id: r.keys[0], count: r.count })),
    by_impact_band: byBand,
    by_network_zone: byZone.map((r) => ({ key: r.keys[0], count: r.count })),
    by_status: byStatus.map((r) => ({ key: r.keys[0], count: r.count })),
    by_service_model: byModel.map((r) => ({ key: r.keys[0], count: r.count })),
    heatmap_confidentiality_resident: confidentialityByResident.map((r) => ({ x: Number(r.keys[1]), y: Number(r.keys[0]), count: r.count })),
    heatmap_distress_loss: distressByLoss.map((r) => ({ x: Number(r.keys[1]), y: Number(r.keys[0]), count: r.count })),
    top_entries: categoryAverages.map((row) => ({ id: row.id, name: row.name, category_name: row.category_name, category_name_en: row.category_name_en, administrative_impact: Number(row.administrative_impact) })),
  };
}

export async function getEntry(deps: Deps, actor: Actor, id: string) {
  await requireRegister(deps, actor, false);
  const row = await findEntry(deps.db, actor.organisationId, id);
  if (!row) throw notFound();
  return { ...presentEntry(deps.catalogues, row), can_edit: canEditEntry(actor, row.department) };
}

async function resolveRefs(trx: Executor, actor: Actor, input: { vendor_id?: string | null; category_id?: string }) {
  const vendor = input.vendor_id ? await findVendor(trx, actor.organisationId, input.vendor_id) : null;
  if (input.vendor_id && !vendor) throw invalid('vendor_id', bi('事業者が見つかりません', 'Vendor not found'));
  const category = input.category_id ? await findCategory(trx, actor.organisationId, input.category_id) : null;
  if (input.category_id && !category) throw invalid('category_id', bi('区分が見つかりません', 'Category not found'));
  return { vendor, category };
}

/** A fresh 管理番号 like RE-0042 that is not yet used in the organisation. */
export async function newExternalKey(trx: Executor, organisationId: string): Promise<string> {
  for (let n = await nextExternalKeyNumber(trx, organisationId); ; n++) {
    const key = `RE-${String(n).padStart(4, '0')}`;
    if (!(await externalKeyExists(trx, organisationId, key))) return key;
  }
}

export async function createEntry(deps: Deps, actor: Actor, input: CreateInput) {
  await requireRegister(deps, actor, true);
  if (!canEditEntry(actor, input.department)) await denyEdit(deps, actor, undefined, input.department);
  checkDataKinds(deps.catalogues, input.data_kinds);
  const now = deps.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    await ensureCategories(trx, deps, actor.organisationId);
    const { vendor, category } = await resolveRefs(trx, actor, input);
    const key = input.external_key || (await newExternalKey(trx, actor.organisationId));
    if (input.external_key && (await externalKeyExists(trx, actor.organisationId, key))) throw new AppError('conflict', [{ field: 'external_key', reason: bi('この管理番号は既に使われています', 'This key is already in use') }]);
    const { classification, ...fields } = input;
    const derived = deriveClassification(deps.catalogues, classification, input.data_kinds, input.residents_held ?? null, 'classification.');
    const row: EntryRow = {
      id: newId(),
      organisation_id: actor.organisationId,
      ...entryColumns(fields),
      vendor_service_id: null,
      external_key: key,
      ...derived,
      search_text: '',
      created_at: nowIso(now),
      updated_at: nowIso(now),
    };
    row.search_text = searchTextOf(row, vendor?.name ?? null, category!.name);
    await insertEntries(trx, [row]);
    await insertHistory(trx, [{ id: newId(), organisation_id: actor.organisationId, entry_id: row.id, at: nowIso(now), actor_label: actor.label, reason: '新規登録', before_json: null, after_json: JSON.stringify(derived) }]);
    await recordAudit(trx, actor, { action: 'register_entry.create', targetType: 'register_entry', targetId: row.id, after: withoutSearch(row) }, now);
    return row.id;
  });
  return getEntry(deps, actor, id);
}

/** The plain columns of an entry from validated input (classification handled separately). */
export function entryColumns(fields: Omit<CreateInput, 'classification'>) {
  return {
    name: fields.name,
    vendor_id: fields.vendor_id ?? null,
    service_model: fields.service_model,
    category_id: fields.category_id,
    department: fields.department,
    business_purpose: fields.business_purpose ?? null,
    users_description: fields.users_description ?? null,
    network_zone: fields.network_zone,
    data_location: fields.data_location,
    data_region: fields.data_region ?? null,
    status: fields.status,
    contract_form: fields.contract_form,
    contract_start: fields.contract_start ?? null,
    contract_end: fields.contract_end ?? null,
    notice_period_days: fields.notice_period_days ?? null,
    auto_renewal: fields.auto_renewal ? 1 : 0,
    annual_cost: fields.annual_cost ?? null,
    contract_number: fields.contract_number ?? null,
    data_kinds: JSON.stringify([...new Set(fields.data_kinds)]),
    residents_held: fields.residents_held ?? null,
    related_services: fields.related_services ?? null,
    notes: fields.notes ?? null,
    standardised_business: fields.standardised_business ?? null,
    government_cloud: fields.government_cloud ? 1 : 0,
  };
}

async function editableEntry(deps: Deps, actor: Actor, id: string): Promise<EntryWithNames> {
  await requireRegister(deps, actor, true);
  const existing = await findEntry(deps.db, actor.organisationId, id);
  if (!existing) throw notFound();
  if (!canEditEntry(actor, existing.department)) await denyEdit(deps, actor, id, existing.department);
  return existing;
}

export async function updateRegisterEntry(deps: Deps, actor: Actor, id: string, input: UpdateInput) {
  const existing = await editableEntry(deps, actor, id);
  if (input.department && !canEditEntry(actor, input.department)) await denyEdit(deps, actor, id, input.department);
  if (input.data_kinds) checkDataKinds(deps.catalogues, input.data_kinds);
  const merged = { ...existing, data_kinds: JSON.parse(existing.data_kinds) as string[], auto_renewal: existing.auto_renewal === 1, ...stripUndefined(input) };
  if (merged.contract_start && merged.contract_end && merged.contract_end < merged.contract_start) throw invalid('contract_end', bi('契約終了日は開始日以降にしてください', 'The contract end must not be before its start'));
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const { vendor, category } = await resolveRefs(trx, actor, { vendor_id: merged.vendor_id, category_id: merged.category_id });
    if (input.external_key && input.external_key !== existing.external_key && (await externalKeyExists(trx, actor.organisationId, input.external_key)))
      throw new AppError('conflict', [{ field: 'external_key', reason: bi('この管理番号は既に使われています', 'This key is already in use') }]);
    const columns = entryColumns(merged as never);
    const derived = rederive(deps.catalogues, existing, JSON.parse(columns.data_kinds), columns.residents_held);
    const changes: Partial<EntryRow> = { ...columns, external_key: merged.external_key || existing.external_key, ...derived, updated_at: nowIso(now) };
    changes.search_text = searchTextOf(changes as EntryRow, vendor?.name ?? null, category!.name);
    await updateEntry(trx, actor.organisationId, id, changes);
    if (derived.mental_distress !== existing.mental_distress || derived.economic_loss !== existing.economic_loss || derived.leak_estimate_yen !== Number(existing.leak_estimate_yen)) {
      await insertHistory(trx, [{ id: newId(), organisation_id: actor.organisationId, entry_id: id, at: nowIso(now), actor_label: actor.label, reason: '扱うデータの変更による再計算', before_json: JSON.stringify(classificationOf(existing)), after_json: JSON.stringify(derived) }]);
    }
    await recordAudit(trx, actor, { action: 'register_entry.update', targetType: 'register_entry', targetId: id, before: withoutSearch(stripNames(existing)), after: withoutSearch(changes) }, now);
  });
  return getEntry(deps, actor, id);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function stripNames(row: EntryWithNames): EntryRow {
  const { vendor_name: _v, vendor_corporate_number: _c, category_name: _n, category_name_en: _ne, vendor_service_name: _s, vendor_service_organisation_id: _o, vendor_service_vendor_name: _sv, ...rest } = row;
  return rest;
}

/** Changes the classification with a reason; every change is kept in the classification history. */
export async function reclassifyEntry(deps: Deps, actor: Actor, id: string, input: ClassificationInput) {
  const existing = await editableEntry(deps, actor, id);
  const dataKinds = JSON.parse(existing.data_kinds) as string[];
  const derived = deriveClassification(deps.catalogues, input, dataKinds, existing.residents_held);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await updateEntry(trx, actor.organisationId, id, { ...derived, updated_at: nowIso(now) });
    await insertHistory(trx, [{ id: newId(), organisation_id: actor.organisationId, entry_id: id, at: nowIso(now), actor_label: actor.label, reason: input.reason, before_json: JSON.stringify(classificationOf(existing)), after_json: JSON.stringify(derived) }]);
    await recordAudit(trx, actor, { action: 'register_entry.reclassify', targetType: 'register_entry', targetId: id, before: classificationOf(existing), after: { ...derived, reason: input.reason } }, now);
  });
  return getEntry(deps, actor, id);
}

export async function removeEntry(deps: Deps, actor: Actor, id: string): Promise<void> {
  await requireRegister(deps, actor, true);
  if (actor.role !== 'org_admin') {
    await deps.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'register_entry', targetId: id, after: { permission: 'register_entry.delete' } }, deps.now()));
    throw new AppError('forbidden', [{ field: 'id', reason: bi('台帳の削除は団体管理者のみが行えます。利用を終えたサービスは状態を「終了」にしてください', 'Only the organisation administrator deletes entries; set a service no longer used to "Ended"') }]);
  }
  const existing = await findEntry(deps.db, actor.organisationId, id);
  if (!existing) throw notFound();
  await deps.db.transaction().execute(async (trx) => {
    await removeEntryChildren(trx, actor.organisationId, id);
    await deleteEntry(trx, actor.organisationId, id);
    await recordAudit(trx, actor, { action: 'register_entry.delete', targetType: 'register_entry', targetId: id, before: withoutSearch(stripNames(existing)) }, deps.now());
  });
}

/** Classification history and the entry's full change trail from the audit log. */
export async function entryHistory(deps: Deps, actor: Actor, id: string) {
  await requireRegister(deps, actor, false);
  const existing = await findEntry(deps.db, actor.organisationId, id);
  if (!existing) throw notFound();
  const [classification, audit] = await Promise.all([
    listHistory(deps.db, actor.organisationId, id),
    listAuditEntries(deps.db, { organisationIds: [actor.organisationId], targetType: 'register_entry', targetId: id, limit: 200 }),
  ]);
  const changes = audit.map(presentAuditEntry);
  return {
    classification: classification.map((h) => ({ id: h.id, at: h.at, actor_label: h.actor_label, reason: h.reason, before: h.before_json ? JSON.parse(h.before_json) : null, after: JSON.parse(h.after_json) })),
    changes,
    names: await auditNamesFor(deps, actor, changes),
  };
}

/** Recomputes the search text of entries after a vendor or category was renamed. */
export async function refreshSearchText(trx: Executor, organisationId: string, filter: { vendorId?: string; categoryId?: string }) {
  const rows = await listEntries(trx, { organisationId, vendorId: filter.vendorId, categoryIds: filter.categoryId ? [filter.categoryId] : undefined }, { sort: 'external_key', order: 'asc', offset: 0, limit: 1_000_000 });
  for (const row of rows) await updateEntry(trx, organisationId, row.id, { search_text: searchTextOf(row, row.vendor_name, row.category_name) });
}

/** Everything a form needs to offer: categories, vendors, departments, schemes, data kinds, fixed lists. */
export async function registerOptions(deps: Deps, actor: Actor) {
  await requireRegister(deps, actor, false);
  const categories = await deps.db.transaction().execute((trx) => ensureCategories(trx, deps, actor.organisationId));
  const [vendors, departments] = await Promise.all([listVendors(deps.db, actor.organisationId), listDepartments(deps.db, actor.organisationId)]);
  return {
    categories: categories.map((c) => ({ id: c.id, name: c.name, name_en: c.name_en })),
    vendors: vendors.map((v) => ({ id: v.id, name: v.name })),
    departments: departments.map((d) => d.department),
    schemes: deps.catalogues.schemes.data.schemes,
    default_scheme_id: deps.catalogues.schemes.data.schemes[deps.catalogues.schemes.data.schemes.length - 1].id,
    data_kinds: deps.catalogues.dataKinds.data.kinds,
    service_models: [...SERVICE_MODELS],
    network_zones: [...NETWORK_ZONES],
    data_locations: [...DATA_LOCATIONS],
    statuses: [...ENTRY_STATUSES],
    contract_forms: [...CONTRACT_FORMS],
    can_create: REGISTER_KINDS.has(actor.organisationKind) && (actor.role === 'org_admin' || actor.role === 'editor'),
  };
}
