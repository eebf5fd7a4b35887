import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  corporateNumberCheckDigit,
  isValidCorporateNumber,
  isValidLocalGovernmentCode,
  localGovernmentCheckDigit,
} from './codes.ts';

describe('全国地方公共団体コード', () => {
  it('accepts real codes', () => {
    expect(isValidLocalGovernmentCode('131016')).toBe(true); // 千代田区
    expect(isValidLocalGovernmentCode('010006')).toBe(true); // 北海道
    expect(isValidLocalGovernmentCode('011002')).toBe(true); // 札幌市
    expect(isValidLocalGovernmentCode('282022')).toBe(true); // 尼崎市
  });
  it('rejects a wrong check digit, wrong length and non-digits', () => {
    expect(isValidLocalGovernmentCode('131017')).toBe(false);
    expect(isValidLocalGovernmentCode('13101')).toBe(false);
    expect(isValidLocalGovernmentCode('1310160')).toBe(false);
    expect(isValidLocalGovernmentCode('13101a')).toBe(false);
    expect(isValidLocalGovernmentCode('')).toBe(false);
  });
  it('detects a single changed digit except where remainders 0 and 10 share check digit 1', () => {
    const remainder = (stem: string) => [6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(stem[i]), 0) % 11;
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5}$/), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 9 }), (stem, pos, delta) => {
        const code = stem + String(localGovernmentCheckDigit(stem));
        expect(isValidLocalGovernmentCode(code)).toBe(true);
        const changedStem = stem.slice(0, pos) + String((Number(stem[pos]) + delta) % 10) + stem.slice(pos + 1);
        const pair = [remainder(stem), remainder(changedStem)].sort((a, b) => a - b).join(',');
        if (pair !== '0,10') expect(isValidLocalGovernmentCode(changedStem + code[5])).toBe(false);
      }),
    );
  });
});

describe('法人番号', () => {
  it('accepts real numbers', () => {
    expect(isValidCorporateNumber('7000012050002')).toBe(true); // 国税庁
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
  });
  it('rejects wrong check digits and malformed input', () => {
    expect(isValidCorporateNumber('8000012050002')).toBe(false);
    expect(isValidCorporateNumber('700001205000')).toBe(false);
    expect(isValidCorporateNumber('70000120500a2')).toBe(false);
  });
  it('check digit is always 1..9', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (base) => {
        const d = corporateNumberCheckDigit(base);
        expect(d).toBeGreaterThanOrEqual(1);
        expect(d).toBeLessThanOrEqual(9);
        expect(isValidCorporateNumber(String(d) + base)).toBe(true);
      }),
    );
  });
});
