import type { Selectable } from 'kysely';
import type { EntryPartyTable } from '../db/schema.ts';
import { likeContains, sortable, type Executor } from './executor.ts';

// The parties of register entries (責任分界と委託先): every query names the organisation.

export type PartyRow = Selectable<EntryPartyTable>;
/** A party with the names a reader knows: the vendor of the list, the platform organisation, the service. */
export type PartyWithNames = PartyRow & {
  vendor_name: string | null;
  vendor_corporate_number: string | null;
  vendor_organisation_name: string | null;
  vendor_service_name: string | null;
  organisation_name: string;
};

function withNames(db: Executor) {
  return db
    .selectFrom('entry_parties as p')
    .innerJoin('organisations as own', 'own.id', 'p.organisation_id')
    .leftJoin('vendors as v', 'v.id', 'p.vendor_id')
    .leftJoin('organisations as vo', 'vo.id', 'p.vendor_organisation_id')
    .leftJoin('vendor_services as vs', 'vs.id', 'p.vendor_service_id')
    .selectAll('p')
    .select(['v.name as vendor_name', 'v.corporate_number as vendor_corporate_number', 'vo.name as vendor_organisation_name', 'vs.name as vendor_service_name', 'own.name as organisation_name']);
}

/** The parties of one entry, oldest first (the service arranges them as a tree). */
export function listParties(db: Executor, organisationId: string, entryId: string): Promise<PartyWithNames[]> {
  return withNames(db).where('p.organisation_id', '=', organisationId).where('p.entry_id', '=', entryId).orderBy('p.created_at').orderBy('p.id').execute();
}

export function findParty(db: Executor, organisationId: string, id: string): Promise<PartyWithNames | undefined> {
  return withNames(db).where('p.organisation_id', '=', organisationId).where('p.id', '=', id).executeTakeFirst();
}

/** Every party of the organisation, with its entry, for the subcontract-chain view. */
export function listPartiesOfOrganisation(db: Executor, organisationId: string) {
  return withNames(db)
    .innerJoin('register_entries as e', 'e.id', 'p.entry_id')
    .select(['e.external_key as entry_external_key', 'e.name as entry_name', 'e.department as entry_department', 'e.status as entry_status'])
    .where('p.organisation_id', '=', organisationId)
    .orderBy(sortable(db, 'e.external_key', true))
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
}

export async function countParties(db: Executor, organisationId: string, entryId: string): Promise<number> {
  const row = await db.selectFrom('entry_parties').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertParty(db: Executor, row: PartyRow): Promise<void> {
  await db.insertInto('entry_parties').values(row).execute();
}

export async function updateParty(db: Executor, organisationId: string, id: string, changes: Partial<PartyRow>): Promise<void> {
  await db.updateTable('entry_parties').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** Removes one party and what hangs on it: its matrix cells and fault roles; contacts forget it. */
export async function deleteParty(db: Executor, organisationId: string, id: string): Promise<void> {
  await db.deleteFrom('entry_responsibilities').where('organisation_id', '=', organisationId).where('party_id', '=', id).execute();
  await db.deleteFrom('entry_fault_roles').where('organisation_id', '=', organisationId).where('party_id', '=', id).execute();
  await db.updateTable('contacts').set({ party_id: null }).where('organisation_id', '=', organisationId).where('party_id', '=', id).execute();
  await db.deleteFrom('entry_parties').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** Entry deletion: every party of the entry with its cells, fault roles and the adopted split. */
export async function deletePartiesOfEntry(db: Executor, organisationId: string, entryId: string): Promise<void> {
  await db.deleteFrom('entry_responsibilities').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
  await db.deleteFrom('entry_fault_roles').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
  await db.deleteFrom('entry_split_adoptions').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
  const ids = (await db.selectFrom('entry_parties').select('id').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute()).map((r) => r.id);
  if (ids.length === 0) return;
  await db.updateTable('contacts').set({ party_id: null }).where('organisation_id', '=', organisationId).where('party_id', 'in', ids).execute();
  // Subcontractors point at their parents: cut the tree first, then remove every party at once.
  await db.updateTable('entry_parties').set({ parent_party_id: null }).where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
  await db.deleteFrom('entry_parties').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
}

/** The entries (key and name) whose parties name this vendor of the organisation's list. */
export function entriesNamingVendor(db: Executor, organisationId: string, vendorId: string) {
  return db
    .selectFrom('entry_parties as p')
    .innerJoin('register_entries as e', 'e.id', 'p.entry_id')
    .select(['e.id', 'e.external_key', 'e.name'])
    .distinct()
    .where('p.organisation_id', '=', organisationId)
    .where('p.vendor_id', '=', vendorId)
    .orderBy('e.external_key')
    .execute();
}

/** How many parties (of any organisation) name this platform service. */
export async function countPartiesOfService(db: Executor, serviceId: string): Promise<number> {
  const row = await db.selectFrom('entry_parties').select((eb) => eb.fn.countAll<number>().as('n')).where('vendor_service_id', '=', serviceId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A vendor organisation on the platform (kind 'vendor'); any other organisation is not found. */
export function findVendorOrganisation(db: Executor, id: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'corporate_number']).where('id', '=', id).where('kind', '=', 'vendor').executeTakeFirst();
}

/** A platform service with the vendor organisation that offers it. */
export function findServiceOwner(db: Executor, serviceId: string) {
  return db.selectFrom('vendor_services').select(['id', 'name', 'organisation_id']).where('id', '=', serviceId).executeTakeFirst();
}

/** Vendor organisations on the platform and their services, optionally matching a text (name or corporate number). */
export async function searchVendorOrganisations(db: Executor, q: string | undefined, limit = 50) {
  let query = db.selectFrom('organisations as o').select(['o.id', 'o.name', 'o.corporate_number']).where('o.kind', '=', 'vendor');
  if (q) query = query.where((eb) => eb.or([likeContains('o.name', q), likeContains('o.corporate_number', q)]));
  const orgs = await query.orderBy(sortable(db, 'o.name', true)).orderBy('o.id').limit(limit).execute();
  if (orgs.length === 0) return [];
  const services = await db
    .selectFrom('vendor_services')
    .select(['id', 'name', 'organisation_id'])
    .where(
      'organisation_id',
      'in',
      orgs.map((o) => o.id),
    )
    .orderBy(sortable(db, 'name', true))
    .execute();
  return orgs.map((o) => ({ ...o, services: services.filter((s) => s.organisation_id === o.id).map((s) => ({ id: s.id, name: s.name })) }));
}

export async function findSubcontractMaxDepth(db: Executor, organisationId: string): Promise<number> {
  const row = await db.selectFrom('organisations').select('subcontract_max_depth').where('id', '=', organisationId).executeTakeFirst();
  return Number(row?.subcontract_max_depth ?? 2);
}

export async function setSubcontractMaxDepth(db: Executor, organisationId: string, depth: number, at: string): Promise<void> {
  await db.updateTable('organisations').set({ subcontract_max_depth: depth, updated_at: at }).where('id', '=', organisationId).execute();
}
