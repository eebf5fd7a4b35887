import type { z } from 'zod';
import type { incidentCreateBody } from '../../../shared/schemas/incidents.ts';
import { bi } from '../../../shared/messages.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';
import { coordinatorsOf, insertEvents, insertIncident, organisationName, type EventRow, type IncidentRow } from '../../repositories/incidents.ts';
import { findOwnVendorService, findVendorService } from '../../repositories/vendor-services.ts';
import { affectedEntriesOfService } from '../dependencies/graph.ts';
import { findEntry } from '../../repositories/register-entries.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { invalid } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { canEditEntry } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import { deny, requireIncidents } from './access.ts';
import { checkKinds, checkTimes, isoOf, leakEstimate, refuse } from './checks.ts';
import { addParticipants, announceReport, announceShared, participantRows } from './fan-out.ts';
import { getIncident } from './detail.ts';

// Reporting an incident. A vendor reports on one of its services and the report reaches every
// municipality whose register links to it; a municipality reports on one of its register entries and
// chooses whether the vendor and its prefecture (and joint-use associations) see it.

type CreateInput = z.infer<typeof incidentCreateBody>;

export function incidentSnapshot(row: IncidentRow, extra: Record<string, unknown> = {}) {
  return {
    id: row.id, title: row.title, type: row.type, severity: row.severity, status: row.status, reporter_kind: row.reporter_kind,
    vendor_service_id: row.vendor_service_id, summary: row.summary, data_kinds: JSON.parse(row.data_kinds), records_affected: row.records_affected,
    residents_affected: row.residents_affected, leak_estimate_yen: row.leak_estimate_yen, shared_with_vendor: row.shared_with_vendor === 1,
    shared_with_prefecture: row.shared_with_prefecture === 1, closed_at: row.closed_at, ...extra,
  };
}

function firstProblems(deps: Deps, input: CreateInput, required: 'vendor_service_id' | 'entry_id'): ErrorDetail[] {
  const problems = checkTimes({ occurred_at: input.occurred_at }, deps.now());
  problems.push(...checkTimes({ detected_at: input.detected_at }, deps.now(), input.occurred_at));
  if (!input[required]) {
    problems.push({ field: required, reason: required === 'vendor_service_id' ? bi('インシデントが起きたサービスを選んでください', 'Choose the service the incident happened on') : bi('インシデントが起きた外部サービス（台帳の登録）を選んでください', 'Choose the register entry the incident concerns') });
  }
  return problems;
}

function timelineRows(incidentId: string, organisationId: string, input: CreateInput, source: string, at: string, label: string, firstReportAt: string | null): EventRow[] {
  const event = (type: string, when: string): EventRow => ({ id: newId(), incident_id: incidentId, organisation_id: organisationId, type, at: when, source, note: null, shared: 1, created_at: at, created_by_label: label });
  return [event('occurred', isoOf(input.occurred_at)), ...(input.detected_at ? [event('detected', isoOf(input.detected_at))] : []), ...(firstReportAt ? [event('vendor_first_report', firstReportAt)] : [])];
}

function incidentRow(deps: Deps, actor: Actor, id: string, input: CreateInput, at: string, fields: Pick<IncidentRow, 'reporter_kind' | 'vendor_service_id' | 'vendor_organisation_id' | 'shared_with_vendor' | 'shared_with_prefecture'>): IncidentRow {
  return {
    id,
    organisation_id: actor.organisationId,
    ...fields,
    title: input.title,
    type: input.type,
    severity: input.severity,
    status: 'open',
    summary: input.summary || null,
    data_kinds: JSON.stringify(input.data_kinds),
    records_affected: input.records_affected ?? null,
    residents_affected: input.residents_affected ?? null,
    leak_estimate_yen: leakEstimate(deps.catalogues, input.type, input.data_kinds, input.records_affected),
    created_at: at,
    updated_at: at,
    closed_at: null,
    created_by_label: actor.label,
  };
}

/**
 * A vendor's report: every municipality with an entry the failure reaches takes part and is told, in one
 * transaction — linked to the service, a party providing it, running on it, on a service that runs on it,
 * or on an entry that does (marked with the way it came).
 */
async function reportAsVendor(deps: Deps, actor: Actor, input: CreateInput) {
  await requireIncidents(deps, actor, true);
  refuse(firstProblems(deps, input, 'vendor_service_id'));
  checkKinds(deps.catalogues, input.data_kinds);
  const service = await findOwnVendorService(deps.db, actor.organisationId, input.vendor_service_id!);
  if (!service) throw invalid('vendor_service_id', bi('サービスが見つかりません', 'Service not found'));
  const now = deps.now();
  const at = nowIso(now);
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const participants = participantRows(id, await affectedEntriesOfService(trx, service.id), at);
    const row = incidentRow(deps, actor, id, input, at, { reporter_kind: 'vendor', vendor_service_id: service.id, vendor_organisation_id: actor.organisationId, shared_with_vendor: 1, shared_with_prefecture: 1 });
    await insertIncident(trx, row);
    await addParticipants(trx, participants);
    // The report itself is the vendor's first report, timed when it reached the platform.
    await insertEvents(trx, timelineRows(id, actor.organisationId, input, service.vendor_name, at, actor.label, at));
    await recordAudit(trx, actor, { action: 'incident.report', targetType: 'incident', targetId: id, after: incidentSnapshot(row, { participant_count: participants.length }) }, now);
    await announceReport(trx, deps, row, service.vendor_name, service.name, isoOf(input.occurred_at), participants.map((p) => p.organisation_id));
  });
  return getIncident(deps, actor, id);
}

/** A municipality's report on its own register entry, shared as it chooses. */
async function reportAsMunicipality(deps: Deps, actor: Actor, input: CreateInput) {
  await requireIncidents(deps, actor, true);
  refuse(firstProblems(deps, input, 'entry_id'));
  checkKinds(deps.catalogues, input.data_kinds);
  const entry = await findEntry(deps.db, actor.organisationId, input.entry_id!);
  if (!entry) throw invalid('entry_id', bi('台帳の登録が見つかりません', 'Register entry not found'));
  if (!canEditEntry(actor, entry.department)) {
    await deny(deps, actor, { action: 'incident.report', reason: 'other_department', department: entry.department }, undefined, [
      { field: 'department', reason: bi(`所管課（${actor.department}）以外の外部サービスのインシデントは報告できません`, `Only incidents of your department's (${actor.department}) services can be reported`) },
    ]);
  }
  const service = entry.vendor_service_id ? await findVendorService(deps.db, entry.vendor_service_id) : undefined;
  if (input.share_with_vendor && !service) {
    throw invalid('share_with_vendor', bi('この外部サービスは事業者のサービスに紐付いていないため、事業者と共有できません。台帳の登録で事業者のサービスを紐付けてください', 'This register entry is not linked to a vendor service, so it cannot be shared with the vendor; link it first'));
  }
  const coordinators = input.share_with_prefecture ? await coordinatorsOf(deps.db, actor.organisationId) : [];
  if (input.share_with_prefecture && !coordinators.length) throw invalid('share_with_prefecture', bi('共有先の都道府県・共同利用団体が登録されていません', 'Your organisation has no prefecture or joint-use association to share with'));
  const reporterName = (await organisationName(deps.db, actor.organisationId))?.name ?? actor.label;
  const now = deps.now();
  const at = nowIso(now);
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const row = incidentRow(deps, actor, id, input, at, {
      reporter_kind: 'municipality',
      vendor_service_id: service?.id ?? null,
      vendor_organisation_id: service?.organisation_id ?? null,
      shared_with_vendor: input.share_with_vendor ? 1 : 0,
      shared_with_prefecture: input.share_with_prefecture ? 1 : 0,
    });
    await insertIncident(trx, row);
    const [participant] = participantRows(id, [{ entry_id: entry.id, organisation_id: actor.organisationId }], at, 'affected');
    participant.residents_affected = input.residents_affected ?? null;
    // Sharing the report shares the reporter's own impact with the same audience.
    participant.share_impact = input.share_with_vendor || input.share_with_prefecture ? 1 : 0;
    await addParticipants(trx, [participant]);
    await insertEvents(trx, timelineRows(id, actor.organisationId, input, reporterName, at, actor.label, null));
    await recordAudit(trx, actor, { action: 'incident.report', targetType: 'incident', targetId: id, after: incidentSnapshot(row, { entry_id: entry.id, participant_count: 1 }) }, now);
    const vendorName = service?.vendor_name ?? entry.vendor_name;
    if (input.share_with_vendor && service) await announceShared(trx, deps, row, reporterName, vendorName, isoOf(input.occurred_at), [service.organisation_id], 'vendor');
    if (coordinators.length) await announceShared(trx, deps, row, reporterName, vendorName, isoOf(input.occurred_at), coordinators, 'coordinators');
  });
  return getIncident(deps, actor, id);
}

export async function reportIncident(deps: Deps, actor: Actor, input: CreateInput) {
  if (actor.organisationKind === 'vendor') return reportAsVendor(deps, actor, input);
  if (actor.organisationKind === 'municipality') return reportAsMunicipality(deps, actor, input);
  // Prefectures and associations follow their bodies' incidents; they do not report them here.
  await requireIncidents(deps, actor, true);
  return deny(deps, actor, { action: 'incident.report', reason: 'organisation_kind' });
}
