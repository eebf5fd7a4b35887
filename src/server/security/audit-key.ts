import { hkdfSync } from 'node:crypto';

/**
 * The key that signs audit checkpoints, derived from the master key (DAICHO_MASTER_KEY or
 * <data>/master.key) with HKDF-SHA256: it is never stored, and never in the database.
 */
export function deriveAuditKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'daicho audit checkpoints v1', 32));
}
