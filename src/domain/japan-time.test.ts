import { describe, expect, it } from 'vitest';
import { addDaysToDate, addMonthsToDate, dueState, japanDateBothCalendars, japanToday, formatJapanDateTime, startOfJapanDate } from './japan-time.ts';

describe('Japan time', () => {
  it('a Japan-time day starts at 15:00 UTC the day before', () => {
    expect(startOfJapanDate('2026-04-01').toISOString()).toBe('2026-03-31T15:00:00.000Z');
  });
  it('formats across the date line and a leap day', () => {
    expect(formatJapanDateTime('2024-02-28T15:30:00.000Z')).toBe('2024/02/29 00:30:00');
    expect(formatJapanDateTime('2021-09-08T23:30:00.000Z')).toBe('2021/09/09 08:30:00');
  });
});

describe('due dates', () => {
  it('takes today in Japan, not in UTC', () => {
    expect(japanToday(new Date('2026-11-22T14:59:59Z'))).toBe('2026-11-22');
    expect(japanToday(new Date('2026-11-22T15:00:00Z'))).toBe('2026-11-23');
  });
  it('adds months within the month and days across years', () => {
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2026-08-20', 3)).toBe('2026-11-20');
    expect(addMonthsToDate('2026-11-30', 12)).toBe('2027-11-30');
    expect(addDaysToDate('2026-12-20', 30)).toBe('2027-01-19');
  });
  it('says overdue, due soon or fine', () => {
    expect(dueState('2026-11-21', '2026-11-22', 30)).toBe('overdue');
    expect(dueState('2026-11-22', '2026-11-22', 30)).toBe('due_soon');
    expect(dueState('2026-12-22', '2026-11-22', 30)).toBe('due_soon');
    expect(dueState('2026-12-23', '2026-11-22', 30)).toBe('ok');
  });
});

describe('japanDateBothCalendars', () => {
  it('prints the Japan-time day in the Japanese era and the Western calendar', () => {
    // 15:00 UTC is already the next day in Japan.
    expect(japanDateBothCalendars(new Date('2026-12-01T15:00:00Z'))).toBe('令和8年12月2日（2026-12-02）');
    expect(japanDateBothCalendars(new Date('2026-12-01T14:59:59Z'))).toBe('令和8年12月1日（2026-12-01）');
    expect(japanDateBothCalendars(new Date('2026-12-01T15:00:00Z'), 'en')).toBe('2 December 2026 (Reiwa 8)');
  });

  it('names the first year of an era 元年 and changes era on the day it began', () => {
    expect(japanDateBothCalendars(new Date('2019-04-30T03:00:00Z'))).toBe('平成31年4月30日（2019-04-30）');
    expect(japanDateBothCalendars(new Date('2019-05-01T03:00:00Z'))).toBe('令和元年5月1日（2019-05-01）');
  });
});
