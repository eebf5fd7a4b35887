// Check digits of the identifiers Japanese public-sector users type every day.

/** Computes the check digit of a 5-digit 全国地方公共団体コード stem (JIS X 0402). */
export function localGovernmentCheckDigit(stem: string): number {
  if (!/^\d{5}$/.test(stem)) throw new Error('stem must be 5 digits');
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(stem[i]), 0);
  return (11 - (sum % 11)) % 10;
}

/** True when a 6-digit 全国地方公共団体コード carries a correct check digit. */
export function isValidLocalGovernmentCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return localGovernmentCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

/** Computes the leading check digit of a 法人番号 from its 12-digit base number. */
export function corporateNumberCheckDigit(base: string): number {
  if (!/^\d{12}$/.test(base)) throw new Error('base must be 12 digits');
  let sum = 0;
  // n counts from the rightmost digit (n = 1); odd positions weigh 1, even positions weigh 2.
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** True when a 13-digit 法人番号 carries a correct leading check digit. */
export function isValidCorporateNumber(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  return corporateNumberCheckDigit(code.slice(1)) === Number(code[0]);
}
