// The world the proofs act in: owner organisations of every kind with objects in every feature (built
// by the fixtures), and outsiders — organisations of every kind with no relation to the owners — whose
// every role tries each owner object.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../src/shared/roles.ts';
import type { TestApp } from '../../support/harness.ts';
import { buildAssociation, buildMunicipality, buildOperator, buildPrefecture, buildUser, buildVendor, type TestOrganisation, type TestUser } from '../../support/factories.ts';
import { api, signInFully, type Caller, type Session } from '../../support/http.ts';

/**
 * Owners: サンプル県 (pref) with two municipalities (city, town) in a joint-use association (assoc),
 * a vendor whose service the city uses, and the operator.
 * Outsiders: a municipality and a prefecture elsewhere, another vendor, an association the city is not in.
 */
export const OWNER_ORGS = ['pref', 'city', 'town', 'assoc', 'vendor', 'operator'] as const;
export const OUTSIDER_ORGS = ['otherCity', 'otherPref', 'otherVendor', 'otherAssoc'] as const;
export type OrgKey = (typeof OWNER_ORGS)[number] | (typeof OUTSIDER_ORGS)[number];
export type ActorKey = `${OrgKey}.${Role}`;

/** The roles each kind of organisation has; outsiders act in every one of them. */
const ROLES_BY_KIND: Record<string, Role[]> = {
  municipality: ['org_admin', 'editor', 'viewer', 'auditor'],
  prefecture: ['org_admin', 'editor', 'viewer', 'auditor'],
  association: ['org_admin', 'editor', 'viewer'],
  vendor: ['org_admin', 'vendor_member'],
  operator: ['operator_admin'],
};

export interface World {
  t: TestApp;
  org(key: OrgKey): TestOrganisation;
  user(actor: ActorKey): Promise<TestUser>;
  /** An API client signed in (MFA included) as that organisation's user of that role. */
  as(actor: ActorKey): Promise<Caller>;
  session(actor: ActorKey): Promise<Session>;
  /** Ids the fixtures built, by name (e.g. ids.entry); fixtures of later features use earlier ones. */
  ids: Record<string, string>;
  /** Every outsider actor: each role of each outsider organisation. */
  outsiders(): ActorKey[];
}

/** The JSON of a 2xx answer; anything else fails with the request and body named. */
export function ok<T = any>(res: LightMyRequestResponse, what: string): T {
  expect(res.statusCode, `${what}: ${res.statusCode} ${res.body.slice(0, 500)}`).toBeLessThan(300);
  return (res.body ? res.json() : undefined) as T;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const operator = await buildOperator(t);
  const pref = await buildPrefecture(t, { name: 'サンプル県（証明）' });
  const city = await buildMunicipality(t, { name: '証明市', prefectureId: pref.id, population: 120_000 });
  const town = await buildMunicipality(t, { name: '証明町', prefectureId: pref.id, population: 15_000 });
  const assoc = await buildAssociation(t, [city.id, town.id], { name: '証明共同利用協議会' });
  const vendor = await buildVendor(t, { name: '証明情報株式会社' });
  const otherPref = await buildPrefecture(t, { name: '他県' });
  const otherCity = await buildMunicipality(t, { name: '他市', prefectureId: otherPref.id });
  const otherVendor = await buildVendor(t, { name: '他社株式会社' });
  const otherTown = await buildMunicipality(t, { name: '他町', prefectureId: otherPref.id });
  const otherAssoc = await buildAssociation(t, [otherCity.id, otherTown.id], { name: '他の協議会' });
  const orgs: Record<OrgKey, TestOrganisation> = { operator, pref, city, town, assoc, vendor, otherPref, otherCity, otherVendor, otherAssoc };

  const users = new Map<ActorKey, Promise<TestUser>>();
  const sessions = new Map<ActorKey, Promise<Session>>();
  const user = (actor: ActorKey) => {
    let found = users.get(actor);
    if (!found) {
      const [orgKey, role] = actor.split('.') as [OrgKey, Role];
      users.set(actor, (found = buildUser(t, { organisation: orgs[orgKey], role, displayName: `${orgKey} ${role}` })));
    }
    return found;
  };
  const session = (actor: ActorKey) => {
    let found = sessions.get(actor);
    if (!found) sessions.set(actor, (found = user(actor).then((u) => signInFully(t.app, u))));
    return found;
  };
  return {
    t,
    org: (key) => orgs[key],
    user,
    session,
    as: async (actor) => api(t.app, await session(actor)),
    ids: {},
    outsiders: () => OUTSIDER_ORGS.flatMap((key) => ROLES_BY_KIND[orgs[key].kind]!.map((role) => `${key}.${role}` as ActorKey)),
  };
}
