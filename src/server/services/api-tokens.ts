import { isAdminRole, ROLES_BY_ORGANISATION_KIND, type Role } from '../../shared/roles.ts';
import { authorize } from '../policies/index.ts';
import { findApiTokenInOrganisation, insertApiToken, listApiTokens, revokeApiToken, type ApiTokenRow } from '../repositories/api-tokens.ts';
import { presentToken } from '../presenters/index.ts';
import { newId, nowIso, randomToken, sha256Hex } from '../security/ids.ts';
import { invalid, notFound } from './app-error.ts';
import { recordAudit } from './audit.ts';
import type { Actor, Deps } from './deps.ts';
import { bi } from '../../shared/messages.ts';

export async function listTokens(deps: Deps, actor: Actor) {
  await authorize(deps, actor, 'token:manage');
  return (await listApiTokens(deps.db, actor.organisationId)).map(presentToken);
}

/**
 * Issues a token for automation, scoped to the caller's organisation and one role. Administrator
 * roles are refused: a token cannot pass MFA, and administration stays with people.
 */
export async function createToken(deps: Deps, actor: Actor, input: { name: string; role: Role; expires_in_days?: number | null }) {
  await authorize(deps, actor, 'token:manage', { type: 'api_token' });
  if (isAdminRole(input.role)) throw invalid('role', bi('管理者の役割のAPIトークンは発行できません', 'API tokens cannot have an administrator role'));
  if (!ROLES_BY_ORGANISATION_KIND[actor.organisationKind].includes(input.role)) throw invalid('role', bi('この種別の団体には設定できない役割です', 'This role does not exist for this kind of organisation'));
  const secret = `dch_${randomToken(32)}`;
  const now = deps.now();
  const row: ApiTokenRow = {
    id: newId(),
    organisation_id: actor.organisationId,
    created_by: actor.userId!,
    name: input.name,
    role: input.role,
    token_hash: sha256Hex(secret),
    token_prefix: secret.slice(0, 10),
    created_at: nowIso(now),
    expires_at: input.expires_in_days ? nowIso(new Date(now.getTime() + input.expires_in_days * 86_400_000)) : null,
    last_used_at: null,
    revoked_at: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertApiToken(trx, row);
    await recordAudit(trx, actor, { action: 'api_token.create', targetType: 'api_token', targetId: row.id, after: presentToken(row) }, now);
  });
  return { token: presentToken(row), secret };
}

export async function revokeToken(deps: Deps, actor: Actor, id: string) {
  await authorize(deps, actor, 'token:manage', { type: 'api_token', id });
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findApiTokenInOrganisation(trx, id, actor.organisationId);
    if (!existing) throw notFound();
    if (!existing.revoked_at) {
      await revokeApiToken(trx, id, nowIso(now));
      await recordAudit(trx, actor, { action: 'api_token.revoke', targetType: 'api_token', targetId: id, before: presentToken(existing) }, now);
    }
    return presentToken({ ...existing, revoked_at: existing.revoked_at ?? nowIso(now) });
  });
}
