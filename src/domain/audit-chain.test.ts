import { describe, expect, it } from 'vitest';
import { auditEntryHash, checkpointMac, GENESIS_HASH, verifyChain, verifyCheckpoints, type ChainedFields } from './audit-chain.ts';

function chain(n: number) {
  const entries: (ChainedFields & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      seq, id: `id-${seq}`, at: `2026-11-22T00:00:0${seq}.000Z`, actor_user_id: 'u1', actor_label: '山田 <yamada@example.jp>',
      organisation_id: 'o1', action: 'user.create', outcome: 'ok', target_type: 'user', target_id: `t${seq}`,
      before_json: null, after_json: JSON.stringify({ role: 'viewer' }), ip: '127.0.0.1', prev_hash: prev,
    };
    const hash = auditEntryHash(fields);
    entries.push({ ...fields, hash });
    prev = hash;
  }
  return entries;
}

describe('audit hash chain', () => {
  it('verifies an intact chain and its head', () => {
    const entries = chain(5);
    expect(verifyChain(entries, { last_hash: entries[4].hash, count: 5 })).toBeNull();
  });
  it('detects an edited field', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], after_json: JSON.stringify({ role: 'org_admin' }) };
    expect(verifyChain(entries)).toEqual({ seq: 3, problem: 'hash_mismatch' });
  });
  it('detects a deleted entry in the middle', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toEqual({ seq: 2, problem: 'gap' });
  });
  it('detects a deleted last entry through the head', () => {
    const entries = chain(5);
    const head = { last_hash: entries[4].hash, count: 5 };
    expect(verifyChain(entries.slice(0, 4), head)).toEqual({ seq: 4, problem: 'head_mismatch' });
  });
  it('detects a re-hashed edit through the next link', () => {
    const entries = chain(4);
    const edited = { ...entries[1], actor_label: 'someone else' };
    edited.hash = auditEntryHash(edited);
    entries[1] = edited;
    expect(verifyChain(entries)).toEqual({ seq: 3, problem: 'broken_link' });
  });
});

describe('signed checkpoints', () => {
  const key = new Uint8Array(32).fill(1);
  const sign = (seq: number, head_hash: string) => {
    const unsigned = { seq, head_hash, created_at: '2026-12-02T00:00:00.000Z' };
    return { ...unsigned, hmac: checkpointMac(key, unsigned) };
  };
  const hashes = new Map([[1, 'a'.repeat(64)], [2, 'b'.repeat(64)]]);
  const hashAt = (seq: number) => hashes.get(seq);

  it('accepts checkpoints that match the chain, and names the first problem otherwise', () => {
    expect(verifyCheckpoints(key, [sign(1, 'a'.repeat(64)), sign(2, 'b'.repeat(64))], hashAt)).toBeNull();
    expect(verifyCheckpoints(key, [sign(2, 'c'.repeat(64))], hashAt)).toEqual({ seq: 2, problem: 'checkpoint_mismatch' });
    expect(verifyCheckpoints(key, [sign(3, 'c'.repeat(64))], hashAt)).toEqual({ seq: 3, problem: 'truncated' });
    expect(verifyCheckpoints(key, [{ ...sign(2, 'b'.repeat(64)), head_hash: 'a'.repeat(64) }], hashAt)).toEqual({ seq: 2, problem: 'checkpoint_forged' });
    expect(verifyCheckpoints(new Uint8Array(32).fill(2), [sign(1, 'a'.repeat(64))], hashAt)).toEqual({ seq: 1, problem: 'checkpoint_forged' });
    expect(verifyCheckpoints(key, [{ ...sign(1, 'a'.repeat(64)), hmac: 'not hex' }], hashAt)).toEqual({ seq: 1, problem: 'checkpoint_forged' });
    expect(verifyCheckpoints(key, [sign(1, 'a'.repeat(64))], hashAt, new Set())).toEqual({ seq: 1, problem: 'checkpoint_missing' });
  });
});
