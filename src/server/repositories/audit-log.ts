import type { Selectable } from 'kysely';
import { auditEntryHash, type ChainedFields } from '../../domain/audit-chain.ts';
import type { AuditCheckpointTable, AuditLogTable } from '../db/schema.ts';
import { likeContains, likePrefix, type Executor } from './executor.ts';

export type AuditRow = Selectable<AuditLogTable>;
export type AuditInput = Omit<ChainedFields, 'seq' | 'prev_hash'>;

/**
 * Appends one entry. Must run inside a transaction: the head row is updated first, which takes the
 * write lock (row lock on PostgreSQL, database lock on SQLite), so concurrent appenders queue up.
 */
export async function appendAuditEntry(trx: Executor, input: AuditInput): Promise<AuditRow> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ count: eb('count', '+', 1) }))
    .where('id', '=', 1)
    .returning(['count', 'last_hash'])
    .executeTakeFirstOrThrow();
  const fields: ChainedFields = { ...input, seq: Number(head.count), prev_hash: head.last_hash };
  const row: AuditRow = { ...fields, hash: auditEntryHash(fields) };
  await trx.insertInto('audit_log').values(row).execute();
  await trx.updateTable('audit_head').set({ last_hash: row.hash }).where('id', '=', 1).execute();
  return row;
}

/** Appends many entries with one head update (bulk imports); same locking and chaining as one. */
export async function appendAuditEntries(trx: Executor, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ count: eb('count', '+', inputs.length) }))
    .where('id', '=', 1)
    .returning(['count', 'last_hash'])
    .executeTakeFirstOrThrow();
  let seq = Number(head.count) - inputs.length;
  let prev = head.last_hash;
  const rows: AuditRow[] = inputs.map((input) => {
    const fields: ChainedFields = { ...input, seq: ++seq, prev_hash: prev };
    prev = auditEntryHash(fields);
    return { ...fields, hash: prev };
  });
  // 15 columns × 2,000 rows stays under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 2000) await trx.insertInto('audit_log').values(rows.slice(i, i + 2000)).execute();
  await trx.updateTable('audit_head').set({ last_hash: prev }).where('id', '=', 1).execute();
}

export interface AuditFilter {
  organisationIds: string[] | 'all';
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  outcome?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit: number;
}

export function listAuditEntries(db: Executor, filter: AuditFilter): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.organisationIds !== 'all') {
    if (filter.organisationIds.length === 0) return Promise.resolve([]);
    query = query.where('organisation_id', 'in', filter.organisationIds);
  }
  if (filter.action) query = query.where(likePrefix('action', filter.action));
  if (filter.actor) query = query.where(likeContains('actor_label', filter.actor));
  if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (filter.beforeSeq) query = query.where('seq', '<', filter.beforeSeq);
  return query.orderBy('seq', 'desc').limit(filter.limit).execute();
}

/** Streams the whole chain in seq order, in pages, for verification without loading it all. */
export async function* iterateAuditChain(db: Executor, pageSize = 5000): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    for (const row of page) yield { ...row, seq: Number(row.seq) };
    if (page.length < pageSize) return;
    after = Number(page[page.length - 1].seq);
  }
}

export function readAuditHead(db: Executor) {
  return db.selectFrom('audit_head').select(['last_hash', 'count']).where('id', '=', 1).executeTakeFirstOrThrow();
}

export type AuditCheckpointRow = Selectable<AuditCheckpointTable>;

/** Stores a signed checkpoint; a second one for the same seq (another process) is ignored. */
export async function insertAuditCheckpoint(db: Executor, row: AuditCheckpointRow): Promise<void> {
  await db.insertInto('audit_checkpoints').values(row).onConflict((oc) => oc.column('seq').doNothing()).execute();
}

export async function listAuditCheckpoints(db: Executor): Promise<AuditCheckpointRow[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

export async function latestAuditCheckpointSeq(db: Executor): Promise<number> {
  const row = await db.selectFrom('audit_checkpoints').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.seq) : 0;
}
