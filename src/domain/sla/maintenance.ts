import { DAY, JST_OFFSET, MINUTE, type Interval } from './intervals.ts';

/** A weekly planned-maintenance window in Japan time (e.g. Sunday 02:00–05:00). */
export interface WeeklyWindow {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  startMinute: number;
  /** May exceed 1440 for a window that runs past midnight. */
  endMinute: number;
}

/** The occurrences of weekly windows that fall inside `range`, as intervals. */
export function weeklyWindows(windows: readonly WeeklyWindow[], range: Interval): Interval[] {
  if (!windows.length) return [];
  const result: Interval[] = [];
  const firstDay = Math.floor((range.start + JST_OFFSET) / DAY) * DAY - JST_OFFSET - 2 * DAY;
  for (let day = firstDay; day < range.end; day += DAY) {
    const weekday = new Date(day + JST_OFFSET).getUTCDay();
    for (const w of windows) {
      if (w.weekday !== weekday) continue;
      const start = Math.max(range.start, day + w.startMinute * MINUTE);
      const end = Math.min(range.end, day + w.endMinute * MINUTE);
      if (end > start) result.push({ start, end });
    }
  }
  return result.sort((a, b) => a.start - b.start);
}
