import { isAdminRole, permissionsOf, type OrganisationKind, type Role } from '../../shared/roles.ts';
import { findOrganisationById } from '../repositories/organisations.ts';
import { deleteSession, findSessionWithUser, insertSession, touchSession, type SessionRow } from '../repositories/sessions.ts';
import type { UserRow } from '../repositories/users.ts';
import { findApiTokenByHash, touchApiToken } from '../repositories/api-tokens.ts';
import { toBool, type Executor } from '../repositories/executor.ts';
import { nowIso, randomToken, sha256Hex } from '../security/ids.ts';
import type { Actor, Deps } from './deps.ts';

export type NextStep = 'none' | 'mfa' | 'mfa_setup' | 'change_password';

/** What a signed-in session still has to do before the app opens. */
export function nextStepOf(user: UserRow, session: Pick<SessionRow, 'mfa_passed'>): NextStep {
  if (toBool(user.mfa_enabled) && !toBool(session.mfa_passed)) return 'mfa';
  if (toBool(user.must_change_password)) return 'change_password';
  if (isAdminRole(user.role as Role) && !toBool(user.mfa_enabled)) return 'mfa_setup';
  return 'none';
}

export interface ResolvedSession {
  session: SessionRow;
  user: UserRow;
  actor: Actor;
  nextStep: NextStep;
}

function userLabel(user: UserRow): string {
  return `${user.display_name} <${user.email}>`;
}

export async function createSession(trx: Executor, deps: Deps, user: UserRow, meta: { ip: string | null; userAgent: string | null; mfaPassed: boolean }) {
  const token = randomToken(32);
  const now = deps.now();
  const row: SessionRow = {
    id: sha256Hex(token),
    user_id: user.id,
    organisation_id: user.organisation_id,
    csrf_token: randomToken(24),
    mfa_passed: meta.mfaPassed ? 1 : 0,
    created_at: nowIso(now),
    last_seen_at: nowIso(now),
    expires_at: nowIso(new Date(now.getTime() + deps.config.sessionAbsoluteHours * 3_600_000)),
    ip: meta.ip,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
  };
  await insertSession(trx, row);
  return { token, row };
}

/**
 * Replaces a session by a new one under a new token once it gains rights (MFA passed, password
 * changed), so a token seen or planted before that moment is worth nothing: the old row is deleted.
 * The absolute expiry stays the old one; the CSRF token is new unless the caller keeps it (a page
 * that gets no new session description in the answer).
 */
export async function renewSession(trx: Executor, deps: Deps, old: SessionRow, changes: { mfaPassed: boolean; keepCsrf?: boolean }) {
  const token = randomToken(32);
  const now = nowIso(deps.now());
  const row: SessionRow = {
    ...old,
    id: sha256Hex(token),
    csrf_token: changes.keepCsrf ? old.csrf_token : randomToken(24),
    mfa_passed: changes.mfaPassed ? 1 : 0,
    last_seen_at: now,
  };
  await deleteSession(trx, old.id);
  await insertSession(trx, row);
  return { token, row };
}

/** Looks up a session cookie; expired (idle or absolute) sessions are deleted and ignored. */
export async function resolveSession(deps: Deps, token: string, ip: string | null): Promise<ResolvedSession | null> {
  const id = sha256Hex(token);
  const found = await findSessionWithUser(deps.db, id);
  if (!found) return null;
  const { session, user } = found;
  const now = deps.now();
  const idleLimit = new Date(now.getTime() - deps.config.sessionIdleMinutes * 60_000).toISOString();
  if (session.expires_at <= nowIso(now) || session.last_seen_at < idleLimit) {
    await deleteSession(deps.db, id);
    return null;
  }
  if (toBool(user.disabled)) {
    await deleteSession(deps.db, id);
    return null;
  }
  // Write the sliding timestamp at most once a minute: reads stay reads under load.
  if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) await touchSession(deps.db, id, nowIso(now));
  const actor: Actor = {
    userId: user.id,
    organisationId: user.organisation_id,
    organisationKind: found.organisationKind as OrganisationKind,
    role: user.role as Role,
    label: userLabel(user),
    via: 'session',
    ip,
    department: user.department,
    sessionId: id,
  };
  return { session, user, actor, nextStep: nextStepOf(user, session) };
}

/** Looks up a bearer API token; revoked or expired tokens are ignored. */
export async function resolveApiToken(deps: Deps, secret: string, ip: string | null): Promise<Actor | null> {
  const token = await findApiTokenByHash(deps.db, sha256Hex(secret));
  const now = nowIso(deps.now());
  if (!token || token.revoked_at || (token.expires_at && token.expires_at <= now)) return null;
  // Disabling a user revokes its tokens; a token of a disabled user never works even if one was missed.
  if (toBool(token.creator_disabled)) return null;
  const organisation = await findOrganisationById(deps.db, token.organisation_id);
  if (!organisation) return null;
  if (!token.last_used_at || Date.parse(now) - Date.parse(token.last_used_at) > 60_000) await touchApiToken(deps.db, token.id, now);
  return {
    userId: token.created_by,
    organisationId: organisation.id,
    organisationKind: organisation.kind as OrganisationKind,
    role: token.role as Role,
    label: `token:${token.name} (${token.token_prefix})`,
    via: 'token',
    ip,
    tokenId: token.id,
  };
}

export async function describeSession(deps: Deps, resolved: Pick<ResolvedSession, 'user' | 'session' | 'nextStep'>) {
  const organisation = await findOrganisationById(deps.db, resolved.user.organisation_id);
  if (!organisation) throw new Error('session without organisation');
  const role = resolved.user.role as Role;
  return {
    user: {
      id: resolved.user.id,
      email: resolved.user.email,
      display_name: resolved.user.display_name,
      role,
      locale: resolved.user.locale,
      department: resolved.user.department,
      mfa_enabled: toBool(resolved.user.mfa_enabled),
      must_change_password: toBool(resolved.user.must_change_password),
    },
    organisation: { id: organisation.id, name: organisation.name, name_en: organisation.name_en, kind: organisation.kind as OrganisationKind, is_demo: toBool(organisation.is_demo) },
    next_step: resolved.nextStep,
    permissions: resolved.nextStep === 'none' ? permissionsOf(role, organisation.kind as OrganisationKind) : [],
    csrf_token: resolved.session.csrf_token,
    session_expires_at: resolved.session.expires_at,
  };
}

