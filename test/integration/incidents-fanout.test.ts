// The two incidents that shaped this feature, at scale, on both databases. TKC 住基 cloud (2021): one
// vendor, one service, here 150 municipalities of one prefecture linked to it; one report reaches all
// of them at once (participants, in-app notifications, mails in the outbox), updates fan out, a
// municipality not linked sees nothing, the prefecture counts its bodies and their status. Jip-Base
// (2019): a data-loss incident on an IaaS reaches its 53 bodies and no one else, and no body learns
// which others are affected unless they say so.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { DEFAULT_PASSWORD, buildMunicipality, buildPrefecture, buildUser, buildVendor, type TestOrganisation } from '../support/factories.ts';
import { api, signIn, signInFully, type Session } from '../support/http.ts';
import { expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';
import { insertEntries } from '../../src/server/repositories/register-entries.ts';
import { newId } from '../../src/server/security/ids.ts';
import type { TestApp } from '../support/harness.ts';

const LINKED = 150;
const JIP_BASE_BODIES = 53;

/**
 * Municipalities made in bulk (one insert per table rather than 150 API calls): each a copy of the
 * template municipality's core entry, linked to the service, with an editor and a viewer who can sign in.
 */
async function linkedMunicipalities(t: TestApp, input: { count: number; prefectureId: string; serviceId: string; templateEntryId: string; templateUserId: string }) {
  const entry = await t.db.selectFrom('register_entries').selectAll().where('id', '=', input.templateEntryId).executeTakeFirstOrThrow();
  const category = await t.db.selectFrom('register_categories').selectAll().where('id', '=', entry.category_id).executeTakeFirstOrThrow();
  const user = await t.db.selectFrom('users').selectAll().where('id', '=', input.templateUserId).executeTakeFirstOrThrow();
  const at = t.clock.now().toISOString();
  const organisations = Array.from({ length: input.count }, (_, i) => ({
    id: newId(), kind: 'municipality', name: `連携市${String(i + 1).padStart(3, '0')}`, name_en: null, local_government_code: null, corporate_number: null,
    prefecture_id: input.prefectureId, population: 10_000 + i, is_demo: 0, subcontract_max_depth: 2, created_at: at, updated_at: at,
  }));
  const categories = organisations.map((o) => ({ ...category, id: newId(), organisation_id: o.id }));
  const users = organisations.flatMap((o, i) =>
    (['editor', 'viewer'] as const).map((role) => ({ ...user, id: newId(), organisation_id: o.id, role, email: `${role}-${i + 1}-${o.id.slice(-8)}@fanout.daicho.example`, display_name: `${o.name} ${role}`, last_login_at: null })),
  );
  const entries = organisations.map((o, i) => ({ ...entry, id: newId(), organisation_id: o.id, category_id: categories[i].id, vendor_id: null, vendor_service_id: input.serviceId, external_key: 'RE-0001' }));
  await t.db.transaction().execute(async (trx) => {
    await trx.insertInto('organisations').values(organisations).execute();
    await trx.insertInto('register_categories').values(categories).execute();
    for (let i = 0; i < users.length; i += 500) await trx.insertInto('users').values(users.slice(i, i + 500)).execute();
    await insertEntries(trx, entries);
  });
  return organisations.map((o, i) => ({ id: o.id, name: o.name, editorEmail: users[i * 2].email, entryId: entries[i].id }));
}

describe.each(dialects)('incident fan-out on %s', (dialect) => {
  const t = useTestApp(dialect);
  let prefecture: TestOrganisation;
  let member: Session;
  let prefViewer: Session;
  let otherPrefViewer: Session;
  let unlinked: Session;
  let unlinkedId: string;
  let first: Session;
  let firstId: string;
  let serviceId: string;
  let iaasId: string;
  let bulk: Awaited<ReturnType<typeof linkedMunicipalities>>;
  let linkedIds: string[];
  let tkcId: string;

  const iso = (ms: number) => new Date(ms).toISOString();
  const now = () => t.clock.now().getTime();
  const sessionOf = (email: string) => signIn(t.app, email, DEFAULT_PASSWORD);
  async function reached(kind: string, incidentId: string) {
    const rows = await t.db.selectFrom('notifications').select(['organisation_id', 'user_id']).where('kind', '=', kind).where('link', '=', `/incidents/${incidentId}`).execute();
    return { notifications: rows.length, organisations: new Set(rows.map((r) => r.organisation_id)) };
  }
  async function mailed(dedupePrefix: string) {
    const rows = await t.db.selectFrom('mail_outbox').select(['organisation_id', 'status']).where('dedupe_key', 'like', `${dedupePrefix}:%`).execute();
    return { mails: rows.length, organisations: new Set(rows.map((r) => r.organisation_id)), pending: rows.every((r) => r.status === 'pending') };
  }
  async function activeUsers(organisationIds: string[]) {
    const row = await t.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('organisation_id', 'in', organisationIds).where('disabled', '=', 0).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    prefecture = await buildPrefecture(t, { name: '連携県' });
    const vendor = await buildVendor(t, { name: '住基クラウド株式会社' });
    member = await signInFully(t.app, await buildUser(t, { organisation: vendor, role: 'vendor_member' }));
    serviceId = (await api(t.app, member).post('/api/vendor-services', { name: '住基クラウド' })).json().id;
    iaasId = (await api(t.app, member).post('/api/vendor-services', { name: '自治体IaaS基盤' })).json().id;
    prefViewer = await signInFully(t.app, await buildUser(t, { organisation: prefecture, role: 'viewer' }));
    otherPrefViewer = await signInFully(t.app, await buildUser(t, { organisation: await buildPrefecture(t), role: 'viewer' }));

    // The first municipality links its entry through the API; the other 149 are copies of it.
    const firstCity = await buildMunicipality(t, { prefectureId: prefecture.id, name: '連携市000' });
    firstId = firstCity.id;
    const firstEditor = await buildUser(t, { organisation: firstCity, role: 'editor' });
    first = await signInFully(t.app, firstEditor);
    const categories = await categoryIds(t.app, first);
    const entryId = (await api(t.app, first).post('/api/register/entries', entryBody(categories['基幹系サービス']))).json().id;
    expectStatus(await api(t.app, first).put(`/api/register/entries/${entryId}/vendor-service`, { vendor_service_id: serviceId }), 200);
    bulk = await linkedMunicipalities(t, { count: LINKED - 1, prefectureId: prefecture.id, serviceId, templateEntryId: entryId, templateUserId: firstEditor.id });
    linkedIds = [firstId, ...bulk.map((b) => b.id)];

    // 53 of them (the first and 52 copies) also run on the IaaS, through a second entry.
    const iaasEntry = (await api(t.app, first).post('/api/register/entries', entryBody(categories['基幹系サービス'], { name: '仮想サーバー基盤（IaaS）', external_key: 'IAAS-1' }))).json().id;
    expectStatus(await api(t.app, first).put(`/api/register/entries/${iaasEntry}/vendor-service`, { vendor_service_id: iaasId }), 200);
    const template = await t.db.selectFrom('register_entries').selectAll().where('id', '=', iaasEntry).executeTakeFirstOrThrow();
    const categoryOf = new Map((await t.db.selectFrom('register_entries').select(['organisation_id', 'category_id']).where('vendor_service_id', '=', serviceId).execute()).map((r) => [r.organisation_id, r.category_id]));
    await insertEntries(t.db, bulk.slice(0, JIP_BASE_BODIES - 1).map((b) => ({ ...template, id: newId(), organisation_id: b.id, category_id: categoryOf.get(b.id)!, external_key: 'IAAS-1' })));

    // A municipality of the same prefecture that uses neither service.
    const other = await buildMunicipality(t, { prefectureId: prefecture.id, name: '未連携町' });
    unlinkedId = other.id;
    unlinked = await signInFully(t.app, await buildUser(t, { organisation: other, role: 'editor' }));
    const otherCategories = await categoryIds(t.app, unlinked);
    expectStatus(await api(t.app, unlinked).post('/api/register/entries', entryBody(otherCategories['基幹系サービス'])), 201);
  });

  it(`reaches all ${LINKED} linked municipalities with one vendor report (TKC 2021)`, async () => {
    const res = await api(t.app, member).post('/api/incidents', {
      vendor_service_id: serviceId,
      title: '住基クラウドの全面停止（証明書の発行不可）',
      type: 'outage',
      severity: 'critical',
      summary: '前夜に適用した更新プログラムのファイル破損。待機系も同じプログラムで停止。コンビニ交付は継続',
      occurred_at: iso(now() - 95 * 60_000),
      detected_at: iso(now() - 80 * 60_000),
    });
    expectStatus(res, 201);
    tkcId = res.json().id;
    expect(res.json().participant_count).toBe(LINKED);
    const participants = await t.db.selectFrom('incident_participants').select(['organisation_id', 'impact_status']).where('incident_id', '=', tkcId).execute();
    expect(participants).toHaveLength(LINKED);
    expect(new Set(participants.map((p) => p.organisation_id))).toEqual(new Set(linkedIds));
    expect(participants.every((p) => p.impact_status === 'unknown')).toBe(true);

    // Every active user of every linked municipality has it in the app; every one of them gets mail (editors).
    const inApp = await reached('incident_reported', tkcId);
    expect(inApp.notifications).toBe(await activeUsers(linkedIds));
    expect(inApp.organisations).toEqual(new Set(linkedIds));
    const mail = await mailed(`incident:${tkcId}:reported`);
    expect(mail.organisations).toEqual(new Set(linkedIds));
    expect(mail.mails).toBe(LINKED);
    expect(mail.pending).toBe(true);

    // A copy municipality's editor sees it in its own list at once.
    const copy = await sessionOf(bulk[41].editorEmail);
    const item = (await api(t.app, copy).get('/api/incidents')).json().items;
    expect(item).toHaveLength(1);
    expect(item[0]).toMatchObject({ id: tkcId, participant_count: LINKED, my_impact_status: 'unknown', vendor_name: '住基クラウド株式会社' });

    // The municipality of the same prefecture that is not linked sees nothing and was told nothing.
    expect((await api(t.app, unlinked).get('/api/incidents')).json().items).toEqual([]);
    expectError(await api(t.app, unlinked).get(`/api/incidents/${tkcId}`), 404, 'not_found');
    expect((await reached('incident_reported', tkcId)).organisations.has(unlinkedId)).toBe(false);
  });

  it('fans the vendor’s updates out to all of them', async () => {
    const update = await api(t.app, member).post(`/api/incidents/${tkcId}/events`, { type: 'update', at: iso(now()), note: '更新前のプログラムへの切り戻しを実施中。復旧見込み14時台' });
    expectStatus(update, 201);
    const inApp = await reached('incident_updated', tkcId);
    expect(inApp.notifications).toBe(await activeUsers(linkedIds));
    expect(inApp.organisations).toEqual(new Set(linkedIds));
    const mail = await mailed(`incident:${tkcId}:event:${update.json().id}`);
    expect(mail.mails).toBe(LINKED);
    expect(mail.organisations).toEqual(new Set(linkedIds));
    const seen = await api(t.app, await sessionOf(bulk[LINKED - 2].editorEmail)).get(`/api/incidents/${tkcId}`);
    expect(seen.json().events.map((e: { type: string }) => e.type)).toEqual(['occurred', 'detected', 'vendor_first_report', 'update']);
  });

  it('lets the prefecture count its bodies and how each stands', async () => {
    expectStatus(await api(t.app, first).put(`/api/incidents/${tkcId}/impact`, { impact_status: 'affected', residents_affected: 420, impact_notes: '窓口で交付停止', share_impact: true }), 200);
    const notAffected = await sessionOf(bulk[0].editorEmail);
    expectStatus(await api(t.app, notAffected).put(`/api/incidents/${tkcId}/impact`, { impact_status: 'not_affected', share_impact: false }), 200);
    const recovered = await sessionOf(bulk[1].editorEmail);
    expectStatus(await api(t.app, recovered).put(`/api/incidents/${tkcId}/impact`, { impact_status: 'recovered', residents_affected: 12, impact_notes: '午後に交付再開', share_impact: false }), 200);
    expectStatus(await api(t.app, recovered).post(`/api/incidents/${tkcId}/actions`, { title: '停止時の窓口手順を整備', owner: '住民課', due_on: '2027-03-31' }), 201);
    expectStatus(await api(t.app, recovered).post(`/api/incidents/${tkcId}/close`), 200);

    const summary = (await api(t.app, prefViewer).get('/api/incidents/summary')).json().items;
    const tkc = summary.find((i: { id: string }) => i.id === tkcId);
    // Only the body that shared shows how it stands; the others read as not shared (closing is always seen).
    expect(tkc).toMatchObject({ bodies: LINKED, affected: 1, recovered: 0, closed: 1, by_status: { unknown: 0, affected: 1, not_affected: 0, recovered: 0, undisclosed: LINKED - 1 }, vendor_name: '住基クラウド株式会社', status: 'open' });
    expect(tkc.municipalities).toHaveLength(LINKED);
    expect(tkc.municipalities.find((m: { organisation_id: string }) => m.organisation_id === bulk[1].id)).toMatchObject({ impact_status: 'undisclosed', closed_at: expect.any(String) });
    const view = (await api(t.app, prefViewer).get(`/api/incidents/${tkcId}`)).json();
    expect(view.participants).toHaveLength(LINKED);
    expect(view.participants.every((p: { impact_notes: string | null; entry_id: string | null }) => p.impact_notes === null && p.entry_id === null)).toBe(true);
    expect(view.participants.find((p: { organisation_id: string }) => p.organisation_id === firstId).residents_affected).toBe(420);
    expect(view.participants.find((p: { organisation_id: string }) => p.organisation_id === bulk[1].id).residents_affected).toBeNull();
    // A prefecture none of whose bodies take part sees nothing.
    expect((await api(t.app, otherPrefViewer).get('/api/incidents')).json().items).toEqual([]);
    expect((await api(t.app, otherPrefViewer).get('/api/incidents/summary')).json().items).toEqual([]);
    expectError(await api(t.app, otherPrefViewer).get(`/api/incidents/${tkcId}`), 404, 'not_found');
    // The vendor sees all 150 and how they stand, never their notes.
    const vendorView = await api(t.app, member).get(`/api/incidents/${tkcId}`);
    expect(vendorView.json().participants).toHaveLength(LINKED);
    expect(vendorView.body).not.toContain('窓口で交付停止');
    expect(vendorView.body).not.toContain('午後に交付再開');
  });

  it(`reaches the ${JIP_BASE_BODIES} bodies on the IaaS and no one else, and names none of them to the others (Jip-Base 2019)`, async () => {
    const res = await api(t.app, member).post('/api/incidents', {
      vendor_service_id: iaasId,
      title: 'ストレージ障害による仮想サーバーの停止とデータ消失',
      type: 'data_loss',
      severity: 'critical',
      summary: 'ストレージ装置のファームウェア不具合。1,318台の仮想サーバーが停止し、一部はバックアップから復元できない可能性',
      occurred_at: iso(now() - 30 * 60_000),
    });
    expectStatus(res, 201);
    const id = res.json().id;
    expect(res.json().participant_count).toBe(JIP_BASE_BODIES);
    const onIaas = [firstId, ...bulk.slice(0, JIP_BASE_BODIES - 1).map((b) => b.id)];
    expect((await reached('incident_reported', id)).organisations).toEqual(new Set(onIaas));

    const update = await api(t.app, member).post(`/api/incidents/${id}/events`, { type: 'update', at: iso(now()), note: '15%のデータ（33団体）はIaaSのバックアップから復元できない見込み' });
    expectStatus(update, 201);
    expect((await mailed(`incident:${id}:event:${update.json().id}`)).organisations).toEqual(new Set(onIaas));

    // A body on the IaaS sees the count, but no other body's name (none chose to share).
    const onIt = (await api(t.app, first).get(`/api/incidents/${id}`)).json();
    expect(onIt.participant_count).toBe(JIP_BASE_BODIES);
    expect(onIt.participants.map((p: { organisation_id: string }) => p.organisation_id)).toEqual([firstId]);
    // A body that uses only the other service does not see it at all.
    const offIt = await sessionOf(bulk[100].editorEmail);
    expect((await api(t.app, offIt).get('/api/incidents')).json().items.map((i: { id: string }) => i.id)).toEqual([tkcId]);
    expectError(await api(t.app, offIt).get(`/api/incidents/${id}`), 404, 'not_found');

    const summary = (await api(t.app, prefViewer).get('/api/incidents/summary')).json().items;
    expect(summary.map((i: { id: string; bodies: number }) => [i.id, i.bodies])).toEqual([
      [id, JIP_BASE_BODIES],
      [tkcId, LINKED],
    ]);
    expect(summary[0].by_status).toEqual({ unknown: 0, affected: 0, not_affected: 0, recovered: 0, undisclosed: JIP_BASE_BODIES });
  });
});
