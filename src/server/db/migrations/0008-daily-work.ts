import type { Kysely } from 'kysely';

/**
 * Daily work: an in-app notification keeps its English beside its Japanese, so each person reads it in
 * the language they choose, now or later (it was one text with both languages). Rows written before
 * have no English and read in Japanese.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('title_en', 'varchar(300)').execute();
  await db.schema.alterTable('notifications').addColumn('body_en', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('body_en').execute();
  await db.schema.alterTable('notifications').dropColumn('title_en').execute();
}
