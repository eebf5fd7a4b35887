import type { Selectable } from 'kysely';
import type { VendorServiceTable } from '../db/schema.ts';
import { likeContains, sortable, type Executor } from './executor.ts';

export type VendorServiceRow = Selectable<VendorServiceTable>;
export type VendorServiceWithVendor = VendorServiceRow & { vendor_name: string; vendor_corporate_number: string | null };

function withVendor(db: Executor) {
  return db
    .selectFrom('vendor_services as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .selectAll('s')
    .select(['o.name as vendor_name', 'o.corporate_number as vendor_corporate_number'])
    .where('o.kind', '=', 'vendor');
}

/** Every vendor's services on the platform (their names are public), optionally matching a text. */
export function searchVendorServices(db: Executor, q: string | undefined, limit = 200): Promise<VendorServiceWithVendor[]> {
  let query = withVendor(db);
  if (q) query = query.where((eb) => eb.or([likeContains('s.name', q), likeContains('o.name', q), likeContains('o.corporate_number', q)]));
  return query.orderBy(sortable(db, 'o.name', true)).orderBy(sortable(db, 's.name', true)).orderBy('s.id').limit(limit).execute();
}

/** The vendor's own services, each with how many organisations link an entry to it. */
export async function listServicesOfVendor(db: Executor, vendorOrganisationId: string, q?: string) {
  let query = withVendor(db)
    .select((eb) =>
      eb
        .selectFrom('register_entries as e')
        .select((e) => e.fn.count<number>('e.organisation_id').distinct().as('n'))
        .whereRef('e.vendor_service_id', '=', 's.id')
        .as('linked_organisations'),
    )
    .where('s.organisation_id', '=', vendorOrganisationId);
  if (q) query = query.where(likeContains('s.name', q));
  const rows = await query.orderBy(sortable(db, 's.name', true)).orderBy('s.id').execute();
  return rows.map((r) => ({ ...r, linked_organisations: Number(r.linked_organisations ?? 0) }));
}

/** Which organisations link how many entries to each of the vendor's services. */
export async function linkedOrganisationsOfVendor(db: Executor, vendorOrganisationId: string) {
  const rows = await db
    .selectFrom('register_entries as e')
    .innerJoin('vendor_services as s', 's.id', 'e.vendor_service_id')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .select(['s.id as service_id', 'o.id as organisation_id', 'o.name as organisation_name', 'o.name_en as organisation_name_en'])
    .select((eb) => eb.fn.countAll<number>().as('entry_count'))
    .where('s.organisation_id', '=', vendorOrganisationId)
    .groupBy(['s.id', 'o.id', 'o.name', 'o.name_en'])
    .orderBy(sortable(db, 'o.name', true))
    .execute();
  return rows.map((r) => ({ ...r, entry_count: Number(r.entry_count) }));
}

/** Any vendor's service (for linking a register entry to it). */
export function findVendorService(db: Executor, id: string): Promise<VendorServiceWithVendor | undefined> {
  return withVendor(db).where('s.id', '=', id).executeTakeFirst();
}

/** A service of this vendor only: another vendor's is not found. */
export function findOwnVendorService(db: Executor, vendorOrganisationId: string, id: string): Promise<VendorServiceWithVendor | undefined> {
  return withVendor(db).where('s.organisation_id', '=', vendorOrganisationId).where('s.id', '=', id).executeTakeFirst();
}

export function findVendorServiceByName(db: Executor, vendorOrganisationId: string, name: string): Promise<VendorServiceRow | undefined> {
  return db.selectFrom('vendor_services').selectAll().where('organisation_id', '=', vendorOrganisationId).where('name', '=', name).executeTakeFirst();
}

export async function insertVendorService(db: Executor, row: VendorServiceRow): Promise<void> {
  await db.insertInto('vendor_services').values(row).execute();
}

export async function updateVendorService(db: Executor, vendorOrganisationId: string, id: string, changes: Partial<VendorServiceRow>): Promise<void> {
  await db.updateTable('vendor_services').set(changes).where('organisation_id', '=', vendorOrganisationId).where('id', '=', id).execute();
}

export async function deleteVendorService(db: Executor, vendorOrganisationId: string, id: string): Promise<void> {
  await db.deleteFrom('vendor_services').where('organisation_id', '=', vendorOrganisationId).where('id', '=', id).execute();
}

/** Register entries (of any organisation) linked to the service, and incidents recorded on it. */
export async function serviceUsage(db: Executor, id: string): Promise<{ entries: number; incidents: number }> {
  const [entries, incidents] = await Promise.all([
    db.selectFrom('register_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('vendor_service_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).where('vendor_service_id', '=', id).executeTakeFirstOrThrow(),
  ]);
  return { entries: Number(entries.n), incidents: Number(incidents.n) };
}

/**
 * The organisations an incident on the service reaches: every entry linked to it that is still in
 * use (not ended), one row per entry, the most important entry of an organisation first.
 */
export function linkedEntriesOfService(db: Executor, serviceId: string, organisationId?: string) {
  let query = db
    .selectFrom('register_entries as e')
    .select(['e.id as entry_id', 'e.organisation_id', 'e.department'])
    .where('e.vendor_service_id', '=', serviceId)
    .where('e.status', '!=', 'ended');
  if (organisationId) query = query.where('e.organisation_id', '=', organisationId);
  return query.orderBy('e.organisation_id').orderBy('e.administrative_impact', 'desc').orderBy(sortable(db, 'e.external_key', true)).execute();
}

/** Links (or unlinks, with null) a register entry of the organisation to a vendor service. */
/** Links the entry to the service only if it is linked to none yet; true when it was linked now. */
export async function linkEntryIfUnlinked(db: Executor, organisationId: string, entryId: string, serviceId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('register_entries')
    .set({ vendor_service_id: serviceId, updated_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', entryId)
    .where('vendor_service_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0) === 1;
}

export async function setEntryVendorService(db: Executor, organisationId: string, entryId: string, serviceId: string | null, at: string): Promise<void> {
  await db.updateTable('register_entries').set({ vendor_service_id: serviceId, updated_at: at }).where('organisation_id', '=', organisationId).where('id', '=', entryId).execute();
}
