import type { Selectable } from 'kysely';
import type { SessionTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';
import type { UserRow } from './users.ts';

export type SessionRow = Selectable<SessionTable>;

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A session with its user and organisation kind in one round trip: this runs on every signed-in
 * request. The user's columns come back prefixed with `u_` to keep them apart from the session's.
 */
export async function findSessionWithUser(db: Executor, id: string) {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .selectAll('s')
    .select([
      'u.id as u_id', 'u.organisation_id as u_organisation_id', 'u.email as u_email', 'u.display_name as u_display_name', 'u.role as u_role',
      'u.password_hash as u_password_hash', 'u.locale as u_locale', 'u.totp_secret_enc as u_totp_secret_enc', 'u.totp_pending_enc as u_totp_pending_enc',
      'u.mfa_enabled as u_mfa_enabled', 'u.totp_last_step as u_totp_last_step', 'u.failed_logins as u_failed_logins', 'u.locked_until as u_locked_until',
      'u.must_change_password as u_must_change_password', 'u.disabled as u_disabled', 'u.password_changed_at as u_password_changed_at',
      'u.last_login_at as u_last_login_at', 'u.department as u_department', 'u.created_at as u_created_at', 'u.updated_at as u_updated_at',
      'o.kind as organisation_kind',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const session: SessionRow = {
    id: row.id, user_id: row.user_id, organisation_id: row.organisation_id, csrf_token: row.csrf_token, mfa_passed: row.mfa_passed,
    created_at: row.created_at, last_seen_at: row.last_seen_at, expires_at: row.expires_at, ip: row.ip, user_agent: row.user_agent,
  };
  const user: UserRow = {
    id: row.u_id, organisation_id: row.u_organisation_id, email: row.u_email, display_name: row.u_display_name, role: row.u_role,
    password_hash: row.u_password_hash, locale: row.u_locale, totp_secret_enc: row.u_totp_secret_enc, totp_pending_enc: row.u_totp_pending_enc,
    mfa_enabled: row.u_mfa_enabled, totp_last_step: row.u_totp_last_step, failed_logins: row.u_failed_logins, locked_until: row.u_locked_until,
    must_change_password: row.u_must_change_password, disabled: row.u_disabled, password_changed_at: row.u_password_changed_at,
    last_login_at: row.u_last_login_at, department: row.u_department, created_at: row.u_created_at, updated_at: row.u_updated_at,
  };
  return { session, user, organisationKind: row.organisation_kind };
}

export async function touchSession(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user, optionally keeping one (the caller's own). Returns how many ended. */
export async function deleteSessionsOfUser(db: Executor, userId: string, keepId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) query = query.where('id', '!=', keepId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Executor, now: string, idleBefore: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
