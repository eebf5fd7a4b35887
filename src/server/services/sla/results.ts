import type { z } from 'zod';
import type { monthlyResult } from '../../../shared/schemas/sla.ts';
import { formatYearMonth, monthsBetween, parseYearMonth, type OutageCause, type OutageSource } from '../../../shared/sla.ts';
import { threeWayMonth, type ServiceTimeCache, type SourcedOutage, type ThreeWayResult } from '../../../domain/sla/results.ts';
import { japanMonth } from '../../../domain/sla/intervals.ts';
import { entriesMeasuredByUs, listOutagesOfOrganisation, listTermsWithEntries, listVendorReports, type SlaTermsRow, type VendorReportRow } from '../../repositories/sla.ts';
import { nowIso } from '../../security/ids.ts';
import { requireRegister } from '../register.ts';
import { slaEntry } from './access.ts';
import { monthRange } from './outages.ts';
import { contractTermsOf } from './rules.ts';
import type { Actor, Deps } from '../deps.ts';
import type { Executor } from '../../repositories/executor.ts';

export type MonthlyResultJson = z.infer<typeof monthlyResult>;

type OutageFields = { entry_id: string; source: string; occurred_at: string; detected_at: string | null; reported_at: string | null; confirmed_at: string | null; recovered_at: string | null; cause: string };

const ms = (value: string | null) => (value ? Date.parse(value) : null);

function toOutage(row: OutageFields, now: number): SourcedOutage {
  return {
    source: row.source as OutageSource,
    cause: row.cause as OutageCause,
    occurredAt: Date.parse(row.occurred_at),
    detectedAt: ms(row.detected_at),
    reportedAt: ms(row.reported_at),
    confirmedAt: ms(row.confirmed_at),
    // A monitor's open outage lasts until now.
    recoveredAt: row.recovered_at ? Date.parse(row.recovered_at) : now,
  };
}

export function presentResult(r: ThreeWayResult): MonthlyResultJson {
  return {
    month: formatYearMonth(r.year, r.month),
    service_minutes: r.serviceMinutes,
    outage_count: r.outageCount,
    outage_minutes: r.outageMinutes,
    contract_availability: r.contractAvailability,
    own_availability: r.ownAvailability,
    vendor_availability: r.vendorAvailability,
    diff_contract_vendor: r.diffContractVendor,
    diff_own_vendor: r.diffOwnVendor,
    differs: r.differs,
    mttr_minutes: r.mttrMinutes,
    target: r.target,
    allowed_outage_minutes: r.allowedOutageMinutes,
    met: r.met,
    mttr_met: r.mttrMet,
    credit_percent: r.creditPercent,
    credit_yen: r.creditYen,
  };
}

/**
 * Monthly results of many services over a period, loading each table once. Used by the entry
 * page, the organisation's month view, the export and the benchmark.
 */
/** Terms, with the contract period when known: months outside it have no result. */
type TermsInPeriod = SlaTermsRow & { contract_start?: string | null; contract_end?: string | null };

export async function computeResults(db: Executor, organisationId: string, terms: TermsInPeriod[], fromMonth: string, toMonth: string, now: Date): Promise<Map<string, MonthlyResultJson[]>> {
  const months = monthsBetween(fromMonth, toMonth);
  const first = parseYearMonth(fromMonth);
  const last = parseYearMonth(toMonth);
  const fromIso = nowIso(new Date(japanMonth(first.year, first.month).start));
  const toIso = nowIso(new Date(japanMonth(last.year, last.month).end));
  const entryIds = terms.length > 500 ? undefined : terms.map((t) => t.entry_id);
  const [outageRows, reportRows, monitored] = await Promise.all([
    listOutagesOfOrganisation(db, organisationId, fromIso, toIso, entryIds),
    listVendorReports(db, organisationId, fromMonth, toMonth, entryIds),
    entriesMeasuredByUs(db, organisationId, entryIds),
  ]);
  const outagesByEntry = new Map<string, SourcedOutage[]>();
  for (const row of outageRows) {
    const list = outagesByEntry.get(row.entry_id) ?? [];
    list.push(toOutage(row, now.getTime()));
    outagesByEntry.set(row.entry_id, list);
  }
  const reports = new Map<string, VendorReportRow>(reportRows.map((r) => [`${r.entry_id}|${r.year_month}`, r]));
  const results = new Map<string, MonthlyResultJson[]>();
  const serviceTimes: ServiceTimeCache = new Map();
  for (const row of terms) {
    const contract = contractTermsOf(row);
    const outages = (outagesByEntry.get(row.entry_id) ?? []).sort((a, b) => a.occurredAt - b.occurredAt);
    let first = 0;
    const startMonth = row.contract_start?.slice(0, 7) ?? '0000-00';
    const endMonth = row.contract_end?.slice(0, 7) ?? '9999-99';
    results.set(
      row.entry_id,
      months.filter(({ year, month }) => formatYearMonth(year, month) >= startMonth && formatYearMonth(year, month) <= endMonth).map(({ year, month }) => {
        const range = japanMonth(year, month);
        // Months ascend: outages that ended before this month never matter again, unless a long one
        // precedes them, so skip only the leading run that has ended.
        while (first < outages.length && outages[first].recoveredAt <= range.start) first++;
        const inMonth: SourcedOutage[] = [];
        for (let i = first; i < outages.length && outages[i].occurredAt < range.end; i++) if (outages[i].recoveredAt > range.start) inMonth.push(outages[i]);
        const report = reports.get(`${row.entry_id}|${formatYearMonth(year, month)}`);
        const vendor = report
          ? { availability: report.reported_availability === null ? null : Number(report.reported_availability), outageMinutes: report.reported_outage_minutes === null ? null : Number(report.reported_outage_minutes) }
          : null;
        return presentResult(threeWayMonth(contract, inMonth, vendor, monitored.has(row.entry_id), year, month, serviceTimes));
      }),
    );
  }
  return results;
}

export async function entryResults(deps: Deps, actor: Actor, entryId: string, query: { from?: string; to?: string }) {
  await slaEntry(deps, actor, entryId, false);
  const range = monthRange(deps.now(), query.from, query.to);
  const terms = await listTermsWithEntries(deps.db, actor.organisationId, [entryId]);
  if (!terms.length) return { items: [] };
  const results = await computeResults(deps.db, actor.organisationId, terms, range.fromMonth, range.toMonth, deps.now());
  return { items: results.get(entryId) ?? [] };
}

/** One month for every service of the organisation that has SLA terms. */
export async function organisationMonthResults(deps: Deps, actor: Actor, month: string) {
  await requireRegister(deps, actor, false);
  const terms = await listTermsWithEntries(deps.db, actor.organisationId);
  const results = await computeResults(deps.db, actor.organisationId, terms, month, month, deps.now());
  // Services whose contract does not cover the month have no result for it.
  const items = terms.filter((t) => results.get(t.entry_id)!.length).map((t) => ({ entry_id: t.entry_id, entry_name: t.entry_name, external_key: t.external_key, department: t.department, ...results.get(t.entry_id)![0] }));
  return {
    month,
    items,
    summary: {
      services: items.length,
      met: items.filter((i) => i.met === true).length,
      breached: items.filter((i) => i.met === false).length,
      differs: items.filter((i) => i.differs).length,
      credit_yen_total: items.reduce((sum, i) => sum + (i.credit_yen ?? 0), 0),
    },
  };
}
