import type { Selectable } from 'kysely';
import type { UserTable } from '../db/schema.ts';
import { likeContains, type Executor } from './executor.ts';

export type UserRow = Selectable<UserTable>;

export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A user only if it belongs to one of the organisations in scope: other tenants' users do not exist. */
export function findUserInScope(db: Executor, id: string, organisationIds: string[] | 'all'): Promise<UserRow | undefined> {
  let query = db.selectFrom('users').selectAll().where('id', '=', id);
  if (organisationIds !== 'all') {
    if (organisationIds.length === 0) return Promise.resolve(undefined);
    query = query.where('organisation_id', 'in', organisationIds);
  }
  return query.executeTakeFirst();
}

export function listUsers(db: Executor, filter: { organisationIds: string[] | 'all'; q?: string }): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll();
  if (filter.organisationIds !== 'all') {
    if (filter.organisationIds.length === 0) return Promise.resolve([]);
    query = query.where('organisation_id', 'in', filter.organisationIds);
  }
  if (filter.q) {
    const q = filter.q.trim();
    query = query.where((eb) => eb.or([likeContains('email', q.toLowerCase()), likeContains('display_name', q)]));
  }
  return query.orderBy('organisation_id').orderBy('email').execute();
}

export async function insertUser(db: Executor, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Executor, id: string, changes: Partial<UserRow>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** Adds one failed attempt in the database itself, so parallel failures are all counted. */
export async function incrementFailedLogins(db: Executor, id: string): Promise<number> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return Number(row.failed_logins);
}

/**
 * Records the TOTP time step just accepted, only if it is newer than the last one: of two requests
 * carrying the same code, exactly one wins. Returns whether this one did.
 */
export async function claimTotpStep(db: Executor, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step, failed_logins: 0 })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertRecoveryCodes(db: Executor, userId: string, hashes: string[], at: string, newId: () => string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ id: newId(), user_id: userId, code_hash, used_at: null, created_at: at })))
    .execute();
}

/** Marks an unused recovery code as used; true when one matched. */
export async function consumeRecoveryCode(db: Executor, userId: string, codeHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteRecoveryCodes(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

/** The wait recorded for sign-ins to an address that has no account (null when none). */
export function findUnknownLoginAttempt(db: Executor, emailHash: string) {
  return db.selectFrom('unknown_login_attempts').selectAll().where('email_hash', '=', emailHash).executeTakeFirst();
}

/** Counts one more failure for an address that has no account; returns the new count. */
export async function incrementUnknownLoginFailures(db: Executor, emailHash: string, at: string): Promise<number> {
  const row = await db
    .insertInto('unknown_login_attempts')
    .values({ email_hash: emailHash, failures: 1, locked_until: null, updated_at: at })
    .onConflict((oc) => oc.column('email_hash').doUpdateSet((eb) => ({ failures: eb('unknown_login_attempts.failures', '+', 1), updated_at: at })))
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function setUnknownLoginWait(db: Executor, emailHash: string, lockedUntil: string | null): Promise<void> {
  await db.updateTable('unknown_login_attempts').set({ locked_until: lockedUntil }).where('email_hash', '=', emailHash).execute();
}

/** Forgets addresses that failed nothing since `before` (the table stays small under a spray of addresses). */
export async function pruneUnknownLoginAttempts(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('unknown_login_attempts').where('updated_at', '<', before).execute();
}
