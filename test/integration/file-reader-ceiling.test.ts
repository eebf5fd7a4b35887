// The file-reading worker's own ceiling: a file that fits every row and cell limit but needs more memory
// than the thread may take ends only that thread; the upload is refused with a reason, and the next file
// is read by a fresh thread. (The ceiling is lowered here so that a modest file passes it.)
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.DAICHO_FILE_READER_MEMORY_MB = '40';
});

const { DEFAULT_SHEET_LIMITS, readSpreadsheetSafely } = await import('../../src/server/services/file-reading/index.ts');
const { AppError } = await import('../../src/server/services/app-error.ts');

describe('file-reading worker', () => {
  it('survives a file that needs more memory than its ceiling, then reads the next one', async () => {
    const row = Array.from({ length: 20 }, (_, i) => `セル${i}の値`).join(',') + '\n';
    const big = Buffer.from(row.repeat(99_000));
    const request = { format: 'csv' as const, sheets: 'first' as const, cells: { formulas: 'text' as const }, limits: DEFAULT_SHEET_LIMITS };
    const failure = await readSpreadsheetSafely(big, request).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'payload_too_large', details: [{ field: 'file', reason: expect.stringMatching(/メモリか時間/) }] });
    const small = await readSpreadsheetSafely(Buffer.from('管理番号\nA-1\n'), request);
    expect(small.sheets[0].rows).toEqual([['管理番号'], ['A-1']]);
  });
});
