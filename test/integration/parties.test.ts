// 責任分界と委託先 — the parties of a register entry: every rule of the tree (subcontractors under a
// party of the same entry, no cycles), the approval of subcontractors, the flags, the allowed depth, the
// organisation's subcontract chains (JSON and .xlsx read back), deletion, and tenancy, on both databases.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildPrefecture, buildUser, buildVendor, type TestOrganisation } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';
import { loadDemoParties } from '../../src/server/demo/parties-seed.ts';

type Party = { id: string; role: string; name: string; depth: number; parent_party_id: string | null; flags: string[]; approval_status: string | null; vendor_service: { id: string; name: string } | null } & Record<string, unknown>;

describe.each(dialects)('parties of register entries on %s', (dialect) => {
  const t = useTestApp(dialect);
  let city: TestOrganisation;
  let cloudOrg: TestOrganisation;
  let admin: Session;
  let editor: Session;
  let viewer: Session;
  let deptEditor: Session;
  let outsider: Session;
  let prefecture: Session;
  let vendorUser: Session;
  let entryId: string;
  let otherEntryId: string;
  let appVendorId: string;
  let opsVendorId: string;
  let subVendorId: string;
  let foreignVendorId: string;
  let iaasServiceId: string;
  let otherVendorServiceId: string;

  beforeAll(async () => {
    city = await buildMunicipality(t);
    admin = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'org_admin' }));
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    viewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    const deptUser = await buildUser(t, { organisation: city, role: 'editor' });
    await t.db.updateTable('users').set({ department: '税務課' }).where('id', '=', deptUser.id).execute();
    deptEditor = await signInFully(t.app, deptUser);
    const otherCity = await buildMunicipality(t);
    outsider = await signInFully(t.app, await buildUser(t, { organisation: otherCity, role: 'org_admin' }));
    prefecture = await signInFully(t.app, await buildUser(t, { organisation: await buildPrefecture(t), role: 'org_admin' }));
    cloudOrg = await buildVendor(t, { name: 'テストクラウド基盤株式会社' });
    vendorUser = await signInFully(t.app, await buildUser(t, { organisation: cloudOrg, role: 'org_admin' }));
    iaasServiceId = (await api(t.app, vendorUser).post('/api/vendor-services', { name: 'テストIaaS', description: '仮想サーバー' })).json().id;
    const otherVendor = await buildVendor(t);
    const otherVendorUser = await signInFully(t.app, await buildUser(t, { organisation: otherVendor, role: 'org_admin' }));
    otherVendorServiceId = (await api(t.app, otherVendorUser).post('/api/vendor-services', { name: '他社のサービス' })).json().id;

    const categories = await categoryIds(t.app, editor);
    entryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス']))).json().id;
    otherEntryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { name: '税務システム' }))).json().id;
    const vendor = async (session: Session, name: string) => (await api(t.app, session).post('/api/register/vendors', { name })).json().id as string;
    appVendorId = await vendor(editor, 'テスト住記アプリ株式会社');
    opsVendorId = await vendor(editor, 'テスト運用サービス株式会社');
    subVendorId = await vendor(editor, 'テスト再委託株式会社');
    foreignVendorId = await vendor(outsider, '他市の事業者');
  });

  const url = (id = entryId) => `/api/register/entries/${id}/parties`;
  const list = async (id = entryId): Promise<Party[]> => (await api(t.app, viewer).get(url(id))).json().items;
  const partyRows = async () => (await t.db.selectFrom('entry_parties').select('id').where('organisation_id', '=', city.id).execute()).length;
  const byName = async (name: string) => (await list()).find((p) => p.name === name)!;

  it('starts empty, then keeps a tree of parties with depth, approvals and flags', async () => {
    expect((await api(t.app, viewer).get(url())).json()).toEqual({ items: [], max_depth: 2, can_edit: false });
    expect((await api(t.app, editor).get(url())).json().can_edit).toBe(true);

    const iaas = await api(t.app, editor).post(url(), { role: 'cloud_provider', vendor_organisation_id: cloudOrg.id, vendor_service_id: iaasServiceId, contract_reference: 'R7-情-001', data_handled: '住民記録（暗号化済み）' });
    expectStatus(iaas, 201);
    expect(iaas.json()).toMatchObject({ role: 'cloud_provider', name: 'テストクラウド基盤株式会社', vendor: null, vendor_organisation: { id: cloudOrg.id, name: 'テストクラウド基盤株式会社' }, vendor_service: { id: iaasServiceId, name: 'テストIaaS' }, depth: 0, flags: [], may_carry_data_out: false, standard_app: false });
    const app = (await api(t.app, editor).post(url(), { role: 'application_provider', vendor_id: appVendorId, standard_app: true })).json();
    expect(app).toMatchObject({ name: 'テスト住記アプリ株式会社', vendor: { id: appVendorId, name: 'テスト住記アプリ株式会社', corporate_number: null }, standard_app: true });
    const ops = (await api(t.app, editor).post(url(), { role: 'operations_contractor', vendor_id: opsVendorId, may_carry_data_out: true })).json();
    const sub = await api(t.app, editor).post(url(), { role: 'subcontractor', vendor_id: subVendorId, parent_party_id: ops.id, approval_status: 'requested', approval_requested_on: '2026-10-01', data_handled: '障害対応時のログ' });
    expectStatus(sub, 201);
    expect(sub.json()).toMatchObject({ depth: 1, parent_party_id: ops.id, approval_status: 'requested', approval_requested_on: '2026-10-01', flags: ['unapproved'] });
    const self = (await api(t.app, editor).post(url(), { role: 'municipality' })).json();
    expect(self).toMatchObject({ role: 'municipality', name: city.name, vendor: null, vendor_organisation: null });

    // Tree order: each parent before its subcontractors.
    const items = await list();
    expect(items.map((p) => [p.name, p.depth])).toEqual([
      ['テストクラウド基盤株式会社', 0],
      ['テスト住記アプリ株式会社', 0],
      ['テスト運用サービス株式会社', 0],
      ['テスト再委託株式会社', 1],
      [city.name, 0],
    ]);

    const [added] = await auditEntries(t, { action: 'entry_party.add', targetId: entryId });
    expect(added.target_type).toBe('register_entry');
    expect(added.after).toMatchObject({ party: 'テストクラウド基盤株式会社', party_role: 'cloud_provider', vendor_service: 'テストIaaS', contract_reference: 'R7-情-001' });
    const subAudit = (await auditEntries(t, { action: 'entry_party.add', targetId: entryId })).find((a) => a.after.party === 'テスト再委託株式会社')!;
    expect(subAudit.after).toMatchObject({ party_role: 'subcontractor', parent_party: 'テスト運用サービス株式会社', approval_status: 'requested' });
  });

  it('approves a subcontractor (the flag goes) and flags a chain deeper than the organisation allows', async () => {
    const sub = await byName('テスト再委託株式会社');
    const approved = await api(t.app, editor).patch(`/api/parties/${sub.id}`, { approval_status: 'approved', approval_decided_on: '2026-10-05', approver: '情報政策課長' });
    expectStatus(approved, 200);
    expect(approved.json()).toMatchObject({ approval_status: 'approved', approval_decided_on: '2026-10-05', approver: '情報政策課長', flags: [], data_handled: '障害対応時のログ' });
    const [update] = await auditEntries(t, { action: 'entry_party.update', targetId: entryId });
    expect(update.before).toMatchObject({ party: 'テスト再委託株式会社', approval_status: 'requested', approver: null });
    expect(update.after).toMatchObject({ party: 'テスト再委託株式会社', approval_status: 'approved', approver: '情報政策課長' });

    // 再々委託 (depth 2) is allowed by default; depth 3 is flagged.
    const second = (await api(t.app, editor).post(url(), { role: 'subcontractor', vendor_id: subVendorId, parent_party_id: sub.id, approval_status: 'approved', approval_requested_on: '2026-10-01', approval_decided_on: '2026-10-01', approver: '課長' })).json();
    expect(second).toMatchObject({ depth: 2, flags: [] });
    const third = (await api(t.app, editor).post(url(), { role: 'subcontractor', vendor_id: appVendorId, parent_party_id: second.id })).json();
    expect(third).toMatchObject({ depth: 3, approval_status: null, flags: ['unapproved', 'too_deep'] });

    // The organisation allows deeper chains: the flag goes; only an administrator may set it.
    expectError(await api(t.app, editor).put('/api/organisation/subcontract-policy', { max_depth: 3 }), 403, 'forbidden');
    expectError(await api(t.app, admin).put('/api/organisation/subcontract-policy', { max_depth: 11 }), 400, 'validation_failed', ['max_depth']);
    expectError(await api(t.app, admin).put('/api/organisation/subcontract-policy', { max_depth: 0 }), 400, 'validation_failed', ['max_depth']);
    expect((await api(t.app, viewer).get('/api/organisation/subcontract-policy')).json()).toEqual({ max_depth: 2, can_edit: false });
    const policy = await api(t.app, admin).put('/api/organisation/subcontract-policy', { max_depth: 3 });
    expectStatus(policy, 200);
    expect(policy.json()).toEqual({ max_depth: 3, can_edit: true });
    const [audit] = await auditEntries(t, { action: 'organisation.subcontract_policy' });
    expect(audit).toMatchObject({ target_type: 'organisation', target_id: city.id, before: { subcontract_max_depth: 2 }, after: { subcontract_max_depth: 3 } });
    expect((await list()).find((p) => p.id === third.id)!.flags).toEqual(['unapproved']);
    expect((await api(t.app, viewer).get(url())).json().max_depth).toBe(3);
    expectStatus(await api(t.app, admin).put('/api/organisation/subcontract-policy', { max_depth: 2 }), 200);
    expect((await list()).find((p) => p.id === third.id)!.flags).toEqual(['unapproved', 'too_deep']);
  });

  it('refuses bad parties naming the field, and writes nothing', async () => {
    const ops = await byName('テスト運用サービス株式会社');
    const sub = await byName('テスト再委託株式会社');
    const otherParty = (await api(t.app, editor).post(url(otherEntryId), { role: 'operations_contractor', vendor_id: opsVendorId })).json();
    const before = await partyRows();
    const auditsBefore = (await auditEntries(t, { targetId: entryId })).length;
    const refuse = async (body: Record<string, unknown>, fields: string[], path = url()) => expectError(await api(t.app, editor).post(path, body), 400, 'validation_failed', fields);

    // A subcontractor whose parent is a party of another entry (or none at all).
    const parent = await refuse({ role: 'subcontractor', vendor_id: subVendorId, parent_party_id: otherParty.id }, ['parent_party_id']);
    expect(parent.error.details[0].reason).toContain('このサービスの関係事業者');
    await refuse({ role: 'subcontractor', vendor_id: subVendorId }, ['parent_party_id']);
    await refuse({ role: 'cloud_provider', vendor_id: subVendorId, parent_party_id: ops.id }, ['parent_party_id']);
    // Another organisation's private vendor answers like one that does not exist.
    const foreign = await refuse({ role: 'operations_contractor', vendor_id: foreignVendorId }, ['vendor_id']);
    const missing = await refuse({ role: 'operations_contractor', vendor_id: '00000000-0000-4000-8000-000000000000' }, ['vendor_id']);
    expect(foreign.error.details).toEqual(missing.error.details);
    // Approval dated before the request; a decision without a date or approver.
    const dated = await refuse({ role: 'subcontractor', vendor_id: subVendorId, parent_party_id: ops.id, approval_status: 'approved', approval_requested_on: '2026-10-10', approval_decided_on: '2026-10-09', approver: '課長' }, ['approval_decided_on']);
    expect(dated.error.details[0].reason).toContain('申請日より前');
    await refuse({ role: 'subcontractor', vendor_id: subVendorId, parent_party_id: ops.id, approval_status: 'refused' }, ['approval_decided_on', 'approver']);
    await refuse({ role: 'subcontractor', vendor_id: subVendorId, parent_party_id: ops.id, approval_requested_on: '2026-13-01' }, ['approval_requested_on']);
    await refuse({ role: 'operations_contractor', vendor_id: opsVendorId, approval_status: 'requested' }, ['approval_status']);
    // Who the party is: exactly one vendor, a service of that vendor, one municipality party.
    await refuse({ role: 'cloud_provider' }, ['vendor_id']);
    await refuse({ role: 'cloud_provider', vendor_id: opsVendorId, vendor_organisation_id: cloudOrg.id }, ['vendor_id']);
    await refuse({ role: 'cloud_provider', vendor_organisation_id: city.id }, ['vendor_organisation_id']);
    await refuse({ role: 'cloud_provider', vendor_organisation_id: cloudOrg.id, vendor_service_id: otherVendorServiceId }, ['vendor_service_id']);
    await refuse({ role: 'cloud_provider', vendor_id: opsVendorId, vendor_service_id: iaasServiceId }, ['vendor_service_id']);
    await refuse({ role: 'municipality' }, ['role']);
    await refuse({ role: 'municipality', vendor_id: opsVendorId }, ['role', 'vendor_id']);
    await refuse({ role: 'operations_contractor', vendor_id: opsVendorId, standard_app: true }, ['standard_app']);
    await refuse({ role: 'landlord', vendor_id: opsVendorId }, ['role']);

    // A cycle through parent_party_id: the operations contractor cannot become its own subcontractor's child.
    const grand = (await list()).find((p) => p.parent_party_id === sub.id)!;
    const cycle = expectError(await api(t.app, editor).patch(`/api/parties/${ops.id}`, { role: 'subcontractor', parent_party_id: grand.id }), 400, 'validation_failed', ['parent_party_id']);
    expect(cycle.error.details[0].reason).toContain('循環');
    expectError(await api(t.app, editor).patch(`/api/parties/${sub.id}`, { parent_party_id: sub.id }), 400, 'validation_failed', ['parent_party_id']);
    expectError(await api(t.app, editor).patch(`/api/parties/${sub.id}`, { approval_decided_on: '2026-09-01', approval_requested_on: '2026-09-02' }), 400, 'validation_failed', ['approval_decided_on']);

    expect(await partyRows()).toBe(before);
    expect((await auditEntries(t, { targetId: entryId })).length).toBe(auditsBefore);
    expectStatus(await api(t.app, editor).delete(`/api/parties/${otherParty.id}`), 200);
  });

  it('changes only the fields a PATCH sends', async () => {
    const app = await byName('テスト住記アプリ株式会社');
    const res = await api(t.app, editor).patch(`/api/parties/${app.id}`, { notes: '令和8年度に標準準拠へ移行済み' });
    expectStatus(res, 200);
    expect(res.json()).toEqual({ ...app, notes: '令和8年度に標準準拠へ移行済み', updated_at: expect.any(String) });
    const cleared = (await api(t.app, editor).patch(`/api/parties/${app.id}`, { notes: null, contract_reference: '  ' })).json();
    expect(cleared).toMatchObject({ notes: null, contract_reference: null, standard_app: true });
  });

  it('lets only editors of the entry write: viewers, other departments, vendors and other bodies are refused', async () => {
    const app = await byName('テスト住記アプリ株式会社');
    const before = await partyRows();
    expectError(await api(t.app, viewer).post(url(), { role: 'data_centre', vendor_id: opsVendorId }), 403, 'forbidden');
    expectError(await api(t.app, viewer).patch(`/api/parties/${app.id}`, { notes: 'x' }), 403, 'forbidden');
    expectError(await api(t.app, deptEditor).post(url(), { role: 'data_centre', vendor_id: opsVendorId }), 403, 'forbidden', ['department']);
    expectError(await api(t.app, deptEditor).delete(`/api/parties/${app.id}`), 403, 'forbidden', ['department']);
    expect((await api(t.app, deptEditor).get(url())).json().can_edit).toBe(false);
    // Another municipality and a prefecture do not find the entry or the party; a vendor has no register.
    for (const session of [outsider, prefecture]) {
      expectError(await api(t.app, session).get(url()), 404, 'not_found');
      expectError(await api(t.app, session).post(url(), { role: 'data_centre', vendor_id: opsVendorId }), 404, 'not_found');
      expectError(await api(t.app, session).patch(`/api/parties/${app.id}`, { notes: 'x' }), 404, 'not_found');
      expectError(await api(t.app, session).delete(`/api/parties/${app.id}`), 404, 'not_found');
    }
    expectError(await api(t.app, vendorUser).get(url()), 403, 'forbidden');
    expectError(await api(t.app, vendorUser).patch(`/api/parties/${app.id}`, { notes: 'x' }), 403, 'forbidden');
    expectError(await api(t.app, vendorUser).delete(`/api/parties/${app.id}`), 403, 'forbidden');
    expectError(await api(t.app, vendorUser).get('/api/register/subcontract-chains'), 403, 'forbidden');
    expect(await partyRows()).toBe(before);
    expect((await api(t.app, outsider).get('/api/register/subcontract-chains')).json().items).toEqual([]);
  });

  it('lists platform vendors with their services for the picker', async () => {
    const res = (await api(t.app, editor).get('/api/register/platform-vendors?q=クラウド基盤')).json();
    expect(res.items).toEqual([{ id: cloudOrg.id, name: 'テストクラウド基盤株式会社', corporate_number: cloudOrg.corporate_number, services: [{ id: iaasServiceId, name: 'テストIaaS' }] }]);
  });

  it('lists every chain of the organisation (flagged ones on request) and exports it as .xlsx', async () => {
    const chains = (await api(t.app, viewer).get('/api/register/subcontract-chains')).json();
    expect(chains.max_depth).toBe(2);
    expect(chains.items).toHaveLength(1);
    expect(chains.items[0].entry).toMatchObject({ id: entryId, name: '住民基本台帳システム', department: '市民課' });
    expect(chains.items[0].flags).toEqual(['too_deep', 'unapproved']);
    expect(chains.items[0].parties.map((p: Party) => p.depth)).toEqual([0, 0, 0, 1, 2, 3, 0]);
    expect((await api(t.app, viewer).get('/api/register/subcontract-chains?flagged=true')).json().items).toHaveLength(1);

    const res = await api(t.app, viewer).get('/api/register/subcontract-chains.xlsx');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('委託先')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(['管理番号', 'サービス名', '所管課', '状態', '階層', '関係事業者', '役割', '事業者サービス', '契約番号等', '取り扱うデータ', 'データの持ち出し', '再委託の承認', '申請日', '決定日', '承認者', '指摘', '備考']);
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = Array.from({ length: 7 }, (_, i) => sheet.getRow(i + 2));
    expect(rows.map((r) => r.getCell(col('階層')).value)).toEqual([0, 0, 0, 1, 2, 3, 0]);
    const deepest = rows[5]!;
    expect(deepest.getCell(col('関係事業者')).value).toBe('　　　テスト住記アプリ株式会社');
    expect(deepest.getCell(col('役割')).value).toBe('再委託先');
    expect(deepest.getCell(col('指摘')).value).toBe('未承認の再委託先、許容する階層を超える再委託');
    expect(rows[0]!.getCell(col('事業者サービス')).value).toBe('テストIaaS');
    expect(rows[2]!.getCell(col('データの持ち出し')).value).toBe('可');
    expect(rows[3]!.getCell(col('再委託の承認')).value).toBe('承認済み');
    const [audit] = await auditEntries(t, { action: 'register.subcontract_export' });
    expect(audit.after).toEqual({ format: 'xlsx', entry_count: 1 });
  });

  it('removes a party with its cells and fault roles, refuses while it has subcontractors, and blocks deleting a vendor or service it names', async () => {
    const ops = await byName('テスト運用サービス株式会社');
    const blocked = expectError(await api(t.app, editor).delete(`/api/parties/${ops.id}`), 409, 'conflict', ['id']);
    expect(blocked.error.details[0].reason).toContain('テスト再委託株式会社');

    const vendorBlocked = expectError(await api(t.app, admin).delete(`/api/register/vendors/${opsVendorId}`), 409, 'conflict', ['id']);
    expect(vendorBlocked.error.details[0].reason).toContain('住民基本台帳システム');
    expectError(await api(t.app, vendorUser).delete(`/api/vendor-services/${iaasServiceId}`), 409, 'conflict', ['id']);

    const iaas = await byName('テストクラウド基盤株式会社');
    await t.db.insertInto('entry_responsibilities').values({ organisation_id: city.id, entry_id: entryId, layer_id: 'facility', party_id: iaas.id, duty: 'accountable', backup: 0 }).execute();
    await t.db.insertInto('entry_fault_roles').values({ organisation_id: city.id, entry_id: entryId, role: 'first_triage', party_id: iaas.id, commitment_minutes: 30, note: null }).execute();
    expectStatus(await api(t.app, editor).delete(`/api/parties/${iaas.id}`), 200);
    expect(await t.db.selectFrom('entry_responsibilities').select('party_id').where('party_id', '=', iaas.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('entry_fault_roles').select('party_id').where('party_id', '=', iaas.id).execute()).toEqual([]);
    const [removed] = await auditEntries(t, { action: 'entry_party.remove', targetId: entryId });
    expect(removed.before).toMatchObject({ party: 'テストクラウド基盤株式会社', party_role: 'cloud_provider' });
    expectStatus(await api(t.app, vendorUser).delete(`/api/vendor-services/${iaasServiceId}`), 200);
  });

  it('goes with its entry when the entry is deleted', async () => {
    const ops = await byName('テスト運用サービス株式会社');
    await t.db.insertInto('entry_responsibilities').values({ organisation_id: city.id, entry_id: entryId, layer_id: 'operations', party_id: ops.id, duty: 'accountable', backup: 0 }).execute();
    expectStatus(await api(t.app, admin).delete(`/api/register/entries/${entryId}`), 200);
    expect(await partyRows()).toBe(0);
    expect(await t.db.selectFrom('entry_responsibilities').select('party_id').where('entry_id', '=', entryId).execute()).toEqual([]);
    expectStatus(await api(t.app, admin).delete(`/api/register/vendors/${opsVendorId}`), 200);
  });
  it('builds the demo parties through the services (the chain flags the pending sub-subcontractor)', async () => {
    const demoCity = await buildMunicipality(t);
    const demoAdmin = await buildUser(t, { organisation: demoCity, role: 'org_admin' });
    const session = await signInFully(t.app, demoAdmin);
    const categories = await categoryIds(t.app, session);
    const id = (await api(t.app, session).post('/api/register/entries', entryBody(categories['基幹系サービス']))).json().id;
    await buildVendor(t, { name: 'デモ自治体クラウド株式会社' });
    await loadDemoParties(t.deps, { userId: demoAdmin.id, organisationId: demoCity.id, organisationKind: 'municipality', role: 'org_admin', label: demoAdmin.email, via: 'session', ip: null });
    const view = (await api(t.app, session).get(`/api/register/entries/${id}/parties`)).json();
    expect(view.items.map((p: Party) => [p.role, p.depth, p.flags])).toEqual([
      ['cloud_provider', 0, []],
      ['application_provider', 0, []],
      ['operations_contractor', 0, []],
      ['subcontractor', 1, []],
      ['subcontractor', 2, ['unapproved']],
      ['municipality', 0, []],
    ]);
    expect((await api(t.app, session).get(`/api/register/entries/${id}`)).json()).toMatchObject({ standardised_business: 'resident_registry', government_cloud: true });
  });
});
