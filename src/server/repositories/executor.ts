import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A database or an open transaction: repositories accept either so services decide transaction scope. */
export type Executor = Kysely<Database> | Transaction<Database>;

export function toBool(value: number | boolean | null | undefined): boolean {
  return value === 1 || value === true;
}

export function fromBool(value: boolean): number {
  return value ? 1 : 0;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column LIKE %text%` with the user's text matched literally. SQLite has no default LIKE escape
 * character, so it is named explicitly; the same SQL runs on PostgreSQL.
 */
export function likeContains(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`%${escapeLike(text)}%`} escape '\\'`;
}

export function likePrefix(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`${escapeLike(text)}%`} escape '\\'`;
}

/** A trivial round trip, for health checks. */
export async function pingDatabase(db: Executor): Promise<void> {
  await sql`select 1`.execute(db);
}

/** True when the executor talks to PostgreSQL (for the few places where SQL must differ). */
export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * A column for ORDER BY that sorts text by code point on both dialects (PostgreSQL's default
 * collation follows the locale, SQLite's is binary), so lists come back in the same order.
 */
export function sortable(db: Executor, column: string, isText: boolean): RawBuilder<unknown> {
  return isText && isPostgres(db) ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)}`;
}

/** True when the database refused a write for breaking a unique constraint (both dialects). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'));
}
