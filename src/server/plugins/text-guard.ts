import type { FastifyInstance } from 'fastify';
import { invalid } from '../services/app-error.ts';
import { bi } from '../../shared/messages.ts';

/** The path of the first string (or key) holding a NUL character, or null. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  // Deeper than any body Daicho takes: validation refuses it with its own message.
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath;
    const found = findNul(child, childPath, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Refuses text the database cannot store before any handler sees it: PostgreSQL rejects the NUL
 * character in text, so a body, query or path holding one is a field error on both dialects.
 */
export function registerTextGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [['body', request.body], ['query', request.query], ['params', request.params]] as const) {
      const path = findNul(value, '');
      if (path !== null) throw invalid(path || part, bi('NUL文字（\\u0000）は使えません', 'The NUL character (\\u0000) cannot be used'));
    }
  });
}
