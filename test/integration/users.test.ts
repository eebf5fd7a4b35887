// User administration by an organisation administrator, and the promise that a failed request changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, type TestOrganisation, type TestUser } from '../support/factories.ts';
import { api, loginRequest, signIn, signInFully, type Session } from '../support/http.ts';
import { auditEntries, auditHead, countRows, expectError, expectStatus } from '../support/assertions.ts';

describe.each(dialects)('users on %s', (dialect) => {
  const t = useTestApp(dialect);
  let city: TestOrganisation;
  let admin: TestUser;
  let session: Session;

  beforeAll(async () => {
    city = await buildMunicipality(t);
    admin = await buildUser(t, { organisation: city, role: 'org_admin' });
    session = await signInFully(t.app, admin);
  });

  const asAdmin = () => api(t.app, session);
  let serial = 0;
  const freshEmail = () => `staff-${++serial}-${Date.now()}@it.daicho.example`;

  /** Everything a failed request must leave alone. */
  async function snapshot() {
    return { users: await countRows(t, 'users'), audit: await auditHead(t), sessions: await countRows(t, 'sessions'), tokens: await countRows(t, 'api_tokens') };
  }

  describe('creating users', () => {
    it('shows a generated temporary password once; the new user must change it at first sign-in', async () => {
      const email = freshEmail();
      const res = await asAdmin().post('/api/users', { email, display_name: '新任 職員', role: 'editor' });
      expectStatus(res, 201);
      const { user, temporary_password } = res.json();
      expect(user).toMatchObject({ email, display_name: '新任 職員', role: 'editor', organisation_id: city.id, must_change_password: true, mfa_enabled: false });
      expect(temporary_password).toEqual(expect.any(String));
      const listed = await asAdmin().get('/api/users');
      expect(listed.body).not.toContain(temporary_password);
      const first = await signIn(t.app, email, temporary_password);
      expect(first.me.next_step).toBe('change_password');
    });

    it('stores e-mail addresses in lower case, so the same address cannot be registered twice', async () => {
      const email = freshEmail();
      expectStatus(await asAdmin().post('/api/users', { email: email.toUpperCase(), display_name: '大文字', role: 'viewer' }), 201);
      const before = await snapshot();
      expectError(await asAdmin().post('/api/users', { email, display_name: '小文字', role: 'viewer' }), 409, 'conflict', ['email']);
      expect(await snapshot()).toEqual(before);
    });

    it('finds users by part of the name or e-mail', async () => {
      await buildUser(t, { organisation: city, role: 'viewer', displayName: '検索 対象子' });
      const found = await asAdmin().get(`/api/users?q=${encodeURIComponent('対象')}`);
      expect(found.json().items.map((u: { display_name: string }) => u.display_name)).toEqual(['検索 対象子']);
      // LIKE wildcards in the query are matched literally.
      expect((await asAdmin().get('/api/users?q=%25')).json().items).toEqual([]);
    });
  });

  describe('a failed request changes nothing', () => {
    it('a duplicate e-mail: 409 naming email; user count, audit log and sessions unchanged', async () => {
      const existing = await buildUser(t, { organisation: city, role: 'viewer' });
      const before = await snapshot();
      const res = await asAdmin().post('/api/users', { email: existing.email, display_name: '重複 太郎', role: 'editor' });
      expectError(res, 409, 'conflict', ['email']);
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      ['a role the organisation kind cannot hold', { role: 'vendor_member' }, ['role']],
      ['an unknown role', { role: 'superuser' }, ['role']],
      ['a weak temporary password', { temporary_password: 'password1234' }, ['temporary_password']],
      ['a temporary password containing the e-mail name', { temporary_password: 'EMAIL-LOCAL-Hoshi' }, ['temporary_password']],
      ['a malformed e-mail', { email: 'not-an-address' }, ['email']],
      ['an empty name', { display_name: '  ' }, ['display_name']],
    ])('%s: 400 naming the field, nothing stored', async (_label, override, fields) => {
      const email = freshEmail();
      const body: Record<string, unknown> = { email, display_name: '失敗 花子', role: 'editor', ...override };
      if (typeof body.temporary_password === 'string') body.temporary_password = body.temporary_password.replace('EMAIL-LOCAL', email.split('@')[0]);
      const before = await snapshot();
      expectError(await asAdmin().post('/api/users', body), 400, 'validation_failed', fields);
      expect(await snapshot()).toEqual(before);
    });

    it('an update with a bad role leaves the user as they were', async () => {
      const user = await buildUser(t, { organisation: city, role: 'viewer', displayName: '据置 一郎' });
      const before = await snapshot();
      expectError(await asAdmin().patch(`/api/users/${user.id}`, { display_name: '変更後', role: 'operator_admin' }), 400, 'validation_failed', ['role']);
      expect(await snapshot()).toEqual(before);
      expect((await asAdmin().get(`/api/users/${user.id}`)).json()).toMatchObject({ display_name: '据置 一郎', role: 'viewer' });
    });
  });

  describe('changing users', () => {
    it('a changed role ends the user’s sessions, so no session keeps the old rights', async () => {
      const user = await buildUser(t, { organisation: city, role: 'editor' });
      const userSession = await signIn(t.app, user.email, user.password);
      expectStatus(await asAdmin().patch(`/api/users/${user.id}`, { role: 'viewer' }), 200);
      expectError(await api(t.app, userSession).get('/api/auth/me'), 401, 'unauthenticated');
      const again = await signIn(t.app, user.email, user.password);
      expect(again.me.user.role).toBe('viewer');
      expectError(await api(t.app, again).get('/api/users'), 403, 'forbidden');
    });

    it('a disabled user is signed out and cannot sign in; enabling lets them back', async () => {
      const user = await buildUser(t, { organisation: city, role: 'editor' });
      const userSession = await signIn(t.app, user.email, user.password);
      const res = await asAdmin().patch(`/api/users/${user.id}`, { disabled: true });
      expectStatus(res, 200);
      expect(res.json().disabled).toBe(true);
      expectError(await api(t.app, userSession).get('/api/auth/me'), 401, 'unauthenticated');
      expectError(await loginRequest(t.app, user.email, user.password), 401, 'invalid_credentials');
      expectStatus(await asAdmin().patch(`/api/users/${user.id}`, { disabled: false }), 200);
      expectStatus(await loginRequest(t.app, user.email, user.password), 200);
    });

    it('disabling a user ends its API tokens as it ends its sessions: reads and writes answer 401, each revocation audited', async () => {
      const issuer = await buildUser(t, { organisation: city, role: 'org_admin' });
      const issuerSession = await signInFully(t.app, issuer);
      const issued = await api(t.app, issuerSession).post('/api/tokens', { name: '連携バッチ', role: 'editor' });
      expectStatus(issued, 201);
      const { token, secret } = issued.json() as { token: { id: string }; secret: string };
      const bearer = api(t.app, { token: secret });
      expectStatus(await bearer.get('/api/organisations'), 200);
      expectStatus(await bearer.post('/api/register/vendors', { name: `トークン前の事業者${serial++}` }), 201);

      expectStatus(await asAdmin().patch(`/api/users/${issuer.id}`, { disabled: true }), 200);
      expectError(await bearer.get('/api/organisations'), 401, 'unauthenticated');
      expectError(await bearer.post('/api/register/vendors', { name: `トークン後の事業者${serial++}` }), 401, 'unauthenticated');
      expectError(await api(t.app, issuerSession).get('/api/auth/me'), 401, 'unauthenticated');
      const stored = await t.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', token.id).executeTakeFirstOrThrow();
      expect(stored.revoked_at).not.toBeNull();
      const revocations = await auditEntries(t, { action: 'api_token.revoke', targetId: token.id });
      expect(revocations.map((e) => e.after)).toEqual([{ reason: 'user_disabled', user_id: issuer.id }]);

      // Enabling the user again does not bring the token back.
      expectStatus(await asAdmin().patch(`/api/users/${issuer.id}`, { disabled: false }), 200);
      expectError(await bearer.get('/api/organisations'), 401, 'unauthenticated');
    });

    it('a token of a user disabled behind the application’s back (directly in the database) is refused too', async () => {
      const issuer = await buildUser(t, { organisation: city, role: 'org_admin' });
      const issued = await api(t.app, await signInFully(t.app, issuer)).post('/api/tokens', { name: 'バッチ2', role: 'viewer' });
      const bearer = api(t.app, { token: issued.json().secret as string });
      expectStatus(await bearer.get('/api/organisations'), 200);
      await t.db.updateTable('users').set({ disabled: 1 }).where('id', '=', issuer.id).execute();
      expectError(await bearer.get('/api/organisations'), 401, 'unauthenticated');
    });

    it('an administrator cannot change their own role or disable themselves', async () => {
      expectError(await asAdmin().patch(`/api/users/${admin.id}`, { role: 'editor' }), 400, 'validation_failed', ['role']);
      expectError(await asAdmin().patch(`/api/users/${admin.id}`, { disabled: true }), 400, 'validation_failed', ['disabled']);
      expectStatus(await asAdmin().get('/api/auth/me'), 200);
    });

    it('answers 404 for an id that does not exist and 400 for one that is not an id', async () => {
      expectError(await asAdmin().get('/api/users/01900000-0000-7000-8000-000000000000'), 404, 'not_found', []);
      expectError(await asAdmin().get('/api/users/not-an-id'), 400, 'validation_failed', ['id']);
    });
  });
});
