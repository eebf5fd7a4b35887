import { describe, expect, it } from 'vitest';
import { formatJapanDateTime, startOfJapanDate } from './japan-time.ts';

describe('Japan time', () => {
  it('a Japan-time day starts at 15:00 UTC the day before', () => {
    expect(startOfJapanDate('2026-04-01').toISOString()).toBe('2026-03-31T15:00:00.000Z');
  });
  it('formats across the date line and a leap day', () => {
    expect(formatJapanDateTime('2024-02-28T15:30:00.000Z')).toBe('2024/02/29 00:30:00');
    expect(formatJapanDateTime('2021-09-08T23:30:00.000Z')).toBe('2021/09/09 08:30:00');
  });
});
