import { describe, expect, it } from 'vitest';
import { threeWayMonth, type ContractTerms, type SourcedOutage } from './results.ts';
import { MINUTE } from './intervals.ts';

const terms: ContractTerms = {
  rules: { calendar: { kind: 'always' }, minimumOutageMinutes: 5, truncateUnitMinutes: 5, startBasis: 'confirmed', excludedCauses: ['planned_maintenance'] },
  weeklyMaintenance: [{ weekday: 0, startMinute: 120, endMinute: 300 }],
  availabilityTarget: 99.5,
  mttrTargetMinutes: 180,
  creditTable: [{ from: 99.5, to: 100, creditPercent: 0 }, { from: 0, to: 99.5, creditPercent: 10 }],
  monthlyFeeYen: 1_000_000,
};
const jst = (s: string) => Date.parse(`${s}+09:00`);
const outage = (source: SourcedOutage['source'], from: string, minutes: number, extra: Partial<SourcedOutage> = {}): SourcedOutage => ({ source, occurredAt: jst(from), recoveredAt: jst(from) + minutes * MINUTE, cause: 'vendor', ...extra });

describe('one month three ways', () => {
  // September 2026: 30 days, five Sundays with a 3-hour window = 42,300 minutes of service.
  const long = outage('manual', '2026-09-09T08:30:00', 380, { confirmedAt: jst('2026-09-09T10:30:00') });
  it('counts by the contract, by our records, and takes the vendor’s figure', () => {
    const r = threeWayMonth(terms, [long, outage('probe', '2026-09-10T10:00:00', 3)], { availability: 99.9, outageMinutes: 60 }, true, 2026, 9);
    expect(r.serviceMinutes).toBe(43_200 - 4 * 180);
    expect(r.outageMinutes).toBe(260); // from the vendor's confirmation; the 3-minute blip is under the minimum
    expect(r.ownAvailability).toBeCloseTo(((r.serviceMinutes - 383) / r.serviceMinutes) * 100, 3);
    expect(r.vendorAvailability).toBe(99.9);
    expect(r.differs).toBe(true);
    expect(r.met).toBe(false);
    expect(r.creditYen).toBe(100_000);
    expect(r.mttrMet).toBe(false);
  });
  it('computes the vendor’s figure from its rows when the report gives none, and agrees then', () => {
    const vendorRow = { ...long, source: 'vendor_report' as const };
    const r = threeWayMonth(terms, [long, vendorRow], { availability: null, outageMinutes: null }, true, 2026, 9);
    expect(r.vendorAvailability).toBe(r.contractAvailability);
    expect(r.differs).toBe(false);
  });
  it('has no own figure when we measure nothing, and no vendor figure without a report', () => {
    const r = threeWayMonth(terms, [], null, false, 2026, 9);
    expect(r).toMatchObject({ ownAvailability: null, vendorAvailability: null, contractAvailability: 100, met: true, creditYen: 0, mttrMinutes: null, mttrMet: null });
  });
});
