import { bi } from '../../../shared/messages.ts';
import { REGISTER_ORGANISATION_KINDS } from '../../../shared/roles.ts';
import { authorize } from '../../policies/index.ts';
import { memberIdsOfAssociation, municipalityIdsOfPrefecture } from '../../repositories/organisations.ts';
import { departmentsTouched, findParticipant, findVisibleIncident, listParticipants, type IncidentViewer, type IncidentWithNames, type ParticipantRow } from '../../repositories/incidents.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAuditAlone } from '../audit.ts';
import { canEditEntry } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';

// Who may do what with an incident. An incident is shared between organisations, so besides the
// role there is the caller's relation to it: the reporter, a participant (a municipality whose
// register links the service), the vendor, or a coordinator (prefecture, joint-use association).
// An incident with no relation does not exist for the caller (404).

const REGISTER_KINDS = new Set<string>(REGISTER_ORGANISATION_KINDS);

export async function deny(deps: Deps, actor: Actor, reason: Record<string, unknown>, targetId?: string, details: { field: string; reason: string }[] = []): Promise<never> {
  await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'incident', targetId, after: { feature: 'incidents', ...reason } });
  throw new AppError('forbidden', details);
}

/** Register-keeping bodies and vendors take part in incidents; the operator does not see their content. */
export async function requireIncidents(deps: Deps, actor: Actor, write: boolean): Promise<void> {
  if (actor.organisationKind === 'operator') await deny(deps, actor, { reason: 'operator' });
  if (actor.organisationKind === 'vendor') return authorize(deps, actor, write ? 'content:write' : 'content:read', { type: 'incident' });
  return authorize(deps, actor, write ? 'register:write' : 'register:read', { type: 'incident' });
}

export async function incidentViewer(deps: Deps, actor: Actor): Promise<IncidentViewer> {
  let coordinated: string[] = [];
  if (actor.organisationKind === 'prefecture') coordinated = await municipalityIdsOfPrefecture(deps.db, actor.organisationId);
  if (actor.organisationKind === 'association') coordinated = await memberIdsOfAssociation(deps.db, actor.organisationId);
  return { organisationId: actor.organisationId, coordinated };
}

export interface IncidentAccess {
  incident: IncidentWithNames;
  viewer: IncidentViewer;
  reporter: boolean;
  participant: ParticipantRow | undefined;
  vendor: boolean;
  coordinator: boolean;
  /** The role may write, and for a municipality's editor the incident touches the editor's 所管課. */
  mayWrite: boolean;
}

function writesByRole(actor: Actor): boolean {
  if (actor.organisationKind === 'vendor') return actor.role === 'org_admin' || actor.role === 'vendor_member';
  return REGISTER_KINDS.has(actor.organisationKind) && (actor.role === 'org_admin' || actor.role === 'editor');
}

/** An editor with a 所管課 acts on an incident only when it touches one of that department's entries. */
function departmentAllows(actor: Actor, departments: string[]): boolean {
  if (actor.organisationKind === 'vendor' || actor.role === 'org_admin' || !actor.department) return true;
  return departments.some((d) => canEditEntry(actor, d));
}

/** The incident and the caller's relation to it; 404 when the caller has none. */
export async function incidentAccess(deps: Deps, actor: Actor, id: string, write = false): Promise<IncidentAccess> {
  await requireIncidents(deps, actor, write);
  const viewer = await incidentViewer(deps, actor);
  const incident = await findVisibleIncident(deps.db, viewer, id);
  if (!incident) throw notFound();
  const participant = await findParticipant(deps.db, id, actor.organisationId);
  const reporter = incident.organisation_id === actor.organisationId;
  const vendor = incident.vendor_organisation_id === actor.organisationId && (incident.reporter_kind === 'vendor' || incident.shared_with_vendor === 1);
  const coordinator =
    viewer.coordinated.length > 0 && (incident.reporter_kind === 'vendor' || incident.shared_with_prefecture === 1) && (await listParticipants(deps.db, [id], viewer.coordinated)).length > 0;
  let mayWrite = writesByRole(actor) && (reporter || vendor || Boolean(participant));
  if (mayWrite && actor.organisationKind !== 'vendor' && actor.department && actor.role !== 'org_admin') {
    mayWrite = departmentAllows(actor, await departmentsTouched(deps.db, actor.organisationId, participant?.entry_id ?? null, incident.vendor_service_id));
  }
  return { incident, viewer, reporter, participant, vendor, coordinator, mayWrite };
}

/** Refuses (403, audited) a write the caller's relation or 所管課 does not allow. */
export async function requireWrite(deps: Deps, actor: Actor, access: IncidentAccess, allowed: boolean, what: string): Promise<void> {
  if (allowed && access.mayWrite) return;
  const byDepartment = allowed && writesByRole(actor) && !access.mayWrite && Boolean(actor.department);
  await deny(
    deps,
    actor,
    { action: what, reason: byDepartment ? 'other_department' : 'relation' },
    access.incident.id,
    byDepartment ? [{ field: 'department', reason: bi(`所管課（${actor.department}）の外部サービスに関わるインシデントではありません`, `This incident does not touch a service of your department (${actor.department})`) }] : [],
  );
}
