import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format.ts';

describe('dates as people read them', () => {
  it('shows a calendar date as yyyy/MM/dd, or in 和暦 when chosen (Japanese only)', () => {
    expect(formatDate('2026-12-02', 'ja', 'western')).toBe('2026/12/02');
    expect(formatDate('2026-12-02', 'ja', 'japanese')).toBe('令和8年12月2日');
    expect(formatDate('2019-05-01', 'ja', 'japanese')).toBe('令和元年5月1日');
    expect(formatDate('2019-04-30', 'ja', 'japanese')).toBe('平成31年4月30日');
    expect(formatDate('2026-12-02', 'en', 'japanese')).toBe('2026/12/02');
    expect(formatDate(null, 'ja', 'western')).toBe('—');
  });

  it('shows an instant in Japan time, its date crossing midnight UTC', () => {
    expect(formatDateTime('2026-12-01T15:30:00.000Z', 'ja', 'western')).toBe('2026/12/02 00:30');
    expect(formatDateTime('2026-12-01T15:30:00.000Z', 'ja', 'japanese')).toBe('令和8年12月2日 00:30');
    expect(formatDateTime('2026-12-01T15:30:00.000Z', 'en', 'japanese')).toBe('2026/12/02 00:30');
    expect(formatDate('2026-12-01T15:30:00.000Z', 'ja', 'western')).toBe('2026/12/02');
    expect(formatDateTime(undefined, 'ja', 'western')).toBe('—');
  });
});
