import { describe, expect, it } from 'vitest';
import { compareWithGrades, type GradeItem, type TermsForGrades } from './grades.ts';
import { weeklyWindows } from './maintenance.ts';
import { japanMonth, MINUTE, totalLength } from './intervals.ts';

const items: GradeItem[] = [
  { code: 'service_hours', name: { ja: 'サービス時間', en: 'Service hours' }, check: { kind: 'service_hours' } },
  { code: 'availability', name: { ja: 'サービス稼働率', en: 'Availability' }, check: { kind: 'min_percent', value: 99 } },
  { code: 'mttr', name: { ja: '平均復旧時間（MTTR）', en: 'MTTR' }, check: { kind: 'max_minutes', value: 180 } },
  { code: 'dr_method', name: { ja: 'ディザスタリカバリ', en: 'Disaster recovery' }, check: { kind: 'defined' } },
];
const good: TermsForGrades = { audience: 'residents', calendarKind: 'always', availabilityTarget: 99.5, mttrTargetMinutes: 180, texts: { dr_method: '遠隔地バックアップ' }, startBasis: 'occurred', minimumOutageMinutes: 0, creditBands: 2 };

describe('comparison with the recommended grades', () => {
  it('raises nothing for terms at the grade', () => {
    expect(compareWithGrades(good, items)).toEqual([]);
  });
  it('names missing and weaker terms with the reason', () => {
    const flags = compareWithGrades({ ...good, availabilityTarget: 98.5, mttrTargetMinutes: null, texts: { dr_method: '  ' } }, items);
    expect(flags.map((f) => [f.item, f.severity, f.reason.ja])).toEqual([
      ['availability', 'weaker', '稼働率 98.5% は推奨の 99% を下回る'],
      ['mttr', 'missing', '平均復旧時間（MTTR）が定められていない'],
      ['dr_method', 'missing', 'ディザスタリカバリが定められていない'],
    ]);
    expect(flags[1].reason.en).toBe('MTTR not defined');
  });
  it('flags office hours only for resident-facing services, a long MTTR, and how outages are counted', () => {
    expect(compareWithGrades({ ...good, audience: 'staff', calendarKind: 'office' }, items)).toEqual([]);
    const flags = compareWithGrades({ ...good, calendarKind: 'office', mttrTargetMinutes: 240, startBasis: 'confirmed', minimumOutageMinutes: 5, creditBands: 0 }, items);
    expect(flags.map((f) => f.item)).toEqual(['service_hours', 'mttr', 'counting', 'counting', 'credit']);
    expect(flags[1].reason.ja).toBe('平均復旧時間（MTTR） 4時間 は推奨の約3時間より長い');
  });
});

describe('weekly maintenance windows', () => {
  it('places a Sunday 02:00–05:00 window on every Sunday of November 2026 (Japan time)', () => {
    const windows = weeklyWindows([{ weekday: 0, startMinute: 120, endMinute: 300 }], japanMonth(2026, 11));
    expect(windows).toHaveLength(5);
    expect(windows[0]).toEqual({ start: Date.parse('2026-11-01T02:00:00+09:00'), end: Date.parse('2026-11-01T05:00:00+09:00') });
    expect(totalLength(windows) / MINUTE).toBe(5 * 180);
  });
  it('keeps a window that runs past midnight and clips it at the month end', () => {
    // Saturday 2026-10-31 23:00 JST to Sunday 01:00: one hour in October, one in November.
    const w = [{ weekday: 6, startMinute: 23 * 60, endMinute: 25 * 60 }];
    const october = weeklyWindows(w, japanMonth(2026, 10));
    const november = weeklyWindows(w, japanMonth(2026, 11));
    expect(october.at(-1)).toEqual({ start: Date.parse('2026-10-31T23:00:00+09:00'), end: Date.parse('2026-11-01T00:00:00+09:00') });
    expect(november[0]).toEqual({ start: Date.parse('2026-11-01T00:00:00+09:00'), end: Date.parse('2026-11-01T01:00:00+09:00') });
  });
});
