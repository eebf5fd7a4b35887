import type { Selectable } from 'kysely';
import type { RegisterCategoryTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type CategoryRow = Selectable<RegisterCategoryTable>;

export function listCategories(db: Executor, organisationId: string) {
  return db
    .selectFrom('register_categories as c')
    .selectAll('c')
    .select((eb) =>
      eb.selectFrom('register_entries as e').select((e) => e.fn.countAll<number>().as('n')).whereRef('e.category_id', '=', 'c.id').as('entry_count'),
    )
    .where('c.organisation_id', '=', organisationId)
    .orderBy('c.sort_order')
    .orderBy('c.name')
    .execute();
}

export function findCategory(db: Executor, organisationId: string, id: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('register_categories').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export function findCategoryByName(db: Executor, organisationId: string, name: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('register_categories').selectAll().where('organisation_id', '=', organisationId).where('name', '=', name).executeTakeFirst();
}

export async function countCategories(db: Executor, organisationId: string): Promise<number> {
  const row = await db.selectFrom('register_categories').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertCategories(db: Executor, rows: CategoryRow[]): Promise<void> {
  if (rows.length) await db.insertInto('register_categories').values(rows).execute();
}

export async function updateCategory(db: Executor, organisationId: string, id: string, changes: Partial<CategoryRow>): Promise<void> {
  await db.updateTable('register_categories').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function deleteCategory(db: Executor, organisationId: string, id: string): Promise<void> {
  await db.deleteFrom('register_categories').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}
