import { allowedOutageMinutes, contractServiceTime, monthlyAvailability, type CountingRules, type Outage } from './availability.ts';
import { creditFor, creditYen, type CreditBand } from './credits.ts';
import { japanMonth, type Interval } from './intervals.ts';
import { weeklyWindows, type WeeklyWindow } from './maintenance.ts';

export type OutageSource = 'manual' | 'vendor_report' | 'probe';

export interface SourcedOutage extends Outage {
  source: OutageSource;
}

export interface ContractTerms {
  rules: Omit<CountingRules, 'maintenanceWindows'>;
  weeklyMaintenance: WeeklyWindow[];
  availabilityTarget: number | null;
  mttrTargetMinutes: number | null;
  creditTable: CreditBand[];
  monthlyFeeYen: number | null;
  /** Same key, same service calendar and maintenance windows: lets callers share service time. */
  calendarKey?: string;
}

/** Service time per calendar and month, shared by every service on the same calendar. */
export type ServiceTimeCache = Map<string, Interval[]>;

export interface VendorFigure {
  availability: number | null;
  outageMinutes: number | null;
}

export interface ThreeWayResult {
  year: number;
  month: number;
  serviceMinutes: number;
  outageCount: number;
  outageMinutes: number;
  contractAvailability: number;
  ownAvailability: number | null;
  vendorAvailability: number | null;
  diffContractVendor: number | null;
  diffOwnVendor: number | null;
  /**
   * True when the vendor's figure differs from the contract-rule count by at least `DIFF_THRESHOLD`
   * points: the report does not follow the contract. (Our own figure differs by design: it ignores
   * the vendor's exclusions.)
   */
  differs: boolean;
  mttrMinutes: number | null;
  target: number | null;
  allowedOutageMinutes: number | null;
  met: boolean | null;
  mttrMet: boolean | null;
  creditPercent: number | null;
  creditYen: number | null;
}

const RULES = new WeakMap<ContractTerms, { rules: CountingRules; ownRules: CountingRules }>();

/** The contract's rules, and ours (every minute from occurrence, nothing excluded), built once per terms. */
function rulesOf(terms: ContractTerms) {
  let pair = RULES.get(terms);
  if (!pair) {
    const rules: CountingRules = { ...terms.rules, maintenanceWindows: [] };
    pair = { rules, ownRules: { ...rules, minimumOutageMinutes: 0, truncateUnitMinutes: 0, startBasis: 'occurred', excludedCauses: [] } };
    RULES.set(terms, pair);
  }
  return pair;
}

/** Differences smaller than this (percentage points) are rounding, not disagreement. */
export const DIFF_THRESHOLD = 0.01;

const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * One month seen three ways (seed 003 §2.3): by the contract's counting rules over every record we
 * hold; by our own records (monitor and hand-entered) in service hours without the vendor's
 * exclusions (null when we measure nothing: no monitor and no record of our own); and as the
 * vendor's report states (or, if it gave only rows, by the rules over them).
 */
export function threeWayMonth(terms: ContractTerms, outages: readonly SourcedOutage[], vendor: VendorFigure | null, ownMeasured: boolean, year: number, month: number, cache?: ServiceTimeCache): ThreeWayResult {
  const key = cache && terms.calendarKey !== undefined ? `${terms.calendarKey}|${year}-${month}` : null;
  let service = key ? cache!.get(key) : undefined;
  if (!service) {
    service = contractServiceTime({ calendar: terms.rules.calendar, maintenanceWindows: weeklyWindows(terms.weeklyMaintenance, japanMonth(year, month)) }, year, month);
    if (key) cache!.set(key, service);
  }
  // The month's service time is passed in, so the rules need no maintenance windows of their own.
  const { rules, ownRules } = rulesOf(terms);
  const contract = monthlyAvailability(outages, rules, year, month, service);
  const own = outages.length ? outages.filter((o) => o.source !== 'vendor_report') : outages;
  const ownResult = ownMeasured || own.length ? monthlyAvailability(own, ownRules, year, month, service) : null;
  let vendorAvailability: number | null = null;
  if (vendor) {
    if (vendor.availability !== null) vendorAvailability = vendor.availability;
    else vendorAvailability = monthlyAvailability(outages.filter((o) => o.source === 'vendor_report'), rules, year, month, service).availability;
  }
  const ownAvailability = ownResult ? ownResult.availability : null;
  const diffContractVendor = vendorAvailability === null ? null : round(contract.availability - vendorAvailability);
  const diffOwnVendor = vendorAvailability === null || ownAvailability === null ? null : round(ownAvailability - vendorAvailability);
  const target = terms.availabilityTarget;
  const creditPercent = terms.creditTable.length ? creditFor(terms.creditTable, contract.availability) : null;
  return {
    year,
    month,
    serviceMinutes: contract.serviceMinutes,
    outageCount: contract.outageCount,
    outageMinutes: round(contract.outageMinutes, 2),
    contractAvailability: round(contract.availability),
    ownAvailability: ownAvailability === null ? null : round(ownAvailability),
    vendorAvailability: vendorAvailability === null ? null : round(vendorAvailability),
    diffContractVendor,
    diffOwnVendor,
    differs: diffContractVendor !== null && Math.abs(diffContractVendor) >= DIFF_THRESHOLD,
    mttrMinutes: contract.mttrMinutes === null ? null : round(contract.mttrMinutes, 1),
    target,
    allowedOutageMinutes: target === null ? null : round(allowedOutageMinutes(target, contract.serviceMinutes), 2),
    met: target === null ? null : contract.availability >= target - 1e-9,
    mttrMet: terms.mttrTargetMinutes === null || contract.mttrMinutes === null ? null : contract.mttrMinutes <= terms.mttrTargetMinutes,
    creditPercent,
    creditYen: creditPercent === null || terms.monthlyFeeYen === null ? null : creditYen(terms.creditTable, contract.availability, terms.monthlyFeeYen),
  };
}
