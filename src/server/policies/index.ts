import { can, type Permission } from '../../shared/roles.ts';
import { memberIdsOfAssociation, municipalityIdsOfPrefecture } from '../repositories/organisations.ts';
import { AppError } from '../services/app-error.ts';
import { recordAuditAlone } from '../services/audit.ts';
import type { Actor, Deps } from '../services/deps.ts';

/**
 * The one place that decides who may do what. A role that lacks a permission is refused (403) and
 * the refusal is audited; objects outside the caller's organisations are never found (404).
 */
export async function authorize(deps: Deps, actor: Actor, permission: Permission, target?: { type: string; id?: string }): Promise<void> {
  if (can(actor.role, actor.organisationKind, permission)) return;
  await recordAuditAlone(deps, actor, {
    action: `permission.denied`,
    outcome: 'denied',
    targetType: target?.type,
    targetId: target?.id,
    after: { permission },
  });
  throw new AppError('forbidden');
}

/** Organisations whose information the actor may read: its own, plus those it coordinates. */
export async function readableOrganisationIds(deps: Deps, actor: Actor): Promise<string[] | 'all'> {
  if (actor.role === 'operator_admin') return 'all';
  const ids = [actor.organisationId];
  if (actor.organisationKind === 'prefecture') ids.push(...(await municipalityIdsOfPrefecture(deps.db, actor.organisationId)));
  if (actor.organisationKind === 'association') ids.push(...(await memberIdsOfAssociation(deps.db, actor.organisationId)));
  return ids;
}

/** Organisations whose users, tokens and audit log the actor may administer or read: only its own. */
export function administeredOrganisationIds(actor: Actor): string[] | 'all' {
  return actor.role === 'operator_admin' ? 'all' : [actor.organisationId];
}
