import { sql, type Selectable } from 'kysely';
import type { ClassificationHistoryTable, RegisterEntryTable, SavedViewTable } from '../db/schema.ts';
import type { RegisterSortField } from '../../shared/register.ts';
import { likeContains, sortable, type Executor } from './executor.ts';

export type EntryRow = Selectable<RegisterEntryTable>;
export type EntryWithNames = EntryRow & {
  vendor_name: string | null;
  vendor_corporate_number: string | null;
  category_name: string;
  category_name_en: string | null;
  /** The linked vendor service profile, when the entry is linked. */
  vendor_service_name?: string | null;
  vendor_service_organisation_id?: string | null;
  vendor_service_vendor_name?: string | null;
};
export type HistoryRow = Selectable<ClassificationHistoryTable>;
export type SavedViewRow = Selectable<SavedViewTable>;

export interface EntryFilter {
  organisationId: string;
  /** Already normalised with normaliseForSearch. */
  q?: string;
  categoryIds?: string[];
  statuses?: string[];
  zones?: string[];
  models?: string[];
  vendorId?: string;
  department?: string;
  impactBand?: 'high' | 'medium' | 'low';
  contractForm?: string;
  /** Only these entries (a selection in the list). */
  ids?: string[];
}

const TEXT_SORTS = new Set<RegisterSortField>(['external_key', 'name', 'vendor_name', 'category_name', 'department', 'service_model', 'network_zone', 'status', 'contract_end', 'updated_at']);
const SORT_COLUMNS: Record<RegisterSortField, string> = {
  external_key: 'e.external_key', name: 'e.name', vendor_name: 'v.name', category_name: 'c.name', department: 'e.department',
  service_model: 'e.service_model', network_zone: 'e.network_zone', status: 'e.status', confidentiality_level: 'e.confidentiality_level',
  resident_impact: 'e.resident_impact', mental_distress: 'e.mental_distress', economic_loss: 'e.economic_loss',
  administrative_impact: 'e.administrative_impact', leak_estimate_yen: 'e.leak_estimate_yen', residents_held: 'e.residents_held',
  annual_cost: 'e.annual_cost', contract_end: 'e.contract_end', updated_at: 'e.updated_at',
};

function filtered(db: Executor, filter: EntryFilter) {
  let query = db
    .selectFrom('register_entries as e')
    .innerJoin('register_categories as c', 'c.id', 'e.category_id')
    .leftJoin('vendors as v', 'v.id', 'e.vendor_id')
    .where('e.organisation_id', '=', filter.organisationId);
  if (filter.q) for (const word of filter.q.split(' ').filter(Boolean)) query = query.where(likeContains('e.search_text', word));
  if (filter.categoryIds?.length) query = query.where('e.category_id', 'in', filter.categoryIds);
  if (filter.statuses?.length) query = query.where('e.status', 'in', filter.statuses);
  if (filter.zones?.length) query = query.where('e.network_zone', 'in', filter.zones);
  if (filter.models?.length) query = query.where('e.service_model', 'in', filter.models);
  if (filter.vendorId) query = query.where('e.vendor_id', '=', filter.vendorId);
  if (filter.department) query = query.where('e.department', '=', filter.department);
  if (filter.contractForm) query = query.where('e.contract_form', '=', filter.contractForm);
  if (filter.ids) query = query.where('e.id', 'in', filter.ids.length ? filter.ids : ['']);
  if (filter.impactBand === 'high') query = query.where('e.administrative_impact', '>=', 27);
  if (filter.impactBand === 'medium') query = query.where('e.administrative_impact', '>=', 9).where('e.administrative_impact', '<', 27);
  if (filter.impactBand === 'low') query = query.where('e.administrative_impact', '<', 9);
  return query;
}

/** One page of entries, sorted; empty values sort last on both dialects; id breaks ties. */
export function listEntries(db: Executor, filter: EntryFilter, page: { sort: RegisterSortField; order: 'asc' | 'desc'; offset: number; limit: number }): Promise<EntryWithNames[]> {
  const column = SORT_COLUMNS[page.sort];
  return filtered(db, filter)
    .leftJoin('vendor_services as vs', 'vs.id', 'e.vendor_service_id')
    .leftJoin('organisations as vo', 'vo.id', 'vs.organisation_id')
    .selectAll('e')
    .select(['v.name as vendor_name', 'v.corporate_number as vendor_corporate_number', 'c.name as category_name', 'c.name_en as category_name_en'])
    .select(['vs.name as vendor_service_name', 'vs.organisation_id as vendor_service_organisation_id', 'vo.name as vendor_service_vendor_name'])
    .orderBy(sql`case when ${sql.ref(column)} is null then 1 else 0 end`)
    .orderBy(sortable(db, column, TEXT_SORTS.has(page.sort)), page.order)
    .orderBy('e.id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function summariseEntries(db: Executor, filter: EntryFilter) {
  const row = await filtered(db, filter)
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.coalesce(eb.fn.sum<number>('e.annual_cost'), sql<number>`0`).as('annual_cost'),
      eb.fn.coalesce(eb.fn.sum<number>('e.residents_held'), sql<number>`0`).as('residents_held'),
      eb.fn.coalesce(eb.fn.sum<number>('e.leak_estimate_yen'), sql<number>`0`).as('leak_estimate_yen'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), annual_cost: Number(row.annual_cost), residents_held: Number(row.residents_held), leak_estimate_yen: Number(row.leak_estimate_yen) };
}

/** Counts grouped by one or two columns, for the overview charts and the heat maps. */
export async function countEntriesBy(db: Executor, filter: EntryFilter, columns: ('e.category_id' | 'e.status' | 'e.network_zone' | 'e.service_model' | 'e.confidentiality_level' | 'e.resident_impact' | 'e.mental_distress' | 'e.economic_loss')[]) {
  const rows = await filtered(db, filter)
    .select(columns.map((c, i) => sql.ref(c).as(`k${i}`)))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(columns)
    .execute();
  return rows.map((row: any) => ({ keys: columns.map((_, i) => String(row[`k${i}`])), count: Number(row.n) }));
}

export async function countByImpactBand(db: Executor, filter: EntryFilter) {
  const band = sql<string>`case when e.administrative_impact >= 27 then 'high' when e.administrative_impact >= 9 then 'medium' else 'low' end`;
  const rows = await filtered(db, filter).select([band.as('band')]).select((eb) => eb.fn.countAll<number>().as('n')).groupBy(band).execute();
  return rows.map((r) => ({ band: r.band, count: Number(r.n) }));
}

export function findEntry(db: Executor, organisationId: string, id: string): Promise<EntryWithNames | undefined> {
  return db
    .selectFrom('register_entries as e')
    .innerJoin('register_categories as c', 'c.id', 'e.category_id')
    .leftJoin('vendors as v', 'v.id', 'e.vendor_id')
    .leftJoin('vendor_services as vs', 'vs.id', 'e.vendor_service_id')
    .leftJoin('organisations as vo', 'vo.id', 'vs.organisation_id')
    .selectAll('e')
    .select(['v.name as vendor_name', 'v.corporate_number as vendor_corporate_number', 'c.name as category_name', 'c.name_en as category_name_en'])
    .select(['vs.name as vendor_service_name', 'vs.organisation_id as vendor_service_organisation_id', 'vo.name as vendor_service_vendor_name'])
    .where('e.organisation_id', '=', organisationId)
    .where('e.id', '=', id)
    .executeTakeFirst() as Promise<EntryWithNames | undefined>;
}

/** The organisation's entries among `ids` (ids of other organisations are simply not found). */
export function findEntriesByIds(db: Executor, organisationId: string, ids: string[]): Promise<(EntryRow & { vendor_name: string | null; category_name: string })[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('register_entries as e')
    .innerJoin('register_categories as c', 'c.id', 'e.category_id')
    .leftJoin('vendors as v', 'v.id', 'e.vendor_id')
    .selectAll('e')
    .select(['v.name as vendor_name', 'c.name as category_name'])
    .where('e.organisation_id', '=', organisationId)
    .where('e.id', 'in', ids)
    .execute();
}

export function findEntriesByKeys(db: Executor, organisationId: string, keys: string[]): Promise<EntryRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('register_entries').selectAll().where('organisation_id', '=', organisationId).where('external_key', 'in', keys).execute();
}

export async function nextExternalKeyNumber(db: Executor, organisationId: string): Promise<number> {
  const row = await db.selectFrom('register_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

export async function externalKeyExists(db: Executor, organisationId: string, key: string): Promise<boolean> {
  return Boolean(await db.selectFrom('register_entries').select('id').where('organisation_id', '=', organisationId).where('external_key', '=', key).executeTakeFirst());
}

export async function insertEntries(db: Executor, rows: EntryRow[]): Promise<void> {
  // 45 columns × 600 rows stays under SQLite's 32,766 bound parameters (PostgreSQL allows 65,535).
  for (let i = 0; i < rows.length; i += 600) await db.insertInto('register_entries').values(rows.slice(i, i + 600)).execute();
}

export async function updateEntry(db: Executor, organisationId: string, id: string, changes: Partial<EntryRow>): Promise<void> {
  await db.updateTable('register_entries').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function deleteEntry(db: Executor, organisationId: string, id: string): Promise<void> {
  await db.deleteFrom('classification_history').where('organisation_id', '=', organisationId).where('entry_id', '=', id).execute();
  // The organisation's part in past incidents stays on record; it no longer points at the entry.
  await db.updateTable('incident_participants').set({ entry_id: null }).where('organisation_id', '=', organisationId).where('entry_id', '=', id).execute();
  await db.deleteFrom('register_entries').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function insertHistory(db: Executor, rows: HistoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto('classification_history').values(rows.slice(i, i + 2000)).execute();
}

export function listHistory(db: Executor, organisationId: string, entryId: string): Promise<HistoryRow[]> {
  return db.selectFrom('classification_history').selectAll().where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).orderBy('at', 'desc').execute();
}

export function listDepartments(db: Executor, organisationId: string) {
  return db.selectFrom('register_entries').select('department').distinct().where('organisation_id', '=', organisationId).orderBy('department').execute();
}

export function listSavedViews(db: Executor, organisationId: string, userId: string): Promise<SavedViewRow[]> {
  return db.selectFrom('saved_views').selectAll().where('organisation_id', '=', organisationId).where('user_id', '=', userId).orderBy('created_at').execute();
}

export async function insertSavedView(db: Executor, row: SavedViewRow): Promise<void> {
  await db.insertInto('saved_views').values(row).execute();
}

export async function deleteSavedView(db: Executor, organisationId: string, userId: string, id: string): Promise<number> {
  const result = await db.deleteFrom('saved_views').where('organisation_id', '=', organisationId).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}
