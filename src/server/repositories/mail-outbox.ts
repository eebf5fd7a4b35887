import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Database, MailOutboxTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';
import { chunks, rowsPerInsert } from './notifications.ts';

export type MailRow = Selectable<MailOutboxTable>;
export type MailStatus = 'pending' | 'sent' | 'failed';

/** Adds mails to the outbox, skipping dedupe keys it holds already (a retried announcement); the number added. */
export async function insertMails(db: Executor, rows: MailRow[]): Promise<number> {
  let inserted = 0;
  for (const part of chunks(rows, rowsPerInsert(16))) {
    const result = await db
      .insertInto('mail_outbox')
      .values(part)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

// ---- the sender's side. Like the probe's claims, these work across organisations (one sender serves
// them all); a claimed row is then only touched by the holder of its lease.

const leaseFree = (nowIso: string) => (eb: ExpressionBuilder<Database, 'mail_outbox'>) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]);

/** Ids of pending mails that are due and not leased: the one query an idle sender makes. */
export async function listDueMailIds(db: Executor, nowIso: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', nowIso)
    .where(leaseFree(nowIso))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

export type ClaimedMail = Pick<MailRow, 'id' | 'to_address' | 'subject' | 'body_text' | 'attempts'>;

/**
 * Claims listed mails for one delivery attempt: sets the lease, provided each is still pending and
 * unleased (compare-and-set per row; of two claimers, each row goes to one). The rows won.
 */
export function claimMails(db: Executor, ids: string[], nowIso: string, leaseUntil: string): Promise<ClaimedMail[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .updateTable('mail_outbox')
    .set({ lease_until: leaseUntil })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', nowIso)
    .where(leaseFree(nowIso))
    .returning(['id', 'to_address', 'subject', 'body_text', 'attempts'])
    .execute();
}

/** Records the delivery and releases the lease in one step; false when the lease was no longer ours. */
export async function markMailSent(db: Executor, id: string, leaseUntil: string, sent: { sentAt: string; messageId: string }): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set((eb) => ({ status: 'sent', sent_at: sent.sentAt, message_id: sent.messageId, attempts: eb('attempts', '+', 1), last_error: null, lease_until: null }))
    .where('id', '=', id)
    .where('lease_until', '=', leaseUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records a failed attempt and releases the lease: pending again at `nextAttemptAt`, or failed for good. */
export async function markMailAttemptFailed(db: Executor, id: string, leaseUntil: string, failure: { error: string; nextAttemptAt: string; giveUp: boolean }): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      status: failure.giveUp ? 'failed' : 'pending',
      attempts: eb('attempts', '+', 1),
      last_error: failure.error.slice(0, 1000),
      next_attempt_at: failure.nextAttemptAt,
      lease_until: null,
    }))
    .where('id', '=', id)
    .where('lease_until', '=', leaseUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives claimed but unstarted mails back (a sender stopping), so another process may take them at once. */
export async function releaseMails(db: Executor, ids: string[], leaseUntil: string): Promise<void> {
  for (const part of chunks(ids, 500)) await db.updateTable('mail_outbox').set({ lease_until: null }).where('id', 'in', part).where('lease_until', '=', leaseUntil).execute();
}

// ---- what administrators see

export interface OutboxFilter {
  organisationIds: string[] | 'all';
  status?: MailStatus;
}

function filtered(db: Executor, filter: OutboxFilter) {
  let query = db.selectFrom('mail_outbox');
  if (filter.organisationIds !== 'all') query = query.where('organisation_id', 'in', filter.organisationIds.length ? filter.organisationIds : ['']);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query;
}

/** Outbox rows, newest first (the body stays in the database). */
export function listOutbox(db: Executor, filter: OutboxFilter, page: { limit: number; offset: number }) {
  return filtered(db, filter)
    .select(['id', 'organisation_id', 'user_id', 'to_address', 'subject', 'status', 'attempts', 'next_attempt_at', 'last_error', 'message_id', 'created_at', 'sent_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countOutbox(db: Executor, filter: OutboxFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One outbox row among the organisations given (the body stays in the database). */
export function findOutboxMail(db: Executor, organisationIds: string[] | 'all', id: string) {
  return filtered(db, { organisationIds })
    .select(['id', 'organisation_id', 'user_id', 'to_address', 'subject', 'status', 'attempts', 'next_attempt_at', 'last_error', 'message_id', 'created_at', 'sent_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Puts a mail that failed for good back in the queue, due now, with a fresh count of attempts. */
export async function requeueFailedMail(db: Executor, id: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: nowIso, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Which of the dedupe keys the outbox holds already (a digest queued by this or another process). */
export async function existingDedupeKeys(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(keys, 500)) {
    for (const row of await db.selectFrom('mail_outbox').select('dedupe_key').where('dedupe_key', 'in', part).execute()) found.add(row.dedupe_key);
  }
  return found;
}
