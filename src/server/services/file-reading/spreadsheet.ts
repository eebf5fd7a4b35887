import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { CsvLimitExceeded, parseCsv, type CsvLimits } from '../../../domain/csv.ts';

// Reading an uploaded spreadsheet (.xlsx or CSV) into rows of text, within limits: a zip that declares
// more than it may inflate to is refused before anything is unpacked, an .xlsx stops at the first row or
// column past its limit among the cells it holds (a single cell at XFD1048576 costs nothing), and a CSV
// stops at the first row, column or cell past its limit while parsing, whatever its line ends.
// This module runs inside the file-reading worker thread (see ./index.ts), which also caps its memory and
// time, so a file that still gets through cannot stall or kill the server.

export interface SheetLimits extends CsvLimits {
  /** The sum of the sizes the zip declares for its entries once inflated. */
  maxInflatedBytes: number;
}

export interface CellOptions {
  /** Date cells with a time of day become `YYYY-MM-DD HH:mm` (`:ss` when not zero) instead of the date alone. */
  keepTimes?: boolean;
  /** Numbers in a percentage format (0.9995 shown as 99.95%) become `99.95%`. */
  percentCells?: boolean;
  /** A formula cell reads as its formula text (`=SUM(A1:A3)`, never evaluated) or as the value saved with it. */
  formulas: 'text' | 'result';
}

export interface SpreadsheetRequest {
  format: 'xlsx' | 'csv';
  /** Read only the first worksheet, or every worksheet (by name). */
  sheets: 'first' | 'all';
  cells: CellOptions;
  limits: SheetLimits;
}

export interface ReadSheet {
  name: string;
  /** rows[0] is the spreadsheet's row 1; rows and cells missing from the file are empty. */
  rows: string[][];
}

/** Why a file was refused, in both languages; `too_large` answers 413, `unreadable` 400. */
export interface Refusal {
  kind: 'too_large' | 'unreadable';
  ja: string;
  en: string;
}

export type SpreadsheetResult = { ok: true; sheets: ReadSheet[]; encoding?: 'utf-8' | 'shift_jis' } | { ok: false; refusal: Refusal };

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.en);
  }
}

const number = (n: number) => n.toLocaleString('en-US');

function tooLarge(ja: string, en: string): Refused {
  return new Refused({ kind: 'too_large', ja, en });
}

function unreadable(ja: string, en: string): Refused {
  return new Refused({ kind: 'unreadable', ja, en });
}

function limitRefusal(limit: keyof SheetLimits, row: number, limits: SheetLimits): Refused {
  switch (limit) {
    case 'maxRows':
      return tooLarge(`行が多すぎます（${number(row)}行目。上限は${number(limits.maxRows)}行です）`, `Too many rows (row ${number(row)}; the limit is ${number(limits.maxRows)})`);
    case 'maxColumns':
      return tooLarge(`列が多すぎます（${number(row)}行目。上限は${number(limits.maxColumns)}列です）`, `Too many columns (row ${number(row)}; the limit is ${number(limits.maxColumns)})`);
    case 'maxCells':
      return tooLarge(`セルが多すぎます（${number(row)}行目まで。上限は${number(limits.maxCells)}セルです）`, `Too many cells (up to row ${number(row)}; the limit is ${number(limits.maxCells)})`);
    case 'maxFieldLength':
      return tooLarge(`${number(row)}行目に長すぎるセルがあります（上限は${number(limits.maxFieldLength)}文字です）`, `Row ${number(row)} has a cell that is too long (the limit is ${number(limits.maxFieldLength)} characters)`);
    case 'maxInflatedBytes':
      return tooLarge(`展開後の大きさが上限（${Math.round(limits.maxInflatedBytes / 1024 / 1024)}MB）を超えます`, `The file expands beyond the limit (${Math.round(limits.maxInflatedBytes / 1024 / 1024)} MB)`);
  }
}

export function isZip(buffer: Uint8Array): boolean {
  return buffer.length > 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;
}

/**
 * The sum of the uncompressed sizes in a zip's central directory, or null when the directory cannot be
 * found or uses ZIP64 (which no spreadsheet of a few megabytes needs).
 */
export function inflatedSize(buffer: Buffer): number | null {
  const min = Math.max(0, buffer.length - 65_557);
  for (let end = buffer.length - 22; end >= min; end--) {
    if (buffer.readUInt32LE(end) !== 0x06054b50) continue;
    const entries = buffer.readUInt16LE(end + 10);
    let offset = buffer.readUInt32LE(end + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) return null;
      const size = buffer.readUInt32LE(offset + 24);
      if (size === 0xffffffff) return null;
      total += size;
      offset += 46 + buffer.readUInt16LE(offset + 28) + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
    }
    return total;
  }
  return null;
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

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell's wall-clock date (exceljs hands it over as UTC); with keepTimes, its time to the nearest second too. */
function dateText(value: Date, keepTimes: boolean): string {
  const dateOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!keepTimes) return dateOf(value);
  const t = new Date(Math.round(value.getTime() / 1000) * 1000);
  if (t.getUTCHours() === 0 && t.getUTCMinutes() === 0 && t.getUTCSeconds() === 0) return dateOf(t);
  return `${dateOf(t)} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}${t.getUTCSeconds() ? `:${pad(t.getUTCSeconds())}` : ''}`;
}

/** The text of one cell value, as the options say. */
function valueText(value: unknown, numFmt: string | undefined, options: CellOptions): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value, options.keepTimes ?? false);
  if (typeof value === 'number' && options.percentCells && numFmt?.includes('%')) return `${Number((value * 100).toFixed(10))}%`;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) {
      if (options.formulas === 'result') return valueText(v.result, numFmt, options);
      return `=${String(v.formula ?? v.sharedFormula ?? '')}`;
    }
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((part: { text?: string }) => part.text ?? '').join('');
    if ('text' in v) return valueText(v.text, numFmt, options);
    if ('error' in v) return String(v.error);
    return '';
  }
  return String(value);
}

async function readXlsx(buffer: Buffer, request: SpreadsheetRequest): Promise<ReadSheet[]> {
  const { limits } = request;
  const inflated = inflatedSize(buffer);
  if (inflated === null) throw unreadable('Excelファイル（.xlsx）として読み取れません（ZIPが壊れています）', 'The file cannot be read as Excel (.xlsx): the zip is damaged');
  if (inflated > limits.maxInflatedBytes) throw limitRefusal('maxInflatedBytes', 0, limits);
  // The whole workbook is loaded (its size is bounded above, and the thread's memory ceiling holds the
  // rest): exceljs' streaming reader races on Node 20 and loses the workbook entry or shared strings
  // now and then (exceljs issues #3064, #683). Only the cells the file holds are visited, so a lone
  // cell at XFD1048576 is refused at once instead of widening every row.
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadable('Excelファイル（.xlsx）として読み取れません', 'The file cannot be read as Excel (.xlsx)');
  }
  const sheets: ReadSheet[] = [];
  let cells = 0;
  for (const worksheet of request.sheets === 'first' ? workbook.worksheets.slice(0, 1) : workbook.worksheets) {
    const rows: string[][] = [];
    worksheet.eachRow((row, rowNumber) => {
      if (rowNumber > limits.maxRows) throw limitRefusal('maxRows', rowNumber, limits);
      const texts: string[] = [];
      row.eachCell((cell, column) => {
        if (column > limits.maxColumns) throw limitRefusal('maxColumns', rowNumber, limits);
        if (++cells > limits.maxCells) throw limitRefusal('maxCells', rowNumber, limits);
        const text = valueText(cell.value, cell.numFmt, request.cells);
        if (text.length > limits.maxFieldLength) throw limitRefusal('maxFieldLength', rowNumber, limits);
        texts[column - 1] = text;
      });
      for (let c = 0; c < texts.length; c++) texts[c] ??= '';
      rows[rowNumber - 1] = texts;
    });
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    sheets.push({ name: worksheet.name, rows });
  }
  if (sheets.length === 0) throw unreadable('シートがありません', 'The workbook has no sheet');
  return sheets;
}

function readCsv(buffer: Buffer, request: SpreadsheetRequest): { sheets: ReadSheet[]; encoding: 'utf-8' | 'shift_jis' } {
  if (buffer.includes(0)) throw unreadable('テキスト（CSV）ではないファイルです', 'The file is not text (CSV)');
  const { text, encoding } = decodeCsv(buffer);
  try {
    return { sheets: [{ name: 'CSV', rows: parseCsv(text, request.limits) }], encoding };
  } catch (error) {
    if (error instanceof CsvLimitExceeded) throw limitRefusal(error.limit, error.row, request.limits);
    throw error;
  }
}

/** Reads a spreadsheet within its limits; a refusal says why in both languages. */
export async function readSpreadsheet(buffer: Buffer, request: SpreadsheetRequest): Promise<SpreadsheetResult> {
  try {
    if (request.format === 'csv') return { ok: true, ...readCsv(buffer, request) };
    return { ok: true, sheets: await readXlsx(buffer, request) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}
