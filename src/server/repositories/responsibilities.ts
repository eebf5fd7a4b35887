import type { Selectable } from 'kysely';
import type { EntryFaultRoleTable, EntryResponsibilityTable, EntrySplitAdoptionTable, VendorServiceSplitTable } from '../db/tables/parties.ts';
import type { Executor } from './executor.ts';

export type ResponsibilityRow = Selectable<EntryResponsibilityTable>;
export type FaultRoleRow = Selectable<EntryFaultRoleTable>;
export type SplitRow = Selectable<VendorServiceSplitTable>;
export type AdoptionRow = Selectable<EntrySplitAdoptionTable>;

/** The parties of an entry as the matrix needs them: role, what they are (with the platform organisation of a listed vendor), and their names. */
export function listMatrixParties(db: Executor, organisationId: string, entryId: string) {
  return db
    .selectFrom('entry_parties as p')
    .innerJoin('organisations as own', 'own.id', 'p.organisation_id')
    .leftJoin('vendors as v', (j) => j.onRef('v.id', '=', 'p.vendor_id').on('v.organisation_id', '=', organisationId))
    .leftJoin('organisations as vo', 'vo.id', 'p.vendor_organisation_id')
    .select(['p.id', 'p.role', 'p.vendor_id', 'p.vendor_organisation_id', 'p.vendor_service_id', 'p.created_at', 'v.name as vendor_name', 'v.vendor_organisation_id as vendor_platform_id', 'vo.name as vendor_organisation_name', 'own.name as organisation_name'])
    .where('p.organisation_id', '=', organisationId)
    .where('p.entry_id', '=', entryId)
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
}

export function listCells(db: Executor, organisationId: string, entryId: string): Promise<ResponsibilityRow[]> {
  return db.selectFrom('entry_responsibilities').selectAll().where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).orderBy('layer_id').orderBy('party_id').execute();
}

export function listFaultRoles(db: Executor, organisationId: string, entryId: string): Promise<FaultRoleRow[]> {
  return db.selectFrom('entry_fault_roles').selectAll().where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
}

/** Replaces the entry's whole matrix: every cell and every fault role. */
export async function replaceMatrix(db: Executor, organisationId: string, entryId: string, cells: ResponsibilityRow[], roles: FaultRoleRow[]): Promise<void> {
  await db.deleteFrom('entry_responsibilities').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
  await db.deleteFrom('entry_fault_roles').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
  if (cells.length) await db.insertInto('entry_responsibilities').values(cells).execute();
  if (roles.length) await db.insertInto('entry_fault_roles').values(roles).execute();
}

/** The incident-relevant fields of the entry's contacts (which party each names). */
export function listContactParties(db: Executor, organisationId: string, entryId: string) {
  return db.selectFrom('contacts').select(['phase', 'side', 'party_id']).where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
}

// ---- declared splits

export function findSplit(db: Executor, serviceId: string): Promise<SplitRow | undefined> {
  return db.selectFrom('vendor_service_splits').selectAll().where('service_id', '=', serviceId).executeTakeFirst();
}

export async function upsertSplit(db: Executor, row: SplitRow, exists: boolean): Promise<void> {
  if (exists) {
    const { service_id: _s, organisation_id: _o, ...changes } = row;
    await db.updateTable('vendor_service_splits').set(changes).where('service_id', '=', row.service_id).where('organisation_id', '=', row.organisation_id).execute();
  } else {
    await db.insertInto('vendor_service_splits').values(row).execute();
  }
}

/** Whether the organisation uses the service: an entry linked to it, or a party that provides it. */
export async function organisationUsesService(db: Executor, organisationId: string, serviceId: string): Promise<boolean> {
  const [linked, party] = await Promise.all([
    db.selectFrom('register_entries').select('id').where('organisation_id', '=', organisationId).where('vendor_service_id', '=', serviceId).limit(1).executeTakeFirst(),
    db.selectFrom('entry_parties').select('id').where('organisation_id', '=', organisationId).where('vendor_service_id', '=', serviceId).limit(1).executeTakeFirst(),
  ]);
  return Boolean(linked || party);
}

/** The declared splits of the given services, with the service's and its vendor's names. */
export function listSplitsOf(db: Executor, serviceIds: string[]) {
  if (!serviceIds.length) return Promise.resolve([]);
  return db
    .selectFrom('vendor_service_splits as sp')
    .innerJoin('vendor_services as s', 's.id', 'sp.service_id')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .selectAll('sp')
    .select(['s.name as service_name', 'o.name as vendor_name'])
    .where('sp.service_id', 'in', serviceIds)
    .execute();
}

// ---- adoption

export function findAdoption(db: Executor, organisationId: string, entryId: string) {
  return db
    .selectFrom('entry_split_adoptions as a')
    .innerJoin('vendor_services as s', 's.id', 'a.service_id')
    .selectAll('a')
    .select('s.name as service_name')
    .where('a.organisation_id', '=', organisationId)
    .where('a.entry_id', '=', entryId)
    .executeTakeFirst();
}

export async function replaceAdoption(db: Executor, row: AdoptionRow): Promise<void> {
  await db.deleteFrom('entry_split_adoptions').where('organisation_id', '=', row.organisation_id).where('entry_id', '=', row.entry_id).execute();
  await db.insertInto('entry_split_adoptions').values(row).execute();
}

// ---- removal

/** Entry deletion: the matrix, the fault roles and the adopted split go with it (idempotent). */
export async function deleteMatrixOfEntry(db: Executor, organisationId: string, entryId: string): Promise<void> {
  await db.deleteFrom('entry_split_adoptions').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
  await db.deleteFrom('entry_fault_roles').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
  await db.deleteFrom('entry_responsibilities').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
}

/** Vendor service deletion: its declared split and every adoption of it go (the entries keep their own copies). */
export async function deleteSplitOfService(db: Executor, serviceId: string): Promise<void> {
  await db.deleteFrom('entry_split_adoptions').where('service_id', '=', serviceId).execute();
  await db.deleteFrom('vendor_service_splits').where('service_id', '=', serviceId).execute();
}
