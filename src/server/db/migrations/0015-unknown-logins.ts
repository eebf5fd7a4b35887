import type { Kysely } from 'kysely';

/**
 * Failed sign-ins to e-mail addresses that have no account wait exactly like an account's: the
 * same 429 after the same number of failures, so the answer never tells whether an address exists.
 * Keyed by the sha256 of the normalised address (the address itself is not kept).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unknown_login_attempts')
    .addColumn('email_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(30)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('unknown_login_attempts_updated_idx').on('unknown_login_attempts').column('updated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unknown_login_attempts').execute();
}
