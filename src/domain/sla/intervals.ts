// Time intervals in epoch milliseconds, half-open [start, end).

export interface Interval {
  start: number;
  end: number;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Japan Standard Time is UTC+9 all year (no daylight saving). */
export const JST_OFFSET = 9 * HOUR;

/** Sorts and merges overlapping or touching intervals; empty ones are dropped. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const current of sorted) {
    const last = merged[merged.length - 1];
    if (last && current.start <= last.end) last.end = Math.max(last.end, current.end);
    else merged.push({ start: current.start, end: current.end });
  }
  return merged;
}

/** The parts of `a` that fall inside any of `b` (both merged first). */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const left = mergeIntervals(a);
  const right = mergeIntervals(b);
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const start = Math.max(left[i].start, right[j].start);
    const end = Math.min(left[i].end, right[j].end);
    if (end > start) result.push({ start, end });
    if (left[i].end < right[j].end) i++;
    else j++;
  }
  return result;
}

/** The parts of `a` outside all of `b`. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const cuts = mergeIntervals(b);
  const result: Interval[] = [];
  for (const piece of mergeIntervals(a)) {
    let cursor = piece.start;
    for (const cut of cuts) {
      if (cut.end <= cursor || cut.start >= piece.end) continue;
      if (cut.start > cursor) result.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
    }
    if (cursor < piece.end) result.push({ start: cursor, end: piece.end });
  }
  return result;
}

export function totalLength(intervals: readonly Interval[]): number {
  return mergeIntervals(intervals).reduce((sum, i) => sum + (i.end - i.start), 0);
}

/** The UTC instants where a Japan-time calendar month begins and ends: [start, end). */
export function japanMonth(year: number, month: number): Interval {
  return { start: Date.UTC(year, month - 1, 1) - JST_OFFSET, end: Date.UTC(year, month, 1) - JST_OFFSET };
}

/** The Japan-time month (year, 1-12) an instant falls in. */
export function japanMonthOf(instant: number): { year: number; month: number } {
  const t = new Date(instant + JST_OFFSET);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1 };
}

/** Splits an interval at Japan-time month boundaries. */
export function splitByJapanMonth(interval: Interval): { year: number; month: number; part: Interval }[] {
  const parts: { year: number; month: number; part: Interval }[] = [];
  let cursor = interval.start;
  while (cursor < interval.end) {
    const { year, month } = japanMonthOf(cursor);
    const end = Math.min(interval.end, japanMonth(year, month).end);
    parts.push({ year, month, part: { start: cursor, end } });
    cursor = end;
  }
  return parts;
}
