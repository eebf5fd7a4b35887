import type { Kysely } from 'kysely';

/**
 * Hardening: signed checkpoints of the audit chain. Each row is the chain head at one moment (its seq
 * and hash) with an HMAC under a key derived from the master key, which is not in the database: whoever
 * can write to the database can rewrite the chain, but cannot sign a checkpoint of the rewritten one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('head_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hmac', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').execute();
}
