// What runs on what, on both databases: an IaaS, a SaaS on it, municipalities whose entries run on
// either (directly, through the SaaS, through another entry). Cycles and cross-organisation entries are
// refused with nothing written; "what stops if the IaaS fails" is ranked with its paths; the vendor's
// reach names organisations only; a vendor incident on the IaaS reaches every body along the graph,
// one participant each, marked with the way it came.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, buildVendor } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';

describe.each(dialects)('dependencies on %s', (dialect) => {
  const t = useTestApp(dialect);
  let iaasVendor: Session;
  let saasVendor: Session;
  let otherVendor: Session;
  let city: Session;
  let cityAdmin: Session;
  let cityViewer: Session;
  let town: Session;
  let village: Session;
  let late: Session;
  let cityId: string;
  let townId: string;
  let villageId: string;
  let lateId: string;
  let iaas: string;
  let saasOrgId: string;
  let saas: string;
  const e: Record<string, string> = {};

  const count = async (table: 'entry_dependencies' | 'vendor_service_dependencies' | 'audit_log') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  async function entry(session: Session, name: string, overrides: Record<string, unknown> = {}) {
    const categories = await categoryIds(t.app, session);
    const res = await api(t.app, session).post('/api/register/entries', entryBody(categories['基幹系サービス'], { name, ...overrides }));
    expectStatus(res, 201);
    return res.json().id as string;
  }
  const link = async (session: Session, entryId: string, serviceId: string) => expectStatus(await api(t.app, session).put(`/api/register/entries/${entryId}/vendor-service`, { vendor_service_id: serviceId }), 200);
  const runsOn = (session: Session, entryId: string, body: Record<string, unknown>) => api(t.app, session).post(`/api/register/entries/${entryId}/dependencies`, body);

  beforeAll(async () => {
    const iaasOrg = await buildVendor(t, { name: '基盤クラウド株式会社' });
    const saasOrg = await buildVendor(t, { name: '窓口アプリ株式会社' });
    saasOrgId = saasOrg.id;
    iaasVendor = await signInFully(t.app, await buildUser(t, { organisation: iaasOrg, role: 'org_admin' }));
    saasVendor = await signInFully(t.app, await buildUser(t, { organisation: saasOrg, role: 'org_admin' }));
    otherVendor = await signInFully(t.app, await buildUser(t, { organisation: await buildVendor(t), role: 'org_admin' }));
    iaas = (await api(t.app, iaasVendor).post('/api/vendor-services', { name: '自治体IaaS' })).json().id;
    saas = (await api(t.app, saasVendor).post('/api/vendor-services', { name: '窓口予約SaaS' })).json().id;
    expectStatus(await api(t.app, saasVendor).post(`/api/vendor-services/${saas}/dependencies`, { depends_on_service_id: iaas, note: '本番環境' }), 201);

    const cityOrg = await buildMunicipality(t, { name: '依存市' });
    cityId = cityOrg.id;
    city = await signInFully(t.app, await buildUser(t, { organisation: cityOrg, role: 'editor' }));
    cityAdmin = await signInFully(t.app, await buildUser(t, { organisation: cityOrg, role: 'org_admin' }));
    cityViewer = await signInFully(t.app, await buildUser(t, { organisation: cityOrg, role: 'viewer' }));
    e.core = await entry(city, '住民記録システム', { residents_held: 50_000 });
    e.booking = await entry(city, '窓口予約', { residents_held: 3_000, classification: { resident_impact: 1 } });
    e.forms = await entry(city, '電子申請', { residents_held: 20_000 });
    e.unrelated = await entry(city, '庁内掲示板', { classification: { resident_impact: 1 } });
    expectStatus(await runsOn(city, e.core, { depends_on_service_id: iaas, note: 'ガバメントクラウド上' }), 201);
    await link(city, e.booking, saas);
    expectStatus(await runsOn(city, e.forms, { depends_on_entry_id: e.core }), 201);

    const townOrg = await buildMunicipality(t, { name: '依存町' });
    townId = townOrg.id;
    town = await signInFully(t.app, await buildUser(t, { organisation: townOrg, role: 'editor' }));
    e.townBooking = await entry(town, '町の窓口予約');
    await link(town, e.townBooking, saas);

    // The village's important system runs on its small IaaS entry: it comes "via" that entry.
    const villageOrg = await buildMunicipality(t, { name: '依存村' });
    villageId = villageOrg.id;
    village = await signInFully(t.app, await buildUser(t, { organisation: villageOrg, role: 'editor' }));
    e.villageBase = await entry(village, '村の仮想基盤', { classification: { resident_impact: 1 } });
    e.villageCore = await entry(village, '村の基幹システム');
    await link(village, e.villageBase, iaas);
    expectStatus(await runsOn(village, e.villageCore, { depends_on_entry_id: e.villageBase }), 201);

    const lateOrg = await buildMunicipality(t, { name: '後発市' });
    lateId = lateOrg.id;
    late = await signInFully(t.app, await buildUser(t, { organisation: lateOrg, role: 'editor' }));
    e.late = await entry(late, '後から使う窓口予約');
  });

  it('lists what an entry runs on and what runs on it, and what its services run on', async () => {
    const res = await api(t.app, city).get(`/api/register/entries/${e.core}/dependencies`);
    expectStatus(res, 200);
    const body = res.json();
    expect(body.depends_on).toHaveLength(1);
    expect(body.depends_on[0]).toMatchObject({ kind: 'service', service: { id: iaas, name: '自治体IaaS', vendor_name: '基盤クラウド株式会社' }, note: 'ガバメントクラウド上', entry: null });
    expect(body.depended_on_by).toEqual([expect.objectContaining({ kind: 'entry', entry: expect.objectContaining({ id: e.forms, name: '電子申請' }) })]);
    expect(body.can_edit).toBe(true);
    const booking = (await api(t.app, city).get(`/api/register/entries/${e.booking}/dependencies`)).json();
    expect(booking.services_run_on).toEqual([{ service: expect.objectContaining({ id: saas }), runs_on: [expect.objectContaining({ id: iaas, name: '自治体IaaS' })] }]);
    expect((await api(t.app, cityViewer).get(`/api/register/entries/${e.core}/dependencies`)).json().can_edit).toBe(false);
  });

  it('refuses a cycle, naming the field and the way round, with nothing written', async () => {
    const [deps, audit] = [await count('entry_dependencies'), await count('audit_log')];
    const body = expectError(await runsOn(city, e.core, { depends_on_entry_id: e.forms }), 400, 'validation_failed', ['depends_on_entry_id']);
    expect(body.error.details[0].reason).toContain('住民記録システム → ');
    expect(body.error.details[0].reason).toContain('電子申請');
    expectError(await runsOn(city, e.core, { depends_on_entry_id: e.core }), 400, 'validation_failed', ['depends_on_entry_id']);
    expect([await count('entry_dependencies'), await count('audit_log')]).toEqual([deps, audit]);
  });

  it("refuses another organisation's entry as if it did not exist, a duplicate, and a body naming both or neither", async () => {
    const deps = await count('entry_dependencies');
    expectError(await runsOn(city, e.unrelated, { depends_on_entry_id: e.townBooking }), 400, 'validation_failed', ['depends_on_entry_id']);
    expectError(await runsOn(city, e.unrelated, { depends_on_entry_id: e.core, depends_on_service_id: iaas }), 400, 'validation_failed', ['depends_on_entry_id']);
    expectError(await runsOn(city, e.unrelated, {}), 400, 'validation_failed', ['depends_on_entry_id']);
    expectError(await runsOn(city, e.core, { depends_on_service_id: iaas }), 409, 'conflict', ['depends_on_service_id']);
    expectError(await runsOn(cityViewer, e.unrelated, { depends_on_entry_id: e.core }), 403, 'forbidden');
    expectStatus(await runsOn(town, e.core, { depends_on_service_id: iaas }), 404);
    expect(await count('entry_dependencies')).toBe(deps);
  });

  it('refuses a cycle across the global service graph and lets only the vendor declare', async () => {
    const before = await count('vendor_service_dependencies');
    const res = await api(t.app, iaasVendor).post(`/api/vendor-services/${iaas}/dependencies`, { depends_on_service_id: saas });
    expect(expectError(res, 400, 'validation_failed', ['depends_on_service_id']).error.details[0].reason).toContain('窓口予約SaaS（窓口アプリ株式会社） → 自治体IaaS');
    expectError(await api(t.app, iaasVendor).post(`/api/vendor-services/${iaas}/dependencies`, { depends_on_service_id: iaas }), 400, 'validation_failed', ['depends_on_service_id']);
    expectError(await api(t.app, saasVendor).post(`/api/vendor-services/${saas}/dependencies`, { depends_on_service_id: iaas }), 409, 'conflict', ['depends_on_service_id']);
    expectStatus(await api(t.app, otherVendor).post(`/api/vendor-services/${saas}/dependencies`, { depends_on_service_id: iaas }), 404);
    expectStatus(await api(t.app, city).post(`/api/vendor-services/${saas}/dependencies`, { depends_on_service_id: iaas }), 403);
    expect(await count('vendor_service_dependencies')).toBe(before);
    // Municipalities see what a service runs on; what runs on it is the vendor's to know.
    const seen = (await api(t.app, city).get(`/api/vendor-services/${iaas}/dependencies`)).json();
    expect(seen.run_on_by).toEqual([]);
    expect((await api(t.app, iaasVendor).get(`/api/vendor-services/${iaas}/dependencies`)).json().run_on_by).toEqual([expect.objectContaining({ service: expect.objectContaining({ id: saas }) })]);
    expectStatus(await api(t.app, otherVendor).get(`/api/vendor-services/${iaas}/dependencies`), 404);
  });

  it('answers what stops if the IaaS fails: own entries only, ranked, with the way each is reached', async () => {
    const res = await api(t.app, city).get(`/api/what-if?target_type=vendor_service&target_id=${iaas}`);
    expectStatus(res, 200);
    const body = res.json();
    expect(body.target.name).toBe('自治体IaaS（基盤クラウド株式会社）');
    expect(body.items.map((i: { entry: { name: string } }) => i.entry.name)).toEqual(['住民記録システム', '電子申請', '窓口予約']);
    const [core, forms, booking] = body.items;
    expect(core).toMatchObject({ reached: 'direct', path: [{ kind: 'service', name: '自治体IaaS' }], residents_held: 50_000 });
    expect(forms).toMatchObject({ reached: 'entry', path: [{ kind: 'service', name: '自治体IaaS' }, { kind: 'entry', id: e.core }] });
    expect(booking).toMatchObject({ reached: 'service', path: [{ kind: 'service', name: '自治体IaaS' }, { kind: 'service', name: '窓口予約SaaS' }] });
    expect(core.administrative_impact).toBeGreaterThan(booking.administrative_impact);
    expect(body.summary).toMatchObject({ total: 3 });
    expect(body.summary.high).toBe(body.items.filter((i: { band: string }) => i.band === 'high').length);

    const ofEntry = (await api(t.app, city).get(`/api/what-if?target_type=entry&target_id=${e.core}`)).json();
    expect(ofEntry.items.map((i: { entry: { id: string } }) => i.entry.id)).toEqual([e.forms]);
    expectStatus(await api(t.app, city).get(`/api/what-if?target_type=entry&target_id=${e.townBooking}`), 404);
    expectError(await api(t.app, city).get(`/api/what-if?target_type=building&target_id=${e.core}`), 400, 'validation_failed', ['target_type']);
    const targets = (await api(t.app, city).get('/api/what-if/targets')).json();
    expect(targets.groups.map((g: { key: string }) => g.key)).toEqual(expect.arrayContaining(['vendor_service', 'entry']));
  });

  it("gives the vendor its service's reach: organisations and counts, never an entry name", async () => {
    const res = await api(t.app, iaasVendor).get(`/api/vendor-services/${iaas}/reach`);
    expectStatus(res, 200);
    const body = res.json();
    const byName = Object.fromEntries(body.organisations.map((o: { organisation_name: string }) => [o.organisation_name, o]));
    expect(byName['依存市']).toMatchObject({ entries: 3, direct_entries: 1, via: [{ id: saas, name: '窓口予約SaaS' }] });
    expect(byName['依存町']).toMatchObject({ entries: 1, direct_entries: 0, via: [{ id: saas, name: '窓口予約SaaS' }] });
    expect(byName['依存村']).toMatchObject({ entries: 2, direct_entries: 1, via: [] });
    expect(body.summary).toMatchObject({ organisations: 3, entries: 6 });
    for (const name of ['住民記録システム', '電子申請', '村の基幹システム', '村の仮想基盤', '町の窓口予約']) expect(res.body).not.toContain(name);
    expectStatus(await api(t.app, otherVendor).get(`/api/vendor-services/${iaas}/reach`), 404);
    expectStatus(await api(t.app, city).get(`/api/vendor-services/${iaas}/reach`), 403);
  });

  it('answers what stops if a data centre fails, for a party of that role, and offers it in the picker by role', async () => {
    const dc = (await api(t.app, city).post('/api/register/vendors', { name: '北データセンター株式会社' })).json().id;
    expectStatus(await api(t.app, city).post(`/api/register/entries/${e.unrelated}/parties`, { role: 'data_centre', vendor_id: dc }), 201);
    const res = (await api(t.app, city).get(`/api/what-if?target_type=vendor&target_id=${dc}`)).json();
    expect(res.items).toEqual([expect.objectContaining({ entry: expect.objectContaining({ id: e.unrelated }), reached: 'direct', path: [{ kind: 'vendor', id: dc, name: '北データセンター株式会社' }] })]);
    const targets = (await api(t.app, city).get('/api/what-if/targets')).json();
    expect(targets.groups.find((g: { key: string }) => g.key === 'data_centre').options).toEqual([{ target_type: 'vendor', target_id: dc, label: '北データセンター株式会社' }]);
  });

  it('fans a vendor incident on the IaaS out along the graph: one participant per body, marked via the way it came', async () => {
    const res = await api(t.app, iaasVendor).post('/api/incidents', { vendor_service_id: iaas, title: 'IaaS基盤の停止', type: 'outage', severity: 'high', occurred_at: new Date(t.clock.now().getTime() - 3_600_000).toISOString() });
    expectStatus(res, 201);
    const incidentId = res.json().id;
    const rows = await t.db.selectFrom('incident_participants').selectAll().where('incident_id', '=', incidentId).execute();
    expect(rows).toHaveLength(3);
    const of = (org: string) => rows.find((r) => r.organisation_id === org)!;
    expect(of(cityId)).toMatchObject({ entry_id: e.core, via_service_id: null, via_entry_id: null });
    expect(of(townId)).toMatchObject({ entry_id: e.townBooking, via_service_id: saas, via_entry_id: null });
    expect(of(villageId)).toMatchObject({ entry_id: e.villageCore, via_service_id: null, via_entry_id: e.villageBase });

    // The town sees 「窓口予約SaaS経由」; the village its own entry; the vendor only the service.
    const townView = (await api(t.app, town).get(`/api/incidents/${incidentId}`)).json();
    expect(townView.my_participation.via_service).toEqual({ id: saas, name: '窓口予約SaaS' });
    expect((await api(t.app, village).get(`/api/incidents/${incidentId}`)).json().my_participation.via_entry).toEqual({ id: e.villageBase, name: '村の仮想基盤' });
    const vendorView = (await api(t.app, iaasVendor).get(`/api/incidents/${incidentId}`)).json();
    const townSeen = vendorView.participants.find((p: { organisation_id: string }) => p.organisation_id === townId);
    expect(townSeen.via_service).toEqual({ id: saas, name: '窓口予約SaaS' });
    expect(vendorView.participants.every((p: { via_entry: unknown }) => p.via_entry === null)).toBe(true);

    // A body that starts to use the SaaS while the incident is open joins it at once, via the SaaS.
    await link(late, e.late, saas);
    expect(await t.db.selectFrom('incident_participants').selectAll().where('incident_id', '=', incidentId).where('organisation_id', '=', lateId).executeTakeFirst()).toMatchObject({ entry_id: e.late, via_service_id: saas });
    // A party providing the SaaS brings another body in the same way.
    const partyOrg = await buildMunicipality(t, { name: '委託市' });
    const partyCity = await signInFully(t.app, await buildUser(t, { organisation: partyOrg, role: 'editor' }));
    const partyEntry = await entry(partyCity, '委託先が運用する窓口予約');
    expectStatus(await api(t.app, partyCity).post(`/api/register/entries/${partyEntry}/parties`, { role: 'application_provider', vendor_organisation_id: saasOrgId, vendor_service_id: saas }), 201);
    expect(await t.db.selectFrom('incident_participants').selectAll().where('incident_id', '=', incidentId).where('organisation_id', '=', partyOrg.id).executeTakeFirst()).toMatchObject({ entry_id: partyEntry, via_service_id: saas });
    // Linking again or recording a dependency on the IaaS too makes no second participant.
    expectStatus(await runsOn(late, e.late, { depends_on_service_id: iaas }), 201);
    expect(await t.db.selectFrom('incident_participants').select('organisation_id').where('incident_id', '=', incidentId).where('organisation_id', '=', lateId).execute()).toHaveLength(1);
  });

  it('changes a note, removes a dependency (audited on the entry), and cleans up when an entry is deleted', async () => {
    const list = (await api(t.app, city).get(`/api/register/entries/${e.forms}/dependencies`)).json();
    const id = list.depends_on[0].id;
    expectStatus(await api(t.app, city).patch(`/api/dependencies/${id}`, { note: '同じ基盤上' }), 200);
    expect((await api(t.app, city).get(`/api/register/entries/${e.forms}/dependencies`)).json().depends_on[0].note).toBe('同じ基盤上');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_type', 'target_id', 'after_json']).where('action', 'like', 'entry_dependency.%').where('target_id', '=', e.forms).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['entry_dependency.add', 'entry_dependency.update']));
    expect(audit.every((a) => a.target_type === 'register_entry')).toBe(true);
    expect(audit.find((a) => a.action === 'entry_dependency.add')!.after_json).toContain('住民記録システム');

    // The vendor cannot delete a service entries run on; the village's entry deletion takes its rows along.
    expectError(await api(t.app, iaasVendor).delete(`/api/vendor-services/${iaas}`), 409, 'conflict', ['id']);
    const villageAdmin = await signInFully(t.app, await buildUser(t, { organisation: { id: villageId }, role: 'org_admin' }));
    expectStatus(await api(t.app, villageAdmin).delete(`/api/register/entries/${e.villageBase}`), 200);
    expect(await t.db.selectFrom('entry_dependencies').select('id').where('organisation_id', '=', villageId).execute()).toEqual([]);
    expect(await t.db.selectFrom('incident_participants').select('incident_id').where('via_entry_id', '=', e.villageBase).execute()).toEqual([]);

    expectStatus(await api(t.app, city).delete(`/api/dependencies/${id}`), 200);
    expect((await api(t.app, city).get(`/api/register/entries/${e.forms}/dependencies`)).json().depends_on).toEqual([]);
    expectStatus(await api(t.app, cityAdmin).delete(`/api/dependencies/${id}`), 404);
  });
});
