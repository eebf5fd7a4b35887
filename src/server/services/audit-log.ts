import { createChainVerifier, type ChainProblem } from '../../domain/audit-chain.ts';
import { csvLine } from '../../domain/csv.ts';
import { formatJapanDateTime, startOfJapanDate } from '../../domain/japan-time.ts';
import { administeredOrganisationIds, authorize } from '../policies/index.ts';
import { iterateAuditChain, listAuditEntries, readAuditHead, type AuditFilter } from '../repositories/audit-log.ts';
import { emptyNameRefs, resolveAuditNames, type NameRefs } from '../repositories/audit-names.ts';
import { AUDIT_REFERENCE_FIELDS, AUDIT_TARGET_KINDS, auditActionLabel, auditTargetLabel } from '../../shared/audit-vocabulary.ts';
import type { Executor } from '../repositories/executor.ts';
import { presentAuditEntry } from '../presenters/index.ts';
import type { Actor, Deps } from './deps.ts';

export interface AuditQuery {
  action?: string;
  actor?: string;
  target_type?: string;
  target_id?: string;
  outcome?: string;
  from?: string;
  to?: string;
  before_seq?: number;
  limit: number;
}

function toFilter(actor: Actor, query: AuditQuery): AuditFilter {
  return {
    organisationIds: administeredOrganisationIds(actor),
    action: query.action,
    actor: query.actor,
    targetType: query.target_type,
    targetId: query.target_id,
    outcome: query.outcome,
    // Dates are Japan-time calendar days; `to` is inclusive.
    from: query.from ? startOfJapanDate(query.from).toISOString() : undefined,
    to: query.to ? new Date(startOfJapanDate(query.to).getTime() + 86_400_000).toISOString() : undefined,
    beforeSeq: query.before_seq,
    limit: query.limit,
  };
}

/** Collects the ids inside a recorded value that name something (see AUDIT_REFERENCE_FIELDS). */
function collectRefs(value: unknown, refs: NameRefs) {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, refs);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    const kind = AUDIT_REFERENCE_FIELDS[key as keyof typeof AUDIT_REFERENCE_FIELDS];
    if (kind && typeof inner === 'string') refs[kind].add(inner);
    else if (kind && Array.isArray(inner)) for (const id of inner) if (typeof id === 'string') refs[kind].add(id);
    else collectRefs(inner, refs);
  }
}

/** A recorded entry as presented (before/after already parsed); without before/after only its target is named. */
interface NamedEntry {
  target_type?: string | null;
  target_id?: string | null;
  before?: unknown;
  after?: unknown;
}

/** The names of the entries' targets and of the ids their before/after hold, as far as the caller may see them. */
export async function auditNamesFor(deps: Deps, actor: Actor, entries: NamedEntry[]): Promise<Record<string, string>> {
  const refs = emptyNameRefs();
  for (const entry of entries) {
    const kind = entry.target_type ? AUDIT_TARGET_KINDS[entry.target_type] : undefined;
    if (kind && entry.target_id) refs[kind].add(entry.target_id);
    collectRefs(entry.before, refs);
    collectRefs(entry.after, refs);
  }
  return resolveAuditNames(deps.db, administeredOrganisationIds(actor), refs);
}

export async function listAudit(deps: Deps, actor: Actor, query: AuditQuery) {
  await authorize(deps, actor, 'audit:read', { type: 'audit_log' });
  const rows = await listAuditEntries(deps.db, toFilter(actor, query));
  const presented = rows.map(presentAuditEntry);
  const names = await auditNamesFor(deps, actor, presented);
  const items = presented.map((entry) => ({ ...entry, target_label: entry.target_id ? (names[entry.target_id] ?? null) : null }));
  return { items, names, next_before_seq: rows.length === query.limit ? items[items.length - 1].seq : null };
}

const CSV_HEADER = ['連番', '日時（日本時間）', '操作者', '団体ID', '操作', '操作（コード）', '結果', '対象種別', '対象', '対象ID', '変更前', '変更後', 'IPアドレス', 'ハッシュ'];
const OUTCOME_WORDS: Record<string, string> = { ok: '成功', denied: '拒否', failed: '失敗' };
const CSV_MAX_ROWS = 100_000;

/** The filtered log as CSV (UTF-8 with BOM so Excel reads Japanese), newest first. */
export async function exportAuditCsv(deps: Deps, actor: Actor, query: AuditQuery): Promise<string> {
  await authorize(deps, actor, 'audit:read', { type: 'audit_log' });
  const rows = await listAuditEntries(deps.db, { ...toFilter(actor, query), limit: CSV_MAX_ROWS });
  // The CSV carries before/after as recorded: only the targets need names.
  const names = await auditNamesFor(deps, actor, rows.map((row) => ({ target_type: row.target_type, target_id: row.target_id })));
  let out = '\uFEFF' + csvLine(CSV_HEADER);
  for (const row of rows) {
    out += csvLine([
      row.seq, formatJapanDateTime(row.at), row.actor_label, row.organisation_id, auditActionLabel(row.action, 'ja'), row.action,
      OUTCOME_WORDS[row.outcome] ?? row.outcome, auditTargetLabel(row.target_type, 'ja'), row.target_id ? (names[row.target_id] ?? '') : '', row.target_id,
      row.before_json, row.after_json, row.ip, row.hash,
    ]);
  }
  return out;
}

/** Walks the whole chain; any edited, deleted or reordered entry is reported with its seq. */
export async function verifyAuditChain(db: Executor): Promise<{ ok: boolean; entries: number; problem: ChainProblem | null }> {
  const head = await readAuditHead(db);
  const verifier = createChainVerifier();
  for await (const row of iterateAuditChain(db)) if (verifier.push(row)) break;
  const problem = verifier.finish({ last_hash: head.last_hash, count: Number(head.count) });
  return { ok: problem === null, entries: verifier.count, problem };
}
