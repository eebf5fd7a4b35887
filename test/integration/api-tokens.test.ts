// API tokens for automation: shown once, stored hashed, used as Bearer, scoped to one organisation and one
// non-administrator role, and useless once revoked or expired.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, buildVendor, type TestOrganisation, type TestUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, countRows, expectError, expectStatus } from '../support/assertions.ts';

describe.each(dialects)('API tokens on %s', (dialect) => {
  const t = useTestApp(dialect);
  let city: TestOrganisation;
  let admin: TestUser;
  let session: Session;

  beforeAll(async () => {
    city = await buildMunicipality(t);
    admin = await buildUser(t, { organisation: city, role: 'org_admin' });
    session = await signInFully(t.app, admin);
  });

  async function issue(body: Record<string, unknown>) {
    const res = await api(t.app, session).post('/api/tokens', body);
    expectStatus(res, 201);
    return res.json() as { token: { id: string; token_prefix: string; role: string; expires_at: string | null }; secret: string };
  }

  const bearer = (secret: string) => api(t.app, { token: secret });

  it('shows the secret once and stores only its hash', async () => {
    const { token, secret } = await issue({ name: '台帳連携バッチ', role: 'editor' });
    expect(secret).toMatch(/^dch_[A-Za-z0-9_-]{40,}$/);
    expect(token.token_prefix).toBe(secret.slice(0, 10));

    const list = await api(t.app, session).get('/api/tokens');
    expectStatus(list, 200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(token.id);
    expect(list.body).not.toContain(secret);

    const tableDump = JSON.stringify(await t.db.selectFrom('api_tokens').selectAll().execute());
    expect(tableDump).not.toContain(secret);
    expect(tableDump).not.toContain(secret.slice(4)); // not even without the dch_ prefix
    const auditDump = JSON.stringify(await t.db.selectFrom('audit_log').selectAll().execute());
    expect(auditDump).not.toContain(secret.slice(4));
  });

  it('works as a Bearer token without CSRF, acting in its own organisation with its role', async () => {
    const { token, secret } = await issue({ name: 'reader', role: 'editor' });
    const orgs = await bearer(secret).get('/api/organisations');
    expectStatus(orgs, 200);
    expect(orgs.json().items.map((o: { id: string }) => o.id)).toEqual([city.id]);
    expectStatus(await bearer(secret).get('/api/users'), 200); // editors read users

    // An unsafe request is decided by the policy (the role may not manage users), not refused for lack of CSRF.
    const before = await countRows(t, 'users');
    const create = await bearer(secret).post('/api/users', { email: 'via-token@it.daicho.example', display_name: 'x', role: 'viewer' });
    expectError(create, 403, 'forbidden');
    expect(await countRows(t, 'users')).toBe(before);

    const denial = (await auditEntries(t, { action: 'permission.denied' })).at(-1)!;
    expect(denial.actor_label).toBe(`token:reader (${token.token_prefix})`);
    expect(denial.after).toEqual({ permission: 'user:manage' });

    const stored = await t.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(stored.last_used_at).not.toBeNull();
  });

  it('a viewer token cannot read users: the token’s role, not the issuer’s, decides', async () => {
    const { secret } = await issue({ name: 'viewer bot', role: 'viewer' });
    expectStatus(await bearer(secret).get('/api/organisations'), 200);
    expectError(await bearer(secret).get('/api/users'), 403, 'forbidden');
  });

  it('cannot reach another organisation’s objects (404)', async () => {
    const other = await buildMunicipality(t);
    const stranger = await buildUser(t, { organisation: other, role: 'editor' });
    const { secret } = await issue({ name: 'scoped', role: 'editor' });
    expectError(await bearer(secret).get(`/api/organisations/${other.id}`), 404, 'not_found', []);
    expectError(await bearer(secret).get(`/api/users/${stranger.id}`), 404, 'not_found', []);
  });

  it.each(['org_admin', 'operator_admin'])('refuses to issue a token with the administrator role %s', async (role) => {
    const before = await countRows(t, 'api_tokens');
    expectError(await api(t.app, session).post('/api/tokens', { name: 'too powerful', role }), 400, 'validation_failed', ['role']);
    expect(await countRows(t, 'api_tokens')).toBe(before);
  });

  it('refuses a role that the organisation kind cannot hold', async () => {
    expectError(await api(t.app, session).post('/api/tokens', { name: 'wrong kind', role: 'vendor_member' }), 400, 'validation_failed', ['role']);
  });

  it('a vendor administrator issues vendor_member tokens', async () => {
    const vendor = await buildVendor(t);
    const vendorAdmin = await buildUser(t, { organisation: vendor, role: 'org_admin' });
    const vendorSession = await signInFully(t.app, vendorAdmin);
    const res = await api(t.app, vendorSession).post('/api/tokens', { name: 'incident feed', role: 'vendor_member' });
    expectStatus(res, 201);
    const orgs = await bearer(res.json().secret).get('/api/organisations');
    expect(orgs.json().items.map((o: { id: string }) => o.id)).toEqual([vendor.id]);
  });

  it('a revoked token is refused with 401', async () => {
    const { token, secret } = await issue({ name: 'short lived', role: 'viewer' });
    expectStatus(await bearer(secret).get('/api/organisations'), 200);
    const revoked = await api(t.app, session).delete(`/api/tokens/${token.id}`);
    expectStatus(revoked, 200);
    expect(revoked.json().revoked_at).not.toBeNull();
    expectError(await bearer(secret).get('/api/organisations'), 401, 'unauthenticated', ['authorization']);
    const [entry] = await auditEntries(t, { action: 'api_token.revoke', targetId: token.id });
    expect(entry.actor_user_id).toBe(admin.id);
  });

  it('an expired token is refused with 401', async () => {
    const { token, secret } = await issue({ name: 'one day', role: 'viewer', expires_in_days: 1 });
    expect(token.expires_at).not.toBeNull();
    t.clock.advanceHours(23);
    expectStatus(await bearer(secret).get('/api/organisations'), 200);
    t.clock.advanceHours(2);
    expectError(await bearer(secret).get('/api/organisations'), 401, 'unauthenticated', ['authorization']);
    // The administrator's session lived through it only because it stayed active; sign in again for the rest.
    session = await signInFully(t.app, admin);
  });

  it('an unknown or malformed token is refused with 401', async () => {
    expectError(await bearer('dch_not-a-real-token').get('/api/organisations'), 401, 'unauthenticated', ['authorization']);
    expectError(await bearer('').get('/api/organisations'), 401, 'unauthenticated');
  });

  // Routes that only make sense for a person at a browser: a token must be refused there (403), not crash.
  const sessionOnly: [string, 'get' | 'post' | 'put', string, unknown][] = [
    ['my session', 'get', '/api/auth/me', undefined],
    ['password change', 'post', '/api/auth/password', { current_password: 'x', new_password: 'Atarashii-Pass-2026' }],
    ['MFA status', 'get', '/api/me/mfa', undefined],
    ['MFA setup', 'post', '/api/me/mfa/setup', undefined],
    ['MFA enable', 'post', '/api/me/mfa/enable', { code: '123456' }],
    ['language', 'put', '/api/me/locale', { locale: 'en' }],
    ['sign out', 'post', '/api/auth/logout', undefined],
    ['sign out everywhere', 'post', '/api/auth/logout-everywhere', undefined],
    ['new recovery codes', 'post', '/api/me/mfa/recovery-codes', undefined],
    ['MFA disable', 'post', '/api/me/mfa/disable', { password: 'x', code: '123456' }],
  ];
  it.each(sessionOnly)('cannot reach the session-only route %s (%s %s)', async (_name, method, url, body) => {
    const { secret } = await issue({ name: `session-only ${url}`, role: 'editor' });
    const caller = bearer(secret);
    const res = method === 'get' ? await caller.get(url) : await caller[method](url, body);
    expectError(res, 403, 'forbidden', ['authorization']);
  });
});
