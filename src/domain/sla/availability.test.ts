import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allowedOutageMinutes, monthlyAvailability, type CountingRules, type Outage } from './availability.ts';
import { HOUR, japanMonth, mergeIntervals, MINUTE, splitByJapanMonth, totalLength } from './intervals.ts';
import { checkCreditTable, creditFor, creditYen } from './credits.ts';

const ALWAYS: CountingRules = { calendar: { kind: 'always' }, maintenanceWindows: [], minimumOutageMinutes: 0, truncateUnitMinutes: 0, startBasis: 'occurred', excludedCauses: [] };
const jst = (iso: string) => Date.parse(`${iso}+09:00`);
const outage = (from: string, to: string, extra: Partial<Outage> = {}): Outage => ({ occurredAt: jst(from), recoveredAt: jst(to), cause: 'vendor', ...extra });

describe('worked examples (DOMAIN.md §3)', () => {
  it('99.95% of a 30-day month allows 21.6 minutes', () => {
    const range = japanMonth(2026, 11);
    expect((range.end - range.start) / MINUTE).toBe(43_200);
    expect(allowedOutageMinutes(99.95, 43_200)).toBeCloseTo(21.6, 10);
  });
  it('a 21.6-minute outage in November is exactly 99.95%', () => {
    const r = monthlyAvailability([{ occurredAt: jst('2026-11-10T10:00:00'), recoveredAt: jst('2026-11-10T10:00:00') + 21.6 * MINUTE, cause: 'vendor' }], ALWAYS, 2026, 11);
    expect(r.availability).toBeCloseTo(99.95, 10);
  });
  it('the TKC outage (08:30-14:50) in a 30-day September is 99.12%', () => {
    const r = monthlyAvailability([outage('2021-09-09T08:30:00', '2021-09-09T14:50:00')], ALWAYS, 2021, 9);
    expect(r.outageMinutes).toBe(380);
    expect(r.availability).toBeCloseTo(((43_200 - 380) / 43_200) * 100, 10);
  });
});

describe('counting rules', () => {
  it('ignores outages under the minimum and truncates to the unit', () => {
    const rules = { ...ALWAYS, minimumOutageMinutes: 5, truncateUnitMinutes: 5 };
    const r = monthlyAvailability([outage('2026-11-01T00:00:00', '2026-11-01T00:04:59'), outage('2026-11-02T00:00:00', '2026-11-02T00:13:00')], rules, 2026, 11);
    expect(r.outageCount).toBe(1);
    expect(r.outageMinutes).toBe(10);
  });
  it('starts the clock at the chosen moment, falling back to occurrence', () => {
    const o = outage('2026-11-05T09:00:00', '2026-11-05T10:00:00', { confirmedAt: jst('2026-11-05T09:40:00') });
    expect(monthlyAvailability([o], { ...ALWAYS, startBasis: 'confirmed' }, 2026, 11).outageMinutes).toBe(20);
    expect(monthlyAvailability([o], { ...ALWAYS, startBasis: 'reported' }, 2026, 11).outageMinutes).toBe(60);
  });
  it('excludes causes and maintenance windows', () => {
    const maintenance = { start: jst('2026-11-07T01:00:00'), end: jst('2026-11-07T03:00:00') };
    const rules = { ...ALWAYS, excludedCauses: ['force_majeure' as const], maintenanceWindows: [maintenance] };
    const r = monthlyAvailability([outage('2026-11-03T00:00:00', '2026-11-03T01:00:00', { cause: 'force_majeure' }), outage('2026-11-07T02:00:00', '2026-11-07T04:00:00')], rules, 2026, 11);
    expect(r.outageMinutes).toBe(60);
    expect(r.serviceMinutes).toBe(43_200 - 120);
  });
  it('counts only office hours on office days, not on public holidays', () => {
    // November 2026: 3rd (Tue) is 文化の日, 23rd (Mon) is 勤労感謝の日.
    const calendar = { kind: 'office' as const, weekdays: [1, 2, 3, 4, 5], startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 15, holidays: new Set(['2026-11-03', '2026-11-23']) };
    const rules = { ...ALWAYS, calendar };
    const r = monthlyAvailability([outage('2026-11-03T09:00:00', '2026-11-03T12:00:00'), outage('2026-11-04T17:00:00', '2026-11-04T20:00:00')], rules, 2026, 11);
    expect(r.serviceMinutes).toBe(19 * (8 * 60 + 45));
    expect(r.outageMinutes).toBe(15);
  });
  it('merges overlapping reports of one failure', () => {
    const r = monthlyAvailability([outage('2026-11-01T10:00:00', '2026-11-01T11:00:00'), outage('2026-11-01T10:30:00', '2026-11-01T11:30:00')], ALWAYS, 2026, 11);
    expect(r.outageCount).toBe(1);
    expect(r.outageMinutes).toBe(90);
  });
  it('splits an outage across a Japan-time month boundary', () => {
    const o = outage('2026-10-31T23:00:00', '2026-11-01T01:00:00');
    expect(monthlyAvailability([o], ALWAYS, 2026, 10).outageMinutes).toBe(60);
    expect(monthlyAvailability([o], ALWAYS, 2026, 11).outageMinutes).toBe(60);
  });
  it('knows month lengths, leap years included', () => {
    const minutes = (y: number, m: number) => (japanMonth(y, m).end - japanMonth(y, m).start) / MINUTE;
    expect(minutes(2024, 2)).toBe(29 * 1440);
    expect(minutes(2026, 2)).toBe(28 * 1440);
    expect(minutes(2100, 2)).toBe(28 * 1440);
    expect(minutes(2000, 2)).toBe(29 * 1440);
    expect(minutes(2026, 1)).toBe(31 * 1440);
  });
});

const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) });
const anOutage = fc.record({ occurredAt: instant, length: fc.integer({ min: 0, max: 3 * 24 * 60 }), cause: fc.constantFrom('vendor', 'force_majeure', 'customer_side') }).map(
  (o): Outage => ({ occurredAt: o.occurredAt, recoveredAt: o.occurredAt + o.length * MINUTE, cause: o.cause as Outage['cause'] }),
);
const rulesArb = fc.record({
  minimumOutageMinutes: fc.constantFrom(0, 1, 5),
  truncateUnitMinutes: fc.constantFrom(0, 1, 5),
  excluded: fc.boolean(),
  office: fc.boolean(),
}).map((r): CountingRules => ({
  ...ALWAYS,
  minimumOutageMinutes: r.minimumOutageMinutes,
  truncateUnitMinutes: r.truncateUnitMinutes,
  excludedCauses: r.excluded ? ['force_majeure'] : [],
  calendar: r.office ? { kind: 'office', weekdays: [1, 2, 3, 4, 5], startMinute: 510, endMinute: 1035, holidays: new Set() } : { kind: 'always' },
}));
const monthArb = fc.record({ year: fc.constantFrom(2024, 2025, 2026), month: fc.integer({ min: 1, max: 12 }) });

describe('properties', () => {
  it('availability stays within [0, 100]', () => {
    fc.assert(fc.property(fc.array(anOutage, { maxLength: 20 }), rulesArb, monthArb, (outages, rules, { year, month }) => {
      const r = monthlyAvailability(outages, rules, year, month);
      expect(r.availability).toBeGreaterThanOrEqual(0);
      expect(r.availability).toBeLessThanOrEqual(100);
    }));
  });
  it('adding an outage never raises availability', () => {
    fc.assert(fc.property(fc.array(anOutage, { maxLength: 10 }), anOutage, rulesArb, monthArb, (outages, extra, rules, { year, month }) => {
      const before = monthlyAvailability(outages, { ...rules, truncateUnitMinutes: 0, minimumOutageMinutes: 0 }, year, month);
      const after = monthlyAvailability([...outages, extra], { ...rules, truncateUnitMinutes: 0, minimumOutageMinutes: 0 }, year, month);
      expect(after.availability).toBeLessThanOrEqual(before.availability + 1e-9);
    }));
  });
  it('minimum and truncation never count more than the raw time', () => {
    fc.assert(fc.property(fc.array(anOutage, { maxLength: 10 }), rulesArb, monthArb, (outages, rules, { year, month }) => {
      const raw = monthlyAvailability(outages, { ...rules, truncateUnitMinutes: 0, minimumOutageMinutes: 0 }, year, month);
      expect(monthlyAvailability(outages, rules, year, month).outageMinutes).toBeLessThanOrEqual(raw.outageMinutes + 1e-9);
    }));
  });
  it('splitting at month ends keeps every minute, and months partition time', () => {
    fc.assert(fc.property(instant, fc.integer({ min: 0, max: 90 * 24 * 60 }), (start, minutes) => {
      const interval = { start, end: start + minutes * MINUTE };
      const parts = splitByJapanMonth(interval);
      expect(parts.reduce((s, p) => s + (p.part.end - p.part.start), 0)).toBe(interval.end - interval.start);
      for (const p of parts) {
        const m = japanMonth(p.year, p.month);
        expect(p.part.start).toBeGreaterThanOrEqual(m.start);
        expect(p.part.end).toBeLessThanOrEqual(m.end);
      }
    }));
  });
  it('merging is idempotent and keeps the covered length', () => {
    fc.assert(fc.property(fc.array(fc.record({ start: fc.integer({ min: 0, max: 1000 }), len: fc.integer({ min: 0, max: 200 }) }), { maxLength: 20 }), (raw) => {
      const intervals = raw.map((r) => ({ start: r.start * HOUR, end: (r.start + r.len) * HOUR }));
      const merged = mergeIntervals(intervals);
      expect(mergeIntervals(merged)).toEqual(merged);
      expect(totalLength(merged)).toBe(totalLength(intervals));
      for (let i = 1; i < merged.length; i++) expect(merged[i].start).toBeGreaterThan(merged[i - 1].end);
    }));
  });
});

describe('credit tables', () => {
  const table = [
    { from: 99.5, to: 100, creditPercent: 0 },
    { from: 99, to: 99.5, creditPercent: 10 },
    { from: 0, to: 99, creditPercent: 30 },
  ];
  it('finds the band for an availability and the credit in yen', () => {
    expect(checkCreditTable(table)).toBeNull();
    expect(creditFor(table, 100)).toBe(0);
    expect(creditFor(table, 99.2)).toBe(10);
    expect(creditFor(table, 99.5)).toBe(0);
    expect(creditYen(table, 98, 333_333)).toBe(99_999);
  });
  it('reports gaps, overlaps and bad ranges', () => {
    expect(checkCreditTable([{ from: 99.5, to: 100, creditPercent: 0 }, { from: 0, to: 99, creditPercent: 30 }])).toEqual({ index: 0, problem: 'gap' });
    expect(checkCreditTable([{ from: 99, to: 100, creditPercent: 0 }, { from: 0, to: 99.5, creditPercent: 30 }])).toEqual({ index: 0, problem: 'overlap' });
    expect(checkCreditTable([{ from: 99, to: 98, creditPercent: 0 }])).toEqual({ index: 0, problem: 'bad_range' });
    expect(checkCreditTable([{ from: 0, to: 100, creditPercent: 120 }])).toEqual({ index: 0, problem: 'bad_credit' });
  });
});
