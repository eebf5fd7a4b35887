// The tenancy matrix: every role × every endpoint family × a target in the caller's own organisation or in
// another one. The expected outcome is written out below by hand, as the policy the product promises; it is
// deliberately not computed from src/shared/roles.ts, so that a wrong policy there makes this test fail.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import {
  buildApiToken,
  buildMunicipality,
  buildOperator,
  buildUser,
  buildVendor,
  type TestOrganisation,
  type TestToken,
  type TestUser,
} from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError } from '../support/assertions.ts';
import { parseCsv } from '../support/csv.ts';

const ROLES = ['operator_admin', 'org_admin', 'editor', 'viewer', 'auditor', 'vendor_member'] as const;
type Role = (typeof ROLES)[number];

/*
 * ok      2xx, and the change or the object is really there
 * 403     403 forbidden with no details, and a permission.denied entry in the audit log
 * 404     404 not_found, indistinguishable from an id that does not exist (never a 403 that says more)
 * hidden  2xx, but nothing of the other organisation is in the answer
 * -       not applicable (the endpoint has no notion of a target organisation)
 *
 * "own" is the caller's organisation: the operator's for operator_admin, a municipality for org_admin,
 * editor, viewer and auditor, a vendor for vendor_member. "other" is always an unrelated municipality.
 */
const POLICY = `
  endpoint                    target   operator_admin  org_admin  editor  viewer  auditor  vendor_member
  organisations.list          own      ok              ok         ok      ok      ok       ok
  organisations.list          other    ok              hidden     hidden  hidden  hidden   hidden
  organisations.get           own      ok              ok         ok      ok      ok       ok
  organisations.get           other    ok              404        404     404     404      404
  organisations.update        own      ok              ok         403     403     403      403
  organisations.update        other    ok              404        403     403     403      403
  users.list                  own      ok              ok         ok      403     ok       403
  users.list                  other    ok              404        404     403     404      403
  users.get                   own      ok              ok         ok      403     ok       403
  users.get                   other    ok              404        404     403     404      403
  users.create                own      ok              ok         403     403     403      403
  users.create                other    ok              404        403     403     403      403
  users.update                own      ok              ok         403     403     403      403
  users.update                other    ok              404        403     403     403      403
  users.reset-password        own      ok              ok         403     403     403      403
  users.reset-password        other    ok              404        403     403     403      403
  users.reset-mfa             own      ok              ok         403     403     403      403
  users.reset-mfa             other    ok              404        403     403     403      403
  tokens.list                 own      ok              ok         403     403     403      403
  tokens.list                 other    hidden          hidden     403     403     403      403
  tokens.create               own      ok              ok         403     403     403      403
  tokens.revoke               own      ok              ok         403     403     403      403
  tokens.revoke               other    404             404        403     403     403      403
  audit.list                  own      ok              ok         403     403     ok       403
  audit.list                  other    ok              hidden     403     403     hidden   403
  audit.export                own      ok              ok         403     403     ok       403
  audit.export                other    ok              hidden     403     403     hidden   403
  audit.verify                -        ok              403        403     403     403      403
`;

type Outcome = 'ok' | '403' | '404' | 'hidden';
type Target = 'own' | 'other';
interface Case {
  endpoint: string;
  target: Target;
  role: Role;
  outcome: Outcome;
}

function parsePolicy(table: string): Case[] {
  const [header, ...rows] = table.trim().split('\n').map((line) => line.trim().split(/\s+/));
  expect(header.slice(2)).toEqual([...ROLES]);
  return rows.flatMap(([endpoint, target, ...outcomes]) => {
    expect(outcomes, `row ${endpoint} ${target}`).toHaveLength(ROLES.length);
    return ROLES.map((role, i) => ({ endpoint, target: (target === '-' ? 'own' : target) as Target, role, outcome: outcomes[i] as Outcome }));
  });
}

const CASES = parsePolicy(POLICY);

/** One organisation as seen by the matrix: a user and a token that requests can aim at. */
interface Tenant {
  organisation: TestOrganisation;
  /** A non-administrator whose account the callers read, edit and reset. */
  target: TestUser;
  token: TestToken;
  /** A role this kind of organisation can give to new users and tokens. */
  plainRole: 'viewer' | 'editor' | 'vendor_member';
}

describe.each(dialects)('tenancy matrix on %s', (dialect) => {
  const t = useTestApp(dialect);
  const sessions = {} as Record<Role, Session>;
  const actors = {} as Record<Role, TestUser>;
  const own = {} as Record<Role, Tenant>;
  let other: Tenant;
  let counter = 0;

  async function tenant(organisation: TestOrganisation, plainRole: Tenant['plainRole'], admin: TestUser): Promise<Tenant> {
    const target = await buildUser(t, { organisation, role: plainRole });
    const token = await buildApiToken(t, { organisation, issuer: admin, role: plainRole, name: `matrix ${organisation.name}` });
    return { organisation, target, token, plainRole };
  }

  beforeAll(async () => {
    const operatorOrg = await buildOperator(t);
    const city = await buildMunicipality(t, { name: '自市' });
    const vendor = await buildVendor(t, { name: '自社株式会社' });
    const neighbour = await buildMunicipality(t, { name: '他市' });

    actors.operator_admin = await buildUser(t, { organisation: operatorOrg, role: 'operator_admin' });
    for (const role of ['org_admin', 'editor', 'viewer', 'auditor'] as const) actors[role] = await buildUser(t, { organisation: city, role });
    actors.vendor_member = await buildUser(t, { organisation: vendor, role: 'vendor_member' });
    const vendorAdmin = await buildUser(t, { organisation: vendor, role: 'org_admin' });
    const neighbourAdmin = await buildUser(t, { organisation: neighbour, role: 'org_admin' });

    const operatorTenant = await tenant(operatorOrg, 'viewer', actors.operator_admin);
    const cityTenant = await tenant(city, 'editor', actors.org_admin);
    const vendorTenant = await tenant(vendor, 'vendor_member', vendorAdmin);
    other = await tenant(neighbour, 'editor', neighbourAdmin);
    Object.assign(own, { operator_admin: operatorTenant, org_admin: cityTenant, editor: cityTenant, viewer: cityTenant, auditor: cityTenant, vendor_member: vendorTenant });

    for (const role of ROLES) sessions[role] = await signInFully(t.app, actors[role]);
  });

  /** Sends the request of one endpoint family at the target tenant; `check` confirms an "ok" really happened. */
  async function perform(endpoint: string, role: Role, tenant: Tenant): Promise<{ res: LightMyRequestResponse; visible?: () => boolean; check?: () => void }> {
    const caller = api(t.app, sessions[role]);
    const { organisation, target, token } = tenant;
    const label = `${role}-${++counter}`;
    const itemIds = (res: LightMyRequestResponse) => (res.json().items as { id: string }[]).map((i) => i.id);
    switch (endpoint) {
      case 'organisations.list': {
        const res = await caller.get('/api/organisations');
        return { res, visible: () => itemIds(res).includes(organisation.id) };
      }
      case 'organisations.get': {
        const res = await caller.get(`/api/organisations/${organisation.id}`);
        return { res, check: () => expect(res.json().id).toBe(organisation.id) };
      }
      case 'organisations.update': {
        const res = await caller.patch(`/api/organisations/${organisation.id}`, { name_en: `renamed by ${label}` });
        return { res, check: () => expect(res.json().name_en).toBe(`renamed by ${label}`) };
      }
      case 'users.list': {
        const url = tenant === other ? `/api/users?organisation_id=${organisation.id}` : '/api/users';
        const res = await caller.get(url);
        return { res, visible: () => itemIds(res).includes(target.id) };
      }
      case 'users.get': {
        const res = await caller.get(`/api/users/${target.id}`);
        return { res, check: () => expect(res.json().email).toBe(target.email) };
      }
      case 'users.create': {
        const email = `matrix-${label}@it.daicho.example`;
        const res = await caller.post('/api/users', { organisation_id: organisation.id, email, display_name: `作成 ${label}`, role: tenant.plainRole });
        return { res, check: () => expect(res.json().user).toMatchObject({ email, organisation_id: organisation.id }) };
      }
      case 'users.update': {
        const res = await caller.patch(`/api/users/${target.id}`, { display_name: `更新 ${label}` });
        return { res, check: () => expect(res.json().display_name).toBe(`更新 ${label}`) };
      }
      case 'users.reset-password': {
        const res = await caller.post(`/api/users/${target.id}/reset-password`, {});
        return { res, check: () => expect(res.json().user.must_change_password).toBe(true) };
      }
      case 'users.reset-mfa': {
        const res = await caller.post(`/api/users/${target.id}/reset-mfa`);
        return { res, check: () => expect(res.json().mfa_enabled).toBe(false) };
      }
      case 'tokens.list': {
        const res = await caller.get('/api/tokens');
        return { res, visible: () => itemIds(res).includes(token.id) };
      }
      case 'tokens.create': {
        const res = await caller.post('/api/tokens', { name: `token ${label}`, role: tenant.plainRole });
        return { res, check: () => expect(res.json().secret).toMatch(/^dch_/) };
      }
      case 'tokens.revoke': {
        const res = await caller.delete(`/api/tokens/${token.id}`);
        return { res, check: () => expect(res.json().revoked_at).not.toBeNull() };
      }
      case 'audit.list': {
        const res = await caller.get(`/api/audit?target_id=${target.id}&limit=500`);
        // Entries of the caller's own organisation may mention the target (a refused attempt on it, say);
        // what must not appear is an entry that belongs to the other organisation.
        return { res, visible: () => (res.json().items as { organisation_id: string }[]).some((e) => e.organisation_id === organisation.id) };
      }
      case 'audit.export': {
        const res = await caller.get(`/api/audit/export.csv?target_id=${target.id}`);
        const organisationColumn = 3; // 団体ID
        return { res, visible: () => parseCsv(res.body.replace(/^\uFEFF/, '')).slice(1).some((row) => row[organisationColumn] === organisation.id) };
      }
      case 'audit.verify': {
        const res = await caller.get('/api/audit/verify');
        return { res, check: () => expect(res.json().ok).toBe(true) };
      }
    }
    throw new Error(`no request for ${endpoint}`);
  }

  async function deniedCount(role: Role) {
    return (await auditEntries(t, { action: 'permission.denied', actorUserId: actors[role].id })).length;
  }

  let notFoundBody: unknown;
  beforeAll(async () => {
    notFoundBody = (await api(t.app, sessions.editor).get('/api/organisations/01900000-0000-7000-8000-000000000000')).json();
  });

  it.each(CASES)('$endpoint on $target organisation as $role → $outcome', async ({ endpoint, target, role, outcome }) => {
    const tenant = target === 'own' ? own[role] : other;
    const denialsBefore = await deniedCount(role);
    const { res, visible, check } = await perform(endpoint, role, tenant);

    if (outcome === '403') {
      expectError(res, 403, 'forbidden', []);
      expect(await deniedCount(role), 'a permission.denied audit entry').toBe(denialsBefore + 1);
      const denial = (await auditEntries(t, { action: 'permission.denied', actorUserId: actors[role].id })).at(-1)!;
      expect(denial).toMatchObject({ outcome: 'denied', organisation_id: actors[role].organisationId });
      expect(denial.after.permission).toEqual(expect.any(String));
      return;
    }
    expect(await deniedCount(role), 'no permission.denied entry for an allowed or hidden request').toBe(denialsBefore);
    if (outcome === '404') {
      expectError(res, 404, 'not_found', []);
      expect(res.json()).toEqual(notFoundBody);
      return;
    }
    expect([200, 201], res.body).toContain(res.statusCode);
    if (outcome === 'hidden') {
      expect(visible, `${endpoint} lists things`).toBeDefined();
      expect(visible!(), 'the other organisation’s rows are not in the answer').toBe(false);
      return;
    }
    if (visible) expect(visible(), 'the organisation’s rows are in the answer').toBe(true);
    check?.();
  });

  it('the matrix covers every role for every endpoint family', () => {
    const families = new Set(CASES.map((c) => c.endpoint.split('.')[0]));
    expect([...families].sort()).toEqual(['audit', 'organisations', 'tokens', 'users']);
    expect(CASES.length).toBe(28 * ROLES.length);
  });
});
