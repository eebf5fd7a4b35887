import type { z } from 'zod';
import type { actionBody, actionUpdateBody } from '../../../shared/schemas/incidents.ts';
import { findAction, insertAction, updateAction, type ActionRow } from '../../repositories/incidents.ts';
import { presentAction } from '../../presenters/incidents.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { invalid, notFound } from '../app-error.ts';
import { bi } from '../../../shared/messages.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import { incidentAccess, requireWrite } from './access.ts';

type ActionInput = z.infer<typeof actionBody>;
type ActionUpdate = z.infer<typeof actionUpdateBody>;

// Recurrence-prevention actions: each organisation keeps its own, with an owner and a due date.


async function writableAccess(deps: Deps, actor: Actor, id: string, what: string) {
  const access = await incidentAccess(deps, actor, id, true);
  await requireWrite(deps, actor, access, access.reporter || access.vendor || Boolean(access.participant), what);
  return access;
}

export async function addAction(deps: Deps, actor: Actor, id: string, input: ActionInput) {
  await writableAccess(deps, actor, id, 'incident.action');
  const now = deps.now();
  const row: ActionRow = { id: newId(), incident_id: id, organisation_id: actor.organisationId, title: input.title, owner: input.owner, due_on: input.due_on, status: 'open', done_on: null, created_at: nowIso(now), updated_at: nowIso(now) };
  await deps.db.transaction().execute(async (trx) => {
    await insertAction(trx, row);
    await recordAudit(trx, actor, { action: 'incident.action_create', targetType: 'incident', targetId: id, after: presentAction(row) }, now);
  });
  return presentAction(row);
}

/**
 * Changes what is sent of one of the organisation's own actions. Done without a date means done
 * today (Japan time); leaving done clears the date; a date needs the action to be done.
 */
export async function changeAction(deps: Deps, actor: Actor, id: string, actionId: string, input: ActionUpdate) {
  await writableAccess(deps, actor, id, 'incident.action');
  const existing = await findAction(deps.db, actor.organisationId, id, actionId);
  if (!existing) throw notFound();
  const now = deps.now();
  const status: string = input.status ?? existing.status;
  if (input.done_on && status !== 'done') throw invalid('done_on', bi('完了日は状態が「完了」のときだけ入力できます', 'A completion date needs the status "done"'));
  const doneOn = status === 'done' ? (input.done_on ?? existing.done_on ?? japanToday(now)) : null;
  const changes = {
    title: input.title ?? existing.title,
    owner: input.owner ?? existing.owner,
    due_on: input.due_on ?? existing.due_on,
    status,
    done_on: doneOn,
    updated_at: nowIso(now),
  };
  await deps.db.transaction().execute(async (trx) => {
    await updateAction(trx, actor.organisationId, actionId, changes);
    await recordAudit(trx, actor, { action: 'incident.action_update', targetType: 'incident', targetId: id, before: presentAction(existing), after: presentAction({ ...existing, ...changes }) }, now);
  });
  return presentAction({ ...existing, ...changes });
}
