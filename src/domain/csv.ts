// CSV writing for exports opened in Excel: RFC 4180 quoting, CRLF, and neutralised formulas.

// Apostrophes already in front of a formula character are guarded too, so unguarding is exact.
const FORMULA_START = /^'*[=+\-@\t\r]/;

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

/** How much of a CSV a reader accepts; the first limit passed stops the parse (counted while reading). */
export interface CsvLimits {
  maxRows: number;
  maxColumns: number;
  maxCells: number;
  /** Characters in one field. */
  maxFieldLength: number;
}

/** Thrown when a CSV passes one of its limits: which one, and the 1-based row where it happened. */
export class CsvLimitExceeded extends Error {
  readonly limit: keyof CsvLimits;
  readonly row: number;
  constructor(limit: keyof CsvLimits, row: number) {
    super(`CSV ${limit} exceeded at row ${row}`);
    this.limit = limit;
    this.row = row;
  }
}

const NO_LIMITS: CsvLimits = { maxRows: Infinity, maxColumns: Infinity, maxCells: Infinity, maxFieldLength: Infinity };

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF, LF or CR alone); returns rows of fields.
 * With limits, throws CsvLimitExceeded as soon as one is passed, before building more rows.
 */
export function parseCsv(text: string, limits: CsvLimits = NO_LIMITS): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cells = 0;
  let quoted = false;
  let start = -1; // start of the unquoted run being read, or -1
  let field = '';
  let i = 0;
  const endField = () => {
    if (start >= 0) {
      field += text.slice(start, i);
      start = -1;
    }
    if (field.length > limits.maxFieldLength) throw new CsvLimitExceeded('maxFieldLength', rows.length + 1);
    row.push(field);
    field = '';
    if (row.length > limits.maxColumns) throw new CsvLimitExceeded('maxColumns', rows.length + 1);
    if (++cells > limits.maxCells) throw new CsvLimitExceeded('maxCells', rows.length + 1);
  };
  const endRow = () => {
    rows.push(row);
    row = [];
    if (rows.length > limits.maxRows) throw new CsvLimitExceeded('maxRows', rows.length);
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        const next = text.indexOf('"', i);
        const end = next < 0 ? text.length : next;
        field += text.slice(i, end);
        if (field.length > limits.maxFieldLength) throw new CsvLimitExceeded('maxFieldLength', rows.length + 1);
        i = end;
        continue;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '' && start < 0) quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      endField();
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else if (start < 0) start = i;
    i++;
  }
  if (start >= 0 || field !== '' || row.length > 0) {
    endField();
    endRow();
  }
  return rows;
}

/** Undoes csvField's formula guard: a leading ' before = + - @ was added on export. */
export function unguardCsvText(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
