import { serviceTime, type ServiceCalendar } from './calendar.ts';
import { japanMonth, mergeIntervals, MINUTE, subtractIntervals, totalLength, type Interval } from './intervals.ts';

export const OUTAGE_CAUSES = ['vendor', 'planned_maintenance', 'force_majeure', 'third_party_attack', 'customer_side', 'unknown'] as const;
export type OutageCause = (typeof OUTAGE_CAUSES)[number];

export interface Outage {
  /** When the fault began, was detected, reported to the customer, and confirmed by the vendor (ms). */
  occurredAt: number;
  detectedAt?: number | null;
  reportedAt?: number | null;
  confirmedAt?: number | null;
  recoveredAt: number;
  cause: OutageCause;
}

/** How a contract counts availability (seed 003 §2.3: vendors differ on every one of these). */
export interface CountingRules {
  calendar: ServiceCalendar;
  /** Planned maintenance and other windows outside the count. */
  maintenanceWindows: Interval[];
  /** Outages shorter than this are not counted at all (e.g. 5 minutes). */
  minimumOutageMinutes: number;
  /** Counted durations are truncated down to a multiple of this (e.g. 5 or 1 minute; 0 = exact). */
  truncateUnitMinutes: number;
  /** Which moment starts the clock. */
  startBasis: 'occurred' | 'detected' | 'reported' | 'confirmed';
  /** Causes the contract excludes (planned maintenance, force majeure, attacks, customer side …). */
  excludedCauses: OutageCause[];
}

export interface MonthlyResult {
  year: number;
  month: number;
  /** Contracted service time in the month, minus maintenance windows (minutes). */
  serviceMinutes: number;
  /** Counted outage time (minutes, after minimum and truncation). */
  outageMinutes: number;
  outageCount: number;
  /** Mean counted time to recover, minutes; null when no outage counted. */
  mttrMinutes: number | null;
  /** (service − outage) ÷ service × 100; 100 when there is no service time. */
  availability: number;
}

function startOf(outage: Outage, basis: CountingRules['startBasis']): number {
  const chosen = basis === 'detected' ? outage.detectedAt : basis === 'reported' ? outage.reportedAt : basis === 'confirmed' ? outage.confirmedAt : outage.occurredAt;
  // A missing timestamp falls back to when the fault occurred: the customer's view, never shorter.
  return chosen ?? outage.occurredAt;
}

/** How much of `interval` falls inside `service` (sorted, non-overlapping intervals). */
function overlapWith(interval: Interval, service: readonly Interval[]): number {
  let total = 0;
  for (const s of service) {
    if (s.start >= interval.end) break;
    const overlap = Math.min(s.end, interval.end) - Math.max(s.start, interval.start);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/** The contracted service time of one Japan-time month, minus maintenance windows. */
export function contractServiceTime(rules: Pick<CountingRules, 'calendar' | 'maintenanceWindows'>, year: number, month: number): Interval[] {
  return subtractIntervals(serviceTime(rules.calendar, japanMonth(year, month)), rules.maintenanceWindows);
}

/**
 * Monthly availability by a contract's rules, for one Japan-time month. `service` may pass the
 * month's service time when the caller has it already (many services share a calendar).
 */
export function monthlyAvailability(outages: readonly Outage[], rules: CountingRules, year: number, month: number, service: Interval[] = contractServiceTime(rules, year, month)): MonthlyResult {
  const serviceMs = totalLength(service);
  if (outages.length === 0) return { year, month, serviceMinutes: serviceMs / MINUTE, outageMinutes: 0, outageCount: 0, mttrMinutes: null, availability: 100 };
  const counted = outages
    .filter((o) => !rules.excludedCauses.includes(o.cause))
    .map((o) => ({ start: startOf(o, rules.startBasis), end: o.recoveredAt }));
  // Overlapping reports of one failure count once.
  const durations: number[] = [];
  for (const outage of mergeIntervals(counted)) {
    const inService = overlapWith(outage, service);
    let minutes = inService / MINUTE;
    if (minutes < rules.minimumOutageMinutes) continue;
    if (rules.truncateUnitMinutes > 0) minutes = Math.floor(minutes / rules.truncateUnitMinutes) * rules.truncateUnitMinutes;
    if (minutes > 0) durations.push(minutes);
  }
  const outageMinutes = Math.min(durations.reduce((a, b) => a + b, 0), serviceMs / MINUTE);
  const serviceMinutes = serviceMs / MINUTE;
  return {
    year,
    month,
    serviceMinutes,
    outageMinutes,
    outageCount: durations.length,
    mttrMinutes: durations.length ? outageMinutes / durations.length : null,
    availability: serviceMinutes === 0 ? 100 : ((serviceMinutes - outageMinutes) / serviceMinutes) * 100,
  };
}

/** Minutes of outage a target availability allows in a given amount of service time. */
export function allowedOutageMinutes(targetPercent: number, serviceMinutes: number): number {
  return (serviceMinutes * (100 - targetPercent)) / 100;
}
