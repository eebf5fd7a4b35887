// Japan has no daylight saving time: Japan Standard Time is always UTC+9.
const JST_OFFSET_MS = 9 * 3_600_000;

/** The UTC instant at which a Japan-time calendar date (YYYY-MM-DD) begins. */
export function startOfJapanDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - JST_OFFSET_MS);
}

/** Formats an instant as Japan time `yyyy/MM/dd HH:mm:ss`. */
export function formatJapanDateTime(instant: Date | string): string {
  const t = new Date(new Date(instant).getTime() + JST_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}/${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/** Today's date in Japan (YYYY-MM-DD) at the given instant. */
export function japanToday(now: Date): string {
  return new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** A calendar date some months later, kept within the month (01-31 + 1 month → end of February). */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** A calendar date some days later (negative: earlier). */
export function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether a due date has passed, falls within `soonDays` of today, or is further off. */
export function dueState(nextDue: string, today: string, soonDays: number): 'overdue' | 'due_soon' | 'ok' {
  return nextDue < today ? 'overdue' : nextDue <= addDaysToDate(today, soonDays) ? 'due_soon' : 'ok';
}

const ERA_DATE = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Tokyo' });
const ERA_YEAR_EN = new Intl.DateTimeFormat('en-GB-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: 'Asia/Tokyo' });
const LONG_DATE_EN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Asia/Tokyo' });

/**
 * The Japan-time date in the Japanese era and the Western calendar, as printed documents carry it:
 * ja `令和8年12月2日（2026-12-02）`, en `2 December 2026 (Reiwa 8)`.
 */
export function japanDateBothCalendars(now: Date, lang: 'ja' | 'en' = 'ja'): string {
  if (lang === 'en') {
    const era = ERA_YEAR_EN.formatToParts(now);
    const name = era.find((p) => p.type === 'era')?.value ?? '';
    const year = era.find((p) => p.type === 'year')?.value ?? '';
    return `${LONG_DATE_EN.format(now)} (${name} ${year})`;
  }
  return `${ERA_DATE.format(now)}（${japanToday(now)}）`;
}
