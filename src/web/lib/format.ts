import { useSyncExternalStore } from 'react';
import { formatJapanDateTime } from '../../domain/japan-time.ts';

// Every date a person reads goes through this module: Japan time, one shape (yyyy/MM/dd, with HH:mm for
// an instant), or 和暦 (令和8年12月2日) when the user chose it on the profile page. English always shows
// Western dates. The choice is kept on this device (localStorage), like the display language.

export type DateStyle = 'western' | 'japanese';
type Lang = 'ja' | 'en';

const STYLE_KEY = 'daicho.dateStyle';
const listeners = new Set<() => void>();

function readStyle(): DateStyle {
  try {
    return globalThis.localStorage?.getItem(STYLE_KEY) === 'japanese' ? 'japanese' : 'western';
  } catch {
    return 'western';
  }
}

let style: DateStyle = readStyle();

export function dateStyle(): DateStyle {
  return style;
}

/** Chooses 西暦 or 和暦 for every date shown from now on, and remembers it on this device. */
export function setDateStyle(next: DateStyle): void {
  style = next;
  try {
    globalThis.localStorage?.setItem(STYLE_KEY, next);
  } catch {
    // Private browsing may refuse storage; the choice still holds for this visit.
  }
  for (const listener of listeners) listener();
}

/** The date style, re-rendering the caller when it changes. */
export function useDateStyle(): DateStyle {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dateStyle,
  );
}

/** The display language, as i18n keeps it on <html lang> (Japanese outside a browser). */
function displayLang(): Lang {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'ja';
}

const wareki = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

function calendarDate(ymd: string, lang: Lang, chosen: DateStyle): string {
  if (lang === 'ja' && chosen === 'japanese') return wareki.format(new Date(`${ymd}T00:00:00Z`));
  return ymd.replaceAll('-', '/');
}

/** A calendar date (YYYY-MM-DD) or an instant (its Japan date), or a dash when there is none. */
export function formatDate(value: string | null | undefined, lang: Lang = displayLang(), chosen: DateStyle = style): string {
  if (!value) return '—';
  const ymd = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : formatJapanDateTime(value).slice(0, 10).replaceAll('/', '-');
  return calendarDate(ymd, lang, chosen);
}

/** An instant in Japan time: yyyy/MM/dd HH:mm (令和8年12月2日 14:05), or a dash when there is none. */
export function formatDateTime(instant: string | null | undefined, lang: Lang = displayLang(), chosen: DateStyle = style): string {
  if (!instant) return '—';
  const text = formatJapanDateTime(instant);
  return `${calendarDate(text.slice(0, 10).replaceAll('/', '-'), lang, chosen)} ${text.slice(11, 16)}`;
}

export function formatCount(value: number | null | undefined, lang: 'ja' | 'en'): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP');
}

/** Compares two optional strings for table sorting; empty values sort last. */
export function compareText(a: string | null | undefined, b: string | null | undefined): number {
  if (!a) return b ? 1 : 0;
  if (!b) return -1;
  return a.localeCompare(b, 'ja');
}

export function compareNumber(a: number | null | undefined, b: number | null | undefined): number {
  return (a ?? -1) - (b ?? -1);
}
