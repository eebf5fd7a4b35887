import { commitmentsOfEntries, linkedVendorNames, listParticipants, listTimelineMoments, listVisibleIncidents } from '../../repositories/incidents.ts';
import { vendorNameOf } from '../../presenters/incidents.ts';
import type { Actor, Deps } from '../deps.ts';
import { deny, incidentViewer, requireIncidents } from './access.ts';

// The figures of an incident: how long from occurrence to the vendor's first report, to full
// recovery and to publication, each set against what the contract promised where the caller has a
// contract of its own (the first-report time of its contacts, the MTTR of its SLA).

export const FIGURE_EVENTS = ['occurred', 'vendor_first_report', 'full_recovery', 'publication'];

export interface Moments {
  occurred_at: string | null;
  first_report_at: string | null;
  recovered_at: string | null;
  published_at: string | null;
}

export interface Commitments {
  first_report_minutes: number | null;
  mttr_target_minutes: number | null;
}

/** The earliest moment of each kind on the timeline the caller sees. */
export function momentsOf(events: { type: string; at: string }[]): Moments {
  const earliest = (type: string) =>
    events
      .filter((e) => e.type === type)
      .map((e) => e.at)
      .sort()[0] ?? null;
  return { occurred_at: earliest('occurred'), first_report_at: earliest('vendor_first_report'), recovered_at: earliest('full_recovery'), published_at: earliest('publication') };
}

function minutesBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
}

const met = (minutes: number | null, limit: number | null) => (minutes === null || limit === null ? null : minutes <= limit);

export function figuresOf(moments: Moments, commitments: Commitments | null) {
  const firstReport = minutesBetween(moments.occurred_at, moments.first_report_at);
  const recovery = minutesBetween(moments.occurred_at, moments.recovered_at);
  const firstReportCommitment = commitments?.first_report_minutes ?? null;
  const mttr = commitments?.mttr_target_minutes ?? null;
  return {
    occurred_at: moments.occurred_at,
    first_report_at: moments.first_report_at,
    first_report_minutes: firstReport,
    first_report_commitment_minutes: firstReportCommitment,
    first_report_met: met(firstReport, firstReportCommitment),
    recovered_at: moments.recovered_at,
    recovery_minutes: recovery,
    mttr_target_minutes: mttr,
    recovery_met: met(recovery, mttr),
    published_at: moments.published_at,
    publication_minutes: minutesBetween(moments.occurred_at, moments.published_at),
  };
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Per vendor the organisation uses: its incidents, the median times, and how often the first report came late. */
export async function vendorFigures(deps: Deps, actor: Actor) {
  await requireIncidents(deps, actor, false);
  if (actor.organisationKind !== 'municipality') await deny(deps, actor, { action: 'incident.vendor_figures', reason: 'organisation_kind' });
  const viewer = await incidentViewer(deps, actor);
  const incidents = (await listVisibleIncidents(deps.db, viewer, { limit: 10_000 })).filter((i) => i.my_impact_status !== null);
  const ids = incidents.map((i) => i.id);
  const [moments, participants, linkedVendors] = await Promise.all([
    listTimelineMoments(deps.db, ids, actor.organisationId, FIGURE_EVENTS),
    listParticipants(deps.db, ids, [actor.organisationId]),
    linkedVendorNames(deps.db, actor.organisationId),
  ]);
  const entryOf = new Map(participants.map((p) => [p.incident_id, p.entry_id]));
  const commitments = await commitmentsOfEntries(deps.db, actor.organisationId, [...new Set(participants.map((p) => p.entry_id).filter((e): e is string => Boolean(e)))]);
  const byVendor = new Map<string, { incidents: number; firstReports: number[]; recoveries: number[]; late: number }>();
  for (const name of linkedVendors) byVendor.set(name, { incidents: 0, firstReports: [], recoveries: [], late: 0 });
  for (const incident of incidents) {
    const name = vendorNameOf(incident);
    if (!name) continue;
    const figures = figuresOf(
      momentsOf(moments.filter((m) => m.incident_id === incident.id)),
      commitments.get(entryOf.get(incident.id) ?? '') ?? null,
    );
    const vendor = byVendor.get(name) ?? { incidents: 0, firstReports: [], recoveries: [], late: 0 };
    vendor.incidents += 1;
    if (figures.first_report_minutes !== null) vendor.firstReports.push(figures.first_report_minutes);
    if (figures.recovery_minutes !== null) vendor.recoveries.push(figures.recovery_minutes);
    if (figures.first_report_met === false) vendor.late += 1;
    byVendor.set(name, vendor);
  }
  return {
    items: [...byVendor.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([vendor_name, v]) => ({ vendor_name, incidents: v.incidents, median_first_report_minutes: median(v.firstReports), median_recovery_minutes: median(v.recoveries), first_report_late: v.late })),
  };
}
