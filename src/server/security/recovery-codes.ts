import { randomInt } from 'node:crypto';
import { sha256Hex } from './ids.ts';

// Unambiguous alphabet (no 0/O, 1/I/L) so codes survive being read aloud or written down.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Ten single-use codes formatted XXXXX-XXXXX (about 49 bits each). */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export function normaliseRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return sha256Hex(`daicho-recovery:${normaliseRecoveryCode(code)}`);
}
