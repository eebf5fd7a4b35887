import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv.ts';

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
