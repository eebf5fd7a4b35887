import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parseCsv, unguardCsvText } from '../../../domain/csv.ts';
import { AppError } from '../app-error.ts';
import { bi } from '../../../shared/messages.ts';

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

/** The text of one cell. Formulas are kept as their text (=...), never evaluated; dates become YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return `=${(value as { formula?: string; sharedFormula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? ''}`;
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

async function readXlsx(buffer: Buffer): Promise<Sheet> {
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
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

/** Reads an uploaded register file (.xlsx or CSV); anything else is refused with a clear reason. */
export async function readRegisterFile(filename: string, buffer: Buffer): Promise<{ sheet: Sheet; format: 'xlsx' | 'csv'; encoding?: string }> {
  if (buffer.length === 0) throw new AppError('validation_failed', [{ field: 'file', reason: bi('ファイルが空です', 'The file is empty') }]);
  if (buffer.length > IMPORT_MAX_BYTES) throw new AppError('payload_too_large', [{ field: 'file', reason: bi('10MB以内のファイルにしてください', 'The file must be 10 MB or smaller') }]);
  const lower = filename.toLowerCase();
  if (isZip(buffer)) {
    if (!lower.endsWith('.xlsx')) throw new AppError('validation_failed', [{ field: 'file', reason: bi('.xlsx または .csv のファイルを選んでください', 'Choose an .xlsx or .csv file') }]);
    return { sheet: await readXlsx(buffer), format: 'xlsx' };
  }
  if (!lower.endsWith('.csv') && !lower.endsWith('.txt')) throw new AppError('validation_failed', [{ field: 'file', reason: bi('.xlsx または .csv のファイルを選んでください', 'Choose an .xlsx or .csv file') }]);
  if (buffer.includes(0)) throw new AppError('validation_failed', [{ field: 'file', reason: bi('テキスト（CSV）ではないファイルです', 'The file is not text (CSV)') }]);
  const { text, encoding } = decodeCsv(buffer);
  const sheet = parseCsv(text).map((row) => row.map((cell) => unguardCsvText(cell).trim()));
  return { sheet, format: 'csv', encoding };
}
