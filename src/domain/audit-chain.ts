import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// The audit log is a hash chain: each entry's hash covers its own fields and the previous hash,
// so editing, deleting or reordering any entry breaks every hash after it.

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_label: string;
  organisation_id: string | null;
  action: string;
  outcome: string;
  target_type: string | null;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  prev_hash: string;
}

/** The hash of one audit entry, over a fixed field order. */
export function auditEntryHash(entry: ChainedFields): string {
  const canonical = JSON.stringify([
    entry.seq, entry.id, entry.at, entry.actor_user_id, entry.actor_label, entry.organisation_id, entry.action,
    entry.outcome, entry.target_type, entry.target_id, entry.before_json, entry.after_json, entry.ip, entry.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainProblem {
  seq: number;
  problem: 'hash_mismatch' | 'broken_link' | 'gap' | 'head_mismatch' | CheckpointProblem;
}

/**
 * What a signed checkpoint can reveal: its HMAC does not match (forged or altered without the key),
 * the chain no longer holds its head hash at its seq (rewritten and recomputed), the chain ends before
 * it (rows deleted at the tail), or an exported checkpoint is gone from the database.
 */
export type CheckpointProblem = 'checkpoint_forged' | 'checkpoint_mismatch' | 'truncated' | 'checkpoint_missing';

export interface Checkpoint {
  seq: number;
  head_hash: string;
  hmac: string;
  created_at: string;
}

/** The HMAC-SHA256 that signs one chain head (seq, hash and time) with the audit key. */
export function checkpointMac(key: Uint8Array, checkpoint: Omit<Checkpoint, 'hmac'>): string {
  return createHmac('sha256', key).update(JSON.stringify(['daicho-audit-checkpoint/1', checkpoint.seq, checkpoint.head_hash, checkpoint.created_at])).digest('hex');
}

/**
 * Checks checkpoints against a chain already walked: `hashAt(seq)` is the stored hash of that entry
 * (undefined past the end). Returns the first problem in seq order, or null.
 */
export function verifyCheckpoints(key: Uint8Array, checkpoints: Checkpoint[], hashAt: (seq: number) => string | undefined, inDatabase?: Set<number>): ChainProblem | null {
  for (const cp of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
    const expected = Buffer.from(checkpointMac(key, cp), 'hex');
    const given = Buffer.from(/^[0-9a-f]{64}$/.test(cp.hmac) ? cp.hmac : '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { seq: cp.seq, problem: 'checkpoint_forged' };
    const stored = hashAt(cp.seq);
    if (stored === undefined) return { seq: cp.seq, problem: 'truncated' };
    if (stored !== cp.head_hash) return { seq: cp.seq, problem: 'checkpoint_mismatch' };
    if (inDatabase && !inDatabase.has(cp.seq)) return { seq: cp.seq, problem: 'checkpoint_missing' };
  }
  return null;
}

/** An incremental checker, so a long chain can be verified page by page without loading it all. */
export function createChainVerifier() {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let problem: ChainProblem | null = null;
  return {
    /** Feeds the next entry in seq order; returns the first problem found so far. */
    push(entry: ChainedFields & { hash: string }): ChainProblem | null {
      if (problem) return problem;
      if (entry.seq !== expectedSeq) problem = { seq: expectedSeq, problem: 'gap' };
      else if (entry.prev_hash !== prev) problem = { seq: entry.seq, problem: 'broken_link' };
      else if (auditEntryHash(entry) !== entry.hash) problem = { seq: entry.seq, problem: 'hash_mismatch' };
      else {
        prev = entry.hash;
        expectedSeq++;
      }
      return problem;
    },
    /** Ends the walk; the stored head catches entries deleted from the end. */
    finish(head?: { last_hash: string; count: number }): ChainProblem | null {
      if (problem) return problem;
      if (head && (head.count !== expectedSeq - 1 || head.last_hash !== prev)) problem = { seq: expectedSeq - 1, problem: 'head_mismatch' };
      return problem;
    },
    get count() {
      return expectedSeq - 1;
    },
  };
}

/** Checks entries in seq order; returns the first problem or null. `head` is the stored chain head. */
export function verifyChain(entries: Iterable<ChainedFields & { hash: string }>, head?: { last_hash: string; count: number }): ChainProblem | null {
  const verifier = createChainVerifier();
  for (const entry of entries) if (verifier.push(entry)) break;
  return verifier.finish(head);
}
