import { commitmentsOfEntries, listActions, listParticipants, listVisibleEvents, type ParticipantWithNames } from '../../repositories/incidents.ts';
import { presentAction, presentEvent, presentIncidentItem, presentParticipant, type ParticipantView } from '../../presenters/incidents.ts';
import type { IncidentSeverity, IncidentStatus, IncidentType } from '../../../shared/incidents.ts';
import type { Actor, Deps } from '../deps.ts';
import { incidentAccess, type IncidentAccess } from './access.ts';
import { figuresOf, momentsOf } from './figures.ts';

// One incident as the caller may see it: the timeline without other organisations' private events,
// the participants each in the view the caller is entitled to, and only the caller's own actions.

function viewOf(access: IncidentAccess, actor: Actor, row: ParticipantWithNames): ParticipantView | null {
  if (row.organisation_id === actor.organisationId) return 'full';
  if (access.vendor) return 'vendor';
  if (access.coordinator && access.viewer.coordinated.includes(row.organisation_id)) return 'coordinator';
  if (access.participant && row.share_impact === 1) return 'shared';
  return null;
}

export async function incidentDetail(deps: Deps, actor: Actor, access: IncidentAccess) {
  const { incident, participant } = access;
  const [events, participants, actions, commitments] = await Promise.all([
    listVisibleEvents(deps.db, incident.id, actor.organisationId),
    listParticipants(deps.db, [incident.id]),
    listActions(deps.db, actor.organisationId, incident.id),
    participant?.entry_id ? commitmentsOfEntries(deps.db, actor.organisationId, [participant.entry_id]) : Promise.resolve(null),
  ]);
  const visible = participants.flatMap((row) => {
    const view = viewOf(access, actor, row);
    return view ? [presentParticipant(row, view)] : [];
  });
  const mine = participants.find((p) => p.organisation_id === actor.organisationId);
  const item = presentIncidentItem(incident);
  return {
    id: incident.id,
    title: incident.title,
    type: incident.type as IncidentType,
    severity: incident.severity as IncidentSeverity,
    status: incident.status as IncidentStatus,
    summary: incident.summary,
    reporter_kind: item.reporter_kind,
    reporter_name: incident.reporter_name,
    vendor_service: item.vendor_service,
    vendor_name: item.vendor_name,
    data_kinds: JSON.parse(incident.data_kinds) as string[],
    records_affected: incident.records_affected === null ? null : Number(incident.records_affected),
    residents_affected: incident.residents_affected === null ? null : Number(incident.residents_affected),
    leak_estimate_yen: incident.leak_estimate_yen,
    shared_with_vendor: incident.shared_with_vendor === 1,
    shared_with_prefecture: incident.shared_with_prefecture === 1,
    created_at: incident.created_at,
    updated_at: incident.updated_at,
    closed_at: incident.closed_at,
    events: events.map((e) => presentEvent(e, actor.organisationId)),
    participant_count: participants.length,
    participants: visible,
    my_participation: mine ? presentParticipant(mine, 'full') : null,
    actions: actions.map(presentAction),
    figures: figuresOf(momentsOf(events), participant?.entry_id ? (commitments?.get(participant.entry_id) ?? null) : null),
    can_post_event: access.mayWrite,
    can_edit_impact: access.mayWrite && Boolean(participant),
    can_close: access.mayWrite && ((Boolean(participant) && !participant!.closed_at) || (access.reporter && incident.status !== 'closed')),
    can_edit: access.mayWrite && access.reporter,
  };
}

export async function getIncident(deps: Deps, actor: Actor, id: string) {
  return incidentDetail(deps, actor, await incidentAccess(deps, actor, id));
}
