import { formatJapanDateTime } from '../../domain/japan-time.ts';

/** Japan time as yyyy/MM/dd HH:mm, or a dash when there is no date. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  return formatJapanDateTime(instant).slice(0, 16);
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
