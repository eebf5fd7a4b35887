import type { Selectable } from 'kysely';
import type { ApiTokenTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type ApiTokenRow = Selectable<ApiTokenTable>;

export async function insertApiToken(db: Executor, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export function findApiTokenByHash(db: Executor, tokenHash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function listApiTokens(db: Executor, organisationId: string): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().where('organisation_id', '=', organisationId).orderBy('created_at', 'desc').execute();
}

export function findApiTokenInOrganisation(db: Executor, id: string, organisationId: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function revokeApiToken(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function touchApiToken(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
