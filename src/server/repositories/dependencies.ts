import type { Selectable } from 'kysely';
import type { EntryDependencyTable, VendorServiceDependencyTable } from '../db/schema.ts';
import { sortable, type Executor } from './executor.ts';

// What runs on what: a register entry on another entry of its organisation or on a vendor's service,
// and a vendor's service on another service of the platform. The graph walk (what stops if X fails,
// the incident fan-out) reads these edges level by level, in batches, never one query per entry.

export type EntryDependencyRow = Selectable<EntryDependencyTable>;
export type ServiceDependencyRow = Selectable<VendorServiceDependencyTable>;

/** Ids per query: under SQLite's (32,766) and PostgreSQL's (65,535) bound-parameter limits, few round trips. */
const CHUNK = 5000;

async function chunked<T>(ids: string[], run: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await run(ids.slice(i, i + CHUNK))));
  return out;
}

// ---- an entry's dependencies ----

export type EntryDependencyWithNames = EntryDependencyRow & {
  other_entry_id: string | null;
  other_external_key: string | null;
  other_name: string | null;
  service_name: string | null;
  service_vendor_name: string | null;
};

/** What the entry runs on: other entries of the organisation and vendor services. */
export function dependenciesOfEntry(db: Executor, organisationId: string, entryId: string): Promise<EntryDependencyWithNames[]> {
  return db
    .selectFrom('entry_dependencies as d')
    .leftJoin('register_entries as oe', (j) => j.onRef('oe.id', '=', 'd.depends_on_entry_id').onRef('oe.organisation_id', '=', 'd.organisation_id'))
    .leftJoin('vendor_services as s', 's.id', 'd.depends_on_service_id')
    .leftJoin('organisations as so', 'so.id', 's.organisation_id')
    .selectAll('d')
    .select(['oe.id as other_entry_id', 'oe.external_key as other_external_key', 'oe.name as other_name', 's.name as service_name', 'so.name as service_vendor_name'])
    .where('d.organisation_id', '=', organisationId)
    .where('d.entry_id', '=', entryId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
}

/** The organisation's entries that run on this entry. */
export function dependentsOfEntry(db: Executor, organisationId: string, entryId: string): Promise<EntryDependencyWithNames[]> {
  return db
    .selectFrom('entry_dependencies as d')
    .innerJoin('register_entries as oe', (j) => j.onRef('oe.id', '=', 'd.entry_id').onRef('oe.organisation_id', '=', 'd.organisation_id'))
    .selectAll('d')
    .select(['oe.id as other_entry_id', 'oe.external_key as other_external_key', 'oe.name as other_name'])
    .select((eb) => [eb.val<string | null>(null).as('service_name'), eb.val<string | null>(null).as('service_vendor_name')])
    .where('d.organisation_id', '=', organisationId)
    .where('d.depends_on_entry_id', '=', entryId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute() as Promise<EntryDependencyWithNames[]>;
}

export function findEntryDependency(db: Executor, organisationId: string, id: string): Promise<EntryDependencyRow | undefined> {
  return db.selectFrom('entry_dependencies').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export function findSameEntryDependency(db: Executor, organisationId: string, entryId: string, on: { entryId: string | null; serviceId: string | null }) {
  let query = db.selectFrom('entry_dependencies').select('id').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId);
  query = on.entryId ? query.where('depends_on_entry_id', '=', on.entryId) : query.where('depends_on_service_id', '=', on.serviceId!);
  return query.executeTakeFirst();
}

export async function insertEntryDependency(db: Executor, row: EntryDependencyRow): Promise<void> {
  await db.insertInto('entry_dependencies').values(row).execute();
}

export async function updateEntryDependencyNote(db: Executor, organisationId: string, id: string, note: string | null): Promise<void> {
  await db.updateTable('entry_dependencies').set({ note }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function deleteEntryDependency(db: Executor, organisationId: string, id: string): Promise<void> {
  await db.deleteFrom('entry_dependencies').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** For a deleted entry: its dependencies either way go, and incidents no longer name it as the way they came. */
export async function deleteDependenciesOfEntry(db: Executor, organisationId: string, entryId: string): Promise<void> {
  await db
    .deleteFrom('entry_dependencies')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('entry_id', '=', entryId), eb('depends_on_entry_id', '=', entryId)]))
    .execute();
  await db.updateTable('incident_participants').set({ via_entry_id: null }).where('organisation_id', '=', organisationId).where('via_entry_id', '=', entryId).execute();
}

/** Entry → the entries it runs on, for the entries given (walking up, for the cycle check). */
export function entryEdgesFrom(db: Executor, organisationId: string, entryIds: string[]) {
  return chunked(entryIds, (part) =>
    db
      .selectFrom('entry_dependencies')
      .select(['entry_id', 'depends_on_entry_id'])
      .where('organisation_id', '=', organisationId)
      .where('entry_id', 'in', part)
      .where('depends_on_entry_id', 'is not', null)
      .execute() as Promise<{ entry_id: string; depends_on_entry_id: string }[]>,
  );
}

// ---- a vendor service's dependencies ----

export type ServiceDependencyWithNames = ServiceDependencyRow & { other_service_id: string; other_service_name: string; other_vendor_name: string };

/** What the service runs on (`up`) or what runs on it (`down`), with the other service's name and vendor. */
export function serviceDependencies(db: Executor, serviceId: string, direction: 'up' | 'down'): Promise<ServiceDependencyWithNames[]> {
  const [mine, other] = direction === 'up' ? (['d.service_id', 'd.depends_on_service_id'] as const) : (['d.depends_on_service_id', 'd.service_id'] as const);
  return db
    .selectFrom('vendor_service_dependencies as d')
    .innerJoin('vendor_services as s', 's.id', other)
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .selectAll('d')
    .select(['s.id as other_service_id', 's.name as other_service_name', 'o.name as other_vendor_name'])
    .where(mine, '=', serviceId)
    .orderBy(sortable(db, 's.name', true))
    .orderBy('d.id')
    .execute();
}

export function findServiceDependency(db: Executor, vendorOrganisationId: string, id: string): Promise<ServiceDependencyRow | undefined> {
  return db.selectFrom('vendor_service_dependencies').selectAll().where('organisation_id', '=', vendorOrganisationId).where('id', '=', id).executeTakeFirst();
}

export function findSameServiceDependency(db: Executor, serviceId: string, dependsOnServiceId: string) {
  return db.selectFrom('vendor_service_dependencies').select('id').where('service_id', '=', serviceId).where('depends_on_service_id', '=', dependsOnServiceId).executeTakeFirst();
}

export async function insertServiceDependency(db: Executor, row: ServiceDependencyRow): Promise<void> {
  await db.insertInto('vendor_service_dependencies').values(row).execute();
}

export async function deleteServiceDependency(db: Executor, vendorOrganisationId: string, id: string): Promise<void> {
  await db.deleteFrom('vendor_service_dependencies').where('organisation_id', '=', vendorOrganisationId).where('id', '=', id).execute();
}

/** Service → the services it runs on (walking up, for the cycle check and the incidents a new link joins). */
export function serviceEdgesFrom(db: Executor, serviceIds: string[]) {
  return chunked(serviceIds, (part) => db.selectFrom('vendor_service_dependencies').select(['service_id', 'depends_on_service_id']).where('service_id', 'in', part).execute());
}

/** What keeps a vendor service from being deleted: entries and other vendors' services that run on it. */
export async function serviceDependencyUsage(db: Executor, serviceId: string) {
  const [entries, services] = await Promise.all([
    db.selectFrom('entry_dependencies').select((eb) => eb.fn.countAll<number>().as('n')).where('depends_on_service_id', '=', serviceId).executeTakeFirstOrThrow(),
    db
      .selectFrom('vendor_service_dependencies as d')
      .innerJoin('vendor_services as s', 's.id', 'd.service_id')
      .select('s.name')
      .where('d.depends_on_service_id', '=', serviceId)
      .where('d.service_id', '!=', serviceId)
      .execute(),
  ]);
  return { entries: Number(entries.n), services: services.map((s) => s.name) };
}

/** For a deleted service: the service's own declarations go, and incidents no longer name it as the way they came. */
export async function detachServiceDependencies(db: Executor, serviceId: string): Promise<void> {
  await db.deleteFrom('vendor_service_dependencies').where('service_id', '=', serviceId).execute();
  await db.updateTable('incident_participants').set({ via_service_id: null }).where('via_service_id', '=', serviceId).execute();
}

// ---- the graph walk: "Y fails → X stops" ----

/** Services that run on any of these services. */
export function servicesRunningOn(db: Executor, serviceIds: string[]) {
  return chunked(serviceIds, (part) => db.selectFrom('vendor_service_dependencies').select(['service_id', 'depends_on_service_id']).where('depends_on_service_id', 'in', part).execute());
}

export type EntryHit = { entry_id: string; organisation_id: string; from_id: string; how: 'link' | 'party' | 'dependency' };

/**
 * Entries in use (not ended) that stop when one of these services fails: linked to it, with a party
 * providing it, or running on it. Optionally of one organisation only.
 */
export function entriesOnServices(db: Executor, serviceIds: string[], organisationId?: string): Promise<EntryHit[]> {
  return chunked(serviceIds, async (part) => {
    let linked = db.selectFrom('register_entries as e').select(['e.id as entry_id', 'e.organisation_id', 'e.vendor_service_id as from_id']).where('e.vendor_service_id', 'in', part).where('e.status', '!=', 'ended');
    let party = db
      .selectFrom('entry_parties as p')
      .innerJoin('register_entries as e', (j) => j.onRef('e.id', '=', 'p.entry_id').onRef('e.organisation_id', '=', 'p.organisation_id'))
      .select(['e.id as entry_id', 'e.organisation_id', 'p.vendor_service_id as from_id'])
      .where('p.vendor_service_id', 'in', part)
      .where('e.status', '!=', 'ended');
    let running = db
      .selectFrom('entry_dependencies as d')
      .innerJoin('register_entries as e', (j) => j.onRef('e.id', '=', 'd.entry_id').onRef('e.organisation_id', '=', 'd.organisation_id'))
      .select(['e.id as entry_id', 'e.organisation_id', 'd.depends_on_service_id as from_id'])
      .where('d.depends_on_service_id', 'in', part)
      .where('e.status', '!=', 'ended');
    if (organisationId) {
      linked = linked.where('e.organisation_id', '=', organisationId);
      party = party.where('p.organisation_id', '=', organisationId);
      running = running.where('d.organisation_id', '=', organisationId);
    }
    const [a, b, c] = await Promise.all([linked.execute(), party.execute(), running.execute()]);
    return [
      ...a.map((r) => ({ ...r, from_id: r.from_id!, how: 'link' as const })),
      ...b.map((r) => ({ ...r, from_id: r.from_id!, how: 'party' as const })),
      ...c.map((r) => ({ ...r, from_id: r.from_id!, how: 'dependency' as const })),
    ];
  });
}

/** Entries in use that run on any of these entries. */
export function entriesOnEntries(db: Executor, entryIds: string[], organisationId?: string): Promise<EntryHit[]> {
  return chunked(entryIds, async (part) => {
    let query = db
      .selectFrom('entry_dependencies as d')
      .innerJoin('register_entries as e', (j) => j.onRef('e.id', '=', 'd.entry_id').onRef('e.organisation_id', '=', 'd.organisation_id'))
      .select(['e.id as entry_id', 'e.organisation_id', 'd.depends_on_entry_id as from_id'])
      .where('d.depends_on_entry_id', 'in', part)
      .where('e.status', '!=', 'ended');
    if (organisationId) query = query.where('d.organisation_id', '=', organisationId);
    return (await query.execute()).map((r) => ({ ...r, from_id: r.from_id!, how: 'dependency' as const }));
  });
}

/** Entries in use of the organisation whose vendor (own list) is this one, directly or as a party. */
export async function entriesOfVendor(db: Executor, organisationId: string, vendorId: string): Promise<string[]> {
  const [a, b] = await Promise.all([
    db.selectFrom('register_entries').select('id').where('organisation_id', '=', organisationId).where('vendor_id', '=', vendorId).where('status', '!=', 'ended').execute(),
    db
      .selectFrom('entry_parties as p')
      .innerJoin('register_entries as e', (j) => j.onRef('e.id', '=', 'p.entry_id').onRef('e.organisation_id', '=', 'p.organisation_id'))
      .select('e.id')
      .where('p.organisation_id', '=', organisationId)
      .where('p.vendor_id', '=', vendorId)
      .where('e.status', '!=', 'ended')
      .execute(),
  ]);
  return [...new Set([...a, ...b].map((r) => r.id))];
}

/** Entries in use of the organisation with a party that is this platform vendor. */
export async function entriesWithVendorOrganisation(db: Executor, organisationId: string, vendorOrganisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('entry_parties as p')
    .innerJoin('register_entries as e', (j) => j.onRef('e.id', '=', 'p.entry_id').onRef('e.organisation_id', '=', 'p.organisation_id'))
    .select('e.id')
    .where('p.organisation_id', '=', organisationId)
    .where('p.vendor_organisation_id', '=', vendorOrganisationId)
    .where('e.status', '!=', 'ended')
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

export function serviceIdsOfVendorOrganisation(db: Executor, vendorOrganisationId: string) {
  return db.selectFrom('vendor_services').select(['id', 'name']).where('organisation_id', '=', vendorOrganisationId).execute();
}

/** Names of services (public on the platform) with their vendor's name. */
export function serviceNames(db: Executor, serviceIds: string[]) {
  return chunked(serviceIds, (part) =>
    db.selectFrom('vendor_services as s').innerJoin('organisations as o', 'o.id', 's.organisation_id').select(['s.id', 's.name', 'o.name as vendor_name']).where('s.id', 'in', part).execute(),
  );
}

/** What the what-if table shows of each affected entry (of one organisation). */
export function entryFacts(db: Executor, organisationId: string, entryIds: string[]) {
  return chunked(entryIds, (part) =>
    db
      .selectFrom('register_entries')
      .select(['id', 'external_key', 'name', 'department', 'status', 'administrative_impact', 'resident_impact', 'residents_held'])
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', part)
      .execute(),
  );
}

/** What the fan-out needs of each affected entry (any organisation): the most important one per body takes part. */
export function entryRanks(db: Executor, entryIds: string[]) {
  return chunked(entryIds, (part) => db.selectFrom('register_entries').select(['id', 'organisation_id', 'external_key', 'administrative_impact', 'residents_held']).where('id', 'in', part).execute());
}

export function organisationNames(db: Executor, organisationIds: string[]) {
  return chunked(organisationIds, (part) => db.selectFrom('organisations').select(['id', 'name', 'name_en']).where('id', 'in', part).execute());
}

/** The picker: parties of the organisation's entries in the roles a what-if is usually asked about. */
export function partiesByRole(db: Executor, organisationId: string, roles: string[]) {
  return db
    .selectFrom('entry_parties as p')
    .leftJoin('vendors as v', (j) => j.onRef('v.id', '=', 'p.vendor_id').onRef('v.organisation_id', '=', 'p.organisation_id'))
    .leftJoin('organisations as vo', 'vo.id', 'p.vendor_organisation_id')
    .select(['p.role', 'p.vendor_id', 'p.vendor_organisation_id', 'v.name as vendor_name', 'vo.name as vendor_organisation_name'])
    .where('p.organisation_id', '=', organisationId)
    .where('p.role', 'in', roles)
    .distinct()
    .execute();
}

/** The picker: vendor services the organisation's entries touch (linked, parties, dependencies). */
export async function servicesTouchedBy(db: Executor, organisationId: string): Promise<string[]> {
  const [a, b, c] = await Promise.all([
    db.selectFrom('register_entries').select('vendor_service_id as id').where('organisation_id', '=', organisationId).where('vendor_service_id', 'is not', null).distinct().execute(),
    db.selectFrom('entry_parties').select('vendor_service_id as id').where('organisation_id', '=', organisationId).where('vendor_service_id', 'is not', null).distinct().execute(),
    db.selectFrom('entry_dependencies').select('depends_on_service_id as id').where('organisation_id', '=', organisationId).where('depends_on_service_id', 'is not', null).distinct().execute(),
  ]);
  return [...new Set([...a, ...b, ...c].map((r) => r.id!))];
}
