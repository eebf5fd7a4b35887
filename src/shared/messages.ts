import { z } from 'zod';

// Japanese is the language of every message; English travels beside it. `bi()` returns the Japanese
// text and remembers its English, so schemas and services keep one string literal each, and the
// error boundary (server) or the form (web) can show the reason in the user's language.

const ENGLISH = new Map<string, string>();
const zodEnglish = z.locales.en();

/** A message in Japanese, with its English registered for `englishOf`. */
export function bi(ja: string, en: string): string {
  ENGLISH.set(ja, en);
  return ja;
}

/** The English of a message made with `bi`, or of one of zod's own checks; otherwise undefined. */
export function englishOf(ja: string, issue?: { code?: string } & Record<string, unknown>): string | undefined {
  const known = ENGLISH.get(ja);
  if (known) return known;
  if (!issue?.code) return undefined;
  const english = zodEnglish.localeError(issue as never);
  return typeof english === 'string' ? english : (english as { message?: string } | undefined)?.message;
}
