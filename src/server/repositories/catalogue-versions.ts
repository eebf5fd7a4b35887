import type { Selectable } from 'kysely';
import type { CatalogueVersionTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

// Recorded catalogue versions: scope 'platform' (the shipped files) or an organisation's id (its own
// questionnaires). At most one version per scope and URN is current.

export type CatalogueVersionRow = Selectable<CatalogueVersionTable>;

/** The version recorded under this scope, URN and version number, if any. */
export function findCatalogueVersion(db: Executor, scope: string, urn: string, version: string): Promise<CatalogueVersionRow | undefined> {
  return db.selectFrom('catalogue_versions').selectAll().where('scope', '=', scope).where('catalogue_urn', '=', urn).where('version', '=', version).executeTakeFirst();
}

export function findCatalogueVersionById(db: Executor, id: string): Promise<CatalogueVersionRow | undefined> {
  return db.selectFrom('catalogue_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every version under these scopes; only current ones, or of one URN, when asked. */
export function catalogueVersionsIn(db: Executor, scopes: string[], filter: { urn?: string; currentOnly?: boolean } = {}): Promise<CatalogueVersionRow[]> {
  let query = db.selectFrom('catalogue_versions').selectAll().where('scope', 'in', scopes);
  if (filter.urn !== undefined) query = query.where('catalogue_urn', '=', filter.urn);
  if (filter.currentOnly) query = query.where('is_current', '=', 1);
  return query.execute();
}

/** True when some version of this URN is recorded under the scope. */
export async function scopeHasUrn(db: Executor, scope: string, urn: string): Promise<boolean> {
  const row = await db.selectFrom('catalogue_versions').select('id').where('scope', '=', scope).where('catalogue_urn', '=', urn).executeTakeFirst();
  return row !== undefined;
}

export async function insertCatalogueVersion(db: Executor, row: CatalogueVersionRow): Promise<void> {
  await db.insertInto('catalogue_versions').values(row).execute();
}

/** Makes `version` the current one of its scope and URN (every other version of it stops being current). */
export async function makeVersionCurrent(db: Executor, scope: string, urn: string, version: string): Promise<void> {
  await db.updateTable('catalogue_versions').set({ is_current: 0 }).where('scope', '=', scope).where('catalogue_urn', '=', urn).where('version', '!=', version).where('is_current', '=', 1).execute();
  await db.updateTable('catalogue_versions').set({ is_current: 1 }).where('scope', '=', scope).where('catalogue_urn', '=', urn).where('version', '=', version).where('is_current', '=', 0).execute();
}

/** No version of this scope and URN stays current (before a new current one is inserted). */
export async function retireCurrentVersions(db: Executor, scope: string, urn: string): Promise<void> {
  await db.updateTable('catalogue_versions').set({ is_current: 0 }).where('scope', '=', scope).where('catalogue_urn', '=', urn).where('is_current', '=', 1).execute();
}
