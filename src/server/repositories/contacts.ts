import type { Selectable } from 'kysely';
import type { ContactDrillTable, ContactSettingsTable, ContactTable } from '../db/schema.ts';
import { isPostgres, type Executor } from './executor.ts';

export type ContactSettingsRow = Selectable<ContactSettingsTable>;
export type ContactRow = Selectable<ContactTable>;
export type ContactDrillRow = Selectable<ContactDrillTable>;

// ---- the structure of one entry

/**
 * Takes the register entry's row lock on PostgreSQL, so two replacements of one entry's structure run
 * one after the other (SQLite's single writer already serialises them). Answers whether the entry exists.
 */
export async function lockEntryForContacts(db: Executor, organisationId: string, entryId: string): Promise<boolean> {
  let query = db.selectFrom('register_entries').select('id').where('organisation_id', '=', organisationId).where('id', '=', entryId);
  if (isPostgres(db)) query = query.forUpdate();
  return Boolean(await query.executeTakeFirst());
}

export function findContactSettings(db: Executor, organisationId: string, entryId: string): Promise<ContactSettingsRow | undefined> {
  return db.selectFrom('contact_settings').selectAll().where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).executeTakeFirst();
}

/** The contacts of one entry, by phase and escalation order. */
export function listContacts(db: Executor, organisationId: string, entryId: string): Promise<ContactRow[]> {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('entry_id', '=', entryId)
    .orderBy('phase')
    .orderBy('escalation_order')
    .orderBy('id')
    .execute();
}

export async function upsertContactSettings(db: Executor, row: ContactSettingsRow, exists: boolean): Promise<void> {
  if (exists) {
    const { entry_id: _e, organisation_id: _o, ...changes } = row;
    await db.updateTable('contact_settings').set(changes).where('organisation_id', '=', row.organisation_id).where('entry_id', '=', row.entry_id).execute();
  } else {
    await db.insertInto('contact_settings').values(row).execute();
  }
}

/** Replaces every contact of the entry with the given rows. */
export async function replaceContacts(db: Executor, organisationId: string, entryId: string, rows: ContactRow[]): Promise<void> {
  await db.deleteFrom('contacts').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
  if (rows.length) await db.insertInto('contacts').values(rows).execute();
}

export async function setLastVerified(db: Executor, organisationId: string, entryId: string, date: string): Promise<void> {
  await db.updateTable('contact_settings').set({ last_verified_on: date }).where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
}

// ---- drills

export function listDrills(db: Executor, organisationId: string, entryId: string): Promise<ContactDrillRow[]> {
  return db
    .selectFrom('contact_drills')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('entry_id', '=', entryId)
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertDrill(db: Executor, row: ContactDrillRow): Promise<void> {
  await db.insertInto('contact_drills').values(row).execute();
}

// ---- the organisation's reminder list

/** Every structure of the organisation with its entry's name, key, department and status. */
export function listSettingsWithEntries(db: Executor, organisationId: string) {
  return db
    .selectFrom('contact_settings as s')
    .innerJoin('register_entries as e', 'e.id', 's.entry_id')
    .select(['s.entry_id', 's.last_verified_on', 's.reverify_interval_months', 'e.name as entry_name', 'e.external_key', 'e.department', 'e.status as entry_status'])
    .where('s.organisation_id', '=', organisationId)
    .where('e.organisation_id', '=', organisationId)
    .execute();
}

/** Entries in use that have no contact structure at all. */
export function listInUseEntriesWithoutContacts(db: Executor, organisationId: string) {
  return db
    .selectFrom('register_entries as e')
    .leftJoin('contact_settings as s', 's.entry_id', 'e.id')
    .select(['e.id as entry_id', 'e.name as entry_name', 'e.external_key', 'e.department'])
    .where('e.organisation_id', '=', organisationId)
    .where('e.status', '=', 'in_use')
    .where('s.entry_id', 'is', null)
    .execute();
}

/**
 * Verified structures of every organisation (entries not ended), for the daily re-verification check
 * run by the system: the one read here that is not scoped to a caller's organisation.
 */
export function listVerifiedStructuresOfAllOrganisations(db: Executor) {
  return db
    .selectFrom('contact_settings as s')
    .innerJoin('register_entries as e', 'e.id', 's.entry_id')
    .select(['s.organisation_id', 's.entry_id', 's.last_verified_on', 's.reverify_interval_months', 'e.name as entry_name', 'e.external_key'])
    .where('s.last_verified_on', 'is not', null)
    .where('e.status', '!=', 'ended')
    .whereRef('e.organisation_id', '=', 's.organisation_id')
    .execute();
}

// ---- removal with the register entry

/** The contact structure, contacts and drills of one entry, removed with the entry. */
export async function deleteContactsOfEntry(db: Executor, organisationId: string, entryId: string): Promise<void> {
  for (const table of ['contacts', 'contact_drills', 'contact_settings'] as const) {
    await db.deleteFrom(table).where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
  }
}
