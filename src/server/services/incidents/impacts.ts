import type { z } from 'zod';
import type { impactBody } from '../../../shared/schemas/incidents.ts';
import { listParticipants, touchIncident, updateParticipant } from '../../repositories/incidents.ts';
import { presentParticipant } from '../../presenters/incidents.ts';
import { nowIso } from '../../security/ids.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import { incidentAccess, requireWrite } from './access.ts';

type ImpactInput = z.infer<typeof impactBody>;

/** A participant records its own impact; its notes never leave it, the rest only when it shares. */
export async function recordImpact(deps: Deps, actor: Actor, id: string, input: ImpactInput) {
  const access = await incidentAccess(deps, actor, id, true);
  await requireWrite(deps, actor, access, Boolean(access.participant), 'incident.impact');
  const before = access.participant!;
  const now = deps.now();
  const changes = {
    impact_status: input.impact_status,
    residents_affected: input.residents_affected ?? null,
    impact_notes: input.impact_notes || null,
    share_impact: input.share_impact ? 1 : 0,
    updated_at: nowIso(now),
  };
  await deps.db.transaction().execute(async (trx) => {
    await updateParticipant(trx, id, actor.organisationId, changes);
    await touchIncident(trx, id, nowIso(now));
    const snapshot = (p: typeof changes) => ({ impact_status: p.impact_status, residents_affected: p.residents_affected, impact_notes: p.impact_notes, share_impact: p.share_impact === 1 });
    await recordAudit(trx, actor, { action: 'incident.impact', targetType: 'incident', targetId: id, before: snapshot(before as typeof changes), after: snapshot(changes) }, now);
  });
  const [mine] = await listParticipants(deps.db, [id], [actor.organisationId]);
  return presentParticipant(mine, 'full');
}
