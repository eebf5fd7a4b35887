import { isAdminRole, type Role } from '../../shared/roles.ts';
import { claimTotpStep, countUnusedRecoveryCodes, deleteRecoveryCodes, insertRecoveryCodes, updateUser } from '../repositories/users.ts';
import { toBool } from '../repositories/executor.ts';
import { newId, nowIso } from '../security/ids.ts';
import { verifyPassword } from '../security/passwords.ts';
import { checkTotp, newTotpSecret, totpUri } from '../security/totp.ts';
import { hashRecoveryCode, newRecoveryCodes } from '../security/recovery-codes.ts';
import { AppError, invalid } from './app-error.ts';
import { recordAudit } from './audit.ts';
import type { Deps } from './deps.ts';
import { renewSession, type ResolvedSession } from './sessions.ts';
import { bi } from '../../shared/messages.ts';

export async function mfaStatus(deps: Deps, resolved: ResolvedSession) {
  return {
    mfa_enabled: toBool(resolved.user.mfa_enabled),
    recovery_codes_left: await countUnusedRecoveryCodes(deps.db, resolved.user.id),
    required: isAdminRole(resolved.user.role as Role),
  };
}

/** Starts enrolment: a new secret kept pending until the user proves the authenticator works. */
export async function startMfaSetup(deps: Deps, resolved: ResolvedSession) {
  const { user, actor } = resolved;
  if (resolved.nextStep === 'mfa') throw new AppError('mfa_required');
  if (toBool(user.mfa_enabled)) throw new AppError('conflict', [{ field: 'mfa', reason: bi('多要素認証は既に有効です。再設定するには一度無効にしてください', 'MFA is already enabled; turn it off first to set it up again') }]);
  const secret = newTotpSecret();
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { totp_pending_enc: deps.secretBox.seal(secret), updated_at: nowIso(deps.now()) });
    await recordAudit(trx, actor, { action: 'mfa.setup_started', targetType: 'user', targetId: user.id }, deps.now());
  });
  return { secret, otpauth_uri: totpUri(secret, user.email) };
}

/** Finishes enrolment with a code from the authenticator; returns recovery codes to show once. */
export async function enableMfa(deps: Deps, resolved: ResolvedSession, code: string) {
  const { user, actor, session } = resolved;
  if (resolved.nextStep === 'mfa') throw new AppError('mfa_required');
  if (!user.totp_pending_enc) throw invalid('code', bi('先に多要素認証の設定を開始してください', 'Start the MFA setup first'));
  const secret = deps.secretBox.open(user.totp_pending_enc);
  const step = await checkTotp(secret, code, null);
  if (step === null) {
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, actor, { action: 'mfa.enable', outcome: 'failed', targetType: 'user', targetId: user.id, after: { reason: 'wrong_code' } }, deps.now()),
    );
    throw invalid('code', bi('認証コードが正しくありません。認証アプリの時刻設定も確認してください', 'The code is incorrect; check the clock of your authenticator app'));
  }
  const codes = newRecoveryCodes();
  const now = deps.now();
  const renewed = await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      totp_secret_enc: user.totp_pending_enc,
      totp_pending_enc: null,
      totp_last_step: step,
      mfa_enabled: 1,
      updated_at: nowIso(now),
    });
    await insertRecoveryCodes(trx, user.id, codes.map(hashRecoveryCode), nowIso(now), newId);
    // The session has passed MFA now: it continues under a new token. The page that shows the
    // recovery codes gets no new session description, so the CSRF token stays.
    const fresh = await renewSession(trx, deps, session, { mfaPassed: true, keepCsrf: true });
    await recordAudit(trx, actor, { action: 'mfa.enable', targetType: 'user', targetId: user.id, after: { recovery_codes: codes.length, session_renewed: true } }, now);
    return fresh;
  });
  return { token: renewed.token, recovery_codes: codes };
}

export async function regenerateRecoveryCodes(deps: Deps, resolved: ResolvedSession) {
  const { user, actor } = resolved;
  if (!toBool(user.mfa_enabled)) throw invalid('mfa', bi('多要素認証が有効ではありません', 'MFA is not enabled'));
  const codes = newRecoveryCodes();
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await insertRecoveryCodes(trx, user.id, codes.map(hashRecoveryCode), nowIso(now), newId);
    await recordAudit(trx, actor, { action: 'mfa.recovery_codes_regenerated', targetType: 'user', targetId: user.id }, now);
  });
  return { recovery_codes: codes };
}

/** Turns MFA off; refused for administrators, for whom it is mandatory. */
export async function disableMfa(deps: Deps, resolved: ResolvedSession, password: string, code: string): Promise<void> {
  const { user, actor } = resolved;
  if (isAdminRole(user.role as Role)) throw new AppError('forbidden', [{ field: 'mfa', reason: bi('管理者は多要素認証を無効にできません', 'Administrators cannot turn MFA off') }]);
  if (!toBool(user.mfa_enabled) || !user.totp_secret_enc) throw invalid('mfa', bi('多要素認証が有効ではありません', 'MFA is not enabled'));
  if (!(await verifyPassword(user.password_hash, password))) throw invalid('password', bi('パスワードが正しくありません', 'The password is incorrect'));
  const step = await checkTotp(deps.secretBox.open(user.totp_secret_enc), code, user.totp_last_step);
  if (step === null) throw invalid('code', bi('認証コードが正しくありません', 'The code is incorrect'));
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await claimTotpStep(trx, user.id, step))) throw invalid('code', bi('認証コードが正しくありません', 'The code is incorrect'));
    await updateUser(trx, user.id, { mfa_enabled: 0, totp_secret_enc: null, totp_pending_enc: null, totp_last_step: null, updated_at: nowIso(now) });
    await deleteRecoveryCodes(trx, user.id);
    await recordAudit(trx, actor, { action: 'mfa.disable', targetType: 'user', targetId: user.id }, now);
  });
}
