// Incidents between municipalities, their vendor and their prefecture: reports and sharing, the
// timeline and its rules, figures against each municipality's own commitments, impact privacy,
// prevention actions and closing, the closing report, tenancy and the audit trail — on both databases.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildAssociation, buildMunicipality, buildOperator, buildPrefecture, buildUser, buildVendor, type TestOrganisation } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody, uploadFile } from '../support/register.ts';
import { identifiability, leakEstimateForService, proposeDistressAndLoss } from '../../src/domain/impact.ts';

const MINUTE = 60_000;

describe.each(dialects)('incidents on %s', (dialect) => {
  // The story runs over six hours of the hand-moved clock; sessions stay signed in meanwhile.
  const t = useTestApp(dialect, { config: { sessionIdleMinutes: 600 } });
  let prefecture: TestOrganisation;
  let cityA: TestOrganisation;
  let cityB: TestOrganisation;
  let cityC: TestOrganisation;
  let vendor: TestOrganisation;
  let aEditor: Session;
  let aViewer: Session;
  let aTax: Session;
  let bEditor: Session;
  let cEditor: Session;
  let member: Session;
  let otherMember: Session;
  let prefViewer: Session;
  let assocViewer: Session;
  let operator: Session;
  let serviceId: string;
  let aEntry: string;
  let aUnlinked: string;
  let bEntry: string;
  let cEntry: string;
  let sharedId: string;
  let privateId: string;
  let vendorIncidentId: string;
  let reportedAt: Date;

  const iso = (ms: number) => new Date(ms).toISOString();
  const now = () => t.clock.now().getTime();
  const notificationCount = async (kind: string, incidentId: string, organisationIds: string[]) => {
    const row = await t.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('kind', '=', kind)
      .where('link', '=', `/incidents/${incidentId}`)
      .where('organisation_id', 'in', organisationIds)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const count = async (table: 'incidents' | 'incident_events' | 'incident_actions' | 'notifications' | 'mail_outbox') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const detail = async (session: Session, id: string) => {
    const res = await api(t.app, session).get(`/api/incidents/${id}`);
    expectStatus(res, 200);
    return res.json();
  };

  beforeAll(async () => {
    prefecture = await buildPrefecture(t, { name: 'テスト県' });
    cityA = await buildMunicipality(t, { prefectureId: prefecture.id, name: 'エー市' });
    cityB = await buildMunicipality(t, { prefectureId: prefecture.id, name: 'ビー町' });
    cityC = await buildMunicipality(t, { name: 'シー村' });
    vendor = await buildVendor(t, { name: 'デモ自治体クラウド株式会社' });
    aEditor = await signInFully(t.app, await buildUser(t, { organisation: cityA, role: 'editor' }));
    aViewer = await signInFully(t.app, await buildUser(t, { organisation: cityA, role: 'viewer' }));
    const tax = await buildUser(t, { organisation: cityA, role: 'editor' });
    await t.db.updateTable('users').set({ department: '税務課' }).where('id', '=', tax.id).execute();
    aTax = await signInFully(t.app, tax);
    bEditor = await signInFully(t.app, await buildUser(t, { organisation: cityB, role: 'editor' }));
    cEditor = await signInFully(t.app, await buildUser(t, { organisation: cityC, role: 'editor' }));
    member = await signInFully(t.app, await buildUser(t, { organisation: vendor, role: 'vendor_member' }));
    otherMember = await signInFully(t.app, await buildUser(t, { organisation: await buildVendor(t), role: 'vendor_member' }));
    prefViewer = await signInFully(t.app, await buildUser(t, { organisation: prefecture, role: 'viewer' }));
    assocViewer = await signInFully(t.app, await buildUser(t, { organisation: await buildAssociation(t, [cityA.id, cityB.id]), role: 'viewer' }));
    operator = await signInFully(t.app, await buildUser(t, { organisation: await buildOperator(t), role: 'operator_admin' }));

    serviceId = (await api(t.app, member).post('/api/vendor-services', { name: '自治体クラウド 住民記録' })).json().id;
    const entry = async (session: Session, overrides: Record<string, unknown> = {}) => {
      const categories = await categoryIds(t.app, session);
      const res = await api(t.app, session).post('/api/register/entries', entryBody(categories['基幹系サービス'], overrides));
      expectStatus(res, 201);
      return res.json().id as string;
    };
    aEntry = await entry(aEditor);
    aUnlinked = await entry(aEditor, { name: '電子申請システム', department: '市民課' });
    bEntry = await entry(bEditor);
    cEntry = await entry(cEditor);
    for (const [session, id] of [[aEditor, aEntry], [bEditor, bEntry]] as const) {
      expectStatus(await api(t.app, session).put(`/api/register/entries/${id}/vendor-service`, { vendor_service_id: serviceId }), 200);
    }
    // A's commitments: the contract's first report within 30 minutes (contacts), and an MTTR of 180 minutes (SLA).
    await t.db
      .insertInto('contact_settings')
      .values({ entry_id: aEntry, organisation_id: cityA.id, first_report_minutes: 30, last_verified_on: null, reverify_interval_months: 6, notes: null, updated_at: iso(now()), updated_by_label: 'test' })
      .execute();
    expectStatus(await api(t.app, aEditor).put(`/api/sla/entries/${aEntry}/terms`, { audience: 'residents', calendar_kind: 'always', availability_target: 99.5, mttr_target_minutes: 180 }), 200);
  });

  it('lets a municipality report an incident and share it with the vendor and its prefecture', async () => {
    const body = {
      entry_id: aEntry,
      title: '電子申請の管理画面への不正アクセス疑い',
      type: 'unauthorised_access',
      severity: 'high',
      summary: 'ゲストユーザー設定の誤りにより、申請者情報が外部から閲覧可能だった可能性',
      occurred_at: iso(now() - 5 * 24 * 60 * MINUTE),
      detected_at: iso(now() - 60 * MINUTE),
      data_kinds: ['name', 'address'],
      records_affected: 1200,
      residents_affected: 1200,
      share_with_vendor: true,
      share_with_prefecture: true,
    };
    const res = await api(t.app, aEditor).post('/api/incidents', body);
    expectStatus(res, 201);
    const created = res.json();
    sharedId = created.id;
    const kinds = t.deps.catalogues.dataKinds.data.kinds.filter((k) => ['name', 'address'].includes(k.code));
    expect(created).toMatchObject({
      reporter_kind: 'municipality',
      reporter_name: 'エー市',
      status: 'open',
      vendor_service: { id: serviceId, name: '自治体クラウド 住民記録' },
      vendor_name: 'デモ自治体クラウド株式会社',
      shared_with_vendor: true,
      shared_with_prefecture: true,
      records_affected: 1200,
      leak_estimate_yen: leakEstimateForService({ ...proposeDistressAndLoss(kinds), identifiability: identifiability(['name', 'address']) }, 1200),
      my_participation: { organisation_name: 'エー市', entry_id: aEntry, impact_status: 'affected', residents_affected: 1200, share_impact: true, closed_at: null },
      can_edit: true,
      can_close: true,
    });
    expect(created.leak_estimate_yen).toBeGreaterThan(0);
    expect(created.events.map((e: { type: string }) => e.type)).toEqual(['occurred', 'detected']);

    // The vendor, the prefecture and the association see it and were told; the vendor's other users, B and C were not.
    expect((await api(t.app, member).get('/api/incidents')).json().items.map((i: { id: string }) => i.id)).toContain(sharedId);
    const asVendor = await detail(member, sharedId);
    expect(asVendor).toMatchObject({ can_edit: false, can_post_event: true, can_edit_impact: false, my_participation: null, actions: [] });
    expect((await api(t.app, prefViewer).get('/api/incidents')).json().items.map((i: { id: string }) => i.id)).toEqual([sharedId]);
    expect((await api(t.app, assocViewer).get('/api/incidents')).json().items.map((i: { id: string }) => i.id)).toEqual([sharedId]);
    expect(await notificationCount('incident_shared', sharedId, [vendor.id])).toBe(1);
    expect(await notificationCount('incident_shared', sharedId, [prefecture.id])).toBe(1);
    // B uses the same service, but a municipality's report is not fanned out.
    expect((await api(t.app, bEditor).get('/api/incidents')).json().items).toEqual([]);
    expectError(await api(t.app, bEditor).get(`/api/incidents/${sharedId}`), 404, 'not_found');
    expectError(await api(t.app, cEditor).get(`/api/incidents/${sharedId}`), 404, 'not_found');
    expectError(await api(t.app, otherMember).get(`/api/incidents/${sharedId}`), 404, 'not_found');

    // Kept to itself: nobody else sees it.
    const kept = await api(t.app, aEditor).post('/api/incidents', { ...body, title: '担当者PCの紛失', type: 'data_leak', share_with_vendor: false, share_with_prefecture: false });
    expectStatus(kept, 201);
    privateId = kept.json().id;
    expect(kept.json()).toMatchObject({ shared_with_vendor: false, shared_with_prefecture: false, my_participation: { share_impact: false } });
    expectError(await api(t.app, member).get(`/api/incidents/${privateId}`), 404, 'not_found');
    expectError(await api(t.app, prefViewer).get(`/api/incidents/${privateId}`), 404, 'not_found');
    expect(await notificationCount('incident_shared', privateId, [vendor.id, prefecture.id])).toBe(0);

    const audit = await auditEntries(t, { action: 'incident.report', targetId: sharedId });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organisation_id: cityA.id, after: { title: body.title, entry_id: aEntry, shared_with_vendor: true, participant_count: 1 } });
  });

  it('refuses bad reports naming each field, and writes nothing', async () => {
    const before = { incidents: await count('incidents'), events: await count('incident_events'), notifications: await count('notifications') };
    const valid = { entry_id: aEntry, title: '障害', type: 'outage', severity: 'low', occurred_at: iso(now() - MINUTE), share_with_vendor: false, share_with_prefecture: false };
    expectError(await api(t.app, aEditor).post('/api/incidents', {}), 400, 'validation_failed', ['title', 'type', 'severity', 'occurred_at']);
    expectError(await api(t.app, aEditor).post('/api/incidents', { ...valid, type: 'meteor', severity: 'apocalyptic' }), 400, 'validation_failed', ['type', 'severity']);
    expectError(await api(t.app, aEditor).post('/api/incidents', { ...valid, occurred_at: '2026-10-05 10:00' }), 400, 'validation_failed', ['occurred_at']);
    expectError(await api(t.app, aEditor).post('/api/incidents', { ...valid, occurred_at: iso(now() + 60 * MINUTE) }), 400, 'validation_failed', ['occurred_at']);
    const early = expectError(await api(t.app, aEditor).post('/api/incidents', { ...valid, detected_at: iso(now() - 2 * MINUTE) }), 400, 'validation_failed', ['detected_at']);
    expect(early.error.details[0].reason).toContain('発生日時より前');
    expectError(await api(t.app, aEditor).post('/api/incidents', { ...valid, entry_id: undefined }), 400, 'validation_failed', ['entry_id']);
    expectError(await api(t.app, aEditor).post('/api/incidents', { ...valid, entry_id: cEntry }), 400, 'validation_failed', ['entry_id']);
    expectError(await api(t.app, aEditor).post('/api/incidents', { ...valid, data_kinds: ['name', 'favourite_colour'] }), 400, 'validation_failed', ['data_kinds.1']);
    expectError(await api(t.app, aEditor).post('/api/incidents', { ...valid, records_affected: -1 }), 400, 'validation_failed', ['records_affected']);
    const unlinked = expectError(await api(t.app, aEditor).post('/api/incidents', { ...valid, entry_id: aUnlinked, share_with_vendor: true }), 400, 'validation_failed', ['share_with_vendor']);
    expect(unlinked.error.details[0].reason).toContain('紐付');
    expectError(await api(t.app, cEditor).post('/api/incidents', { ...valid, entry_id: cEntry, share_with_prefecture: true }), 400, 'validation_failed', ['share_with_prefecture']);
    expectError(await api(t.app, aTax).post('/api/incidents', valid), 403, 'forbidden', ['department']);
    expectError(await api(t.app, aViewer).post('/api/incidents', valid), 403, 'forbidden');
    expectError(await api(t.app, prefViewer).post('/api/incidents', valid), 403, 'forbidden');
    expectError(await api(t.app, operator).post('/api/incidents', valid), 403, 'forbidden');
    const vendorBody = { vendor_service_id: serviceId, title: '停止', type: 'outage', severity: 'high', occurred_at: iso(now() - MINUTE) };
    expectError(await api(t.app, member).post('/api/incidents', { ...vendorBody, vendor_service_id: undefined }), 400, 'validation_failed', ['vendor_service_id']);
    expectError(await api(t.app, otherMember).post('/api/incidents', vendorBody), 400, 'validation_failed', ['vendor_service_id']);
    expect({ incidents: await count('incidents'), events: await count('incident_events'), notifications: await count('notifications') }).toEqual(before);
  });

  it("reaches every municipality linked to the vendor's service when the vendor reports", async () => {
    reportedAt = t.clock.now();
    const res = await api(t.app, member).post('/api/incidents', {
      vendor_service_id: serviceId,
      title: '住民記録システムの全面停止',
      type: 'outage',
      severity: 'critical',
      summary: '更新プログラムの破損により証明書の発行ができない',
      occurred_at: iso(now() - 95 * MINUTE),
      detected_at: iso(now() - 85 * MINUTE),
    });
    expectStatus(res, 201);
    vendorIncidentId = res.json().id;
    expect(res.json()).toMatchObject({ reporter_kind: 'vendor', participant_count: 2, can_edit: true, my_participation: null });
    expect(res.json().events.map((e: { type: string; at: string }) => [e.type, e.at])).toEqual([
      ['occurred', iso(now() - 95 * MINUTE)],
      ['detected', iso(now() - 85 * MINUTE)],
      ['vendor_first_report', iso(now())],
    ]);
    for (const session of [aEditor, bEditor]) {
      const item = (await api(t.app, session).get('/api/incidents')).json().items.find((i: { id: string }) => i.id === vendorIncidentId);
      expect(item).toMatchObject({ title: '住民記録システムの全面停止', reporter_name: 'デモ自治体クラウド株式会社', vendor_service: { id: serviceId }, occurred_at: iso(now() - 95 * MINUTE), participant_count: 2, affected_count: 0, my_impact_status: 'unknown', my_closed: false });
    }
    expect((await api(t.app, cEditor).get('/api/incidents')).json().items).toEqual([]);
    expectError(await api(t.app, cEditor).get(`/api/incidents/${vendorIncidentId}`), 404, 'not_found');
    // Every active user of A (3) and B (1) has it in the app.
    expect(await notificationCount('incident_reported', vendorIncidentId, [cityA.id])).toBe(3);
    expect(await notificationCount('incident_reported', vendorIncidentId, [cityB.id])).toBe(1);
    expect(await notificationCount('incident_reported', vendorIncidentId, [cityC.id, vendor.id, prefecture.id])).toBe(0);
    const mails = await t.db.selectFrom('mail_outbox').select('organisation_id').where('dedupe_key', 'like', `incident:${vendorIncidentId}:reported:%`).execute();
    expect(new Set(mails.map((m) => m.organisation_id))).toEqual(new Set([cityA.id, cityB.id]));
    expect((await auditEntries(t, { action: 'incident.report', targetId: vendorIncidentId }))[0]).toMatchObject({ organisation_id: vendor.id, after: { participant_count: 2 } });
  });

  it('keeps the timeline rules: no future times, known types only, municipal events private unless shared', async () => {
    const url = `/api/incidents/${vendorIncidentId}/events`;
    const before = await count('incident_events');
    expectError(await api(t.app, aEditor).post(url, { type: 'meteor', at: iso(now()) }), 400, 'validation_failed', ['type']);
    expectError(await api(t.app, aEditor).post(url, { type: 'update', at: iso(now() + MINUTE) }), 400, 'validation_failed', ['at']);
    expectError(await api(t.app, aEditor).post(url, { type: 'full_recovery', at: iso(now() - 200 * MINUTE) }), 400, 'validation_failed', ['at']);
    expectError(await api(t.app, aEditor).post(url, { type: 'update' }), 400, 'validation_failed', ['at']);
    expectError(await api(t.app, aEditor).post(url, { type: 'update', at: iso(now()), note: 'x'.repeat(4001) }), 400, 'validation_failed', ['note']);
    expect(await count('incident_events')).toBe(before);

    const aware = await api(t.app, aEditor).post(url, { type: 'municipality_aware', at: iso(now() - 70 * MINUTE), source: '市民課窓口', note: '窓口で証明書が出ないことを把握' });
    expectStatus(aware, 201);
    expect(aware.json()).toMatchObject({ type: 'municipality_aware', shared: false, mine: true, organisation_name: 'エー市', source: '市民課窓口' });
    const types = async (session: Session) => (await detail(session, vendorIncidentId)).events.map((e: { type: string }) => e.type);
    expect(await types(aEditor)).toContain('municipality_aware');
    expect(await types(bEditor)).not.toContain('municipality_aware');
    expect(await types(member)).not.toContain('municipality_aware');
    expect(await types(prefViewer)).not.toContain('municipality_aware');
    const shared = await api(t.app, aEditor).post(url, { type: 'resident_impact_start', at: iso(now() - 60 * MINUTE), note: '窓口での交付を停止', shared: true });
    expect(shared.json()).toMatchObject({ shared: true });
    expect(await types(bEditor)).toContain('resident_impact_start');

    // A vendor's update is always shared, and announced to every participant.
    const update = await api(t.app, member).post(url, { type: 'update', at: iso(now()), note: '待機系も同じプログラムで停止。切り戻し中', shared: false });
    expectStatus(update, 201);
    expect(update.json()).toMatchObject({ shared: true, mine: true });
    const dedupe = `incident:${vendorIncidentId}:event:${update.json().id}`;
    const announced = await t.db.selectFrom('mail_outbox').select('organisation_id').where('dedupe_key', 'like', `${dedupe}:%`).execute();
    expect(new Set(announced.map((m) => m.organisation_id))).toEqual(new Set([cityA.id, cityB.id]));
    expect(await notificationCount('incident_updated', vendorIncidentId, [cityA.id, cityB.id])).toBe(4);
    // A municipality's event is not announced to anyone.
    expect(await notificationCount('incident_updated', vendorIncidentId, [vendor.id])).toBe(0);

    // Recovery 380 minutes after the outage began (08:30–14:50), then publication.
    t.clock.advanceHours(6);
    const recovery = await api(t.app, member).post(url, { type: 'full_recovery', at: iso(reportedAt.getTime() - 95 * MINUTE + 380 * MINUTE), source: '事業者', note: '切り戻しが完了' });
    expectStatus(recovery, 201);
    expectStatus(await api(t.app, member).post(url, { type: 'publication', at: iso(reportedAt.getTime() + 300 * MINUTE) }), 201);
    expect((await detail(aEditor, vendorIncidentId)).status).toBe('recovered');
    expect(await auditEntries(t, { action: 'incident.event', targetId: vendorIncidentId })).toHaveLength(5);
  });

  it("sets the figures against each municipality's own commitments, and sums them per vendor", async () => {
    const figures = (await detail(aEditor, vendorIncidentId)).figures;
    expect(figures).toEqual({
      occurred_at: iso(reportedAt.getTime() - 95 * MINUTE),
      first_report_at: reportedAt.toISOString(),
      first_report_minutes: 95,
      first_report_commitment_minutes: 30,
      first_report_met: false,
      recovered_at: iso(reportedAt.getTime() + 285 * MINUTE),
      recovery_minutes: 380,
      mttr_target_minutes: 180,
      recovery_met: false,
      published_at: iso(reportedAt.getTime() + 300 * MINUTE),
      publication_minutes: 395,
    });
    for (const session of [member, bEditor, prefViewer]) {
      expect((await detail(session, vendorIncidentId)).figures).toMatchObject({ first_report_minutes: 95, first_report_commitment_minutes: null, first_report_met: null, recovery_minutes: 380, mttr_target_minutes: null, recovery_met: null });
    }
    const perVendor = (await api(t.app, aEditor).get('/api/incidents/vendor-figures')).json().items;
    expect(perVendor).toEqual([{ vendor_name: 'デモ自治体クラウド株式会社', incidents: 3, median_first_report_minutes: 95, median_recovery_minutes: 380, first_report_late: 1 }]);
    expect((await api(t.app, bEditor).get('/api/incidents/vendor-figures')).json().items).toEqual([{ vendor_name: 'デモ自治体クラウド株式会社', incidents: 1, median_first_report_minutes: 95, median_recovery_minutes: 380, first_report_late: 0 }]);
    expect((await api(t.app, cEditor).get('/api/incidents/vendor-figures')).json().items).toEqual([]);
    expectError(await api(t.app, member).get('/api/incidents/vendor-figures'), 403, 'forbidden');
  });

  it("keeps each municipality's impact to itself unless it shares, and never shows the notes", async () => {
    const url = `/api/incidents/${vendorIncidentId}/impact`;
    const notes = '証明書交付停止（窓口で受付のみ、後日郵送）';
    const res = await api(t.app, aEditor).put(url, { impact_status: 'affected', residents_affected: 340, impact_notes: notes, share_impact: false });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ organisation_name: 'エー市', entry_id: aEntry, impact_status: 'affected', residents_affected: 340, impact_notes: notes, share_impact: false });
    const rowOf = (d: { participants: { organisation_name: string }[] }, name: string) => d.participants.find((p) => p.organisation_name === name);

    const byVendor = await detail(member, vendorIncidentId);
    expect(rowOf(byVendor, 'エー市')).toEqual({ organisation_id: cityA.id, organisation_name: 'エー市', organisation_name_en: null, entry_id: null, entry_name: null, impact_status: 'undisclosed', residents_affected: null, impact_notes: null, share_impact: false, closed_at: null, via_service: null, via_entry: null });
    const byB = await detail(bEditor, vendorIncidentId);
    expect(byB.participant_count).toBe(2);
    expect(byB.participants.map((p: { organisation_name: string }) => p.organisation_name)).toEqual(['ビー町']);
    const byPrefecture = await detail(prefViewer, vendorIncidentId);
    expect(rowOf(byPrefecture, 'エー市')).toMatchObject({ impact_status: 'undisclosed', residents_affected: null, impact_notes: null });
    const affectedCount = async (session: Session) => (await api(t.app, session).get('/api/incidents')).json().items.find((i: { id: string }) => i.id === vendorIncidentId).affected_count;
    // Not even counted by others until shared; the body itself counts its own.
    expect(await affectedCount(member)).toBe(0);
    expect(await affectedCount(bEditor)).toBe(0);
    expect(await affectedCount(aEditor)).toBe(1);
    expect((await api(t.app, prefViewer).get('/api/incidents/summary')).json().items.find((i: { id: string }) => i.id === vendorIncidentId)).toMatchObject({ affected: 0, by_status: { affected: 0, undisclosed: 2 } });

    expectStatus(await api(t.app, aEditor).put(url, { impact_status: 'affected', residents_affected: 340, impact_notes: notes, share_impact: true }), 200);
    expect(rowOf(await detail(bEditor, vendorIncidentId), 'エー市')).toEqual({ organisation_id: cityA.id, organisation_name: 'エー市', organisation_name_en: null, entry_id: null, entry_name: null, impact_status: 'affected', residents_affected: null, impact_notes: null, share_impact: true, closed_at: null, via_service: null, via_entry: null });
    expect(rowOf(await detail(member, vendorIncidentId), 'エー市')).toMatchObject({ impact_status: 'affected', residents_affected: 340, impact_notes: null });
    expect(await affectedCount(member)).toBe(1);
    expect(await affectedCount(bEditor)).toBe(1);
    expect(rowOf(await detail(prefViewer, vendorIncidentId), 'エー市')).toMatchObject({ residents_affected: 340, impact_notes: null });
    for (const session of [member, bEditor, prefViewer, assocViewer]) {
      expect((await api(t.app, session).get(`/api/incidents/${vendorIncidentId}`)).body).not.toContain(notes);
    }

    expectError(await api(t.app, member).put(url, { impact_status: 'affected', share_impact: true }), 403, 'forbidden');
    expectError(await api(t.app, prefViewer).put(url, { impact_status: 'affected', share_impact: true }), 403, 'forbidden');
    expectError(await api(t.app, cEditor).put(url, { impact_status: 'affected', share_impact: true }), 404, 'not_found');
    expectError(await api(t.app, aViewer).put(url, { impact_status: 'affected', share_impact: true }), 403, 'forbidden');
    expectError(await api(t.app, aTax).put(url, { impact_status: 'affected', share_impact: true }), 403, 'forbidden', ['department']);
    expectError(await api(t.app, aEditor).put(url, { impact_status: 'on_fire', share_impact: true }), 400, 'validation_failed', ['impact_status']);
    expectError(await api(t.app, aEditor).put(url, { impact_status: 'affected' }), 400, 'validation_failed', ['share_impact']);
    const audit = await auditEntries(t, { action: 'incident.impact', targetId: vendorIncidentId });
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ organisation_id: cityA.id, before: { share_impact: false }, after: { impact_status: 'affected', share_impact: true } });
  });

  it('keeps prevention actions per organisation, and closes handling only with one', async () => {
    const base = `/api/incidents/${vendorIncidentId}`;
    const refused = expectError(await api(t.app, aEditor).post(`${base}/close`), 409, 'conflict', ['actions']);
    expect(refused.error.details[0].reason).toContain('再発防止策');
    expectError(await api(t.app, aEditor).post(`${base}/actions`, { title: '窓口の代替手順を整備', owner: '', due_on: '2026-13-01' }), 400, 'validation_failed', ['owner', 'due_on']);
    const action = await api(t.app, aEditor).post(`${base}/actions`, { title: '全面停止時の窓口手順を整備', owner: '市民課 田中', due_on: '2027-01-31' });
    expectStatus(action, 201);
    expect(action.json()).toMatchObject({ status: 'open', done_on: null });
    expect((await detail(bEditor, vendorIncidentId)).actions).toEqual([]);
    expect((await detail(member, vendorIncidentId)).actions).toEqual([]);
    expect((await detail(aViewer, vendorIncidentId)).actions).toHaveLength(1);
    expectError(await api(t.app, bEditor).patch(`${base}/actions/${action.json().id}`, { status: 'done' }), 404, 'not_found');
    const done = await api(t.app, aEditor).patch(`${base}/actions/${action.json().id}`, { status: 'done' });
    expect(done.json()).toMatchObject({ status: 'done', done_on: new Date(now() + 9 * 60 * MINUTE).toISOString().slice(0, 10) });
    expectError(await api(t.app, aEditor).patch(`${base}/actions/${action.json().id}`, { status: 'finished' }), 400, 'validation_failed', ['status']);

    const closed = await api(t.app, aEditor).post(`${base}/close`);
    expectStatus(closed, 200);
    expect(closed.json()).toMatchObject({ status: 'recovered', can_close: false, my_participation: { closed_at: iso(now()) } });
    expect((await api(t.app, aEditor).get('/api/incidents')).json().items.find((i: { id: string }) => i.id === vendorIncidentId).my_closed).toBe(true);
    expectError(await api(t.app, aEditor).post(`${base}/close`), 409, 'conflict', ['closed_at']);
    expectError(await api(t.app, prefViewer).post(`${base}/close`), 403, 'forbidden');

    const byVendor = await api(t.app, member).post(`${base}/close`);
    expectStatus(byVendor, 200);
    expect(byVendor.json()).toMatchObject({ status: 'closed', closed_at: iso(now()), can_close: false });
    // B's one user: the vendor's three events, then the closing — one unread notice of the incident that holds the four.
    expect(await notificationCount('incident_updated', vendorIncidentId, [cityB.id])).toBe(1);
    const grouped = await t.db.selectFrom('notifications').select(['event_count', 'title']).where('kind', '=', 'incident_updated').where('organisation_id', '=', cityB.id).where('link', '=', `/incidents/${vendorIncidentId}`).executeTakeFirstOrThrow();
    expect(Number(grouped.event_count)).toBe(4);
    expect(await auditEntries(t, { action: 'incident.action_create', targetId: vendorIncidentId })).toHaveLength(1);
    expect(await auditEntries(t, { action: 'incident.action_update', targetId: vendorIncidentId })).toHaveLength(1);
    expect((await auditEntries(t, { action: 'incident.participant_close', targetId: vendorIncidentId }))[0]).toMatchObject({ organisation_id: cityA.id });
    expect((await auditEntries(t, { action: 'incident.close', targetId: vendorIncidentId }))[0]).toMatchObject({ organisation_id: vendor.id, after: { status: 'closed' } });

    // The prefecture (and the association) see how each of their bodies stands, as far as each shares it.
    for (const session of [prefViewer, assocViewer]) {
      const summary = (await api(t.app, session).get('/api/incidents/summary')).json().items;
      expect(summary.find((i: { id: string }) => i.id === vendorIncidentId)).toMatchObject({
        status: 'closed',
        vendor_name: 'デモ自治体クラウド株式会社',
        bodies: 2,
        affected: 1,
        recovered: 0,
        closed: 1,
        // B never shared its impact: it reads as not shared.
        by_status: { unknown: 0, affected: 1, not_affected: 0, recovered: 0, undisclosed: 1 },
      });
      expect(summary.find((i: { id: string }) => i.id === sharedId)).toMatchObject({ bodies: 1, affected: 1 });
    }
    expectError(await api(t.app, aEditor).get('/api/incidents/summary'), 403, 'forbidden');
  });

  it('exports the closing report with the figures, the timeline in Japan time and only the caller’s own impact', async () => {
    const res = await api(t.app, aEditor).get(`/api/incidents/${vendorIncidentId}/report.xlsx`);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="incident-report-\d{8}\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1])).toMatch(/^インシデント報告_\d{8}_住民記録システムの全面停止\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['概要', '経過', '自団体の影響と対応']);
    const values = (name: string) => workbook.getWorksheet(name)!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    const summary = new Map(values('概要').map((r) => [r[0], r[1]]));
    expect(summary.get('件名')).toBe('住民記録システムの全面停止');
    expect(summary.get('種類')).toBe('運用停止');
    expect(summary.get('発生から第一報まで')).toContain('95分');
    expect(summary.get('契約上の第一報の期限')).toContain('30分');
    expect(summary.get('第一報の期限')).toBe('未達');
    expect(summary.get('SLAの平均復旧時間（MTTR）目標')).toContain('180分');
    expect(summary.get('復旧時間の目標')).toBe('未達');
    const timeline = values('経過');
    expect(timeline[0]).toEqual(['日時（日本時間）', '種類', '情報源', '内容', '記録した団体']);
    expect(timeline.slice(1).every((r) => /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/.test(String(r[0])))).toBe(true);
    expect(timeline.slice(1).map((r) => r[1])).toEqual(expect.arrayContaining(['発生', '検知', 'ベンダー第一報', '自治体認知', '住民影響開始', '経過報告', '完全復旧', '公表']));
    const own = values('自団体の影響と対応').flat().map(String);
    expect(own).toEqual(expect.arrayContaining(['影響あり', '340', '全面停止時の窓口手順を整備', '市民課 田中', '完了']));
    expect(own.join(' ')).toContain('証明書交付停止');

    // B's copy has neither A's private event nor A's notes and actions.
    const other = await api(t.app, bEditor).get(`/api/incidents/${vendorIncidentId}/report.xlsx`);
    const workbookB = new ExcelJS.Workbook();
    await workbookB.xlsx.load(other.rawPayload as never);
    const everything = workbookB.worksheets.flatMap((s) => s.getSheetValues().filter(Boolean).flatMap((r) => (r as unknown[]).map(String))).join(' ');
    expect(everything).not.toContain('自治体認知');
    expect(everything).not.toContain('証明書交付停止');
    expect(everything).not.toContain('市民課 田中');
    expectError(await api(t.app, cEditor).get(`/api/incidents/${vendorIncidentId}/report.xlsx`), 404, 'not_found');
    expect(await auditEntries(t, { action: 'incident.report_export', targetId: vendorIncidentId })).toHaveLength(2);
  });

  it('lets only the reporter change the incident, recomputing the JNSA estimate', async () => {
    const res = await api(t.app, aEditor).patch(`/api/incidents/${sharedId}`, { data_kinds: ['name', 'address', 'bank_account_pin'], records_affected: 5000, severity: 'critical' });
    expectStatus(res, 200);
    const kinds = t.deps.catalogues.dataKinds.data.kinds.filter((k) => ['name', 'address', 'bank_account_pin'].includes(k.code));
    expect(res.json()).toMatchObject({ severity: 'critical', records_affected: 5000, leak_estimate_yen: leakEstimateForService({ ...proposeDistressAndLoss(kinds), identifiability: 6 }, 5000) });
    expect((await api(t.app, aEditor).patch(`/api/incidents/${sharedId}`, { records_affected: null })).json().leak_estimate_yen).toBeNull();
    expectError(await api(t.app, aEditor).patch(`/api/incidents/${sharedId}`, { data_kinds: ['unknown_kind'] }), 400, 'validation_failed', ['data_kinds.0']);
    expectError(await api(t.app, aEditor).patch(`/api/incidents/${sharedId}`, { status: 'forgotten' }), 400, 'validation_failed', ['status']);
    expectError(await api(t.app, member).patch(`/api/incidents/${sharedId}`, { title: '書き換え' }), 403, 'forbidden');
    expectError(await api(t.app, prefViewer).patch(`/api/incidents/${sharedId}`, { title: '書き換え' }), 403, 'forbidden');
    expectError(await api(t.app, bEditor).patch(`/api/incidents/${sharedId}`, { title: '書き換え' }), 404, 'not_found');
    expectError(await api(t.app, aEditor).patch(`/api/incidents/${vendorIncidentId}`, { title: '書き換え' }), 403, 'forbidden');
    const update = await auditEntries(t, { action: 'incident.update', targetId: sharedId });
    expect(update).toHaveLength(2);
    expect(update[0]).toMatchObject({ before: { severity: 'high', records_affected: 1200 }, after: { severity: 'critical', records_affected: 5000 } });
    expect((await detail(aEditor, sharedId)).title).toBe('電子申請の管理画面への不正アクセス疑い');
  });

  it('makes a municipality that links while the vendor has an incident open take part at once', async () => {
    const open = await api(t.app, member).post('/api/incidents', { vendor_service_id: serviceId, title: '応答遅延', type: 'outage', severity: 'medium', occurred_at: iso(now() - 30 * MINUTE) });
    expectStatus(open, 201);
    const cityD = await buildMunicipality(t, { prefectureId: prefecture.id, name: 'ディー市' });
    const dEditor = await signInFully(t.app, await buildUser(t, { organisation: cityD, role: 'editor' }));
    const categories = await categoryIds(t.app, dEditor);
    const dEntry = (await api(t.app, dEditor).post('/api/register/entries', entryBody(categories['基幹系サービス']))).json().id;
    expect((await api(t.app, dEditor).get('/api/incidents')).json().items).toEqual([]);
    expectStatus(await api(t.app, dEditor).put(`/api/register/entries/${dEntry}/vendor-service`, { vendor_service_id: serviceId }), 200);
    // The open incident, not the closed one.
    expect((await api(t.app, dEditor).get('/api/incidents')).json().items.map((i: { id: string }) => i.id)).toEqual([open.json().id]);
    expect(await notificationCount('incident_reported', open.json().id, [cityD.id])).toBe(1);
    expect((await detail(member, open.json().id)).participant_count).toBe(3);
    const audit = await auditEntries(t, { action: 'register_entry.link_vendor_service', targetId: dEntry });
    expect(audit[0].after.joined_incidents).toEqual([open.json().id]);

    // Deleting the entry later keeps D's part in the incident on record.
    const dAdmin = await signInFully(t.app, await buildUser(t, { organisation: cityD, role: 'org_admin' }));
    expectStatus(await api(t.app, dAdmin).delete(`/api/register/entries/${dEntry}`), 200);
    expect((await detail(dEditor, open.json().id)).my_participation).toMatchObject({ organisation_name: 'ディー市', entry_id: null, entry_name: null, impact_status: 'unknown' });
  });

  it("lists the incidents touching a register entry for the entry's page", async () => {
    const ids = (await api(t.app, aViewer).get(`/api/incidents/entries/${aEntry}`)).json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([sharedId, privateId, vendorIncidentId]));
    expect((await api(t.app, aViewer).get(`/api/incidents/entries/${aUnlinked}`)).json().items).toEqual([]);
    expectError(await api(t.app, cEditor).get(`/api/incidents/entries/${aEntry}`), 404, 'not_found');
    expectError(await api(t.app, member).get(`/api/incidents/entries/${aEntry}`), 403, 'forbidden');
    const filtered = (await api(t.app, aViewer).get(`/api/incidents?type=data_leak`)).json().items.map((i: { id: string }) => i.id);
    expect(filtered).toEqual([privateId]);
    expect((await api(t.app, aViewer).get(`/api/incidents?status=closed&q=${encodeURIComponent('住民記録')}`)).json().items.map((i: { id: string }) => i.id)).toEqual([vendorIncidentId]);
  });

  it("shares the reporter's files with everyone who sees the incident and keeps each other organisation's to itself", async () => {
    const base = `/api/incidents/${vendorIncidentId}/attachments`;
    const pdf = Buffer.from('%PDF-1.4\n障害報告書（第1報）\n%%EOF');
    const cause = await uploadFile(t.app, member, base, '障害報告書_第1報.pdf', pdf);
    expectStatus(cause, 201);
    expect(cause.json()).toMatchObject({ filename: '障害報告書_第1報.pdf', content_type: 'application/pdf', size_bytes: pdf.length, organisation_name: 'デモ自治体クラウド株式会社', mine: true });
    const notice = await uploadFile(t.app, aEditor, base, '住民向けお知らせ.txt', Buffer.from('証明書の交付を停止しています'));
    expectStatus(notice, 201);
    expectError(await uploadFile(t.app, aEditor, base, 'page.html', Buffer.from('<html></html>')), 400, 'validation_failed', ['file']);
    expectError(await uploadFile(t.app, aViewer, base, 'memo.txt', Buffer.from('x')), 403, 'forbidden');
    expectError(await uploadFile(t.app, cEditor, base, 'memo.txt', Buffer.from('x')), 404, 'not_found');

    const names = async (session: Session) => (await api(t.app, session).get(base)).json().items.map((a: { filename: string }) => a.filename).sort();
    expect(await names(aEditor)).toEqual(['住民向けお知らせ.txt', '障害報告書_第1報.pdf']);
    expect(await names(bEditor)).toEqual(['障害報告書_第1報.pdf']);
    expect(await names(prefViewer)).toEqual(['障害報告書_第1報.pdf']);
    expect(await names(member)).toEqual(['障害報告書_第1報.pdf']);
    const download = await api(t.app, bEditor).get(`${base}/${cause.json().id}`);
    expectStatus(download, 200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-disposition']).toContain(encodeURIComponent('障害報告書_第1報.pdf'));
    expectError(await api(t.app, bEditor).get(`${base}/${notice.json().id}`), 404, 'not_found');
    expectError(await api(t.app, member).get(`${base}/${notice.json().id}`), 404, 'not_found');
    expectError(await api(t.app, cEditor).get(`${base}/${cause.json().id}`), 404, 'not_found');
    expectError(await api(t.app, aEditor).delete(`${base}/${cause.json().id}`), 404, 'not_found');
    expectStatus(await api(t.app, aEditor).delete(`${base}/${notice.json().id}`), 200);
    expect(await names(aEditor)).toEqual(['障害報告書_第1報.pdf']);
    expect(await auditEntries(t, { action: 'incident.attachment_create', targetId: vendorIncidentId })).toHaveLength(2);
    expect(await auditEntries(t, { action: 'incident.attachment_delete', targetId: vendorIncidentId })).toHaveLength(1);
  });

  it('lets vendors and municipalities read the data kinds that describe a leak; not the operator', async () => {
    const kinds = (await api(t.app, member).get('/api/incidents/data-kinds')).json().items;
    expect(kinds).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'name', name: expect.objectContaining({ ja: expect.any(String), en: expect.any(String) }) })]));
    expectStatus(await api(t.app, aViewer).get('/api/incidents/data-kinds'), 200);
    expectError(await api(t.app, operator).get('/api/incidents/data-kinds'), 403, 'forbidden');
  });

  it('keeps the operator out of incident content and another vendor out of this one', async () => {
    expectError(await api(t.app, operator).get('/api/incidents'), 403, 'forbidden');
    expectError(await api(t.app, operator).get(`/api/incidents/${vendorIncidentId}`), 403, 'forbidden');
    expect((await api(t.app, otherMember).get('/api/incidents')).json().items).toEqual([]);
    expectError(await api(t.app, otherMember).get(`/api/incidents/${vendorIncidentId}`), 404, 'not_found');
    expectError(await api(t.app, otherMember).post(`/api/incidents/${vendorIncidentId}/events`, { type: 'update', at: iso(now()) }), 404, 'not_found');
    expectError(await api(t.app, cEditor).post(`/api/incidents/${vendorIncidentId}/actions`, { title: 'x', owner: 'y', due_on: '2027-01-01' }), 404, 'not_found');
    expectError(await api(t.app, aViewer).post(`/api/incidents/${vendorIncidentId}/events`, { type: 'update', at: iso(now()) }), 403, 'forbidden');
    expectError(await api(t.app, prefViewer).post(`/api/incidents/${vendorIncidentId}/events`, { type: 'update', at: iso(now()) }), 403, 'forbidden');
    expectError(await api(t.app, aTax).post(`/api/incidents/${vendorIncidentId}/events`, { type: 'update', at: iso(now()) }), 403, 'forbidden', ['department']);
    expect((await auditEntries(t, { action: 'permission.denied', targetId: vendorIncidentId })).length).toBeGreaterThanOrEqual(3);
    expectError(await api(t.app, aEditor).get('/api/incidents/01900000-0000-7000-8000-000000000000'), 404, 'not_found');
    expectError(await api(t.app, aEditor).get('/api/incidents/not-an-id'), 400, 'validation_failed', ['id']);
  });
});
