import type { Selectable } from 'kysely';
import type { VendorTable } from '../db/schema.ts';
import { likeContains, type Executor } from './executor.ts';

export type VendorRow = Selectable<VendorTable>;

export function listVendors(db: Executor, organisationId: string, q?: string) {
  let query = db
    .selectFrom('vendors as v')
    .selectAll('v')
    .select((eb) =>
      eb.selectFrom('register_entries as e').select((e) => e.fn.countAll<number>().as('n')).whereRef('e.vendor_id', '=', 'v.id').as('entry_count'),
    )
    .where('v.organisation_id', '=', organisationId);
  if (q) query = query.where((eb) => eb.or([likeContains('v.name', q), likeContains('v.corporate_number', q)]));
  return query.orderBy('v.name').execute();
}

export function findVendor(db: Executor, organisationId: string, id: string): Promise<VendorRow | undefined> {
  return db.selectFrom('vendors').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export function findVendorByName(db: Executor, organisationId: string, name: string): Promise<VendorRow | undefined> {
  return db.selectFrom('vendors').selectAll().where('organisation_id', '=', organisationId).where('name', '=', name).executeTakeFirst();
}

export async function insertVendor(db: Executor, row: VendorRow): Promise<void> {
  await db.insertInto('vendors').values(row).execute();
}

export async function updateVendor(db: Executor, organisationId: string, id: string, changes: Partial<VendorRow>): Promise<void> {
  await db.updateTable('vendors').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function deleteVendor(db: Executor, organisationId: string, id: string): Promise<void> {
  await db.deleteFrom('vendors').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function countEntriesOfVendor(db: Executor, organisationId: string, id: string): Promise<number> {
  const row = await db
    .selectFrom('register_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('vendor_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
