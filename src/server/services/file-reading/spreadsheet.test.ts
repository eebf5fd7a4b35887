import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { inflatedSize, readSpreadsheet, type SheetLimits, type SpreadsheetRequest } from './spreadsheet.ts';

const LIMITS: SheetLimits = { maxRows: 100, maxColumns: 10, maxCells: 50, maxFieldLength: 20, maxInflatedBytes: 1024 * 1024 };
const request = (overrides: Partial<SpreadsheetRequest> = {}): SpreadsheetRequest => ({ format: 'xlsx', sheets: 'first', cells: { formulas: 'text' }, limits: LIMITS, ...overrides });

async function workbook(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readSpreadsheet', () => {
  it('reads every sheet by name, formulas as text or as their saved value, dates as dates', async () => {
    const file = await workbook((wb) => {
      const a = wb.addWorksheet('一覧');
      a.getCell('A1').value = '管理番号';
      a.getCell('B3').value = { formula: 'SUM(1,2)', result: 3 };
      a.getCell('C3').value = new Date(Date.UTC(2026, 3, 1));
      wb.addWorksheet('項目').getCell('A1').value = 'x';
    });
    const asText = await readSpreadsheet(file, request({ sheets: 'all' }));
    expect(asText).toEqual({ ok: true, sheets: [{ name: '一覧', rows: [['管理番号'], [], ['', '=SUM(1,2)', '2026-04-01']] }, { name: '項目', rows: [['x']] }] });
    const asResult = await readSpreadsheet(file, request({ cells: { formulas: 'result' } }));
    expect(asResult.ok && asResult.sheets[0].rows[2][1]).toBe('3');
  });

  it('stops at the first row or column past the limit, however far the cell is', async () => {
    for (const [address, pattern] of [['XFD1048576', /行が多すぎます（1,048,576行目/], ['K1', /列が多すぎます/], ['A101', /行が多すぎます（101行目/]] as const) {
      const file = await workbook((wb) => {
        wb.addWorksheet('s').getCell(address).value = 'x';
      });
      const result = await readSpreadsheet(file, request());
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.refusal).toMatchObject({ kind: 'too_large', ja: expect.stringMatching(pattern) });
    }
  });

  it('counts cells and cell length, and refuses a zip that declares more than it may inflate to', async () => {
    const many = await workbook((wb) => {
      const s = wb.addWorksheet('s');
      for (let r = 1; r <= 10; r++) for (let c = 1; c <= 6; c++) s.getCell(r, c).value = 'v';
    });
    expect(await readSpreadsheet(many, request())).toMatchObject({ ok: false, refusal: { ja: expect.stringMatching(/セルが多すぎます/) } });
    const long = await workbook((wb) => {
      wb.addWorksheet('s').getCell('A1').value = 'x'.repeat(21);
    });
    expect(await readSpreadsheet(long, request())).toMatchObject({ ok: false, refusal: { ja: expect.stringMatching(/長すぎるセル/) } });
    expect(inflatedSize(long)).toBeGreaterThan(1000);
    expect(await readSpreadsheet(long, request({ limits: { ...LIMITS, maxInflatedBytes: 1000 } }))).toMatchObject({ ok: false, refusal: { ja: expect.stringMatching(/展開後の大きさ/) } });
  });

  it('refuses a damaged zip and reads CSV within the same limits', async () => {
    const damaged = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    expect(await readSpreadsheet(damaged, request())).toMatchObject({ ok: false, refusal: { kind: 'unreadable' } });
    expect(await readSpreadsheet(Buffer.from('a,b\r\nc,d\r\n'), request({ format: 'csv' }))).toEqual({ ok: true, encoding: 'utf-8', sheets: [{ name: 'CSV', rows: [['a', 'b'], ['c', 'd']] }] });
    expect(await readSpreadsheet(Buffer.from('a\n'.repeat(101)), request({ format: 'csv' }))).toMatchObject({ ok: false, refusal: { kind: 'too_large' } });
  });
});
