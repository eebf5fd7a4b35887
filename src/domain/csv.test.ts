import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvField, csvLine, parseCsv, unguardCsvText } from './csv.ts';

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
});
