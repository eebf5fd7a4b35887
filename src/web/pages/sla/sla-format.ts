// How the SLA screens write percentages, durations, clock times, weekdays and months.
import { LABELS, parseYearMonth } from '../../../shared/sla.ts';
import type { Lang } from '../../i18n/index.ts';
import type { Tone } from '../../components/StatusTag.tsx';
import type { SlaFlag, SlaTerms } from './sla-api.ts';
import type { SlaText } from './sla-text.ts';

const locale = (lang: Lang) => (lang === 'en' ? 'en-US' : 'ja-JP');

/** 99.861% (up to three decimals), or a dash. */
export function percent(value: number | null | undefined, lang: Lang, digits = 3): string {
  if (value === null || value === undefined) return '—';
  return `${value.toLocaleString(locale(lang), { maximumFractionDigits: digits })}%`;
}

/** A signed difference in percentage points: +0.12 / −0.05. */
export function signedPoints(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  const abs = Math.abs(value).toLocaleString(locale(lang), { maximumFractionDigits: 3 });
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${abs}`;
}

export function yenAmount(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  return lang === 'en' ? `¥${value.toLocaleString('en-US')}` : `${value.toLocaleString('ja-JP')}円`;
}

/** 3時間 / 2時間30分 / 45分 (3 h / 2 h 30 min / 45 min). */
export function duration(minutes: number | null | undefined, text: SlaText, fill: (t: string, v: Record<string, string | number>) => string): string {
  if (minutes === null || minutes === undefined) return '—';
  const rounded = Math.round(minutes * 10) / 10;
  if (rounded < 60) return fill(text.common.minutesShort, { n: rounded });
  const whole = Math.round(rounded);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  return m ? fill(text.common.hoursMinutes, { h, m }) : fill(text.common.hoursOnly, { h });
}

/** Minutes after midnight as HH:mm; past midnight stays above 24 (26:00). */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** HH:mm (or H:mm) to minutes after midnight, up to 48:00; null if it is not a time. */
export function parseClock(value: string): number | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 48 || (h === 48 && min > 0)) return null;
  return h * 60 + min;
}

const WEEKDAYS = { ja: ['日', '月', '火', '水', '木', '金', '土'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

export function weekdayName(day: number, lang: Lang): string {
  return WEEKDAYS[lang][day] ?? String(day);
}

/** 月〜金 for a run of days (Monday first), otherwise 月・水・金. */
export function describeWeekdays(days: readonly number[], lang: Lang): string {
  const order = [1, 2, 3, 4, 5, 6, 0];
  const sorted = order.filter((d) => days.includes(d));
  if (!sorted.length) return '—';
  const positions = sorted.map((d) => order.indexOf(d));
  const run = positions.every((p, i) => i === 0 || p === positions[i - 1] + 1);
  if (run && sorted.length >= 3) return `${weekdayName(sorted[0], lang)}${lang === 'en' ? '–' : '〜'}${weekdayName(sorted[sorted.length - 1], lang)}`;
  return sorted.map((d) => weekdayName(d, lang)).join(lang === 'en' ? ', ' : '・');
}

export function calendarText(terms: Pick<SlaTerms, 'calendar_kind' | 'weekdays' | 'start_minute' | 'end_minute'>, lang: Lang, text: SlaText, fill: (t: string, v: Record<string, string | number>) => string): string {
  if (terms.calendar_kind === 'always') return text.rules.always;
  return fill(text.rules.office, { days: describeWeekdays(terms.weekdays ?? [], lang), start: clock(terms.start_minute ?? 0), end: clock(terms.end_minute ?? 0) });
}

/** 2026年10月 / Oct 2026. */
export function monthLabel(yearMonth: string, lang: Lang): string {
  try {
    const { year, month } = parseYearMonth(yearMonth);
    if (lang === 'en') return new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
    return `${year}年${month}月`;
  } catch {
    return yearMonth;
  }
}

/** Months before/after a YYYY-MM. */
export function shiftMonth(yearMonth: string, delta: number): string {
  const { year, month } = parseYearMonth(yearMonth);
  const index = year * 12 + month - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** An instant as the value of <input type="datetime-local"> in Japan time (YYYY-MM-DDTHH:mm). */
export function isoToJapanLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = new Date(new Date(iso).getTime() + 9 * 3_600_000);
  return t.toISOString().slice(0, 16);
}

/** The value of <input type="datetime-local">, read as Japan time, as ISO 8601 with +09:00. */
export function japanLocalToIso(local: string | null | undefined): string | null {
  if (!local) return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+09:00` : local;
}

export type Judgement = 'ok' | 'weaker' | 'missing' | 'note';

export const JUDGEMENT_TONE: Record<Judgement, Tone> = { ok: 'success', weaker: 'error', missing: 'warning', note: 'info' };

/** The worst flag of one catalogue item decides its judgement. */
export function judgementOf(flags: readonly SlaFlag[]): Judgement {
  if (flags.some((f) => f.severity === 'weaker')) return 'weaker';
  if (flags.some((f) => f.severity === 'missing')) return 'missing';
  if (flags.some((f) => f.severity === 'note')) return 'note';
  return 'ok';
}

export const vocab = {
  audience: (v: keyof typeof LABELS.audience, lang: Lang) => LABELS.audience[v]?.[lang] ?? v,
  startBasis: (v: keyof typeof LABELS.startBasis, lang: Lang) => LABELS.startBasis[v]?.[lang] ?? v,
  cause: (v: keyof typeof LABELS.cause, lang: Lang) => LABELS.cause[v]?.[lang] ?? v,
  source: (v: keyof typeof LABELS.source, lang: Lang) => LABELS.source[v]?.[lang] ?? v,
  reviewKind: (v: keyof typeof LABELS.reviewKind, lang: Lang) => LABELS.reviewKind[v]?.[lang] ?? v,
};

export const SOURCE_TONE: Record<keyof typeof LABELS.source, Tone> = { manual: 'neutral', vendor_report: 'info', probe: 'warning' };
