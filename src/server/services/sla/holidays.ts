import HOLIDAYS from '@holiday-jp/holiday_jp/lib/holidays.js';

// Japanese public holidays (国民の祝日, substitute and sandwiched holidays included) from the
// holiday_jp data set, which covers 1970–2050. Years beyond it have no holidays known; the SLA
// screens say so where it matters.
const ALL = new Set(Object.keys(HOLIDAYS as Record<string, unknown>));

export const HOLIDAY_DATA_LAST_YEAR = 2050;

/** Public holidays (YYYY-MM-DD, Japan time) between two years inclusive. */
export function japaneseHolidays(fromYear: number, toYear: number): ReadonlySet<string> {
  const result = new Set<string>();
  for (const day of ALL) {
    const year = Number(day.slice(0, 4));
    if (year >= fromYear && year <= toYear) result.add(day);
  }
  return result;
}

/** The name of a public holiday, if the day is one. */
export function holidayName(day: string): { ja: string; en: string } | null {
  const entry = (HOLIDAYS as Record<string, { name: string; name_en: string }>)[day];
  return entry ? { ja: entry.name, en: entry.name_en } : null;
}
