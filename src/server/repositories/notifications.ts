import type { Selectable } from 'kysely';
import type { NotificationPreferenceTable, NotificationSettingsTable, NotificationTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type NotificationRow = Selectable<NotificationTable>;
export type NotificationPreferenceRow = Selectable<NotificationPreferenceTable>;
export type NotificationSettingsRow = Selectable<NotificationSettingsTable>;

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
  /** `digest` when the user takes one mail a day; null or `instant`: each notice at once. */
  mail_delivery: string | null;
}

/** Active users of the organisations, each with their stored mail preference for `kind` (one query per 500 organisations). */
export async function listRecipients(db: Executor, organisationIds: readonly string[], kind: string): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  for (const part of chunks(organisationIds, 500)) {
    const rows = await db
      .selectFrom('users')
      .leftJoin('notification_preferences as np', (join) => join.onRef('np.user_id', '=', 'users.id').on('np.kind', '=', kind))
      .leftJoin('notification_settings as ns', 'ns.user_id', 'users.id')
      .select(['users.id', 'users.organisation_id', 'users.email', 'users.role', 'users.locale', 'np.email as email_pref', 'ns.mail_delivery'])
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
  for (const part of chunks(rows, rowsPerInsert(14))) {
    const result = await db
      .insertInto('notifications')
      .values(part)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/**
 * Records which announcements reached which users, skipping those recorded before; answers the
 * pairs that are new (a retried announcement answers none).
 */
export async function insertEvents(db: Executor, rows: { user_id: string; dedupe_key: string; created_at: string }[]): Promise<{ user_id: string; dedupe_key: string }[]> {
  const added: { user_id: string; dedupe_key: string }[] = [];
  for (const part of chunks(rows, rowsPerInsert(3))) {
    added.push(
      ...(await db
        .insertInto('notification_events')
        .values(part)
        .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
        .returning(['user_id', 'dedupe_key'])
        .execute()),
    );
  }
  return added;
}

/** The users' unread notices of the groups given: the ones a repeat updates. */
export async function findUnreadOfGroups(db: Executor, userIds: readonly string[], groupKeys: readonly string[]): Promise<{ id: string; user_id: string; group_key: string | null }[]> {
  const found: { id: string; user_id: string; group_key: string | null }[] = [];
  for (const part of chunks(userIds, 500)) {
    found.push(...(await db.selectFrom('notifications').select(['id', 'user_id', 'group_key']).where('user_id', 'in', part).where('group_key', 'in', groupKeys).where('read_at', 'is', null).execute()));
  }
  return found;
}

/** A repeat lands in unread notices: the latest text, link and time, one more announcement counted. */
export async function updateGroupedNotifications(
  db: Executor,
  ids: readonly string[],
  latest: Pick<NotificationRow, 'title' | 'title_en' | 'body' | 'body_en' | 'link'> & { updated_at: string },
): Promise<number> {
  let updated = 0;
  for (const part of chunks(ids, 500)) {
    const result = await db
      .updateTable('notifications')
      .set((eb) => ({ ...latest, event_count: eb('event_count', '+', 1) }))
      .where('id', 'in', part)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    updated += Number(result.numUpdatedRows);
  }
  return updated;
}

export interface NotificationFilter {
  organisationId: string;
  userId: string;
  unreadOnly: boolean;
  kind?: string;
}

function ofUser(db: Executor, filter: NotificationFilter) {
  let query = db.selectFrom('notifications').where('organisation_id', '=', filter.organisationId).where('user_id', '=', filter.userId);
  if (filter.unreadOnly) query = query.where('read_at', 'is', null);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  return query;
}

/** A page of the user's notifications, latest announcement first. */
export function listNotifications(db: Executor, filter: NotificationFilter, page: { limit: number; offset: number }): Promise<NotificationRow[]> {
  return ofUser(db, filter)
    .selectAll()
    .orderBy((eb) => eb.fn.coalesce('updated_at', 'created_at'), 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** The user's notices per kind: how many, and how many unread (the inbox's groups). */
export async function countByKind(db: Executor, organisationId: string, userId: string): Promise<{ kind: string; total: number; unread: number }[]> {
  const rows = await db
    .selectFrom('notifications')
    .select((eb) => ['kind', eb.fn.countAll().as('total'), eb.fn.count('id').filterWhere('read_at', 'is', null).as('unread')])
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .groupBy('kind')
    .execute();
  return rows.map((row) => ({ kind: row.kind, total: Number(row.total), unread: Number(row.unread) }));
}

/** The user's unread notices announced at or after `since` (the digest's content), latest first. */
export function listUnreadSince(db: Executor, userId: string, since: string): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .where((eb) => eb(eb.fn.coalesce('updated_at', 'created_at'), '>=', since))
    .orderBy((eb) => eb.fn.coalesce('updated_at', 'created_at'), 'desc')
    .orderBy('id', 'desc')
    .execute();
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

export function findSettings(db: Executor, userId: string): Promise<NotificationSettingsRow | undefined> {
  return db.selectFrom('notification_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertSettings(db: Executor, row: NotificationSettingsRow): Promise<void> {
  await db
    .insertInto('notification_settings')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ mail_delivery: row.mail_delivery, updated_at: row.updated_at }))
    .execute();
}

export interface DigestRecipient {
  id: string;
  organisation_id: string;
  email: string;
  role: string;
  locale: string;
}

/** Enabled users who take one digest mail a day (every organisation: the digest job serves them all). */
export function listDigestRecipients(db: Executor): Promise<DigestRecipient[]> {
  return db
    .selectFrom('notification_settings as ns')
    .innerJoin('users', 'users.id', 'ns.user_id')
    .select(['users.id', 'users.organisation_id', 'users.email', 'users.role', 'users.locale'])
    .where('ns.mail_delivery', '=', 'digest')
    .where('users.disabled', '=', 0)
    .orderBy('users.id')
    .execute();
}

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
