import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvLimitExceeded, csvField, csvLine, parseCsv, unguardCsvText, type CsvLimits } from './csv.ts';

describe('csv', () => {
  it('quotes commas, quotes and newlines', () => {
    expect(csvLine(['a,b', 'say "hi"', 'line\nbreak', null, 3])).toBe('"a,b","say ""hi""","line\nbreak",,3\r\n');
  });
  it('neutralises formulas so a spreadsheet shows them as text', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+81')).toBe("'+81");
    expect(csvField('外部サービス')).toBe('外部サービス');
  });
});

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a last line without newline', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n1,"line\nbreak",\r\nx,y,z')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['1', 'line\nbreak', ''],
      ['x', 'y', 'z'],
    ]);
  });
  it('round-trips whatever csvLine writes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.string(), fc.constantFrom("'=x", '=1+1', "''@a", '-3', '')), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => csvLine(r)).join('');
        const parsed = parseCsv(text).map((r) => r.map(unguardCsvText));
        expect(parsed).toEqual(rows);
      }),
    );
  });
  it('reads CR alone as a line end, and text after a closing quote as part of the field', () => {
    expect(parseCsv('a,b\rc,d\r')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('"ab"cd,x"y')).toEqual([['abcd', 'x"y']]);
  });
});

describe('parseCsv limits', () => {
  const limits: CsvLimits = { maxRows: 3, maxColumns: 2, maxCells: 5, maxFieldLength: 10 };
  const refusal = (text: string) => {
    try {
      parseCsv(text, limits);
    } catch (error) {
      if (error instanceof CsvLimitExceeded) return { limit: error.limit, row: error.row };
      throw error;
    }
    return null;
  };
  it('accepts what fits', () => {
    expect(refusal('a,b\nc\nd,e')).toBeNull();
  });
  it('stops at the first row past the limit, whatever the line ends', () => {
    expect(refusal('a\nb\nc\nd\ne')).toEqual({ limit: 'maxRows', row: 4 });
    expect(refusal('\r'.repeat(1_000_000))).toEqual({ limit: 'maxRows', row: 4 });
  });
  it('stops at too many columns, too many cells and too long a field', () => {
    expect(refusal('a,b,c')).toEqual({ limit: 'maxColumns', row: 1 });
    expect(refusal('a,b\nc,d\ne,f')).toEqual({ limit: 'maxCells', row: 3 });
    expect(refusal('a,"' + 'x'.repeat(11) + '"')).toEqual({ limit: 'maxFieldLength', row: 1 });
    expect(refusal('x'.repeat(11))).toEqual({ limit: 'maxFieldLength', row: 1 });
  });
});
