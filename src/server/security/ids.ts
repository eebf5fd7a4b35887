import { randomBytes, createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Sortable application-generated id (UUIDv7). */
export function newId(): string {
  return uuidv7();
}

/** A random secret of `bytes` bytes, URL-safe base64. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function nowIso(date: Date = new Date()): string {
  return date.toISOString();
}
