import type { Selectable } from 'kysely';
import type { OrganisationTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type OrganisationRow = Selectable<OrganisationTable>;

export function findOrganisationById(db: Executor, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Organisations whose ids are in the given set (the caller's visible scope), optionally filtered. */
export function listOrganisations(db: Executor, scope: { ids: string[] | 'all'; kind?: string }): Promise<OrganisationRow[]> {
  let query = db.selectFrom('organisations').selectAll();
  if (scope.ids !== 'all') {
    if (scope.ids.length === 0) return Promise.resolve([]);
    query = query.where('id', 'in', scope.ids);
  }
  if (scope.kind) query = query.where('kind', '=', scope.kind);
  return query.orderBy('kind').orderBy('name').execute();
}

/** The organisation's name (it must exist). */
export async function organisationName(db: Executor, id: string): Promise<string> {
  const row = await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow();
  return row.name;
}

export async function insertOrganisation(db: Executor, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

export async function updateOrganisation(db: Executor, id: string, changes: Partial<OrganisationRow>): Promise<void> {
  await db.updateTable('organisations').set(changes).where('id', '=', id).execute();
}

export async function findOrganisationByCode(db: Executor, field: 'local_government_code' | 'corporate_number', value: string) {
  return db.selectFrom('organisations').select(['id']).where(field, '=', value).executeTakeFirst();
}

export async function municipalityIdsOfPrefecture(db: Executor, prefectureId: string): Promise<string[]> {
  const rows = await db.selectFrom('organisations').select('id').where('prefecture_id', '=', prefectureId).execute();
  return rows.map((r) => r.id);
}

export async function memberIdsOfAssociation(db: Executor, associationId: string): Promise<string[]> {
  const rows = await db.selectFrom('association_members').select('municipality_id').where('association_id', '=', associationId).execute();
  return rows.map((r) => r.municipality_id);
}

export async function replaceAssociationMembers(db: Executor, associationId: string, municipalityIds: string[], at: string): Promise<void> {
  await db.deleteFrom('association_members').where('association_id', '=', associationId).execute();
  if (municipalityIds.length === 0) return;
  await db
    .insertInto('association_members')
    .values(municipalityIds.map((municipality_id) => ({ association_id: associationId, municipality_id, created_at: at })))
    .execute();
}
