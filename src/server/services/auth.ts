import { passwordProblem, PASSWORD_PROBLEM_MESSAGES } from '../../shared/password.ts';
import type { Role } from '../../shared/roles.ts';
import { findOrganisationById } from '../repositories/organisations.ts';
import { deleteSession, deleteSessionsOfUser } from '../repositories/sessions.ts';
import { claimTotpStep, consumeRecoveryCode, findUnknownLoginAttempt, findUserByEmail, incrementFailedLogins, incrementUnknownLoginFailures, pruneUnknownLoginAttempts, setUnknownLoginWait, updateUser, type UserRow } from '../repositories/users.ts';
import { toBool } from '../repositories/executor.ts';
import { nowIso } from '../security/ids.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../security/passwords.ts';
import { checkTotp } from '../security/totp.ts';
import { hashRecoveryCode } from '../security/recovery-codes.ts';
import { AppError, invalid } from './app-error.ts';
import { recordAudit, recordAuditAlone } from './audit.ts';
import { createSession, nextStepOf, renewSession, type ResolvedSession } from './sessions.ts';
import type { Actor, Deps } from './deps.ts';
import { createHash } from 'node:crypto';
import { bi } from '../../shared/messages.ts';
import { loginWaitSeconds } from '../../domain/login-backoff.ts';

interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

function anonymous(email: string, ip: string | null, organisationId: string | null): Actor {
  return { userId: null, organisationId: organisationId ?? '', organisationKind: 'operator', role: 'viewer', label: email, via: 'session', ip };
}

async function actorOf(deps: Deps, user: UserRow, ip: string | null): Promise<Actor> {
  const organisation = await findOrganisationById(deps.db, user.organisation_id);
  return {
    userId: user.id,
    organisationId: user.organisation_id,
    organisationKind: (organisation?.kind ?? 'municipality') as Actor['organisationKind'],
    role: user.role as Role,
    label: `${user.display_name} <${user.email}>`,
    via: 'session',
    ip,
    department: user.department,
  };
}

/** Seconds this account must still wait before an attempt is looked at (0: none). */
function remainingWait(user: Pick<UserRow, 'locked_until'>, now: Date): number {
  if (!user.locked_until) return 0;
  return Math.max(0, Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 1000));
}

/** 429 with Retry-After: the account waits after repeated failures (see domain/login-backoff.ts). */
function backoffError(seconds: number): AppError {
  const error = new AppError('login_backoff', [
    { field: 'email', reason: bi(`あと${seconds}秒待ってから再度お試しください`, `Wait ${seconds} seconds before trying again`) },
  ]);
  error.retryAfter = seconds;
  return error;
}

/**
 * Counts a failed password or MFA attempt. From the loginMaxFailures-th failure in a row the account
 * waits 2, 4, 8 … seconds (at most lockoutMinutes) before its next attempt is looked at. Returns the wait.
 */
async function registerFailure(deps: Deps, user: UserRow, actor: Actor, action: string, reason: string): Promise<number> {
  const now = deps.now();
  let wait = 0;
  await deps.db.transaction().execute(async (trx) => {
    const failures = await incrementFailedLogins(trx, user.id);
    wait = loginWaitSeconds(failures, deps.config.loginMaxFailures, deps.config.lockoutMinutes * 60);
    if (wait > 0) await updateUser(trx, user.id, { locked_until: nowIso(new Date(now.getTime() + wait * 1000)) });
    await recordAudit(trx, actor, { action, outcome: 'failed', targetType: 'user', targetId: user.id, after: { reason, failures, wait_seconds: wait } }, now);
  });
  return wait;
}

/** Addresses with no account are forgotten after this long without a failure. */
const UNKNOWN_ADDRESS_MEMORY_MS = 30 * 24 * 3_600_000;

/**
 * A sign-in to an address that has no account fails exactly as a wrong password does, waits exactly
 * as an account does after repeated failures (the same 429 at the same count), and takes as long:
 * no answer tells whether the address exists.
 */
async function refuseUnknownAddress(deps: Deps, email: string, password: string, meta: RequestMeta): Promise<never> {
  const now = deps.now();
  const actor = anonymous(email, meta.ip, null);
  const key = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  const waiting = remainingWait((await findUnknownLoginAttempt(deps.db, key)) ?? { locked_until: null }, now);
  if (waiting > 0) {
    await recordAuditAlone(deps, actor, { action: 'auth.login', outcome: 'failed', organisationId: null, after: { reason: 'backoff', wait_seconds: waiting } });
    throw backoffError(waiting);
  }
  await burnPasswordCheck(password);
  await deps.db.transaction().execute(async (trx) => {
    const failures = await incrementUnknownLoginFailures(trx, key, nowIso(now));
    const wait = loginWaitSeconds(failures, deps.config.loginMaxFailures, deps.config.lockoutMinutes * 60);
    if (wait > 0) await setUnknownLoginWait(trx, key, nowIso(new Date(now.getTime() + wait * 1000)));
    await pruneUnknownLoginAttempts(trx, nowIso(new Date(now.getTime() - UNKNOWN_ADDRESS_MEMORY_MS)));
    await recordAudit(trx, actor, { action: 'auth.login', outcome: 'failed', organisationId: null, after: { reason: 'unknown_email', failures, wait_seconds: wait } }, now);
  });
  throw new AppError('invalid_credentials');
}

/** Step one of sign-in: e-mail and password. Creates a session that may still need MFA. */
export async function login(deps: Deps, email: string, password: string, meta: RequestMeta) {
  const user = await findUserByEmail(deps.db, email);
  const now = deps.now();
  if (!user) return refuseUnknownAddress(deps, email, password, meta);
  const actor = await actorOf(deps, user, meta.ip);
  // While the account waits, the password is not even checked (no guessing during the wait), and the
  // attempt neither counts nor lengthens the wait: a right password after it gets in.
  const wait = remainingWait(user, now);
  if (wait > 0) {
    await recordAuditAlone(deps, actor, { action: 'auth.login', outcome: 'failed', targetType: 'user', targetId: user.id, after: { reason: 'backoff', wait_seconds: wait } });
    throw backoffError(wait);
  }
  const passwordOk = await verifyPassword(user.password_hash, password);
  if (!passwordOk || toBool(user.disabled)) {
    if (toBool(user.disabled)) {
      await recordAuditAlone(deps, actor, { action: 'auth.login', outcome: 'failed', targetType: 'user', targetId: user.id, after: { reason: 'disabled' } });
      throw new AppError('invalid_credentials');
    }
    await registerFailure(deps, user, actor, 'auth.login', 'wrong_password');
    throw new AppError('invalid_credentials');
  }
  const mfaPassed = !toBool(user.mfa_enabled);
  return deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { failed_logins: 0, locked_until: null, last_login_at: nowIso(now) });
    const { token, row } = await createSession(trx, deps, user, { ...meta, mfaPassed });
    await recordAudit(trx, actor, { action: 'auth.login', targetType: 'user', targetId: user.id, after: { mfa: mfaPassed ? 'not_enrolled' : 'pending' } }, now);
    const fresh = { ...user, failed_logins: 0, locked_until: null };
    return { token, session: row, user: fresh, nextStep: nextStepOf(fresh, row) };
  });
}

/**
 * The user's TOTP secret, or null when it cannot be unsealed (master key replaced): recovery codes,
 * which are only hashed, must still let the user in.
 */
function openTotpSecret(deps: Deps, user: UserRow): string | null {
  try {
    return deps.secretBox.open(user.totp_secret_enc!);
  } catch {
    deps.log.error({ userId: user.id }, 'TOTP secret cannot be unsealed with the current master key');
    return null;
  }
}

/** Step two: a TOTP code or a recovery code. */
export async function verifyMfa(deps: Deps, resolved: ResolvedSession, code: string) {
  const { user, session, actor } = resolved;
  if (resolved.nextStep !== 'mfa') throw new AppError('bad_request', [{ field: 'code', reason: bi('多要素認証は既に完了しています', 'MFA is already completed') }]);
  const now = deps.now();
  const waiting = remainingWait(user, now);
  if (waiting > 0) throw backoffError(waiting);
  const secret = user.totp_secret_enc ? openTotpSecret(deps, user) : null;
  const step = secret ? await checkTotp(secret, code, user.totp_last_step) : null;
  let method: 'totp' | 'recovery_code' | null = step !== null ? 'totp' : null;
  const renewed = await deps.db.transaction().execute(async (trx) => {
    if (method === null && !/^\d{6}$/.test(code) && (await consumeRecoveryCode(trx, user.id, hashRecoveryCode(code), nowIso(now)))) method = 'recovery_code';
    if (method === 'totp' && !(await claimTotpStep(trx, user.id, step!))) method = null;
    if (method === null) return null;
    if (method === 'recovery_code') await updateUser(trx, user.id, { failed_logins: 0 });
    // The session gains its full rights: it continues under a new token, the old one ends.
    const fresh = await renewSession(trx, deps, session, { mfaPassed: true });
    await recordAudit(trx, actor, { action: 'auth.mfa', targetType: 'user', targetId: user.id, after: { method, session_renewed: true } }, now);
    return fresh;
  });
  if (method === null) {
    const wait = await registerFailure(deps, user, actor, 'auth.mfa', 'wrong_code');
    // Once the account has to wait, the half-signed-in session ends: the next try starts from the password.
    if (wait > 0) {
      await deleteSession(deps.db, session.id);
      throw backoffError(wait);
    }
    throw new AppError('mfa_invalid', [{ field: 'code', reason: bi('認証コードが正しくありません', 'The code is incorrect') }]);
  }
  const passed = renewed!.row;
  return { token: renewed!.token, session: passed, user, nextStep: nextStepOf(user, passed) };
}

export async function logout(deps: Deps, resolved: ResolvedSession): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await deleteSession(trx, resolved.session.id);
    await recordAudit(trx, resolved.actor, { action: 'auth.logout', targetType: 'user', targetId: resolved.user.id }, deps.now());
  });
}

/** Ends every session of the user, on every device, including this one. */
export async function logoutEverywhere(deps: Deps, resolved: ResolvedSession): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const ended = await deleteSessionsOfUser(trx, resolved.user.id);
    await recordAudit(trx, resolved.actor, { action: 'auth.logout_everywhere', targetType: 'user', targetId: resolved.user.id, after: { sessions_ended: ended } }, deps.now());
    return ended;
  });
}

/** Changes one's own password; other sessions end so a stolen session dies with the old password. */
export async function changeOwnPassword(deps: Deps, resolved: ResolvedSession, currentPassword: string, newPassword: string) {
  const { user, actor } = resolved;
  if (resolved.nextStep === 'mfa') throw new AppError('mfa_required');
  const waiting = remainingWait(user, deps.now());
  if (waiting > 0) throw backoffError(waiting);
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    await registerFailure(deps, user, actor, 'user.password_change', 'wrong_current_password');
    throw invalid('current_password', bi('現在のパスワードが正しくありません', 'The current password is incorrect'));
  }
  const problem = passwordProblem(newPassword, user.email);
  if (problem) throw invalid('new_password', PASSWORD_PROBLEM_MESSAGES[problem].ja);
  if (await verifyPassword(user.password_hash, newPassword)) throw invalid('new_password', bi('現在と異なるパスワードにしてください', 'Choose a password different from the current one'));
  const hash = await hashPassword(newPassword);
  const now = deps.now();
  const renewed = await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: hash, password_changed_at: nowIso(now), must_change_password: 0, failed_logins: 0, updated_at: nowIso(now) });
    await deleteSessionsOfUser(trx, user.id, resolved.session.id);
    // This session too continues under a new token: the one used with the old password ends.
    const fresh = await renewSession(trx, deps, resolved.session, { mfaPassed: toBool(resolved.session.mfa_passed) });
    await recordAudit(trx, actor, { action: 'user.password_change', targetType: 'user', targetId: user.id, after: { session_renewed: true } }, now);
    return fresh;
  });
  const updated = { ...user, password_hash: hash, must_change_password: 0 };
  return { token: renewed.token, session: renewed.row, user: updated, nextStep: nextStepOf(updated, renewed.row) };
}
