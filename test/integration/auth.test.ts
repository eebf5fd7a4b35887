// Signing in and out: passwords, lockout, rate limiting, session timeouts, CSRF, password change and reset.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, DEFAULT_PASSWORD, type TestUser } from '../support/factories.ts';
import { api, loginRequest, signIn, signInFully, SESSION_COOKIE, type Session } from '../support/http.ts';
import { auditEntries, auditHead, expectError, expectStatus } from '../support/assertions.ts';

describe.each(dialects)('authentication on %s', (dialect) => {
  const t = useTestApp(dialect);

  async function newEditor(options: { mustChangePassword?: boolean; password?: string } = {}): Promise<TestUser> {
    const city = await buildMunicipality(t);
    return buildUser(t, { organisation: city, role: 'editor', ...options });
  }

  const me = (session: Session) => api(t.app, session).get('/api/auth/me');

  it('runs on the database it says it does, and answers the health check without sign-in', async () => {
    const res = await api(t.app).get('/api/health');
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ status: 'ok', database: 'ok', dialect });
  });

  describe('login', () => {
    it('signs in with the right password and sets an httpOnly, SameSite session cookie', async () => {
      const user = await newEditor();
      const res = await loginRequest(t.app, user.email, user.password);
      expectStatus(res, 200);
      const body = res.json();
      expect(body.user.email).toBe(user.email);
      expect(body.next_step).toBe('none');
      expect(body.permissions).toContain('content:write');
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toContain(`${SESSION_COOKIE}=`);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      expect(setCookie).toMatch(/Path=\//);

      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      const who = await api(t.app, { cookie, csrf: body.csrf_token, me: body }).get('/api/auth/me');
      expectStatus(who, 200);
      expect(who.json().user.id).toBe(user.id);
    });

    it('accepts the e-mail address in any case and with surrounding spaces', async () => {
      const user = await newEditor();
      expectStatus(await loginRequest(t.app, `  ${user.email.toUpperCase()} `, user.password), 200);
    });

    it('answers a wrong password and an unknown e-mail with the same error', async () => {
      const user = await newEditor();
      const wrong = await loginRequest(t.app, user.email, 'not-the-password-at-all');
      const unknown = await loginRequest(t.app, `nobody-${user.id}@it.daicho.example`, 'not-the-password-at-all');
      const wrongBody = expectError(wrong, 401, 'invalid_credentials');
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrongBody);
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('reports a malformed e-mail address as a field error', async () => {
      expectError(await loginRequest(t.app, 'not an e-mail', 'whatever-password'), 400, 'validation_failed', ['email']);
    });

    it('refuses a disabled user with the same error as a wrong password', async () => {
      const user = await newEditor();
      await t.db.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute();
      expectError(await loginRequest(t.app, user.email, user.password), 401, 'invalid_credentials');
    });

    it('a session cookie that the server never issued is not a session', async () => {
      const res = await api(t.app, { cookie: 'forged-cookie-value', csrf: 'x', me: null as never }).get('/api/auth/me');
      expectError(res, 401, 'unauthenticated');
      expectError(await api(t.app).get('/api/organisations'), 401, 'unauthenticated');
    });
  });

  describe('per-account backoff after failures', () => {
    const failuresBefore = (id: string) => auditEntries(t, { action: 'auth.login', targetId: id });

    it('after loginMaxFailures failures each attempt waits 2, 4, 8 … seconds (429 with Retry-After); a right password after the wait gets in', async () => {
      const user = await newEditor();
      const max = t.config.loginMaxFailures;
      for (let i = 1; i < max; i++) expectError(await loginRequest(t.app, user.email, `wrong-password-${i}`), 401, 'invalid_credentials');
      // The max-th failure is answered as a failure; from now on the account waits 2 s.
      expectError(await loginRequest(t.app, user.email, 'wrong-password-last'), 401, 'invalid_credentials');
      const waiting = expectError(await loginRequest(t.app, user.email, user.password), 429, 'login_backoff', ['email']);
      expect(waiting.error.message_en).toMatch(/wait/i);
      expect(waiting.error.details[0].reason).toBe('あと2秒待ってから再度お試しください');
      expect(waiting.error.details[0].reason_en).toBe('Wait 2 seconds before trying again');
      const res = await loginRequest(t.app, user.email, 'wrong-during-wait');
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe('2');

      // After the wait a wrong password doubles it; attempts during the wait change nothing.
      t.clock.advanceMinutes(2.1 / 60);
      expectError(await loginRequest(t.app, user.email, 'wrong-after-wait'), 401, 'invalid_credentials');
      expect((await loginRequest(t.app, user.email, user.password)).headers['retry-after']).toBe('4');
      t.clock.advanceMinutes(4.1 / 60);
      expectStatus(await loginRequest(t.app, user.email, user.password), 200);

      const reasons = (await failuresBefore(user.id)).map((e) => [e.outcome, e.after?.reason ?? null, e.after?.wait_seconds ?? null]);
      expect(reasons).toEqual([
        ...Array.from({ length: max - 1 }, () => ['failed', 'wrong_password', 0]),
        ['failed', 'wrong_password', 2],
        ['failed', 'backoff', 2],
        ['failed', 'backoff', 2],
        ['failed', 'wrong_password', 4],
        ['failed', 'backoff', 4],
        ['ok', null, null],
      ]);
    });

    it('an address with no account answers exactly like an account: the same 401s, then the same 429 and Retry-After at the same count', async () => {
      const user = await newEditor();
      const nobody = `nobody-${user.id}@it.daicho.example`;
      const max = t.config.loginMaxFailures;
      const answers = async (email: string) => {
        const seen: [number, string | undefined, string | undefined][] = [];
        for (let i = 1; i <= max + 1; i++) {
          const res = await loginRequest(t.app, email, `wrong-password-${i}`);
          seen.push([res.statusCode, res.json().error?.code, res.headers['retry-after'] as string | undefined]);
        }
        return seen;
      };
      const known = await answers(user.email);
      const unknown = await answers(nobody.toUpperCase()); // the address is normalised like an account's
      expect(unknown).toEqual(known);
      expect(known.at(-1)).toEqual([429, 'login_backoff', '2']);
      // After the wait a failure doubles it, as for an account.
      t.clock.advanceMinutes(2.1 / 60);
      expectError(await loginRequest(t.app, nobody, 'again-wrong'), 401, 'invalid_credentials');
      expect((await loginRequest(t.app, nobody, 'during-wait')).headers['retry-after']).toBe('4');
      // The address itself is not kept, only its hash.
      const rows = await t.db.selectFrom('unknown_login_attempts').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain('nobody-');
      expect(rows.find((r) => Number(r.failures) === max + 1)).toBeDefined();
    });

    it('someone who keeps guessing cannot keep the owner out longer than the ceiling (lockoutMinutes)', async () => {
      const user = await newEditor();
      const ceiling = t.config.lockoutMinutes * 60;
      for (let i = 0; i < 40; i++) {
        await loginRequest(t.app, user.email, `attacker-guess-${i}`);
        t.clock.advanceMinutes(ceiling / 60 + 0.1); // every wait has passed
      }
      const last = await t.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(Date.parse(last.locked_until!) - t.clock.now().getTime()).toBeLessThanOrEqual(0);
      await loginRequest(t.app, user.email, 'attacker-guess-last');
      const waiting = await loginRequest(t.app, user.email, user.password);
      expect(waiting.statusCode).toBe(429);
      expect(Number(waiting.headers['retry-after'])).toBeLessThanOrEqual(ceiling);
      expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(ceiling - 5);
      t.clock.advanceMinutes(ceiling / 60 + 0.1);
      expectStatus(await loginRequest(t.app, user.email, user.password), 200);
    });

    it('wrong passwords sent all at once are all counted (no lost updates): the account waits afterwards', async () => {
      const user = await newEditor();
      const max = t.config.loginMaxFailures;
      const attempts = await Promise.all(Array.from({ length: max * 2 }, (_, i) => loginRequest(t.app, user.email, `parallel-wrong-${i}`)));
      for (const res of attempts) expect([401, 429]).toContain(res.statusCode);
      const row = await t.db.selectFrom('users').select('failed_logins').where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(Number(row.failed_logins)).toBe(attempts.filter((r) => r.statusCode === 401).length);
      expectError(await loginRequest(t.app, user.email, user.password), 429, 'login_backoff');
    });

    it('a successful sign-in resets the count of failures', async () => {
      const user = await newEditor();
      const max = t.config.loginMaxFailures;
      for (let i = 1; i < max; i++) await loginRequest(t.app, user.email, 'wrong-password-again');
      expectStatus(await loginRequest(t.app, user.email, user.password), 200);
      for (let i = 1; i < max; i++) expectError(await loginRequest(t.app, user.email, 'wrong-password-again'), 401, 'invalid_credentials');
      expectStatus(await loginRequest(t.app, user.email, user.password), 200);
    });
  });

  describe('rate limiting', () => {
    it('answers 429 in the one error shape once an address tries to sign in too often', async () => {
      const limited = await t.buildSibling({ loginRateLimitPerMinute: 3 });
      const user = await newEditor();
      for (let i = 0; i < 3; i++) expectError(await loginRequest(limited, user.email, 'wrong-password-rate'), 401, 'invalid_credentials');
      const res = await loginRequest(limited, user.email, user.password);
      expectError(res, 429, 'rate_limited');
      expect(res.headers['retry-after']).toBeDefined();
    });
  });

  describe('session timeouts', () => {
    it('ends a session after sessionIdleMinutes without a request; activity keeps it alive', async () => {
      const user = await newEditor();
      const session = await signIn(t.app, user.email, user.password);
      const idle = t.config.sessionIdleMinutes;
      t.clock.advanceMinutes(idle - 1);
      expectStatus(await me(session), 200);
      t.clock.advanceMinutes(idle - 1);
      expectStatus(await me(session), 200);
      t.clock.advanceMinutes(idle + 1);
      expectError(await me(session), 401, 'unauthenticated');
      // Going back in time does not revive it: the expired session was deleted.
      expect(await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    });

    it('ends a session after sessionAbsoluteHours however active it is', async () => {
      const user = await newEditor();
      const session = await signIn(t.app, user.email, user.password);
      const absoluteMinutes = t.config.sessionAbsoluteHours * 60;
      const stride = t.config.sessionIdleMinutes - 1;
      let elapsed = 0;
      while (elapsed + stride < absoluteMinutes) {
        t.clock.advanceMinutes(stride);
        elapsed += stride;
        expectStatus(await me(session), 200);
      }
      t.clock.advanceMinutes(absoluteMinutes - elapsed);
      expectError(await me(session), 401, 'unauthenticated');
    });
  });

  describe('logout', () => {
    it('ends this session only', async () => {
      const user = await newEditor();
      const here = await signIn(t.app, user.email, user.password);
      const there = await signIn(t.app, user.email, user.password);
      const res = await api(t.app, here).post('/api/auth/logout');
      expectStatus(res, 200);
      expect(String(res.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
      expectError(await me(here), 401, 'unauthenticated');
      expectStatus(await me(there), 200);
      expect((await auditEntries(t, { action: 'auth.logout', targetId: user.id })).length).toBe(1);
    });

    it('logout everywhere ends every session of the user, on every device', async () => {
      const user = await newEditor();
      const colleague = await newEditor();
      const here = await signIn(t.app, user.email, user.password);
      const there = await signIn(t.app, user.email, user.password);
      const other = await signIn(t.app, colleague.email, colleague.password);
      const res = await api(t.app, here).post('/api/auth/logout-everywhere');
      expectStatus(res, 200);
      expect(res.json()).toEqual({ sessions_ended: 2 });
      expectError(await me(here), 401, 'unauthenticated');
      expectError(await me(there), 401, 'unauthenticated');
      expectStatus(await me(other), 200);
    });
  });

  describe('CSRF', () => {
    let user: TestUser;
    let session: Session;
    beforeAll(async () => {
      user = await newEditor();
      session = await signIn(t.app, user.email, user.password);
    });

    it('refuses an unsafe request without the x-csrf-token header', async () => {
      expectError(await api(t.app, session).post('/api/auth/logout-everywhere', undefined, { csrf: false }), 403, 'csrf_failed');
      expectError(await api(t.app, session).put('/api/me/locale', { locale: 'en' }, { csrf: false }), 403, 'csrf_failed');
      expectError(await api(t.app, session).post('/api/auth/logout', undefined, { csrf: false }), 403, 'csrf_failed');
      expectStatus(await me(session), 200); // nothing happened
    });

    it('refuses a wrong token, including the token of another session', async () => {
      const otherSession = await signIn(t.app, user.email, user.password);
      expectError(await api(t.app, session).put('/api/me/locale', { locale: 'en' }, { csrf: 'wrong' }), 403, 'csrf_failed');
      expectError(await api(t.app, session).put('/api/me/locale', { locale: 'en' }, { csrf: otherSession.csrf }), 403, 'csrf_failed');
      expect((await me(session)).json().user.locale).toBe('ja');
    });

    it('lets safe requests through without the header, and unsafe ones with the right token', async () => {
      expectStatus(await api(t.app, session).get('/api/organisations', { csrf: false }), 200);
      expectStatus(await api(t.app, session).put('/api/me/locale', { locale: 'en' }), 200);
      expect((await me(session)).json().user.locale).toBe('en');
    });
  });

  describe('changing my password', () => {
    it('names current_password when the current password is wrong, and changes nothing', async () => {
      const user = await newEditor();
      const session = await signIn(t.app, user.email, user.password);
      const res = await api(t.app, session).post('/api/auth/password', { current_password: 'not-my-password', new_password: 'Fuji-Yama-Kawa-2027' });
      expectError(res, 400, 'validation_failed', ['current_password']);
      expectStatus(await loginRequest(t.app, user.email, user.password), 200);
      expectError(await loginRequest(t.app, user.email, 'Fuji-Yama-Kawa-2027'), 401, 'invalid_credentials');
    });

    it('names new_password when the new password breaks the rules', async () => {
      const user = await newEditor();
      const session = await signIn(t.app, user.email, user.password);
      const res = await api(t.app, session).post('/api/auth/password', { current_password: user.password, new_password: 'short' });
      const body = expectError(res, 400, 'validation_failed', ['new_password']);
      expect(body.error.details[0].reason).toContain('12文字以上');
      expectError(
        await api(t.app, session).post('/api/auth/password', { current_password: user.password, new_password: user.password }),
        400,
        'validation_failed',
        ['new_password'],
      );
    });

    it('ends my other sessions; the new password works and the old one does not', async () => {
      const user = await newEditor();
      const here = await signIn(t.app, user.email, user.password);
      const there = await signIn(t.app, user.email, user.password);
      const res = await api(t.app, here).post('/api/auth/password', { current_password: user.password, new_password: 'Fuji-Yama-Kawa-2027' });
      expectStatus(res, 200);
      expect(res.json().next_step).toBe('none');
      expectStatus(await me(here), 200);
      expectError(await me(there), 401, 'unauthenticated');
      expectError(await loginRequest(t.app, user.email, user.password), 401, 'invalid_credentials');
      expectStatus(await loginRequest(t.app, user.email, 'Fuji-Yama-Kawa-2027'), 200);
      const [entry] = await auditEntries(t, { action: 'user.password_change', targetId: user.id });
      expect(entry.outcome).toBe('ok');
    });

    it('renews this session under a new token and CSRF token: the token used with the old password no longer works', async () => {
      const user = await newEditor();
      const here = await signIn(t.app, user.email, user.password);
      const before = { ...here }; // `here` follows the renewal as a browser would; `before` keeps the old token
      const res = await api(t.app, here).post('/api/auth/password', { current_password: user.password, new_password: 'Kita-Minami-Umi-2027' });
      expectStatus(res, 200);
      const renewed = res.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(renewed?.value).toBeTruthy();
      expect(renewed!.value).not.toBe(before.cookie);
      expect(renewed!.httpOnly).toBe(true);
      expect(res.json().csrf_token).not.toBe(before.csrf);
      expectError(await me(before), 401, 'unauthenticated');
      const after = { cookie: renewed!.value, csrf: res.json().csrf_token, me: res.json() };
      expect({ cookie: here.cookie, csrf: here.csrf }).toEqual({ cookie: after.cookie, csrf: after.csrf });
      expectStatus(await me(after), 200);
      expectError(await api(t.app, after).post('/api/auth/logout', {}, { csrf: before.csrf }), 403, 'csrf_failed');
      expect(await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toHaveLength(1);
    });
  });

  describe('password rules', () => {
    const tooLong = 'ab'.repeat(65);
    const cases: [string, (user: TestUser) => string, string][] = [
      ['shorter than 12 characters', () => 'Kawa-2027', '12文字以上'],
      ['longer than 128 characters', () => tooLong, '128文字以内'],
      ['a well-known password', () => 'Password1234', 'よく使われる'],
      ['one character repeated', () => 'zzzzzzzzzzzzzzzz', '同じ文字'],
      ['containing the e-mail name', (user) => `${user.email.split('@')[0]}-Secret!`, 'メールアドレス'],
    ];
    it.each(cases)('refuses a new password %s, naming new_password', async (_label, password, reason) => {
      const user = await newEditor();
      const session = await signIn(t.app, user.email, user.password);
      const res = await api(t.app, session).post('/api/auth/password', { current_password: user.password, new_password: password(user) });
      const body = expectError(res, 400, 'validation_failed', ['new_password']);
      expect(body.error.details[0].reason).toContain(reason);
    });

    it('counts characters, not bytes: a 12-character Japanese passphrase is accepted', async () => {
      const user = await newEditor();
      const session = await signIn(t.app, user.email, user.password);
      const passphrase = 'わたしのひみつのあいことば';
      const res = await api(t.app, session).post('/api/auth/password', { current_password: user.password, new_password: passphrase });
      expectStatus(res, 200);
      expectStatus(await loginRequest(t.app, user.email, passphrase), 200);
    });
  });

  describe('password reset by an administrator', () => {
    let admin: TestUser;
    let adminSession: Session;
    let city: Awaited<ReturnType<typeof buildMunicipality>>;
    beforeAll(async () => {
      city = await buildMunicipality(t);
      admin = await buildUser(t, { organisation: city, role: 'org_admin' });
      adminSession = await signInFully(t.app, admin);
    });

    it('ends the user’s sessions and makes them change the temporary password before anything else', async () => {
      const user = await buildUser(t, { organisation: city, role: 'editor' });
      const old = await signIn(t.app, user.email, user.password);
      const temporary = 'Karimono-Pass-2026';
      const reset = await api(t.app, adminSession).post(`/api/users/${user.id}/reset-password`, { temporary_password: temporary });
      expectStatus(reset, 200);
      expect(reset.json().user.must_change_password).toBe(true);
      expect(reset.json().temporary_password).toBeNull(); // the admin chose it, so it is not echoed back
      expectError(await me(old), 401, 'unauthenticated');
      expectError(await loginRequest(t.app, user.email, user.password), 401, 'invalid_credentials');

      const session = await signIn(t.app, user.email, temporary);
      expect(session.me.next_step).toBe('change_password');
      expect(session.me.permissions).toEqual([]);
      expectError(await api(t.app, session).get('/api/organisations'), 403, 'password_change_required');
      const changed = await api(t.app, session).post('/api/auth/password', { current_password: temporary, new_password: 'Atarashii-Pass-2026' });
      expectStatus(changed, 200);
      expect(changed.json().next_step).toBe('none');
      expectStatus(await api(t.app, session).get('/api/organisations'), 200);

      const [entry] = await auditEntries(t, { action: 'user.password_reset', targetId: user.id });
      expect(entry.actor_user_id).toBe(admin.id);
    });

    it('generates a temporary password when none is given, shows it once, and it works', async () => {
      const user = await buildUser(t, { organisation: city, role: 'viewer' });
      const reset = await api(t.app, adminSession).post(`/api/users/${user.id}/reset-password`, {});
      expectStatus(reset, 200);
      const temporary: string = reset.json().temporary_password;
      expect(temporary).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){3}$/);
      const session = await signIn(t.app, user.email, temporary);
      expect(session.me.next_step).toBe('change_password');
      const row = await t.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.password_hash).not.toContain(temporary);
    });

    it('ends the wait of an account after repeated failures', async () => {
      const user = await buildUser(t, { organisation: city, role: 'viewer', password: DEFAULT_PASSWORD });
      for (let i = 0; i < t.config.loginMaxFailures; i++) await loginRequest(t.app, user.email, 'wrong-password-lock');
      expectError(await loginRequest(t.app, user.email, user.password), 429, 'login_backoff');
      const before = await auditHead(t);
      const reset = await api(t.app, adminSession).post(`/api/users/${user.id}/reset-password`, { temporary_password: 'Karimono-Pass-2027' });
      expectStatus(reset, 200);
      expect(reset.json().user.locked).toBe(false);
      expectStatus(await loginRequest(t.app, user.email, 'Karimono-Pass-2027'), 200);
      expect((await auditEntries(t, { afterSeq: before })).map((e) => e.action)).toEqual(['user.password_reset', 'auth.login']);
    });

    it('refuses a temporary password that breaks the rules, naming temporary_password', async () => {
      const user = await buildUser(t, { organisation: city, role: 'viewer' });
      const res = await api(t.app, adminSession).post(`/api/users/${user.id}/reset-password`, { temporary_password: 'short' });
      expectError(res, 400, 'validation_failed', ['temporary_password']);
      expectStatus(await loginRequest(t.app, user.email, user.password), 200);
    });
  });
});
