import { DAY, JST_OFFSET, MINUTE, type Interval } from './intervals.ts';

/**
 * When the service is contracted to be available, in Japan time: around the clock, or on given
 * weekdays between two times, optionally not on public holidays.
 */
export type ServiceCalendar =
  | { kind: 'always' }
  | {
      kind: 'office';
      /** 0 = Sunday … 6 = Saturday. */
      weekdays: number[];
      /** Minutes after midnight, Japan time; end may exceed 1440 for service past midnight. */
      startMinute: number;
      endMinute: number;
      /** Japanese public holidays (YYYY-MM-DD, Japan time) on which there is no service. */
      holidays: ReadonlySet<string>;
    };

function japanDateString(dayStartUtc: number): string {
  return new Date(dayStartUtc + JST_OFFSET).toISOString().slice(0, 10);
}

/** The contracted service time inside `range`, as intervals. */
export function serviceTime(calendar: ServiceCalendar, range: Interval): Interval[] {
  if (calendar.kind === 'always') return range.end > range.start ? [{ ...range }] : [];
  const result: Interval[] = [];
  // Walk Japan-time days from the day before the range (a day's window may run past midnight).
  const firstDay = Math.floor((range.start + JST_OFFSET) / DAY) * DAY - JST_OFFSET - DAY;
  for (let day = firstDay; day < range.end; day += DAY) {
    const weekday = new Date(day + JST_OFFSET).getUTCDay();
    if (!calendar.weekdays.includes(weekday) || calendar.holidays.has(japanDateString(day))) continue;
    const start = Math.max(range.start, day + calendar.startMinute * MINUTE);
    const end = Math.min(range.end, day + calendar.endMinute * MINUTE);
    if (end > start) result.push({ start, end });
  }
  return result;
}
