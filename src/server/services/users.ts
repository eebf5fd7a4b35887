import type { z } from 'zod';
import { passwordProblem, PASSWORD_PROBLEM_MESSAGES } from '../../shared/password.ts';
import { ROLES_BY_ORGANISATION_KIND, type OrganisationKind, type Role } from '../../shared/roles.ts';
import type { userCreateBody, userUpdateBody } from '../../shared/schemas/users.ts';
import { administeredOrganisationIds, authorize } from '../policies/index.ts';
import { findOrganisationById } from '../repositories/organisations.ts';
import { deleteSessionsOfUser } from '../repositories/sessions.ts';
import { listLiveApiTokensOfUser, revokeApiToken } from '../repositories/api-tokens.ts';
import { deleteRecoveryCodes, findUserByEmail, findUserInScope, insertUser, listUsers, updateUser, type UserRow } from '../repositories/users.ts';
import { presentToken, presentUser } from '../presenters/index.ts';
import { toBool } from '../repositories/executor.ts';
import { newId, nowIso } from '../security/ids.ts';
import { hashPassword } from '../security/passwords.ts';
import { newRecoveryCodes } from '../security/recovery-codes.ts';
import { AppError, invalid, notFound } from './app-error.ts';
import { recordAudit } from './audit.ts';
import type { Actor, Deps } from './deps.ts';
import { bi } from '../../shared/messages.ts';

type CreateInput = z.infer<typeof userCreateBody>;
type UpdateInput = z.infer<typeof userUpdateBody>;

/** A readable temporary password: two recovery-code-style groups, 23 characters. */
function temporaryPassword(): string {
  return newRecoveryCodes(2).join('-');
}

function checkRoleFits(kind: OrganisationKind, role: Role) {
  if (!ROLES_BY_ORGANISATION_KIND[kind].includes(role)) throw invalid('role', bi('この種別の団体には設定できない役割です', 'This role does not exist for this kind of organisation'));
}

export async function listOrganisationUsers(deps: Deps, actor: Actor, filter: { organisation_id?: string; q?: string }) {
  await authorize(deps, actor, 'user:read');
  const scope = administeredOrganisationIds(actor);
  let ids = scope;
  if (filter.organisation_id) {
    if (scope !== 'all' && !scope.includes(filter.organisation_id)) throw notFound();
    ids = [filter.organisation_id];
  }
  const rows = await listUsers(deps.db, { organisationIds: ids, q: filter.q });
  return rows.map((row) => presentUser(row, deps.now()));
}

async function userInScope(deps: Deps, actor: Actor, id: string): Promise<UserRow> {
  const user = await findUserInScope(deps.db, id, administeredOrganisationIds(actor));
  if (!user) throw notFound();
  return user;
}

export async function getUser(deps: Deps, actor: Actor, id: string) {
  await authorize(deps, actor, 'user:read', { type: 'user', id });
  return presentUser(await userInScope(deps, actor, id), deps.now());
}

export async function createUser(deps: Deps, actor: Actor, input: CreateInput, options: { mustChangePassword?: boolean } = {}) {
  await authorize(deps, actor, 'user:manage', { type: 'user' });
  const organisationId = input.organisation_id ?? actor.organisationId;
  const scope = administeredOrganisationIds(actor);
  if (scope !== 'all' && !scope.includes(organisationId)) throw notFound();
  const organisation = await findOrganisationById(deps.db, organisationId);
  if (!organisation) throw invalid('organisation_id', bi('団体が見つかりません', 'Organisation not found'));
  checkRoleFits(organisation.kind as OrganisationKind, input.role);
  const password = input.temporary_password ?? temporaryPassword();
  const problem = passwordProblem(password, input.email);
  if (problem) throw invalid('temporary_password', PASSWORD_PROBLEM_MESSAGES[problem].ja);
  const hash = await hashPassword(password);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email)) throw new AppError('conflict', [{ field: 'email', reason: bi('このメールアドレスは既に使われています', 'This e-mail address is already in use') }]);
    const row: UserRow = {
      id: newId(),
      organisation_id: organisationId,
      email: input.email,
      display_name: input.display_name,
      role: input.role,
      password_hash: hash,
      locale: input.locale,
      department: input.department ?? null,
      totp_secret_enc: null,
      totp_pending_enc: null,
      mfa_enabled: 0,
      totp_last_step: null,
      failed_logins: 0,
      locked_until: null,
      must_change_password: options.mustChangePassword === false ? 0 : 1,
      disabled: 0,
      password_changed_at: nowIso(now),
      last_login_at: null,
      created_at: nowIso(now),
      updated_at: nowIso(now),
    };
    await insertUser(trx, row);
    const presented = presentUser(row, now);
    await recordAudit(trx, actor, { action: 'user.create', targetType: 'user', targetId: row.id, organisationId, after: presented }, now);
    return { user: presented, temporary_password: input.temporary_password ? null : password };
  });
}

export async function updateUserAccount(deps: Deps, actor: Actor, id: string, input: UpdateInput) {
  await authorize(deps, actor, 'user:manage', { type: 'user', id });
  const existing = await userInScope(deps, actor, id);
  if (id === actor.userId && (input.role !== undefined || input.disabled === true))
    throw invalid(input.role !== undefined ? 'role' : 'disabled', '自分自身の役割の変更や無効化はできません。別の管理者に依頼してください');
  if (input.role) {
    const organisation = await findOrganisationById(deps.db, existing.organisation_id);
    checkRoleFits(organisation!.kind as OrganisationKind, input.role);
  }
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const changes: Partial<UserRow> = { updated_at: nowIso(now) };
    if (input.display_name !== undefined) changes.display_name = input.display_name;
    if (input.role !== undefined) changes.role = input.role;
    if (input.locale !== undefined) changes.locale = input.locale;
    if (input.department !== undefined) changes.department = input.department ?? null;
    if (input.disabled !== undefined) changes.disabled = input.disabled ? 1 : 0;
    await updateUser(trx, id, changes);
    // A disabled user or a changed role must not keep a session made under the old rights.
    if (input.disabled || (input.role && input.role !== existing.role)) await deleteSessionsOfUser(trx, id);
    const after = presentUser({ ...existing, ...changes }, now);
    await recordAudit(trx, actor, { action: 'user.update', targetType: 'user', targetId: id, organisationId: existing.organisation_id, before: presentUser(existing, now), after }, now);
    // A disabled user's API tokens end with its sessions: revoked for good, each revocation audited.
    if (input.disabled && !toBool(existing.disabled)) {
      for (const token of await listLiveApiTokensOfUser(trx, id, nowIso(now))) {
        await revokeApiToken(trx, token.id, nowIso(now));
        await recordAudit(
          trx,
          actor,
          { action: 'api_token.revoke', targetType: 'api_token', targetId: token.id, organisationId: token.organisation_id, before: presentToken(token), after: { reason: 'user_disabled', user_id: id } },
          now,
        );
      }
    }
    return after;
  });
}

/** An administrator sets a temporary password; the user must change it at next sign-in. */
export async function resetUserPassword(deps: Deps, actor: Actor, id: string, temporary?: string) {
  await authorize(deps, actor, 'user:manage', { type: 'user', id });
  const existing = await userInScope(deps, actor, id);
  const password = temporary ?? temporaryPassword();
  const problem = passwordProblem(password, existing.email);
  if (problem) throw invalid('temporary_password', PASSWORD_PROBLEM_MESSAGES[problem].ja);
  const hash = await hashPassword(password);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, id, { password_hash: hash, must_change_password: 1, failed_logins: 0, locked_until: null, password_changed_at: nowIso(now), updated_at: nowIso(now) });
    await deleteSessionsOfUser(trx, id);
    await recordAudit(trx, actor, { action: 'user.password_reset', targetType: 'user', targetId: id, organisationId: existing.organisation_id }, now);
  });
  return { user: presentUser({ ...existing, must_change_password: 1, locked_until: null }, now), temporary_password: temporary ? null : password };
}

/** Clears a user's MFA so they can enrol again (lost phone); they must enrol at next sign-in if admin. */
export async function resetUserMfa(deps: Deps, actor: Actor, id: string) {
  await authorize(deps, actor, 'user:manage', { type: 'user', id });
  const existing = await userInScope(deps, actor, id);
  if (id === actor.userId) throw invalid('id', bi('自分自身の多要素認証は設定画面から変更してください', 'Change your own MFA from your profile'));
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, id, { mfa_enabled: 0, totp_secret_enc: null, totp_pending_enc: null, totp_last_step: null, updated_at: nowIso(now) });
    await deleteRecoveryCodes(trx, id);
    await deleteSessionsOfUser(trx, id);
    await recordAudit(trx, actor, { action: 'mfa.reset_by_admin', targetType: 'user', targetId: id, organisationId: existing.organisation_id }, now);
  });
  return presentUser({ ...existing, mfa_enabled: 0 }, now);
}

/** PUT /me/locale: the signed-in user's display language, audited. */
export async function setOwnLocale(deps: Deps, own: { user: Pick<UserRow, 'id' | 'locale'>; actor: Actor }, locale: UserRow['locale']): Promise<void> {
  const { user, actor } = own;
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { locale, updated_at: nowIso(deps.now()) });
    await recordAudit(trx, actor, { action: 'user.locale', targetType: 'user', targetId: user.id, before: { locale: user.locale }, after: { locale } }, deps.now());
  });
}
