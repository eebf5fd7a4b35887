import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { findOrganisationKey, insertOrganisationKey } from '../repositories/attachments.ts';
import type { Executor } from '../repositories/executor.ts';
import { nowIso } from './ids.ts';
import type { SecretBox } from './secret-box.ts';

/** The organisation's data key, created (and wrapped by the master key) on first use. */
export async function organisationKey(db: Executor, box: SecretBox, organisationId: string, now: Date): Promise<Buffer> {
  const existing = await findOrganisationKey(db, organisationId);
  if (existing) return box.openBuffer(existing.wrapped_key);
  const key = randomBytes(32);
  await insertOrganisationKey(db, organisationId, box.seal(key), nowIso(now));
  return key;
}

/** AES-256-GCM: iv (12 bytes) + tag (16 bytes) + ciphertext, in one buffer. */
export function encryptWithKey(key: Buffer, plaintext: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptWithKey(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}
