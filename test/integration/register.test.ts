// The register: classification arithmetic as a user sees it, list filters/sort/search on both
// dialects, reclassification history, and who may read or change which entry.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildPrefecture, buildUser, buildVendor, type TestOrganisation, type TestUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';

describe.each(dialects)('register on %s', (dialect) => {
  const t = useTestApp(dialect);
  let city: TestOrganisation;
  let admin: Session;
  let editor: Session;
  let deptEditor: Session;
  let viewer: Session;
  let auditor: Session;
  let otherCityAdmin: Session;
  let prefectureAdmin: Session;
  let vendorMember: Session;
  let categories: Record<string, string>;
  let deptEditorUser: TestUser;

  beforeAll(async () => {
    const prefecture = await buildPrefecture(t);
    city = await buildMunicipality(t, { prefectureId: prefecture.id, population: 120_000 });
    const otherCity = await buildMunicipality(t, { prefectureId: prefecture.id });
    const vendor = await buildVendor(t);
    admin = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'org_admin' }));
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    deptEditorUser = await buildUser(t, { organisation: city, role: 'editor' });
    await t.db.updateTable('users').set({ department: '税務課' }).where('id', '=', deptEditorUser.id).execute();
    deptEditor = await signInFully(t.app, deptEditorUser);
    viewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    auditor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'auditor' }));
    otherCityAdmin = await signInFully(t.app, await buildUser(t, { organisation: otherCity, role: 'org_admin' }));
    prefectureAdmin = await signInFully(t.app, await buildUser(t, { organisation: prefecture, role: 'org_admin' }));
    vendorMember = await signInFully(t.app, await buildUser(t, { organisation: vendor, role: 'vendor_member' }));
    categories = await categoryIds(t.app, admin);
  });

  it('starts an organisation with the paper’s five categories', () => {
    expect(Object.keys(categories).sort()).toEqual(['内部情報系サービス', '基幹系サービス', '情報公開・提供系サービス', '情報発信系サービス', '申請系サービス'].sort());
  });

  it('classifies a new entry: proposals from the data kinds, impact, and the JNSA estimate', async () => {
    const res = await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { data_kinds: ['name', 'address', 'honseki'], residents_held: 120_000 }));
    expectStatus(res, 201);
    const entry = res.json();
    expect(entry.external_key).toMatch(/^RE-\d{4}$/);
    // 本籍 is P3/E1; name and address make identifiability 6.
    expect(entry.classification).toMatchObject({ confidentiality_level: 3, resident_impact: 3, mental_distress: 3, economic_loss: 1, administrative_impact: 27, impact_band: 'high', identifiability: 6 });
    expect(entry.classification.leak_estimate_per_person_yen).toBe(500 * (100 + 1) * 6);
    expect(entry.classification.leak_estimate_yen).toBe(500 * 101 * 6 * 120_000);
    const audit = await auditEntries(t, { action: 'register_entry.create', targetId: entry.id });
    expect(audit).toHaveLength(1);
  });

  it('refuses bad input with the field and reason, writing nothing', async () => {
    const before = (await api(t.app, admin).get('/api/register/entries')).json().total;
    const cases: [Record<string, unknown>, string[]][] = [
      [{ classification: { resident_impact: 5 } }, ['classification.resident_impact']],
      [{ contract_start: '2026-04-01', contract_end: '2025-03-31' }, ['contract_end']],
      [{ network_zone: 'dmz' }, ['network_zone']],
      [{ category_id: '01900000-0000-7000-8000-000000000000' }, ['category_id']],
      [{ classification: { confidentiality: '4' } }, ['classification.confidentiality']],
      [{ data_kinds: ['name', 'shoe_size'] }, ['data_kinds.1']],
      [{ classification: { mental_distress: 1 } }, ['classification.override_reason']],
      [{ name: '' }, ['name']],
    ];
    for (const [overrides, fields] of cases) {
      const res = await api(t.app, admin).post('/api/register/entries', entryBody(categories['基幹系サービス'], overrides));
      expectError(res, 400, 'validation_failed', fields);
    }
    expect((await api(t.app, admin).get('/api/register/entries')).json().total).toBe(before);
  });

  it('explains every refusal in English too (reason_en)', async () => {
    const level = expectError(await api(t.app, admin).post('/api/register/entries', entryBody(categories['基幹系サービス'], { classification: { resident_impact: 5 } })), 400, 'validation_failed');
    expect(level.error.details[0]).toMatchObject({ field: 'classification.resident_impact', reason: '1〜3で入力してください', reason_en: 'Enter 1 to 3' });
    const type = expectError(await api(t.app, admin).post('/api/register/entries', entryBody(categories['基幹系サービス'], { residents_held: 'many' })), 400, 'validation_failed');
    expect((type.error.details[0] as { reason_en?: string }).reason_en).toMatch(/expected number/);
    const vendor = expectError(await api(t.app, admin).post('/api/register/vendors', { name: '架空', corporate_number: '1234567890123' }), 400, 'validation_failed');
    expect((vendor.error.details[0] as { reason_en?: string }).reason_en).toBe('The corporate number has a wrong check digit');
    const department = expectError(await api(t.app, deptEditor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { department: '市民課' })), 403, 'forbidden');
    expect((department.error.details[0] as { reason_en?: string }).reason_en).toBe('Only entries of your department (税務課) can be edited');
  });

  describe('list', () => {
    beforeAll(async () => {
      const add = (body: Record<string, unknown>) => api(t.app, admin).post('/api/register/entries', entryBody(categories[(body.category as string) ?? '申請系サービス'], body)).then((r) => expectStatus(r, 201));
      await add({ category: '申請系サービス', name: 'LINE公式アカウントでの申請', department: '広報課', network_zone: 'internet', service_model: 'social_media', data_kinds: ['name'], classification: { confidentiality: '3C', resident_impact: 2 }, annual_cost: 600_000 });
      await add({ category: '情報発信系サービス', name: 'Instagram公式アカウント', department: '観光課', network_zone: 'internet', service_model: 'social_media', data_kinds: [], residents_held: null, classification: { confidentiality: '1', resident_impact: 1 } });
      await add({ category: '内部情報系サービス', name: '財務会計システム', department: '会計課', network_zone: 'lgwan', data_kinds: ['name', 'bank_account_pin'], classification: { confidentiality: '2', resident_impact: 2 }, annual_cost: 5_000_000, status: 'ending' });
      await add({ category: '内部情報系サービス', name: 'グループウェア', department: '税務課', network_zone: 'lgwan', data_kinds: ['name', 'email'], classification: { confidentiality: '2', resident_impact: 2 } });
    });
    const list = async (query: string) => (await api(t.app, viewer).get(`/api/register/entries?${query}`)).json();

    it('searches Japanese text by partial match, folding width and case', async () => {
      expect((await list(`q=${encodeURIComponent('会計')}`)).items.map((e: { name: string }) => e.name)).toEqual(['財務会計システム']);
      expect((await list(`q=${encodeURIComponent('ｌｉｎｅ')}`)).items.map((e: { name: string }) => e.name)).toEqual(['LINE公式アカウントでの申請']);
      // Words are ANDed; the department is searched too.
      expect((await list(`q=${encodeURIComponent('公式 観光課')}`)).items.map((e: { name: string }) => e.name)).toEqual(['Instagram公式アカウント']);
      // A % typed by the user is a literal, not a wildcard.
      expect((await list('q=%25')).total).toBe(0);
    });

    it('filters by category, status, zone and impact band, with totals', async () => {
      const internal = await list(`category_id=${categories['内部情報系サービス']}`);
      expect(internal.total).toBe(2);
      expect(internal.totals.annual_cost).toBe(5_000_000);
      expect((await list('status=ending')).items.map((e: { name: string }) => e.name)).toEqual(['財務会計システム']);
      expect((await list('network_zone=lgwan&network_zone=internet')).total).toBe(4);
      const high = await list('impact_band=high');
      expect(high.items.every((e: { classification: { administrative_impact: number } }) => e.classification.administrative_impact >= 27)).toBe(true);
      expect((await list('impact_band=low')).items.map((e: { name: string }) => e.name)).toContain('Instagram公式アカウント');
    });

    it('sorts the same way on both dialects (code point order, empties last) and pages', async () => {
      const byName = await list('sort=name&order=asc');
      const names = byName.items.map((e: { name: string }) => e.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const byCost = await list('sort=annual_cost&order=asc');
      const costs = byCost.items.map((e: { annual_cost: number | null }) => e.annual_cost);
      expect(costs.slice(0, 2)).toEqual([600_000, 5_000_000]);
      expect(costs.slice(2).every((c: number | null) => c === null)).toBe(true);
      const page = await list('sort=name&order=asc&page=2&page_size=2');
      expect(page.items.map((e: { name: string }) => e.name)).toEqual(names.slice(2, 4));
      expect(page.total).toBe(byName.total);
      expectError(await api(t.app, viewer).get('/api/register/entries?sort=password_hash'), 400, 'validation_failed', ['sort']);
    });

    it('summarises by category and impact for the overview charts', async () => {
      const overview = (await api(t.app, viewer).get('/api/register/overview')).json();
      const total = (await list('')).total;
      expect(overview.total).toBe(total);
      expect(overview.by_category.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(total);
      expect(overview.heatmap_confidentiality_resident.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(total);
    });
  });

  it('keeps the history of every reclassification, with reasons', async () => {
    const created = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['申請系サービス'], { name: '電子申請システム', data_kinds: ['name', 'address'], classification: { confidentiality: '3C', resident_impact: 2 } }))).json();
    const res = await api(t.app, editor).put(`/api/register/entries/${created.id}/classification`, {
      scheme_id: 'urn:daicho:scheme:mic-2023', confidentiality: '3', resident_impact: 3, mental_distress: 2, economic_loss: 2, override_reason: '所得情報の添付を受け付けるため', reason: '申請対象の拡大',
    });
    expectStatus(res, 200);
    expect(res.json().classification).toMatchObject({ scheme_id: 'urn:daicho:scheme:mic-2023', overridden: true, mental_distress: 2, economic_loss: 2, administrative_impact: 36 });
    const history = (await api(t.app, auditor).get(`/api/register/entries/${created.id}/history`)).json();
    expect(history.classification).toHaveLength(2);
    expect(history.classification[0].reason).toBe('申請対象の拡大');
    expect(history.classification[0].before.administrative_impact).toBe(6);
    expect(history.changes.map((c: { action: string }) => c.action)).toEqual(['register_entry.reclassify', 'register_entry.create']);
    expectError(await api(t.app, editor).put(`/api/register/entries/${created.id}/classification`, { scheme_id: 'urn:daicho:scheme:mic-2023', confidentiality: '3', resident_impact: 3 }), 400, 'validation_failed', ['reason']);
  });

  describe('who may do what', () => {
    let taxEntry: { id: string };
    let citizenEntry: { id: string };
    beforeAll(async () => {
      taxEntry = (await api(t.app, admin).post('/api/register/entries', entryBody(categories['基幹系サービス'], { name: '個人住民税システム', department: '税務課' }))).json();
      citizenEntry = (await api(t.app, admin).post('/api/register/entries', entryBody(categories['基幹系サービス'], { name: '戸籍情報システム', department: '市民課' }))).json();
    });

    it('lets an editor with a department edit only that department’s entries', async () => {
      expectStatus(await api(t.app, deptEditor).patch(`/api/register/entries/${taxEntry.id}`, { notes: '更新' }), 200);
      expectError(await api(t.app, deptEditor).patch(`/api/register/entries/${citizenEntry.id}`, { notes: '更新' }), 403, 'forbidden', ['department']);
      expectError(await api(t.app, deptEditor).patch(`/api/register/entries/${taxEntry.id}`, { department: '市民課' }), 403, 'forbidden', ['department']);
      expectError(await api(t.app, deptEditor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { department: '市民課' })), 403, 'forbidden', ['department']);
      expect((await api(t.app, deptEditor).get(`/api/register/entries/${citizenEntry.id}`)).json().can_edit).toBe(false);
      expect((await auditEntries(t, { action: 'permission.denied', actorUserId: deptEditorUser.id })).length).toBeGreaterThanOrEqual(3);
    });

    it('lets viewers and auditors read but not write; only the admin deletes', async () => {
      for (const reader of [viewer, auditor]) {
        expectStatus(await api(t.app, reader).get(`/api/register/entries/${taxEntry.id}`), 200);
        expectError(await api(t.app, reader).patch(`/api/register/entries/${taxEntry.id}`, { notes: 'x' }), 403, 'forbidden');
        expectError(await api(t.app, reader).post('/api/register/entries', entryBody(categories['基幹系サービス'])), 403, 'forbidden');
      }
      expectError(await api(t.app, editor).delete(`/api/register/entries/${citizenEntry.id}`), 403, 'forbidden', ['id']);
      expectStatus(await api(t.app, admin).delete(`/api/register/entries/${citizenEntry.id}`), 200);
      expectError(await api(t.app, admin).get(`/api/register/entries/${citizenEntry.id}`), 404, 'not_found');
    });

    it('answers 404 for another organisation’s entry, and shows other organisations nothing', async () => {
      for (const outsider of [otherCityAdmin, prefectureAdmin]) {
        expectError(await api(t.app, outsider).get(`/api/register/entries/${taxEntry.id}`), 404, 'not_found');
        expectError(await api(t.app, outsider).get(`/api/register/entries/${taxEntry.id}/history`), 404, 'not_found');
        expect((await api(t.app, outsider).get('/api/register/entries')).json().total).toBe(0);
      }
      // A vendor keeps no register of its own: the whole family is refused, before any lookup.
      expectError(await api(t.app, vendorMember).get('/api/register/entries'), 403, 'forbidden');
      expectError(await api(t.app, vendorMember).get(`/api/register/entries/${taxEntry.id}`), 403, 'forbidden');
      expectError(await api(t.app, otherCityAdmin).patch(`/api/register/entries/${taxEntry.id}`, { notes: 'x' }), 404, 'not_found');
      expectError(await api(t.app, otherCityAdmin).delete(`/api/register/entries/${taxEntry.id}`), 404, 'not_found');
      expectError(await api(t.app, otherCityAdmin).put(`/api/register/entries/${taxEntry.id}/classification`, { scheme_id: 'urn:daicho:scheme:mic-2023', confidentiality: '1', resident_impact: 1, reason: 'x' }), 404, 'not_found');
      expectError(await api(t.app, vendorMember).post('/api/register/entries', entryBody(categories['基幹系サービス'])), 403, 'forbidden');
    });
  });

  describe('vendors and categories', () => {
    it('checks the corporate number and refuses to delete a vendor in use', async () => {
      expectError(await api(t.app, editor).post('/api/register/vendors', { name: '架空株式会社', corporate_number: '1234567890123' }), 400, 'validation_failed', ['corporate_number']);
      const vendor = (await api(t.app, editor).post('/api/register/vendors', { name: '架空株式会社', corporate_number: '7000012050002' })).json();
      expectError(await api(t.app, editor).post('/api/register/vendors', { name: '架空株式会社' }), 409, 'conflict', ['name']);
      const entry = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { name: '架空のサービス', vendor_id: vendor.id }))).json();
      expect(entry.vendor.name).toBe('架空株式会社');
      expectError(await api(t.app, editor).delete(`/api/register/vendors/${vendor.id}`), 409, 'conflict', ['id']);
      // Renaming the vendor keeps the entry findable by the new name.
      expectStatus(await api(t.app, editor).put(`/api/register/vendors/${vendor.id}`, { name: '新架空株式会社', corporate_number: '7000012050002' }), 200);
      expect((await api(t.app, editor).get(`/api/register/entries?q=${encodeURIComponent('新架空')}`)).json().total).toBe(1);
      expectError(await api(t.app, otherCityAdmin).get(`/api/register/vendors/${vendor.id}`), 404, 'not_found');
    });

    it('lets only the admin edit categories, and never delete one in use', async () => {
      expectError(await api(t.app, editor).post('/api/register/categories', { name: '防災系サービス' }), 403, 'forbidden');
      const created = await api(t.app, admin).post('/api/register/categories', { name: '防災系サービス', name_en: 'Disaster' });
      expectStatus(created, 201);
      expectError(await api(t.app, admin).post('/api/register/categories', { name: '防災系サービス' }), 409, 'conflict', ['name']);
      expectError(await api(t.app, admin).delete(`/api/register/categories/${categories['基幹系サービス']}`), 409, 'conflict', ['id']);
      expectStatus(await api(t.app, admin).delete(`/api/register/categories/${created.json().id}`), 200);
    });
  });

  it('keeps saved views per person', async () => {
    const view = await api(t.app, viewer).post('/api/register/views', { name: '高影響の基幹系', query: { impact_band: ['high'] }, columns: ['name', 'administrative_impact'] });
    expectStatus(view, 201);
    expect((await api(t.app, viewer).get('/api/register/views')).json().items.map((v: { name: string }) => v.name)).toEqual(['高影響の基幹系']);
    expect((await api(t.app, editor).get('/api/register/views')).json().items).toEqual([]);
    expectError(await api(t.app, editor).delete(`/api/register/views/${view.json().id}`), 404, 'not_found');
    expectStatus(await api(t.app, viewer).delete(`/api/register/views/${view.json().id}`), 200);
  });
});
