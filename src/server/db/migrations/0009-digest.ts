import type { Kysely } from 'kysely';

/**
 * Grouped notifications and the daily digest mail.
 *
 * - A notification belongs to a group (its kind and subject, `group_key`): while a person has an
 *   unread notice of the group, a repeat updates it (`event_count`, `updated_at`, the latest text)
 *   instead of adding another.
 * - `notification_events` remembers which announcements (dedupe keys) reached which person, so a
 *   retried announcement adds nothing even when it would land in an existing notice.
 * - `notification_settings` holds a person's mail delivery: each notice at once (`instant`, the
 *   default when no row exists) or one digest mail a day (`digest`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('group_key', 'varchar(400)').execute();
  await db.schema.alterTable('notifications').addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('notifications').addColumn('updated_at', 'varchar(30)').execute();
  await db.schema.createIndex('notifications_group_idx').on('notifications').columns(['user_id', 'group_key']).execute();

  await db.schema
    .createTable('notification_events')
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_events_pk', ['user_id', 'dedupe_key'])
    .execute();

  await db.schema
    .createTable('notification_settings')
    .addColumn('user_id', 'varchar(36)', (c) => c.primaryKey().references('users.id'))
    .addColumn('mail_delivery', 'varchar(10)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_settings').execute();
  await db.schema.dropTable('notification_events').execute();
  await db.schema.dropIndex('notifications_group_idx').execute();
  await db.schema.alterTable('notifications').dropColumn('updated_at').execute();
  await db.schema.alterTable('notifications').dropColumn('event_count').execute();
  await db.schema.alterTable('notifications').dropColumn('group_key').execute();
}
