import type { z } from 'zod';
import type { eventBody } from '../../../shared/schemas/incidents.ts';
import { insertEvents, listVisibleEvents, organisationName, participantOrganisationIds, touchIncident, updateIncident, type EventRow } from '../../repositories/incidents.ts';
import { presentEvent } from '../../presenters/incidents.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import { incidentAccess, requireWrite } from './access.ts';
import { checkTimes, isoOf, refuse } from './checks.ts';
import { announceUpdate } from './fan-out.ts';
import { momentsOf } from './figures.ts';

type EventInput = z.infer<typeof eventBody>;

// The timeline. A vendor's events are for everyone taking part and are announced to each of them; a
// municipality's are its own unless it shares them. The reporter's recovery events move the status on.

const STATUS_AFTER: Record<string, { from: string[]; to: string }> = {
  provisional_recovery: { from: ['open'], to: 'mitigated' },
  full_recovery: { from: ['open', 'mitigated'], to: 'recovered' },
};

export async function postEvent(deps: Deps, actor: Actor, id: string, input: EventInput) {
  const access = await incidentAccess(deps, actor, id, true);
  await requireWrite(deps, actor, access, access.reporter || access.vendor || Boolean(access.participant), 'incident.event');
  const { incident } = access;
  const now = deps.now();
  // Only 発生 itself may come before the time the incident is known to have occurred.
  const occurred = momentsOf(await listVisibleEvents(deps.db, id, actor.organisationId)).occurred_at;
  refuse(checkTimes({ at: input.at }, now, input.type === 'occurred' ? null : occurred));
  const byVendor = actor.organisationKind === 'vendor';
  const at = nowIso(now);
  const row: EventRow = {
    id: newId(),
    incident_id: id,
    organisation_id: actor.organisationId,
    type: input.type,
    at: isoOf(input.at),
    source: input.source || null,
    note: input.note || null,
    shared: byVendor || input.shared === true ? 1 : 0,
    created_at: at,
    created_by_label: actor.label,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertEvents(trx, [row]);
    const next = access.reporter ? STATUS_AFTER[input.type] : undefined;
    if (next && next.from.includes(incident.status)) await updateIncident(trx, actor.organisationId, id, { status: next.to, updated_at: at });
    else await touchIncident(trx, id, at);
    await recordAudit(trx, actor, { action: 'incident.event', targetType: 'incident', targetId: id, after: { ...row, shared: row.shared === 1 } }, now);
    const authorName = (await organisationName(trx, actor.organisationId))?.name ?? actor.label;
    if (byVendor) {
      await announceUpdate(trx, deps, incident, row, authorName, await participantOrganisationIds(trx, id));
    } else if (row.shared && access.reporter && incident.shared_with_vendor === 1 && incident.vendor_organisation_id) {
      // A municipality's shared update on the report it shared with the vendor reaches the vendor.
      await announceUpdate(trx, deps, incident, row, authorName, [incident.vendor_organisation_id]);
    }
  });
  const [created] = (await listVisibleEvents(deps.db, id, actor.organisationId)).filter((e) => e.id === row.id);
  return presentEvent(created, actor.organisationId);
}
