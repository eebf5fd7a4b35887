import type { z } from 'zod';
import type { incidentListQuery, incidentUpdateBody } from '../../../shared/schemas/incidents.ts';
import { bi } from '../../../shared/messages.ts';
import type { SeenImpactStatus } from '../../../shared/incidents.ts';
import { countActions, listParticipants, listVisibleIncidents, participantOrganisationIds, updateIncident, updateParticipant, type IncidentRow } from '../../repositories/incidents.ts';
import { findEntry } from '../../repositories/register-entries.ts';
import { presentIncidentItem, seenImpactStatus } from '../../presenters/incidents.ts';
import { nowIso } from '../../security/ids.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import { deny, incidentAccess, incidentViewer, requireIncidents, requireWrite } from './access.ts';
import { checkKinds, leakEstimate } from './checks.ts';
import { incidentDetail } from './detail.ts';
import { announceUpdate } from './fan-out.ts';
import { incidentSnapshot } from './report.ts';
import { reopenItemsForIncident } from '../assessments/reopen.ts';

type ListQuery = z.infer<typeof incidentListQuery>;
type UpdateInput = z.infer<typeof incidentUpdateBody>;

/** The incidents the caller takes part in, reported to it as vendor, or (prefecture, association) of its bodies. */
export async function listIncidents(deps: Deps, actor: Actor, query: ListQuery) {
  await requireIncidents(deps, actor, false);
  const viewer = await incidentViewer(deps, actor);
  const rows = await listVisibleIncidents(deps.db, viewer, { status: query.status, type: query.type, q: query.q?.trim() || undefined });
  return { items: rows.map(presentIncidentItem) };
}

/** The incidents touching one of the caller's register entries (the entry page's tab). */
export async function listEntryIncidents(deps: Deps, actor: Actor, entryId: string) {
  await requireRegister(deps, actor, false);
  const entry = await findEntry(deps.db, actor.organisationId, entryId);
  if (!entry) throw notFound();
  const viewer = await incidentViewer(deps, actor);
  const rows = await listVisibleIncidents(deps.db, viewer, { entry: { id: entry.id, vendorServiceId: entry.vendor_service_id } });
  return { items: rows.map(presentIncidentItem) };
}

/** Changes by the reporting organisation; the JNSA estimate follows the data kinds and records. */
export async function updateIncidentDetails(deps: Deps, actor: Actor, id: string, input: UpdateInput) {
  const access = await incidentAccess(deps, actor, id, true);
  await requireWrite(deps, actor, access, access.reporter, 'incident.update');
  checkKinds(deps.catalogues, input.data_kinds);
  const { incident } = access;
  const now = deps.now();
  const dataKinds = input.data_kinds ?? (JSON.parse(incident.data_kinds) as string[]);
  const records = input.records_affected !== undefined ? input.records_affected : incident.records_affected;
  const changes: Partial<IncidentRow> = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.severity !== undefined ? { severity: input.severity } : {}),
    ...(input.summary !== undefined ? { summary: input.summary || null } : {}),
    ...(input.data_kinds !== undefined ? { data_kinds: JSON.stringify(input.data_kinds) } : {}),
    ...(input.records_affected !== undefined ? { records_affected: input.records_affected } : {}),
    ...(input.residents_affected !== undefined ? { residents_affected: input.residents_affected } : {}),
    leak_estimate_yen: leakEstimate(deps.catalogues, incident.type, dataKinds, records),
    updated_at: nowIso(now),
  };
  if (input.status !== undefined && input.status !== incident.status) {
    changes.status = input.status;
    changes.closed_at = input.status === 'closed' ? nowIso(now) : null;
  }
  await deps.db.transaction().execute(async (trx) => {
    await updateIncident(trx, actor.organisationId, id, changes);
    await recordAudit(trx, actor, { action: 'incident.update', targetType: 'incident', targetId: id, before: incidentSnapshot(incident), after: incidentSnapshot({ ...incident, ...changes }) }, now);
  });
  return incidentDetail(deps, actor, await incidentAccess(deps, actor, id));
}

/**
 * A participant closes its own handling, which needs at least one prevention action; the reporter
 * closes the incident. A municipality that reported its own incident does both.
 */
export async function closeIncident(deps: Deps, actor: Actor, id: string) {
  const access = await incidentAccess(deps, actor, id, true);
  const { incident, participant } = access;
  await requireWrite(deps, actor, access, access.reporter || Boolean(participant), 'incident.close');
  const handlingOpen = Boolean(participant) && !participant!.closed_at;
  const incidentOpen = access.reporter && incident.status !== 'closed';
  if (!handlingOpen && !incidentOpen) throw new AppError('conflict', [{ field: 'closed_at', reason: bi('既に完了しています', 'Already closed') }]);
  if (handlingOpen && (await countActions(deps.db, actor.organisationId, id)) === 0) {
    throw new AppError('conflict', [{ field: 'actions', reason: bi('完了するには再発防止策を1件以上登録してください', 'Record at least one recurrence-prevention action before closing') }]);
  }
  const now = deps.now();
  const at = nowIso(now);
  await deps.db.transaction().execute(async (trx) => {
    if (handlingOpen) {
      await updateParticipant(trx, id, actor.organisationId, { closed_at: at, updated_at: at });
      await recordAudit(trx, actor, { action: 'incident.participant_close', targetType: 'incident', targetId: id, after: { organisation_id: actor.organisationId, closed_at: at } }, now);
      // The confirmed items the incident touched are confirmed again (services/assessments/reopen.ts).
      await reopenItemsForIncident(trx, deps, actor, incident, participant!.entry_id);
    }
    if (incidentOpen) {
      await updateIncident(trx, actor.organisationId, id, { status: 'closed', closed_at: at, updated_at: at });
      await recordAudit(trx, actor, { action: 'incident.close', targetType: 'incident', targetId: id, before: { status: incident.status }, after: { status: 'closed', closed_at: at } }, now);
      if (incident.reporter_kind === 'vendor') {
        await announceUpdate(trx, deps, incident, null, incident.reporter_name, await participantOrganisationIds(trx, id));
      }
    }
  });
  return incidentDetail(deps, actor, await incidentAccess(deps, actor, id));
}

const EMPTY_BY_STATUS = (): Record<SeenImpactStatus, number> => ({ unknown: 0, affected: 0, not_affected: 0, recovered: 0, undisclosed: 0 });

/** For a prefecture or association: each incident with how many of its bodies take part and how each stands. A vendor sees all its users. */
export async function incidentSummary(deps: Deps, actor: Actor) {
  await requireIncidents(deps, actor, false);
  if (!['prefecture', 'association', 'vendor'].includes(actor.organisationKind)) await deny(deps, actor, { action: 'incident.summary', reason: 'organisation_kind' });
  const viewer = await incidentViewer(deps, actor);
  const incidents = await listVisibleIncidents(deps.db, viewer, { coordinatorOnly: true });
  const participants = await listParticipants(
    deps.db,
    incidents.map((i) => i.id),
    actor.organisationKind === 'vendor' ? undefined : viewer.coordinated,
  );
  const byIncident = new Map<string, typeof participants>();
  for (const row of participants) byIncident.set(row.incident_id, [...(byIncident.get(row.incident_id) ?? []), row]);
  return {
    items: incidents.map((incident) => {
      const item = presentIncidentItem(incident);
      const rows = byIncident.get(incident.id) ?? [];
      const byStatus = EMPTY_BY_STATUS();
      for (const row of rows) byStatus[seenImpactStatus(row)] += 1;
      return {
        id: incident.id,
        title: incident.title,
        type: item.type,
        severity: item.severity,
        status: item.status,
        vendor_name: item.vendor_name,
        occurred_at: item.occurred_at,
        bodies: rows.length,
        affected: byStatus.affected,
        recovered: byStatus.recovered,
        closed: rows.filter((r) => r.closed_at).length,
        by_status: byStatus,
        municipalities: rows.map((r) => ({ organisation_id: r.organisation_id, organisation_name: r.organisation_name, organisation_name_en: r.organisation_name_en, impact_status: seenImpactStatus(r), closed_at: r.closed_at })),
      };
    }),
  };
}
