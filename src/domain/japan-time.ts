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
