// TOTP multi-factor authentication: mandatory enrolment for administrators, sign-in with a code or a
// recovery code, replay protection, turning it off, and an administrator resetting it for someone else.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, type TestUser } from '../support/factories.ts';
import { api, enrolMfa, passMfa, signIn, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { Authenticator } from '../support/totp.ts';

const RECOVERY_CODE = /^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/;

describe.each(dialects)('multi-factor authentication on %s', (dialect) => {
  const t = useTestApp(dialect);

  async function newUser(role: 'org_admin' | 'editor', organisation?: { id: string }): Promise<TestUser> {
    return buildUser(t, { organisation: organisation ?? (await buildMunicipality(t)), role });
  }

  const mfaCode = (session: Session, code: string) => api(t.app, session).post('/api/auth/mfa', { code });

  describe('session renewal', () => {
    it('passing MFA renews the session under a new token and CSRF token; the half-signed-in token ends', async () => {
      const user = await newUser('editor');
      const session = await signIn(t.app, user.email, user.password);
      await enrolMfa(t.app, session, user);
      const pending = await signIn(t.app, user.email, user.password);
      const before = { ...pending }; // `pending` follows the renewal as a browser would; `before` keeps the old token
      const res = await api(t.app, pending).post('/api/auth/mfa', { code: await user.authenticator!.nextCode() });
      expectStatus(res, 200);
      expect(res.json().next_step).toBe('none');
      const renewed = res.cookies.find((c) => c.name === 'daicho_session');
      expect(renewed?.value).toBeTruthy();
      expect(renewed!.value).not.toBe(before.cookie);
      expect(res.json().csrf_token).not.toBe(before.csrf);
      // The token seen before the second factor is worth nothing now.
      expectError(await api(t.app, before).get('/api/auth/me'), 401, 'unauthenticated');
      expectError(await api(t.app, before).get('/api/organisations'), 401, 'unauthenticated');
      expectStatus(await api(t.app, { cookie: renewed!.value, csrf: res.json().csrf_token, me: res.json() }).get('/api/organisations'), 200);
      const [entry] = (await auditEntries(t, { action: 'auth.mfa', targetId: user.id })).slice(-1);
      expect(entry.after).toMatchObject({ method: 'totp', session_renewed: true });
    });

    it('enrolling (which passes MFA for this session) renews the session token too', async () => {
      const admin = await newUser('org_admin');
      const session = await signIn(t.app, admin.email, admin.password);
      const before = { ...session };
      const setup = await api(t.app, session).post('/api/me/mfa/setup');
      const enabled = await api(t.app, session).post('/api/me/mfa/enable', { code: await new Authenticator(setup.json().secret).nextCode() });
      expectStatus(enabled, 200);
      const renewed = enabled.cookies.find((c) => c.name === 'daicho_session');
      expect(renewed?.value).toBeTruthy();
      expect(renewed!.value).not.toBe(before.cookie);
      expectError(await api(t.app, before).get('/api/auth/me'), 401, 'unauthenticated');
      // The recovery-codes page keeps its CSRF token: the new session accepts it.
      const after = { cookie: renewed!.value, csrf: before.csrf, me: before.me };
      expectStatus(await api(t.app, after).get('/api/users'), 200);
      expectStatus(await api(t.app, after).post('/api/me/mfa/recovery-codes'), 200);
    });
  });

  describe('enrolment', () => {
    it('an administrator without MFA gets next_step mfa_setup and cannot use the app until enrolled', async () => {
      const admin = await newUser('org_admin');
      const session = await signIn(t.app, admin.email, admin.password);
      expect(session.me.next_step).toBe('mfa_setup');
      expect(session.me.permissions).toEqual([]);
      expectError(await api(t.app, session).get('/api/users'), 403, 'mfa_setup_required');
      expectError(await api(t.app, session).get('/api/organisations'), 403, 'mfa_setup_required');
      expectStatus(await api(t.app, session).get('/api/auth/me'), 200);
      expect((await api(t.app, session).get('/api/me/mfa')).json()).toEqual({ mfa_enabled: false, recovery_codes_left: 0, required: true });
    });

    it('setup shows the secret once, enable with a code returns ten single-use recovery codes', async () => {
      const admin = await newUser('org_admin');
      const session = await signIn(t.app, admin.email, admin.password);
      const setup = await api(t.app, session).post('/api/me/mfa/setup');
      expectStatus(setup, 200);
      const { secret, otpauth_uri } = setup.json();
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
      expect(otpauth_uri).toContain(`secret=${secret}`);
      expect(otpauth_uri).toContain('issuer=Daicho');
      const authenticator = new Authenticator(secret);

      // A wrong code leaves the user where they were.
      expectError(await api(t.app, session).post('/api/me/mfa/enable', { code: await authenticator.staleCode() }), 400, 'validation_failed', ['code']);
      expect((await api(t.app, session).get('/api/auth/me')).json().next_step).toBe('mfa_setup');

      const enabled = await api(t.app, session).post('/api/me/mfa/enable', { code: await authenticator.nextCode() });
      expectStatus(enabled, 200);
      const codes: string[] = enabled.json().recovery_codes;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const code of codes) expect(code).toMatch(RECOVERY_CODE);

      expect((await api(t.app, session).get('/api/auth/me')).json().next_step).toBe('none');
      expectStatus(await api(t.app, session).get('/api/users'), 200);
      expect((await api(t.app, session).get('/api/me/mfa')).json()).toEqual({ mfa_enabled: true, recovery_codes_left: 10, required: true });

      // Neither the seed nor the recovery codes are stored in the clear.
      const row = await t.db.selectFrom('users').selectAll().where('id', '=', admin.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(secret);
      const stored = JSON.stringify(await t.db.selectFrom('recovery_codes').selectAll().where('user_id', '=', admin.id).execute());
      for (const code of codes) {
        expect(stored).not.toContain(code);
        expect(stored).not.toContain(code.replace('-', ''));
      }
      const actions = (await auditEntries(t, { targetId: admin.id })).map((e) => `${e.action}:${e.outcome}`);
      expect(actions).toEqual(['user.create:ok', 'auth.login:ok', 'mfa.setup_started:ok', 'mfa.enable:failed', 'mfa.enable:ok']);
    });
  });

  describe('signing in with MFA', () => {
    let admin: TestUser;
    beforeAll(async () => {
      admin = await newUser('org_admin');
      await signInFully(t.app, admin);
    });

    it('the next sign-in answers 401 mfa_required until a code is given', async () => {
      const session = await signIn(t.app, admin.email, admin.password);
      expect(session.me.next_step).toBe('mfa');
      expect(session.me.permissions).toEqual([]);
      expectError(await api(t.app, session).get('/api/organisations'), 401, 'mfa_required');
      expectError(await api(t.app, session).get('/api/users'), 401, 'mfa_required');
      // A password alone cannot replace the authenticator.
      expectError(await api(t.app, session).post('/api/me/mfa/setup'), 401, 'mfa_required');
      await passMfa(t.app, session, admin);
      expect(session.me.next_step).toBe('none');
      expectStatus(await api(t.app, session).get('/api/organisations'), 200);
    });

    it('a wrong code is refused with mfa_invalid naming the field code', async () => {
      const session = await signIn(t.app, admin.email, admin.password);
      expectError(await mfaCode(session, await admin.authenticator!.staleCode()), 401, 'mfa_invalid', ['code']);
      expectError(await mfaCode(session, 'ABCDE-FGHJK'), 401, 'mfa_invalid', ['code']);
      expectError(await api(t.app, session).get('/api/organisations'), 401, 'mfa_required');
      const failed = (await auditEntries(t, { action: 'auth.mfa', targetId: admin.id })).filter((e) => e.outcome === 'failed');
      expect(failed.length).toBeGreaterThanOrEqual(2);
      expect(failed[0].after).toMatchObject({ reason: 'wrong_code' });
    });

    it('a code that was accepted once is refused the second time (replay)', async () => {
      const first = await signIn(t.app, admin.email, admin.password);
      const code = await admin.authenticator!.nextCode();
      expectStatus(await mfaCode(first, code), 200);
      const second = await signIn(t.app, admin.email, admin.password);
      expectError(await mfaCode(second, code), 401, 'mfa_invalid', ['code']);
      expectError(await api(t.app, second).get('/api/organisations'), 401, 'mfa_required');
    });

    it('the same code sent on two sessions at once is accepted only once', async () => {
      const user = await newUser('org_admin');
      await signInFully(t.app, user);
      const [a, b] = [await signIn(t.app, user.email, user.password), await signIn(t.app, user.email, user.password)];
      const code = await user.authenticator!.nextCode();
      const answers = await Promise.all([mfaCode(a, code), mfaCode(b, code)]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    });

    it('a recovery code sent on two sessions at once is accepted only once', async () => {
      const user = await newUser('org_admin');
      await signInFully(t.app, user);
      const [a, b] = [await signIn(t.app, user.email, user.password), await signIn(t.app, user.email, user.password)];
      const code = user.recoveryCodes![0];
      const answers = await Promise.all([mfaCode(a, code), mfaCode(b, code)]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    });

    it('a recovery code works once only, in any case and with or without the hyphen', async () => {
      const [first, second] = admin.recoveryCodes!;
      const a = await signIn(t.app, admin.email, admin.password);
      const passed = await mfaCode(a, first);
      expectStatus(passed, 200);
      expect(passed.json().next_step).toBe('none');
      expect((await api(t.app, a).get('/api/me/mfa')).json().recovery_codes_left).toBe(9);

      const b = await signIn(t.app, admin.email, admin.password);
      expectError(await mfaCode(b, first), 401, 'mfa_invalid', ['code']);
      expectStatus(await mfaCode(b, second.toLowerCase().replace('-', '')), 200);
      expect((await api(t.app, b).get('/api/me/mfa')).json().recovery_codes_left).toBe(8);
      const methods = (await auditEntries(t, { action: 'auth.mfa', targetId: admin.id })).filter((e) => e.outcome === 'ok').map((e) => e.after.method);
      expect(methods.slice(-2)).toEqual(['recovery_code', 'recovery_code']);
    });

    it('new recovery codes replace the old ones', async () => {
      const session = await signIn(t.app, admin.email, admin.password);
      expectStatus(await mfaCode(session, admin.recoveryCodes![2]), 200);
      const res = await api(t.app, session).post('/api/me/mfa/recovery-codes');
      expectStatus(res, 200);
      const fresh: string[] = res.json().recovery_codes;
      expect(fresh).toHaveLength(10);
      const old = admin.recoveryCodes![5];
      const a = await signIn(t.app, admin.email, admin.password);
      expectError(await mfaCode(a, old), 401, 'mfa_invalid');
      expectStatus(await mfaCode(a, fresh[0]), 200);
      admin.recoveryCodes = fresh.slice(1);
    });

    it('too many wrong codes make the account wait (429, Retry-After) and end the half-signed-in session', async () => {
      const user = await newUser('org_admin');
      await signInFully(t.app, user);
      const session = await signIn(t.app, user.email, user.password);
      const max = t.config.loginMaxFailures;
      for (let i = 1; i < max; i++) expectError(await mfaCode(session, await user.authenticator!.staleCode()), 401, 'mfa_invalid');
      const res = await mfaCode(session, await user.authenticator!.staleCode());
      expectError(res, 429, 'login_backoff');
      expect(res.headers['retry-after']).toBe('2');
      expectError(await api(t.app, session).get('/api/auth/me'), 401, 'unauthenticated');
      expectError(await signInAttempt(user), 429, 'login_backoff');
      t.clock.advanceMinutes(3 / 60);
      expectStatus(await signInAttempt(user), 200);
    });

    function signInAttempt(user: TestUser) {
      return api(t.app).post('/api/auth/login', { email: user.email, password: user.password });
    }
  });

  describe('turning MFA off', () => {
    it('an administrator cannot turn it off', async () => {
      const admin = await newUser('org_admin');
      const session = await signInFully(t.app, admin);
      const res = await api(t.app, session).post('/api/me/mfa/disable', { password: admin.password, code: '123456' });
      expectError(res, 403, 'forbidden', ['mfa']);
      expect((await api(t.app, session).get('/api/me/mfa')).json().mfa_enabled).toBe(true);
    });

    it('another user may turn it on, and off again with their password and a current code', async () => {
      const editor = await newUser('editor');
      const session = await signIn(t.app, editor.email, editor.password);
      expect(session.me.next_step).toBe('none'); // optional for non-administrators
      await enrolMfa(t.app, session, editor);

      const again = await signIn(t.app, editor.email, editor.password);
      expect(again.me.next_step).toBe('mfa');
      await passMfa(t.app, again, editor);

      const disable = (body: { password: string; code: string }) => api(t.app, again).post('/api/me/mfa/disable', body);
      expectError(await disable({ password: 'not-my-password', code: '123456' }), 400, 'validation_failed', ['password']);
      expectError(await disable({ password: editor.password, code: await editor.authenticator!.staleCode() }), 400, 'validation_failed', ['code']);
      expectStatus(await disable({ password: editor.password, code: await editor.authenticator!.nextCode() }), 200);

      const later = await signIn(t.app, editor.email, editor.password);
      expect(later.me.next_step).toBe('none');
      expect((await api(t.app, later).get('/api/me/mfa')).json()).toEqual({ mfa_enabled: false, recovery_codes_left: 0, required: false });
      expect((await auditEntries(t, { action: 'mfa.disable', targetId: editor.id })).length).toBe(1);
    });
  });

  describe('reset by an administrator', () => {
    it('clears another user’s MFA and sessions; an administrator enrols again at next sign-in', async () => {
      const city = await buildMunicipality(t);
      const admin = await newUser('org_admin', city);
      const colleague = await newUser('org_admin', city);
      const adminSession = await signInFully(t.app, admin);
      const colleagueSession = await signInFully(t.app, colleague);

      const res = await api(t.app, adminSession).post(`/api/users/${colleague.id}/reset-mfa`);
      expectStatus(res, 200);
      expect(res.json().mfa_enabled).toBe(false);
      expectError(await api(t.app, colleagueSession).get('/api/auth/me'), 401, 'unauthenticated');
      const next = await signIn(t.app, colleague.email, colleague.password);
      expect(next.me.next_step).toBe('mfa_setup');
      expect(await t.db.selectFrom('recovery_codes').select('id').where('user_id', '=', colleague.id).execute()).toEqual([]);

      const [entry] = await auditEntries(t, { action: 'mfa.reset_by_admin', targetId: colleague.id });
      expect(entry.actor_user_id).toBe(admin.id);
    });

    it('a non-administrator signs in without a code after the reset', async () => {
      const city = await buildMunicipality(t);
      const admin = await newUser('org_admin', city);
      const editor = await newUser('editor', city);
      const adminSession = await signInFully(t.app, admin);
      await enrolMfa(t.app, await signIn(t.app, editor.email, editor.password), editor);
      expectStatus(await api(t.app, adminSession).post(`/api/users/${editor.id}/reset-mfa`), 200);
      expect((await signIn(t.app, editor.email, editor.password)).me.next_step).toBe('none');
    });

    it('an administrator cannot reset their own MFA this way', async () => {
      const admin = await newUser('org_admin');
      const session = await signInFully(t.app, admin);
      expectError(await api(t.app, session).post(`/api/users/${admin.id}/reset-mfa`), 400, 'validation_failed', ['id']);
    });
  });
});
