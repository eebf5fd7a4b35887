// Signed checkpoints anchor the audit chain outside the database. The chain alone (domain/audit-chain.ts)
// exposes an edited or deleted row, but someone who can write to the database can also delete the last
// rows and move the head back, or recompute every hash. A checkpoint is the head (seq and hash) signed
// with HMAC-SHA256 under a key derived from the master key, which lives in the environment or the data
// folder, never in the database: a rewritten chain no longer matches its checkpoints, and a forged
// checkpoint does not verify. Exported checkpoint files (`daicho audit checkpoints --export`) kept
// elsewhere also catch checkpoints deleted from the database.
//
// Writing a checkpoint is not itself an audit entry: it records the log, and is checked by `verify`.
import { checkpointMac, createChainVerifier, verifyCheckpoints, type ChainProblem, type Checkpoint } from '../../domain/audit-chain.ts';
import { insertAuditCheckpoint, iterateAuditChain, latestAuditCheckpointSeq, listAuditCheckpoints, readAuditHead } from '../repositories/audit-log.ts';
import type { Executor } from '../repositories/executor.ts';
import { nowIso } from '../security/ids.ts';

interface CheckpointDeps {
  db: Executor;
  auditKey: Buffer;
  now: () => Date;
  config: { auditCheckpointEvery: number };
}

export const CHECKPOINT_FILE_FORMAT = 'daicho-audit-checkpoints/1';

export interface CheckpointFile {
  format: typeof CHECKPOINT_FILE_FORMAT;
  exported_at: string;
  checkpoints: Checkpoint[];
}

/** Signs the current head; nothing when the log is empty or the head is already signed. */
export async function writeAuditCheckpoint(deps: Omit<CheckpointDeps, 'config'>): Promise<Checkpoint | null> {
  const head = await readAuditHead(deps.db);
  const seq = Number(head.count);
  if (seq === 0 || (await latestAuditCheckpointSeq(deps.db)) >= seq) return null;
  const unsigned = { seq, head_hash: head.last_hash, created_at: nowIso(deps.now()) };
  const checkpoint = { ...unsigned, hmac: checkpointMac(deps.auditKey, unsigned) };
  await insertAuditCheckpoint(deps.db, checkpoint);
  return checkpoint;
}

/** Signs the head once `auditCheckpointEvery` entries have been added since the last checkpoint. */
export async function checkpointIfDue(deps: CheckpointDeps): Promise<Checkpoint | null> {
  const head = await readAuditHead(deps.db);
  if (Number(head.count) - (await latestAuditCheckpointSeq(deps.db)) < deps.config.auditCheckpointEvery) return null;
  return writeAuditCheckpoint(deps);
}

/** Every checkpoint in the database, as written to an export file. */
export async function exportAuditCheckpoints(deps: Omit<CheckpointDeps, 'config'>): Promise<CheckpointFile> {
  return { format: CHECKPOINT_FILE_FORMAT, exported_at: nowIso(deps.now()), checkpoints: await listAuditCheckpoints(deps.db) };
}

/** Reads an export file's content; throws with a plain reason when it is not one. */
export function parseCheckpointFile(text: string): Checkpoint[] {
  const parsed = JSON.parse(text) as Partial<CheckpointFile>;
  if (parsed.format !== CHECKPOINT_FILE_FORMAT || !Array.isArray(parsed.checkpoints)) throw new Error(`not a ${CHECKPOINT_FILE_FORMAT} file`);
  return parsed.checkpoints.map((cp) => {
    if (!Number.isInteger(cp.seq) || typeof cp.head_hash !== 'string' || typeof cp.hmac !== 'string' || typeof cp.created_at !== 'string') throw new Error('malformed checkpoint');
    return { seq: cp.seq, head_hash: cp.head_hash, hmac: cp.hmac, created_at: cp.created_at };
  });
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  problem: ChainProblem | null;
  /** How many signed checkpoints were checked (database, plus an export file when given). */
  checkpoints: number;
}

/**
 * Walks the chain page by page (hashes, links, no gaps, the stored head), then checks every signed
 * checkpoint in the database — and those of an export file when given — against the chain.
 */
export async function verifyAuditLog(deps: { db: Executor; auditKey: Buffer }, options: { fileCheckpoints?: Checkpoint[] } = {}): Promise<AuditVerification> {
  const stored = await listAuditCheckpoints(deps.db);
  const file = options.fileCheckpoints ?? [];
  const wanted = new Set([...stored, ...file].map((cp) => cp.seq));
  const hashes = new Map<number, string>();
  const head = await readAuditHead(deps.db);
  const verifier = createChainVerifier();
  for await (const row of iterateAuditChain(deps.db)) {
    if (verifier.push(row)) break;
    if (wanted.has(row.seq)) hashes.set(row.seq, row.hash);
  }
  const checked = stored.length + file.length;
  let problem = verifier.finish({ last_hash: head.last_hash, count: Number(head.count) });
  if (!problem) problem = verifyCheckpoints(deps.auditKey, stored, (seq) => hashes.get(seq));
  if (!problem && file.length > 0) problem = verifyCheckpoints(deps.auditKey, file, (seq) => hashes.get(seq), new Set(stored.map((cp) => cp.seq)));
  return { ok: problem === null, entries: verifier.count, problem, checkpoints: checked };
}
