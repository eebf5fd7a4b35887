import { unguardCsvText } from '../../../domain/csv.ts';
import { AppError } from '../app-error.ts';
import { bi } from '../../../shared/messages.ts';
import { DEFAULT_SHEET_LIMITS, readSpreadsheetSafely } from '../file-reading/index.ts';
import { isZip } from '../file-reading/spreadsheet.ts';
import type { ImportError } from './import.ts';

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** A sheet as text cells; row 0 is the header row. */
export type Sheet = string[][];

/** How cells are turned into text; the register reads dates only, the SLA report also times and percentages. */
export interface ReadOptions {
  /** Date cells with a time of day become `YYYY-MM-DD HH:mm` (`:ss` when not zero) instead of the date alone. */
  keepTimes?: boolean;
  /** Numbers in a percentage format (0.9995 shown as 99.95%) become `99.95%`. */
  percentCells?: boolean;
}

/**
 * Reads an uploaded register (or SLA report) file (.xlsx: its first sheet, or CSV in UTF-8 or Shift_JIS);
 * anything else is refused with a clear reason. Formulas are kept as their text (=...), never evaluated;
 * dates become YYYY-MM-DD. The file is read in the file-reading worker, within its limits.
 */
export async function readRegisterFile(filename: string, buffer: Buffer, options: ReadOptions = {}): Promise<{ sheet: Sheet; format: 'xlsx' | 'csv'; encoding?: string }> {
  if (buffer.length === 0) throw new AppError('validation_failed', [{ field: 'file', reason: bi('ファイルが空です', 'The file is empty') }]);
  if (buffer.length > IMPORT_MAX_BYTES) throw new AppError('payload_too_large', [{ field: 'file', reason: bi('10MB以内のファイルにしてください', 'The file must be 10 MB or smaller') }]);
  const lower = filename.toLowerCase();
  const format = isZip(buffer) ? 'xlsx' : 'csv';
  const allowed = format === 'xlsx' ? lower.endsWith('.xlsx') : lower.endsWith('.csv') || lower.endsWith('.txt');
  if (!allowed) throw new AppError('validation_failed', [{ field: 'file', reason: bi('.xlsx または .csv のファイルを選んでください', 'Choose an .xlsx or .csv file') }]);
  const read = await readSpreadsheetSafely(buffer, { format, sheets: 'first', cells: { ...options, formulas: 'text' }, limits: DEFAULT_SHEET_LIMITS });
  const rows = read.sheets[0].rows;
  const sheet = format === 'csv' ? rows.map((row) => row.map((cell) => unguardCsvText(cell).trim())) : rows.map((row) => row.map((cell) => cell.trim()));
  return { sheet, format, encoding: read.encoding };
}

/** A column of an import table: the key the code uses, the header a person sees. */
export interface TableColumn<K extends string> {
  key: K;
  header: string;
  required?: boolean;
  width?: number;
}

/**
 * The data rows of a sheet as text by column key (headers matched after NFKC, so full-width brackets
 * and spaces do not matter), numbered as the spreadsheet shows them; blank rows are skipped. Missing
 * required columns, or no data row at all, come back as errors.
 */
export function readTable<K extends string>(sheet: Sheet, columns: readonly TableColumn<K>[]): { rows: { rowNumber: number; cells: Record<K, string> }[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const header = (sheet[0] ?? []).map((h) => h.normalize('NFKC').trim());
  const index = new Map<K, number>();
  for (const column of columns) {
    const at = header.indexOf(column.header.normalize('NFKC'));
    if (at >= 0) index.set(column.key, at);
    else if (column.required) errors.push({ row: 1, column: column.header, value: '', reason: bi('必須の列がありません（テンプレートの見出し行を使ってください）', 'A required column is missing (use the header row of the template)') });
  }
  const rows = sheet
    .slice(1)
    .map((cells, i) => ({ rowNumber: i + 2, cells: Object.fromEntries(columns.map((c) => [c.key, index.has(c.key) ? (cells[index.get(c.key)!] ?? '') : ''])) as Record<K, string>, blank: !cells.some((c) => c !== '') }))
    .filter((row) => !row.blank)
    .map(({ rowNumber, cells }) => ({ rowNumber, cells }));
  if (errors.length === 0 && rows.length === 0) errors.push({ row: 2, column: '', value: '', reason: bi('データの行がありません', 'The file has no data rows') });
  return { rows, errors };
}
