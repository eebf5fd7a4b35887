import type { Selectable } from 'kysely';
import type { ApiTokenTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type ApiTokenRow = Selectable<ApiTokenTable>;

export async function insertApiToken(db: Executor, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

/** A token by the hash of its secret, with whether the user who issued it is disabled (one round trip). */
export function findApiTokenByHash(db: Executor, tokenHash: string): Promise<(ApiTokenRow & { creator_disabled: number | boolean }) | undefined> {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.created_by')
    .selectAll('t')
    .select('u.disabled as creator_disabled')
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** The tokens a user issued that still work (not revoked, not expired). */
export function listLiveApiTokensOfUser(db: Executor, userId: string, now: string): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('created_by', '=', userId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at')
    .execute();
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
