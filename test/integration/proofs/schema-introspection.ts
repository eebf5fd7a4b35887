// What the database itself says about its tables: columns and foreign keys on both dialects, a digest
// of the data (to prove that a refused request wrote nothing), and dangling references (orphans).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TestApp } from '../../support/harness.ts';

export interface Reference {
  table: string;
  column: string;
  /** The table the column points at (by its id column). */
  parent: string;
  /** For polymorphic references: only rows whose type column has this value point at the parent. */
  where?: { column: string; value: string };
  via: 'foreign key' | 'polymorphic' | 'undeclared';
}

/** Rows of these tables point at different tables by a type column; the proofs check each pairing. */
export const POLYMORPHIC: { table: string; typeColumn: string; idColumn: string; parents: Record<string, string> }[] = [
  {
    table: 'attachments',
    typeColumn: 'target_type',
    idColumn: 'target_id',
    parents: { register_entry: 'register_entries', assessment_item: 'assessment_items', vendor_answer: 'vendor_answers', incident: 'incidents', certificate: 'certificates' },
  },
];

/**
 * References the database does not declare as foreign keys (a cycle, or a row that outlives its parent
 * by design is detached by the code): checked for orphans like the declared ones.
 */
export const UNDECLARED: { table: string; column: string; parent: string }[] = [
  { table: 'assessment_comments', column: 'author_user_id', parent: 'users' },
  { table: 'assessment_items', column: 'vendor_answer_id', parent: 'vendor_answers' },
  { table: 'sla_monitors', column: 'open_outage_id', parent: 'sla_outages' },
  { table: 'sla_outages', column: 'monitor_id', parent: 'sla_monitors' },
  { table: 'sla_probe_hourly', column: 'organisation_id', parent: 'organisations' },
];

/**
 * Columns named like references that are not (with the reason). Anything else named *_id must be a
 * foreign key or a polymorphic pairing above: the deletion proof fails on an unexplained one.
 */
export const NOT_REFERENCES: Record<string, string> = {
  'audit_log.actor_user_id': 'history: the log keeps who acted after the user is gone',
  'audit_log.organisation_id': 'history: the log keeps the organisation of an entry as it was',
  'audit_log.target_id': 'history: the log names the object it was about after the object is gone',
  'audit_log.request_id': 'the HTTP request id, not a row',
  'mail_outbox.message_id': 'the mail Message-ID header, not a row',
  'register_entries.scheme_id': 'the URN of a classification scheme (a catalogue), not a row',
  'entry_responsibilities.layer_id': 'the URN of a layer of the responsibility-layers catalogue, not a row',
};

/** Tables whose rows change on reads or refusals (sign-in, the audit log and its checkpoints), left out of the digest. */
const VOLATILE_TABLES = new Set(['audit_log', 'audit_head', 'audit_checkpoints', 'sessions', 'kysely_migration', 'kysely_migration_lock']);
const VOLATILE_COLUMNS = new Set(['api_tokens.last_used_at', 'users.last_login_at', 'users.failed_logins', 'users.locked_until', 'users.totp_last_step']);

export async function tableNames(t: TestApp): Promise<string[]> {
  if (t.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(t.db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(t.db);
  return rows.map((r) => r.name);
}

export async function columnNames(t: TestApp, table: string): Promise<string[]> {
  if (t.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(t.db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(t.db);
  return rows.map((r) => r.name);
}

async function foreignKeys(t: TestApp): Promise<Reference[]> {
  if (t.dialect === 'sqlite') {
    const references: Reference[] = [];
    for (const table of await tableNames(t)) {
      const { rows } = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${table})`.execute(t.db);
      for (const row of rows) references.push({ table, column: row.from, parent: row.table, via: 'foreign key' });
    }
    return references;
  }
  const { rows } = await sql<{ table: string; column: string; parent: string }>`
    select kcu.table_name as "table", kcu.column_name as "column", ccu.table_name as parent
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`.execute(t.db);
  return rows.map((r) => ({ ...r, via: 'foreign key' as const }));
}

/** Every reference between tables: the foreign keys the database declares, plus the polymorphic pairings. */
export async function references(t: TestApp): Promise<Reference[]> {
  const declared = await foreignKeys(t);
  const polymorphic = POLYMORPHIC.flatMap((p) =>
    Object.entries(p.parents).map(([value, parent]) => ({ table: p.table, column: p.idColumn, parent, where: { column: p.typeColumn, value }, via: 'polymorphic' as const })),
  );
  const undeclared = UNDECLARED.map((r) => ({ ...r, via: 'undeclared' as const }));
  return [...declared, ...polymorphic, ...undeclared];
}

/** Columns named *_id that are neither a declared reference nor explained in NOT_REFERENCES. */
export async function unexplainedIdColumns(t: TestApp): Promise<string[]> {
  const known = new Set((await references(t)).map((r) => `${r.table}.${r.column}`));
  const unexplained: string[] = [];
  for (const table of await tableNames(t)) {
    if (table.startsWith('kysely_')) continue;
    for (const column of await columnNames(t, table)) {
      const name = `${table}.${column}`;
      if (column.endsWith('_id') && !known.has(name) && !(name in NOT_REFERENCES)) unexplained.push(name);
    }
  }
  return unexplained;
}

/** Rows whose reference points at no row of its parent: "table.column → parent: n rows". */
export async function orphans(t: TestApp): Promise<string[]> {
  const found: string[] = [];
  for (const ref of await references(t)) {
    const typeFilter = ref.where ? sql`and c.${sql.ref(ref.where.column)} = ${ref.where.value}` : sql``;
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from ${sql.table(ref.table)} c
      where c.${sql.ref(ref.column)} is not null ${typeFilter}
        and not exists (select 1 from ${sql.table(ref.parent)} p where p.id = c.${sql.ref(ref.column)})`.execute(t.db);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) found.push(`${ref.table}.${ref.column}${ref.where ? ` (${ref.where.column}=${ref.where.value})` : ''} → ${ref.parent}: ${n} row(s)`);
  }
  return found;
}

/** Rows of a table that refer (directly) to one row of a parent table. */
export async function countReferring(t: TestApp, ref: Reference, parentId: string): Promise<number> {
  const typeFilter = ref.where ? sql`and ${sql.ref(ref.where.column)} = ${ref.where.value}` : sql``;
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(ref.table)} where ${sql.ref(ref.column)} = ${parentId} ${typeFilter}`.execute(t.db);
  return Number(rows[0]?.n ?? 0);
}

/** A digest per table of everything but what reads and refusals touch: equal digests, nothing written. */
export async function digest(t: TestApp): Promise<Record<string, string>> {
  const tables = (await tableNames(t)).filter((name) => !VOLATILE_TABLES.has(name));
  const entries = await Promise.all(
    tables.map(async (table) => {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.db);
      const lines = rows
        .map((row) =>
          JSON.stringify(
            Object.keys(row)
              .filter((column) => !VOLATILE_COLUMNS.has(`${table}.${column}`))
              .sort()
              .map((column) => [column, normalise(row[column])]),
          ),
        )
        .sort();
      return [table, createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

function normalise(value: unknown): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return createHash('sha256').update(value).digest('hex');
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** The tables whose digest differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((table) => before[table] !== after[table]).sort();
}
