// CSV writing for exports opened in Excel: RFC 4180 quoting, CRLF, and neutralised formulas.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: quoted when needed; a leading formula character is prefixed with ' so Excel shows text. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}
