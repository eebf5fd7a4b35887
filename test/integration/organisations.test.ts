// Organisations: codes with check digits, duplicates, and who sees which organisations (a prefecture its
// municipalities, an association its members, everyone else only themselves).
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import {
  breakCheckDigit,
  buildAssociation,
  buildMunicipality,
  buildOperator,
  buildPrefecture,
  buildUser,
  withCorporateCheckDigit,
  withLocalGovernmentCheckDigit,
  type TestOrganisation,
} from '../support/factories.ts';
import { api, signIn, signInFully, type Session } from '../support/http.ts';
import { auditEntries, countRows, expectError, expectStatus } from '../support/assertions.ts';

describe.each(dialects)('organisations on %s', (dialect) => {
  const t = useTestApp(dialect);
  let operatorSession: Session;

  beforeAll(async () => {
    const operator = await buildOperator(t);
    operatorSession = await signInFully(t.app, await buildUser(t, { organisation: operator, role: 'operator_admin' }));
  });

  const createOrganisation = (body: Record<string, unknown>) => api(t.app, operatorSession).post('/api/organisations', body);
  const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((o) => o.id).sort();

  describe('codes and check digits', () => {
    it('registers a municipality whose 全国地方公共団体コード has a correct check digit', async () => {
      const code = withLocalGovernmentCheckDigit('71201');
      const res = await createOrganisation({ kind: 'municipality', name: '検査市', local_government_code: code, population: 52_000 });
      expectStatus(res, 201);
      expect(res.json()).toMatchObject({ kind: 'municipality', name: '検査市', local_government_code: code, population: 52_000, is_demo: false });
      const [entry] = await auditEntries(t, { action: 'organisation.create', targetId: res.json().id });
      expect(entry.after.local_government_code).toBe(code);
    });

    // 埼玉県 110001 and 栃木県 090000: the remainders 0 and 1, where the check digit wraps.
    it.each(['110001', '090000'])('accepts the published prefecture code %s (check digit edge cases)', async (code) => {
      expectStatus(await createOrganisation({ kind: 'prefecture', name: `県 ${code}`, local_government_code: code }), 201);
    });

    it('refuses a wrong check digit, naming local_government_code, and stores nothing', async () => {
      const before = await countRows(t, 'organisations');
      const code = breakCheckDigit(withLocalGovernmentCheckDigit('71202'), 'last');
      const res = await createOrganisation({ kind: 'municipality', name: '誤記市', local_government_code: code });
      const body = expectError(res, 400, 'validation_failed', ['local_government_code']);
      expect(body.error.details[0].reason).toContain('検査数字');
      expect(await countRows(t, 'organisations')).toBe(before);
    });

    it.each([
      ['five digits', '12345'],
      ['letters', '13101A'],
    ])('refuses a 全国地方公共団体コード with %s, saying why (and only why)', async (_label, code) => {
      const body = expectError(await createOrganisation({ kind: 'municipality', name: '形式市', local_government_code: code }), 400, 'validation_failed');
      expect(new Set(body.error.details.map((d) => d.field))).toEqual(new Set(['local_government_code']));
      expect(body.error.details[0].reason).toContain('6桁');
      // A code that is not six digits has no check digit to get wrong: that message would mislead.
      expect(body.error.details.map((d) => d.reason)).not.toContainEqual(expect.stringContaining('検査数字'));
    });

    it('refuses a prefecture code that is a municipality code, and the other way round', async () => {
      const municipalityCode = withLocalGovernmentCheckDigit('71203');
      const prefectureCode = withLocalGovernmentCheckDigit('72000');
      expectError(await createOrganisation({ kind: 'prefecture', name: '県', local_government_code: municipalityCode }), 400, 'validation_failed', ['local_government_code']);
      expectError(await createOrganisation({ kind: 'municipality', name: '市', local_government_code: prefectureCode }), 400, 'validation_failed', ['local_government_code']);
      expectError(await createOrganisation({ kind: 'municipality', name: 'コードなし市' }), 400, 'validation_failed', ['local_government_code']);
    });

    it('registers a vendor with a valid 法人番号 (including the National Tax Agency’s published 7000012050002)', async () => {
      expectStatus(await createOrganisation({ kind: 'vendor', name: '国税庁（検査用）', corporate_number: '7000012050002' }), 201);
      const number = withCorporateCheckDigit('777700000001');
      const res = await createOrganisation({ kind: 'vendor', name: 'テスト検査株式会社', corporate_number: number });
      expectStatus(res, 201);
      expect(res.json().corporate_number).toBe(number);
    });

    it('refuses a 法人番号 with a wrong check digit, naming corporate_number', async () => {
      const number = breakCheckDigit(withCorporateCheckDigit('777700000002'), 'first');
      const res = await createOrganisation({ kind: 'vendor', name: '誤記株式会社', corporate_number: number });
      const body = expectError(res, 400, 'validation_failed', ['corporate_number']);
      expect(body.error.details[0].reason).toContain('検査数字');
      expectError(await createOrganisation({ kind: 'vendor', name: '番号なし株式会社' }), 400, 'validation_failed', ['corporate_number']);
    });

    it('refuses a 法人番号 that is not 13 digits, saying why (and only why)', async () => {
      const body = expectError(await createOrganisation({ kind: 'vendor', name: '桁違い株式会社', corporate_number: '12345' }), 400, 'validation_failed');
      expect(new Set(body.error.details.map((d) => d.field))).toEqual(new Set(['corporate_number']));
      expect(body.error.details[0].reason).toContain('13桁');
      expect(body.error.details.map((d) => d.reason)).not.toContainEqual(expect.stringContaining('検査数字'));
    });

    it('answers 409 for a code that is already registered, naming the field', async () => {
      const code = withLocalGovernmentCheckDigit('71204');
      const number = withCorporateCheckDigit('777700000003');
      expectStatus(await createOrganisation({ kind: 'municipality', name: '先着市', local_government_code: code }), 201);
      expectStatus(await createOrganisation({ kind: 'vendor', name: '先着株式会社', corporate_number: number }), 201);
      const before = await countRows(t, 'organisations');
      expectError(await createOrganisation({ kind: 'municipality', name: '後着市', local_government_code: code }), 409, 'conflict', ['local_government_code']);
      expectError(await createOrganisation({ kind: 'vendor', name: '後着株式会社', corporate_number: number }), 409, 'conflict', ['corporate_number']);
      expect(await countRows(t, 'organisations')).toBe(before);
    });

    it('an association’s members must be municipalities, named by index', async () => {
      const city = await buildMunicipality(t);
      const vendorNumber = withCorporateCheckDigit('777700000004');
      const vendor = (await createOrganisation({ kind: 'vendor', name: '構成外株式会社', corporate_number: vendorNumber })).json();
      const before = await countRows(t, 'organisations');
      const res = await createOrganisation({ kind: 'association', name: '誤構成協議会', member_ids: [city.id, vendor.id] });
      expectError(res, 400, 'validation_failed', ['member_ids.1']);
      expect(await countRows(t, 'organisations')).toBe(before);
    });
  });

  describe('who sees which organisations', () => {
    let prefecture: TestOrganisation;
    let cityA: TestOrganisation;
    let cityB: TestOrganisation;
    let outsider: TestOrganisation;
    let association: TestOrganisation;

    beforeAll(async () => {
      prefecture = await buildPrefecture(t);
      cityA = await buildMunicipality(t, { prefectureId: prefecture.id });
      cityB = await buildMunicipality(t, { prefectureId: prefecture.id });
      outsider = await buildMunicipality(t); // in no prefecture of ours, no association
      association = await buildAssociation(t, [cityA.id, cityB.id]);
    });

    async function viewerOf(organisation: TestOrganisation) {
      const user = await buildUser(t, { organisation, role: 'viewer' });
      return signIn(t.app, user.email, user.password);
    }

    it('a prefecture sees itself and its municipalities, and nothing else', async () => {
      const session = await viewerOf(prefecture);
      expect(ids(await api(t.app, session).get('/api/organisations'))).toEqual([prefecture.id, cityA.id, cityB.id].sort());
      expectStatus(await api(t.app, session).get(`/api/organisations/${cityA.id}`), 200);
      expectError(await api(t.app, session).get(`/api/organisations/${outsider.id}`), 404, 'not_found', []);
      expectError(await api(t.app, session).get(`/api/organisations/${association.id}`), 404, 'not_found', []);
      const onlyMunicipalities = await api(t.app, session).get('/api/organisations?kind=municipality');
      expect(ids(onlyMunicipalities)).toEqual([cityA.id, cityB.id].sort());
    });

    it('an association sees itself and its members, with the member list', async () => {
      const session = await viewerOf(association);
      expect(ids(await api(t.app, session).get('/api/organisations'))).toEqual([association.id, cityA.id, cityB.id].sort());
      const self = await api(t.app, session).get(`/api/organisations/${association.id}`);
      expect(self.json().member_ids.sort()).toEqual([cityA.id, cityB.id].sort());
      expectError(await api(t.app, session).get(`/api/organisations/${outsider.id}`), 404, 'not_found', []);
      expectError(await api(t.app, session).get(`/api/organisations/${prefecture.id}`), 404, 'not_found', []);
    });

    it('a municipality sees only itself: its prefecture, its association and its neighbours are 404', async () => {
      const session = await viewerOf(cityA);
      expect(ids(await api(t.app, session).get('/api/organisations'))).toEqual([cityA.id]);
      for (const other of [cityB, prefecture, association, outsider]) {
        expectError(await api(t.app, session).get(`/api/organisations/${other.id}`), 404, 'not_found', []);
      }
    });

    it('another organisation’s object looks exactly like one that does not exist', async () => {
      const session = await viewerOf(outsider);
      const foreign = await api(t.app, session).get(`/api/organisations/${cityA.id}`);
      const missing = await api(t.app, session).get('/api/organisations/01900000-0000-7000-8000-000000000000');
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toEqual(missing.json());
    });

    it('coordinating is reading, not administering: a prefecture administrator cannot touch a municipality’s users, log or details', async () => {
      const prefectureAdmin = await buildUser(t, { organisation: prefecture, role: 'org_admin' });
      const cityUser = await buildUser(t, { organisation: cityA, role: 'editor' });
      const session = await signInFully(t.app, prefectureAdmin);
      expectError(await api(t.app, session).get(`/api/users?organisation_id=${cityA.id}`), 404, 'not_found', []);
      expectError(await api(t.app, session).get(`/api/users/${cityUser.id}`), 404, 'not_found', []);
      expectError(await api(t.app, session).post(`/api/users/${cityUser.id}/reset-password`, {}), 404, 'not_found', []);
      expectError(await api(t.app, session).patch(`/api/organisations/${cityA.id}`, { name: '乗っ取り市' }), 404, 'not_found', []);
      const log = await api(t.app, session).get(`/api/audit?target_id=${cityUser.id}`);
      expectStatus(log, 200);
      expect(log.json().items).toEqual([]);
      expect((await api(t.app, session).get(`/api/organisations/${cityA.id}`)).json().name).not.toBe('乗っ取り市');
    });

    it('the operator sees every organisation', async () => {
      const all = ids(await api(t.app, operatorSession).get('/api/organisations'));
      for (const organisation of [prefecture, cityA, cityB, outsider, association]) expect(all).toContain(organisation.id);
    });
  });

  describe('editing', () => {
    it('an organisation administrator edits their own name and population, audited with before and after', async () => {
      const city = await buildMunicipality(t, { name: '旧名市' });
      const admin = await buildUser(t, { organisation: city, role: 'org_admin' });
      const session = await signInFully(t.app, admin);
      const res = await api(t.app, session).patch(`/api/organisations/${city.id}`, { name: '新名市', population: 43_210 });
      expectStatus(res, 200);
      expect(res.json()).toMatchObject({ name: '新名市', population: 43_210 });
      expect((await api(t.app, session).get(`/api/organisations/${city.id}`)).json().name).toBe('新名市');
      const [entry] = await auditEntries(t, { action: 'organisation.update', targetId: city.id });
      expect(entry).toMatchObject({ actor_user_id: admin.id, before: { name: '旧名市' }, after: { name: '新名市', population: 43_210 } });
    });

    it('only the operator changes who belongs to whom', async () => {
      const prefecture = await buildPrefecture(t);
      const city = await buildMunicipality(t);
      const admin = await buildUser(t, { organisation: city, role: 'org_admin' });
      const session = await signInFully(t.app, admin);
      expectError(await api(t.app, session).patch(`/api/organisations/${city.id}`, { prefecture_id: prefecture.id }), 403, 'forbidden', ['prefecture_id']);
      expect((await api(t.app, session).get(`/api/organisations/${city.id}`)).json().prefecture_id).toBeNull();

      const res = await api(t.app, operatorSession).patch(`/api/organisations/${city.id}`, { prefecture_id: prefecture.id });
      expectStatus(res, 200);
      expect(res.json().prefecture_id).toBe(prefecture.id);
    });

    it('refuses an empty name, naming the field', async () => {
      const city = await buildMunicipality(t);
      expectError(await api(t.app, operatorSession).patch(`/api/organisations/${city.id}`, { name: '   ' }), 400, 'validation_failed', ['name']);
    });

    it('only the operator registers organisations', async () => {
      const city = await buildMunicipality(t);
      const admin = await buildUser(t, { organisation: city, role: 'org_admin' });
      const session = await signInFully(t.app, admin);
      const before = await countRows(t, 'organisations');
      const res = await api(t.app, session).post('/api/organisations', { kind: 'municipality', name: '勝手市', local_government_code: withLocalGovernmentCheckDigit('71299') });
      expectError(res, 403, 'forbidden');
      expect(await countRows(t, 'organisations')).toBe(before);
      const [denial] = await auditEntries(t, { action: 'permission.denied', actorUserId: admin.id });
      expect(denial).toMatchObject({ outcome: 'denied', after: { permission: 'organisation:create' } });
    });
  });
});
