import type { Selectable } from 'kysely';
import type { VendorInvitationTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

// Invitations of vendors not yet on the platform: only the sha256 of the mailed token is kept.

export type InvitationRow = Selectable<VendorInvitationTable>;

export async function insertInvitation(db: Executor, row: InvitationRow): Promise<void> {
  await db.insertInto('vendor_invitations').values(row).execute();
}

export function invitationsOfEntry(db: Executor, organisationId: string, entryId: string): Promise<InvitationRow[]> {
  return db.selectFrom('vendor_invitations').selectAll().where('organisation_id', '=', organisationId).where('register_entry_id', '=', entryId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export function findOwnInvitation(db: Executor, organisationId: string, id: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('vendor_invitations').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

/** A pending invitation to this address for this entry (a second is refused). */
export function pendingInvitationTo(db: Executor, organisationId: string, entryId: string, email: string, nowIso: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('vendor_invitations')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('register_entry_id', '=', entryId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
}

/** The invitation of a token, only while it can still be used (not accepted, revoked or expired). */
export function usableInvitation(db: Executor, tokenHash: string, nowIso: string) {
  return db
    .selectFrom('vendor_invitations as i')
    .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .selectAll('i')
    .select('o.name as organisation_name')
    .where('i.token_hash', '=', tokenHash)
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', nowIso)
    .executeTakeFirst();
}

/**
 * Claims the invitation for acceptance: only one caller's update matches (the row is locked on
 * PostgreSQL, writes are serialised on SQLite), so a token is used once even when accepted twice at once.
 */
export async function claimInvitation(db: Executor, id: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('vendor_invitations')
    .set({ accepted_at: nowIso })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0) === 1;
}

export async function updateInvitation(db: Executor, id: string, changes: Partial<InvitationRow>): Promise<void> {
  await db.updateTable('vendor_invitations').set(changes).where('id', '=', id).execute();
}

/** The entry's vendor invitations (an unaccepted link stops working); removed with the entry. */
export async function deleteInvitationsOfEntry(db: Executor, organisationId: string, entryId: string): Promise<void> {
  await db.deleteFrom('vendor_invitations').where('organisation_id', '=', organisationId).where('register_entry_id', '=', entryId).execute();
}
