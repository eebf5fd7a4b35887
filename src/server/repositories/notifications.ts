import type { Selectable } from 'kysely';
import type { NotificationPreferenceTable, NotificationTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type NotificationRow = Selectable<NotificationTable>;
export type NotificationPreferenceRow = Selectable<NotificationPreferenceTable>;

/** SQLite binds at most 32,766 parameters per statement: stay well below it. */
const MAX_PARAMETERS = 30_000;

/** Rows per multi-row insert for a table of `columns` columns. */
export function rowsPerInsert(columns: number): number {
  return Math.min(1000, Math.floor(MAX_PARAMETERS / columns));
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---- recipients of an announcement

export interface Recipient {
  id: string;
  organisation_id: string;
  email: string;
  role: string;
  /** The display language the user chose (ja or en). */
  locale: string;
  /** The stored mail preference for the kind announced (1/0), or null when the user kept the default. */
  email_pref: number | null;
}

/** Active users of the organisations, each with their stored mail preference for `kind` (one query per 500 organisations). */
export async function listRecipients(db: Executor, organisationIds: readonly string[], kind: string): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  for (const part of chunks(organisationIds, 500)) {
    const rows = await db
      .selectFrom('users')
      .leftJoin('notification_preferences as np', (join) => join.onRef('np.user_id', '=', 'users.id').on('np.kind', '=', kind))
      .select(['users.id', 'users.organisation_id', 'users.email', 'users.role', 'users.locale', 'np.email as email_pref'])
      .where('users.organisation_id', 'in', part)
      .where('users.disabled', '=', 0)
      .execute();
    for (const row of rows) recipients.push({ ...row, email_pref: row.email_pref === null ? null : Number(row.email_pref) });
  }
  return recipients;
}

// ---- in-app notifications

/** Inserts notifications, skipping ids that exist already (a retried announcement); the number inserted. */
export async function insertNotifications(db: Executor, rows: NotificationRow[]): Promise<number> {
  let inserted = 0;
  for (const part of chunks(rows, rowsPerInsert(9))) {
    const result = await db
      .insertInto('notifications')
      .values(part)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export interface NotificationFilter {
  organisationId: string;
  userId: string;
  unreadOnly: boolean;
}

function ofUser(db: Executor, filter: NotificationFilter) {
  let query = db.selectFrom('notifications').where('organisation_id', '=', filter.organisationId).where('user_id', '=', filter.userId);
  if (filter.unreadOnly) query = query.where('read_at', 'is', null);
  return query;
}

/** A page of the user's notifications, newest first. */
export function listNotifications(db: Executor, filter: NotificationFilter, page: { limit: number; offset: number }): Promise<NotificationRow[]> {
  return ofUser(db, filter).selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
}

export async function countNotifications(db: Executor, filter: NotificationFilter): Promise<number> {
  const row = await ofUser(db, filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findNotification(db: Executor, organisationId: string, userId: string, id: string): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('organisation_id', '=', organisationId).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

/** Marks the user's unread notifications read (one, or all when `id` is absent); the number changed. */
export async function markNotificationsRead(db: Executor, organisationId: string, userId: string, readAt: string, id?: string): Promise<number> {
  let query = db.updateTable('notifications').set({ read_at: readAt }).where('organisation_id', '=', organisationId).where('user_id', '=', userId).where('read_at', 'is', null);
  if (id) query = query.where('id', '=', id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- preferences

export function listPreferences(db: Executor, userId: string): Promise<NotificationPreferenceRow[]> {
  return db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).execute();
}

export async function upsertPreferences(db: Executor, rows: NotificationPreferenceRow[]): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('notification_preferences')
      .values(row)
      .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ email: row.email, updated_at: row.updated_at }))
      .execute();
  }
}
