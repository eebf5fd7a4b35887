// Factories: organisations, users and API tokens made through the services (so they are validated and
// audited like anything else). Each test makes its own organisations, so tests never see each other's data.
import { randomBytes } from 'node:crypto';
import type { OrganisationKind, Role } from '../../src/shared/roles.ts';
import { createOrganisation } from '../../src/server/services/organisations.ts';
import { createUser } from '../../src/server/services/users.ts';
import { createToken } from '../../src/server/services/api-tokens.ts';
import { systemActor, type Actor } from '../../src/server/services/deps.ts';
import type { TestApp } from './harness.ts';
import type { Authenticator } from './totp.ts';

/** The password every factory user gets unless a test says otherwise (meets the password rules). */
export const DEFAULT_PASSWORD = 'Sakura-Tsuki-Hoshi-2026';

const FACTORY = 'test factory';

// ---- check digits, written here independently of src/domain so that the two can disagree ----

/** 全国地方公共団体コード: the 6th digit is the last digit of 11 − (Σ digit × 6,5,4,3,2 mod 11). */
export function withLocalGovernmentCheckDigit(stem: string): string {
  const weighted = [...stem].reduce((sum, digit, i) => sum + Number(digit) * (6 - i), 0);
  return stem + String((11 - (weighted % 11)) % 10);
}

/** 法人番号: the leading check digit is 9 − (Σ digit × (1 or 2, alternating from the right, starting with 1) mod 9). */
export function withCorporateCheckDigit(base: string): string {
  let sum = 0;
  [...base].reverse().forEach((digit, i) => {
    sum += Number(digit) * (i % 2 === 0 ? 1 : 2);
  });
  return String(9 - (sum % 9)) + base;
}

/** The same code with its check digit changed to a wrong one. */
export function breakCheckDigit(code: string, position: 'first' | 'last'): string {
  const index = position === 'first' ? 0 : code.length - 1;
  const wrong = String((Number(code[index]) + 1) % 10);
  return code.slice(0, index) + wrong + code.slice(index + 1);
}

// ---- per-database sequences, so codes and e-mails never collide within one test file ----

const sequences = new WeakMap<object, { municipality: number; prefecture: number; vendor: number; user: number }>();
const RUN = randomBytes(3).toString('hex');

function sequence(t: TestApp, key: 'municipality' | 'prefecture' | 'vendor' | 'user'): number {
  let counters = sequences.get(t.deps);
  if (!counters) sequences.set(t.deps, (counters = { municipality: 0, prefecture: 0, vendor: 0, user: 0 }));
  return ++counters[key];
}

/** A municipality code; prefecture numbers 60-98 do not exist, and 99 is left to the demo data. */
function nextMunicipalityCode(t: TestApp): string {
  const n = sequence(t, 'municipality');
  const prefecture = 60 + Math.floor(n / 999);
  const city = (n % 999) + 1;
  return withLocalGovernmentCheckDigit(`${prefecture}${String(city).padStart(3, '0')}`);
}

function nextPrefectureCode(t: TestApp): string {
  const n = sequence(t, 'prefecture');
  if (n > 38) throw new Error('the factory ran out of fictional prefecture numbers (60-98) in this file');
  return withLocalGovernmentCheckDigit(`${59 + n}000`);
}

function nextCorporateNumber(t: TestApp): string {
  return withCorporateCheckDigit(`8888${String(sequence(t, 'vendor')).padStart(8, '0')}`);
}

// ---- organisations ----

export interface TestOrganisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  local_government_code: string | null;
  corporate_number: string | null;
  prefecture_id: string | null;
  member_ids: string[];
}

type Extra = { name?: string; population?: number };

async function create(t: TestApp, input: Parameters<typeof createOrganisation>[2]): Promise<TestOrganisation> {
  return createOrganisation(t.deps, systemActor('', FACTORY), input);
}

export function buildOperator(t: TestApp, extra: Extra = {}) {
  return create(t, { kind: 'operator', name: extra.name ?? `運用者 ${RUN}` });
}

export function buildPrefecture(t: TestApp, extra: Extra = {}) {
  return create(t, { kind: 'prefecture', name: extra.name ?? `テスト県${sequence(t, 'user')}`, local_government_code: nextPrefectureCode(t), population: extra.population });
}

export function buildMunicipality(t: TestApp, extra: Extra & { prefectureId?: string } = {}) {
  return create(t, {
    kind: 'municipality',
    name: extra.name ?? `テスト市${sequence(t, 'user')}`,
    local_government_code: nextMunicipalityCode(t),
    prefecture_id: extra.prefectureId ?? null,
    population: extra.population,
  });
}

export function buildVendor(t: TestApp, extra: Extra = {}) {
  return create(t, { kind: 'vendor', name: extra.name ?? `テスト情報株式会社${sequence(t, 'user')}`, corporate_number: nextCorporateNumber(t) });
}

export function buildAssociation(t: TestApp, memberIds: string[], extra: Extra = {}) {
  return create(t, { kind: 'association', name: extra.name ?? `テスト共同利用協議会${sequence(t, 'user')}`, member_ids: memberIds });
}

// ---- users ----

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  organisationId: string;
  displayName: string;
  /** Set once the user has enrolled TOTP (see enrolMfa). */
  authenticator?: Authenticator;
  recoveryCodes?: string[];
}

export async function buildUser(
  t: TestApp,
  options: { organisation: { id: string }; role: Role; email?: string; displayName?: string; password?: string; mustChangePassword?: boolean },
): Promise<TestUser> {
  const n = sequence(t, 'user');
  const email = options.email ?? `${options.role.replace('_', '-')}-${n}-${RUN}@it.daicho.example`;
  const password = options.password ?? DEFAULT_PASSWORD;
  const displayName = options.displayName ?? `テスト ${options.role} ${n}`;
  const created = await createUser(
    t.deps,
    systemActor(options.organisation.id, FACTORY),
    { organisation_id: options.organisation.id, email, display_name: displayName, role: options.role, locale: 'ja', temporary_password: password },
    { mustChangePassword: options.mustChangePassword ?? false },
  );
  return { id: created.user.id, email, password, role: options.role, organisationId: options.organisation.id, displayName };
}

// ---- API tokens ----

export interface TestToken {
  id: string;
  secret: string;
  role: Role;
}

/** Issues a token on behalf of an administrator of the organisation (created_by must be a real user). */
export async function buildApiToken(
  t: TestApp,
  options: { organisation: TestOrganisation; issuer: TestUser; role: Role; name?: string; expiresInDays?: number },
): Promise<TestToken> {
  const actor: Actor = {
    userId: options.issuer.id,
    organisationId: options.organisation.id,
    organisationKind: options.organisation.kind,
    role: 'org_admin',
    label: FACTORY,
    via: 'system',
    ip: null,
  };
  const created = await createToken(t.deps, actor, { name: options.name ?? `automation ${sequence(t, 'user')}`, role: options.role, expires_in_days: options.expiresInDays ?? null });
  return { id: created.token.id, secret: created.secret, role: options.role };
}
