import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parseCsv, unguardCsvText } from '../../../domain/csv.ts';
import { AppError } from '../app-error.ts';
import { bi } from '../../../shared/messages.ts';
import type { ImportError } from './import.ts';

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** A sheet as text cells; row 0 is the header row. */
export type Sheet = string[][];

function isZip(buffer: Buffer): boolean {
  return buffer.length > 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;
}

/** Decodes CSV bytes: UTF-8 with or without BOM, else Shift_JIS (as Windows code page 932, which Excel writes). */
export function decodeCsv(buffer: Buffer): { text: string; encoding: 'utf-8' | 'shift_jis' } {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'cp932'), encoding: 'shift_jis' };
  }
}

function pad(n: number) {
  return String(n).padStart(2, '0');
}

/** How cells are turned into text; the register reads dates only, the SLA report also times and percentages. */
export interface ReadOptions {
  /** Date cells with a time of day become `YYYY-MM-DD HH:mm` (`:ss` when not zero) instead of the date alone. */
  keepTimes?: boolean;
  /** Numbers in a percentage format (0.9995 shown as 99.95%) become `99.95%`. */
  percentCells?: boolean;
}

/** A date cell's wall-clock date (exceljs hands it over as UTC); with keepTimes, its time to the nearest second too. */
function dateText(value: Date, keepTimes: boolean): string {
  const dateOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!keepTimes) return dateOf(value);
  const t = new Date(Math.round(value.getTime() / 1000) * 1000);
  if (t.getUTCHours() === 0 && t.getUTCMinutes() === 0 && t.getUTCSeconds() === 0) return dateOf(t);
  return `${dateOf(t)} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}${t.getUTCSeconds() ? `:${pad(t.getUTCSeconds())}` : ''}`;
}

/** The text of one cell. Formulas are kept as their text (=...), never evaluated; dates become YYYY-MM-DD. */
function cellText(cell: ExcelJS.Cell, options: ReadOptions): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value, options.keepTimes ?? false);
  if (typeof value === 'number' && options.percentCells && cell.numFmt?.includes('%')) return `${Number((value * 100).toFixed(10))}%`;
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return `=${(value as { formula?: string; sharedFormula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? ''}`;
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

async function readXlsx(buffer: Buffer, options: ReadOptions): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('validation_failed', [{ field: 'file', reason: bi('Excelファイル（.xlsx）として読み取れません', 'The file cannot be read as Excel (.xlsx)') }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('validation_failed', [{ field: 'file', reason: bi('シートがありません', 'The workbook has no sheet') }]);
  const rows: Sheet = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c), options).trim());
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

/** Reads an uploaded register (or SLA report) file (.xlsx or CSV); anything else is refused with a clear reason. */
export async function readRegisterFile(filename: string, buffer: Buffer, options: ReadOptions = {}): Promise<{ sheet: Sheet; format: 'xlsx' | 'csv'; encoding?: string }> {
  if (buffer.length === 0) throw new AppError('validation_failed', [{ field: 'file', reason: bi('ファイルが空です', 'The file is empty') }]);
  if (buffer.length > IMPORT_MAX_BYTES) throw new AppError('payload_too_large', [{ field: 'file', reason: bi('10MB以内のファイルにしてください', 'The file must be 10 MB or smaller') }]);
  const lower = filename.toLowerCase();
  if (isZip(buffer)) {
    if (!lower.endsWith('.xlsx')) throw new AppError('validation_failed', [{ field: 'file', reason: bi('.xlsx または .csv のファイルを選んでください', 'Choose an .xlsx or .csv file') }]);
    return { sheet: await readXlsx(buffer, options), format: 'xlsx' };
  }
  if (!lower.endsWith('.csv') && !lower.endsWith('.txt')) throw new AppError('validation_failed', [{ field: 'file', reason: bi('.xlsx または .csv のファイルを選んでください', 'Choose an .xlsx or .csv file') }]);
  if (buffer.includes(0)) throw new AppError('validation_failed', [{ field: 'file', reason: bi('テキスト（CSV）ではないファイルです', 'The file is not text (CSV)') }]);
  const { text, encoding } = decodeCsv(buffer);
  const sheet = parseCsv(text).map((row) => row.map((cell) => unguardCsvText(cell).trim()));
  return { sheet, format: 'csv', encoding };
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
