// The importance survey (重要度調査): a prefecture or joint-use association asks its municipalities how
// important each confirmation item is; they answer (draft, hand in), the owner closes it and reads the
// results (chart data, reasons, .xlsx). On both databases, with refusals that change nothing.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildAssociation, buildMunicipality, buildPrefecture, buildUser, buildVendor, type TestOrganisation } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, auditHead, expectError, expectStatus } from '../support/assertions.ts';

const ITEM_KEYS = ['1-1', '1-2', '2-1', '2-2', '3-1', '3-2', '4-1', '5-1', '6-1', '7-1', '8-1', '9-1'];
type Answer = { item_key: string; importance: string; reason?: string | null };

/** Every item answered: important and to be agreed, except SLA and audit, which are hard to agree with a shared cloud. */
function fullAnswers(overrides: Record<string, Partial<Answer>> = {}): Answer[] {
  return ITEM_KEYS.map((item_key) => ({ item_key, importance: 'must_confirm', reason: null, ...overrides[item_key] }));
}

const HARD = {
  '8-1': { importance: 'hard_to_confirm', reason: '共同利用型のため、SLAの個別合意が難しい' },
  '9-1': { importance: 'hard_to_confirm', reason: 'SaaSのため自団体による監査は難しく、第三者認証で代替している' },
};

describe.each(dialects)('importance surveys on %s', (dialect) => {
  const t = useTestApp(dialect);
  let prefecture: TestOrganisation;
  let city: TestOrganisation;
  let town: TestOrganisation;
  let stranger: TestOrganisation;
  let association: TestOrganisation;
  let prefAdmin: Session;
  let prefViewer: Session;
  let cityEditor: Session;
  let cityViewer: Session;
  let townEditor: Session;
  let strangerEditor: Session;
  let vendorMember: Session;
  let assocAdmin: Session;
  let surveyId: string;

  const responseCount = async (id: string) => Number((await t.db.selectFrom('survey_responses').select((eb) => eb.fn.countAll().as('n')).where('survey_id', '=', id).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    prefecture = await buildPrefecture(t, { name: 'テスト県' });
    city = await buildMunicipality(t, { prefectureId: prefecture.id, name: '調査市' });
    town = await buildMunicipality(t, { prefectureId: prefecture.id, name: '調査町' });
    stranger = await buildMunicipality(t, { prefectureId: (await buildPrefecture(t)).id, name: '別県の村' });
    association = await buildAssociation(t, [city.id, stranger.id], { name: '県境クラウド協議会' });
    prefAdmin = await signInFully(t.app, await buildUser(t, { organisation: prefecture, role: 'org_admin' }));
    prefViewer = await signInFully(t.app, await buildUser(t, { organisation: prefecture, role: 'viewer' }));
    cityEditor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    cityViewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    townEditor = await signInFully(t.app, await buildUser(t, { organisation: town, role: 'editor' }));
    strangerEditor = await signInFully(t.app, await buildUser(t, { organisation: stranger, role: 'editor' }));
    vendorMember = await signInFully(t.app, await buildUser(t, { organisation: await buildVendor(t), role: 'vendor_member' }));
    assocAdmin = await signInFully(t.app, await buildUser(t, { organisation: association, role: 'org_admin' }));
  });

  it('offers the owner its catalogues and member municipalities; refuses bad surveys with the field named, creating nothing', async () => {
    const options = await api(t.app, prefAdmin).get('/api/surveys/options');
    expectStatus(options, 200);
    expect(options.json().members.map((m: { name: string }) => m.name).sort()).toEqual(['調査市', '調査町']);
    expect(options.json().catalogues.map((c: { urn: string }) => c.urn)).toContain('urn:daicho:catalogue:confirmation-items');
    expect((await api(t.app, assocAdmin).get('/api/surveys/options')).json().members.map((m: { name: string }) => m.name).sort()).toEqual(['別県の村', '調査市']);
    expectError(await api(t.app, cityEditor).get('/api/surveys/options'), 403, 'forbidden');

    const head = await auditHead(t);
    const outside = expectError(await api(t.app, prefAdmin).post('/api/surveys', { title: '確認項目の重要度', participant_ids: [city.id, stranger.id] }), 400, 'validation_failed', ['participant_ids.1']);
    expect(outside.error.details[0]!.reason).toContain(stranger.id);
    expectError(await api(t.app, prefAdmin).post('/api/surveys', { title: '確認項目の重要度', participant_ids: [prefecture.id] }), 400, 'validation_failed', ['participant_ids.0']);
    expectError(await api(t.app, prefAdmin).post('/api/surveys', { title: 'x', catalogue_urn: 'urn:daicho:catalogue:nothing', participant_ids: [city.id] }), 400, 'validation_failed', ['catalogue_urn']);
    expectError(await api(t.app, prefAdmin).post('/api/surveys', { title: ' ', participant_ids: [city.id] }), 400, 'validation_failed', ['title']);
    expectError(await api(t.app, prefAdmin).post('/api/surveys', { title: 'x', participant_ids: [] }), 400, 'validation_failed', ['participant_ids']);
    expectError(await api(t.app, prefAdmin).post('/api/surveys', { title: 'x', participant_ids: [city.id], closes_on: '2000-01-01' }), 400, 'validation_failed', ['closes_on']);
    expectError(await api(t.app, prefAdmin).post('/api/surveys', { title: 'x', participant_ids: [city.id], closes_on: '2026-02-30' }), 400, 'validation_failed', ['closes_on']);
    // Only a prefecture's or association's editors and administrators run surveys.
    expectError(await api(t.app, prefViewer).post('/api/surveys', { title: 'x', participant_ids: [city.id] }), 403, 'forbidden');
    expectError(await api(t.app, cityEditor).post('/api/surveys', { title: 'x', participant_ids: [town.id] }), 403, 'forbidden');
    expectError(await api(t.app, vendorMember).post('/api/surveys', { title: 'x', participant_ids: [city.id] }), 403, 'forbidden');
    expect(await t.db.selectFrom('surveys').selectAll().execute()).toEqual([]);
    const after = await auditEntries(t, { afterSeq: head });
    expect(after.every((e) => e.action === 'permission.denied')).toBe(true);
  });

  it('opens a survey, tells the participants once, audits it, and shows it to each side only', async () => {
    const created = await api(t.app, prefAdmin).post('/api/surveys', { title: '確認項目の重要度調査', participant_ids: [city.id, town.id, city.id] });
    expectStatus(created, 201);
    const survey = created.json();
    surveyId = survey.id;
    expect(survey).toMatchObject({ title: '確認項目の重要度調査', status: 'open', role: 'owner', participant_count: 2, submitted_count: 0, response_rate: 0, item_count: 12, can_close: true, my_answers: null, closes_on: null });
    expect(survey.catalogue).toMatchObject({ urn: 'urn:daicho:catalogue:confirmation-items', name: { ja: expect.stringContaining('確認項目') } });
    expect(survey.items.map((i: { key: string }) => i.key)).toEqual(ITEM_KEYS);
    expect(survey.items[10]).toMatchObject({ key: '8-1', category: { key: 'sla', number: '8' } });
    expect(survey.participants.map((p: { name: string; submitted_at: string | null }) => [p.name, p.submitted_at]).sort()).toEqual([['調査市', null], ['調査町', null]]);

    const notified = await t.db.selectFrom('notifications').select(['organisation_id', 'kind']).where('link', '=', `/surveys/${surveyId}`).execute();
    expect(new Set(notified.map((n) => n.organisation_id))).toEqual(new Set([city.id, town.id]));
    expect(notified.every((n) => n.kind === 'survey_opened')).toBe(true);
    const [audit] = await auditEntries(t, { action: 'survey.create', targetId: surveyId });
    expect(audit).toMatchObject({ organisation_id: prefecture.id, after: { title: '確認項目の重要度調査', catalogue_urn: 'urn:daicho:catalogue:confirmation-items' } });
    expect(audit!.after.participant_ids.sort()).toEqual([city.id, town.id].sort());

    const ownerList = (await api(t.app, prefViewer).get('/api/surveys')).json().items;
    expect(ownerList).toHaveLength(1);
    expect(ownerList[0]).toMatchObject({ id: surveyId, role: 'owner', participant_count: 2, submitted_count: 0, my_state: null });
    const cityList = (await api(t.app, cityViewer).get('/api/surveys')).json().items;
    expect(cityList).toHaveLength(1);
    expect(cityList[0]).toMatchObject({ id: surveyId, role: 'participant', my_state: 'not_started', owner: { id: prefecture.id, name: 'テスト県' } });
    const cityView = (await api(t.app, cityViewer).get(`/api/surveys/${surveyId}`)).json();
    expect(cityView).toMatchObject({ role: 'participant', my_answers: [], participants: null, can_answer: false, results_visible: false });
    expect((await api(t.app, cityEditor).get(`/api/surveys/${surveyId}`)).json().can_answer).toBe(true);

    // A municipality not asked, another owner, a vendor: nothing to see.
    expect((await api(t.app, strangerEditor).get('/api/surveys')).json().items).toEqual([]);
    expect((await api(t.app, assocAdmin).get('/api/surveys')).json().items).toEqual([]);
    expectError(await api(t.app, strangerEditor).get(`/api/surveys/${surveyId}`), 404, 'not_found');
    expectError(await api(t.app, assocAdmin).get(`/api/surveys/${surveyId}`), 404, 'not_found');
    expectError(await api(t.app, strangerEditor).get(`/api/surveys/${surveyId}/results`), 404, 'not_found');
    expectError(await api(t.app, strangerEditor).put(`/api/surveys/${surveyId}/responses`, { answers: fullAnswers() }), 404, 'not_found');
    expectError(await api(t.app, vendorMember).get('/api/surveys'), 403, 'forbidden');
    expectError(await api(t.app, vendorMember).get(`/api/surveys/${surveyId}`), 403, 'forbidden');
    expectError(await api(t.app, vendorMember).get(`/api/surveys/${surveyId}/results`), 403, 'forbidden');
  });

  it('refuses bad answers with the field named and keeps what was there', async () => {
    const url = `/api/surveys/${surveyId}/responses`;
    const head = await auditHead(t);
    expectError(await api(t.app, cityEditor).put(url, { answers: [{ item_key: '99-9', importance: 'must_confirm' }] }), 400, 'validation_failed', ['answers.0.item_key']);
    expectError(await api(t.app, cityEditor).put(url, { answers: [{ item_key: '1-1', importance: 'must_confirm' }, { item_key: '1-1', importance: 'not_needed' }] }), 400, 'validation_failed', ['answers.1.item_key']);
    expectError(await api(t.app, cityEditor).put(url, { answers: [{ item_key: '1-1', importance: 'very_important' }] }), 400, 'validation_failed', ['answers.0.importance']);
    expectError(await api(t.app, cityEditor).put(url, { answers: [{ item_key: '1-1', importance: 'must_confirm', reason: 'あ'.repeat(2001) }] }), 400, 'validation_failed', ['answers.0.reason']);
    const missing = expectError(await api(t.app, cityEditor).put(url, { answers: fullAnswers().slice(0, 10), submit: true }), 400, 'validation_failed', ['answers']);
    expect(missing.error.details[0]!.reason).toContain('8-1');
    expect(missing.error.details[0]!.reason).toContain('9-1');
    // Handing in needs the reason of an item that is important but hard to agree.
    expectError(await api(t.app, cityEditor).put(url, { answers: fullAnswers({ '8-1': { importance: 'hard_to_confirm', reason: '  ' } }), submit: true }), 400, 'validation_failed', ['answers.10.reason']);
    // Viewers and the owner do not answer.
    expectError(await api(t.app, cityViewer).put(url, { answers: fullAnswers() }), 403, 'forbidden');
    expectError(await api(t.app, prefAdmin).put(url, { answers: fullAnswers() }), 403, 'forbidden');
    expect(await responseCount(surveyId)).toBe(0);
    expect((await auditEntries(t, { afterSeq: head })).map((e) => e.action).filter((a) => a !== 'permission.denied')).toEqual([]);
  });

  it('saves drafts privately, hands in complete answers, and shows the owner results with names', async () => {
    const url = `/api/surveys/${surveyId}/responses`;
    // The town saves a draft of three items, one of them hard without a reason yet (allowed in a draft).
    const draft = await api(t.app, townEditor).put(url, { answers: [{ item_key: '1-1', importance: 'must_confirm' }, { item_key: '2-1', importance: 'not_needed', reason: '' }, { item_key: '8-1', importance: 'hard_to_confirm' }] });
    expectStatus(draft, 200);
    expect(draft.json()).toMatchObject({ my_state: 'draft', my_submitted_at: null });
    expect(draft.json().my_answers.map((a: Answer) => [a.item_key, a.importance, a.reason])).toEqual([['1-1', 'must_confirm', null], ['2-1', 'not_needed', null], ['8-1', 'hard_to_confirm', null]]);
    expect((await auditEntries(t, { action: 'survey.answer', targetId: surveyId })).at(-1)).toMatchObject({ organisation_id: town.id, after: { submitted: false } });

    // The city hands in everything.
    const submitted = await api(t.app, cityEditor).put(url, { answers: fullAnswers(HARD), submit: true });
    expectStatus(submitted, 200);
    expect(submitted.json()).toMatchObject({ my_state: 'submitted', can_answer: true, results_visible: false });
    expect(submitted.json().my_submitted_at).toBeTruthy();
    const audit = (await auditEntries(t, { action: 'survey.submit', targetId: surveyId })).at(-1)!;
    expect(audit).toMatchObject({ organisation_id: city.id, before: { submitted: false, answers: {} }, after: { submitted: true } });
    expect(audit.after.answers['8-1']).toEqual(HARD['8-1']);

    // Drafts neither count nor show; the owner sees the handed-in answers with names.
    const results = await api(t.app, prefViewer).get(`/api/surveys/${surveyId}/results`);
    expectStatus(results, 200);
    const body = results.json();
    expect(body).toMatchObject({ status: 'open', participant_count: 2, submitted_count: 1, response_rate: 50, anonymised: false });
    const sla = body.items.find((i: { key: string }) => i.key === '8-1');
    expect(sla).toMatchObject({ respondents: 1, counts: { must_confirm: 0, hard_to_confirm: 1, not_needed: 0 }, percentages: { must_confirm: 0, hard_to_confirm: 100, not_needed: 0 } });
    expect(sla.reasons).toEqual([{ importance: 'hard_to_confirm', reason: HARD['8-1'].reason, organisation: { id: city.id, name: '調査市', name_en: null } }]);
    expect(body.items.find((i: { key: string }) => i.key === '2-1').counts).toEqual({ must_confirm: 1, hard_to_confirm: 0, not_needed: 0 });
    const owner = (await api(t.app, prefViewer).get(`/api/surveys/${surveyId}`)).json();
    expect(owner.participants.find((p: { id: string }) => p.id === city.id).submitted_at).toBeTruthy();
    expect(owner.participants.find((p: { id: string }) => p.id === town.id).submitted_at).toBeNull();
    expect((await api(t.app, prefViewer).get('/api/surveys')).json().items[0]).toMatchObject({ submitted_count: 1, response_rate: 50 });

    // Participants wait for the close.
    expectError(await api(t.app, cityEditor).get(`/api/surveys/${surveyId}/results`), 403, 'forbidden', ['status']);
    expect((await auditEntries(t, { action: 'permission.denied' })).some((e) => e.after?.reason === 'results_before_close')).toBe(true);
    expectError(await api(t.app, cityEditor).get(`/api/surveys/${surveyId}/results.xlsx`), 403, 'forbidden');
  });

  it('lets a participant change its handed-in answers before the close, staying complete', async () => {
    const url = `/api/surveys/${surveyId}/responses`;
    const first = (await api(t.app, cityEditor).get(`/api/surveys/${surveyId}`)).json().my_submitted_at;
    // A save without submit keeps it handed in, so it must stay complete.
    expectError(await api(t.app, cityEditor).put(url, { answers: fullAnswers(HARD).slice(1) }), 400, 'validation_failed', ['answers']);
    const changed = await api(t.app, cityEditor).put(url, { answers: fullAnswers({ ...HARD, '6-1': { importance: 'not_needed', reason: '脆弱性対応は事業者の責任範囲として契約で定めている' } }) });
    expectStatus(changed, 200);
    expect(changed.json()).toMatchObject({ my_state: 'submitted', my_submitted_at: first });
    const patch = (await api(t.app, prefAdmin).get(`/api/surveys/${surveyId}/results`)).json().items.find((i: { key: string }) => i.key === '6-1');
    expect(patch.counts).toEqual({ must_confirm: 0, hard_to_confirm: 0, not_needed: 1 });
    expect(await responseCount(surveyId)).toBe(12 + 3);
  });

  it('closes for the owner only; then nobody answers and participants see anonymised results', async () => {
    const head = await auditHead(t);
    expectError(await api(t.app, cityEditor).post(`/api/surveys/${surveyId}/close`), 403, 'forbidden');
    expectError(await api(t.app, prefViewer).post(`/api/surveys/${surveyId}/close`), 403, 'forbidden');
    expectError(await api(t.app, assocAdmin).post(`/api/surveys/${surveyId}/close`), 404, 'not_found');
    expect((await auditEntries(t, { afterSeq: head })).every((e) => e.action === 'permission.denied')).toBe(true);

    const closed = await api(t.app, prefAdmin).post(`/api/surveys/${surveyId}/close`);
    expectStatus(closed, 200);
    expect(closed.json()).toMatchObject({ status: 'closed', can_close: false });
    expect(await auditEntries(t, { action: 'survey.close', targetId: surveyId })).toHaveLength(1);
    expectError(await api(t.app, prefAdmin).post(`/api/surveys/${surveyId}/close`), 409, 'conflict', ['status']);

    const before = await responseCount(surveyId);
    expectError(await api(t.app, townEditor).put(`/api/surveys/${surveyId}/responses`, { answers: fullAnswers(HARD), submit: true }), 409, 'conflict', ['status']);
    expect(await responseCount(surveyId)).toBe(before);
    expect((await api(t.app, townEditor).get(`/api/surveys/${surveyId}`)).json()).toMatchObject({ status: 'closed', can_answer: false, results_visible: true, my_state: 'draft' });

    const seen = await api(t.app, townEditor).get(`/api/surveys/${surveyId}/results`);
    expectStatus(seen, 200);
    expect(seen.json()).toMatchObject({ status: 'closed', anonymised: true, submitted_count: 1 });
    expect(seen.body).not.toContain('調査市');
    expect(seen.body).not.toContain(city.id);
    const audit = seen.json().items.find((i: { key: string }) => i.key === '9-1');
    expect(audit.reasons).toEqual([{ importance: 'hard_to_confirm', reason: HARD['9-1'].reason }]);
  });

  it('exports the results as a workbook of counts and reasons (owner only, audited)', async () => {
    const res = await api(t.app, prefViewer).get(`/api/surveys/${surveyId}/results.xlsx`);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const counts = workbook.getWorksheet('集計')!;
    expect(counts.getRow(1).getCell(4).value).toBe('項目名');
    expect(counts.getRow(1).getCell(6).value).toBe('重要であり確認・合意すべきである（件）');
    const slaRow = counts.getRow(2 + ITEM_KEYS.indexOf('8-1'));
    expect([slaRow.getCell(2).value, slaRow.getCell(3).value, slaRow.getCell(5).value, slaRow.getCell(6).value, slaRow.getCell(8).value, slaRow.getCell(9).value]).toEqual(['SLA', '8-1', 1, 0, 1, 1]);
    const reasons = workbook.getWorksheet('理由')!;
    const rows: unknown[][] = [];
    reasons.eachRow((row, n) => n > 1 && rows.push([row.getCell(1).value, row.getCell(3).value, row.getCell(4).value, row.getCell(5).value]));
    expect(rows).toEqual([
      ['6-1', '調査市', '特に留意しなくても良い', '脆弱性対応は事業者の責任範囲として契約で定めている'],
      ['8-1', '調査市', '重要ではあるが確認・合意が難しい', HARD['8-1'].reason],
      ['9-1', '調査市', '重要ではあるが確認・合意が難しい', HARD['9-1'].reason],
    ]);
    expect(await auditEntries(t, { action: 'survey.results_export', targetId: surveyId })).toHaveLength(1);
    expectError(await api(t.app, townEditor).get(`/api/surveys/${surveyId}/results.xlsx`), 403, 'forbidden');
    expectError(await api(t.app, strangerEditor).get(`/api/surveys/${surveyId}/results.xlsx`), 404, 'not_found');
  });

  it('stops answers once the closing day has passed (Japan time) and lets an association survey its members', async () => {
    const today = new Date(t.clock.now().getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    const created = await api(t.app, assocAdmin).post('/api/surveys', { title: '協議会の重要度調査', participant_ids: [city.id, stranger.id], closes_on: today });
    expectStatus(created, 201);
    const id = created.json().id;
    expectError(await api(t.app, assocAdmin).post('/api/surveys', { title: '協議会の重要度調査', participant_ids: [town.id] }), 400, 'validation_failed', ['participant_ids.0']);
    expectStatus(await api(t.app, strangerEditor).put(`/api/surveys/${id}/responses`, { answers: fullAnswers(HARD), submit: true }), 200);
    expect((await api(t.app, strangerEditor).get('/api/surveys')).json().items.map((s: { title: string; my_state: string }) => [s.title, s.my_state])).toEqual([['協議会の重要度調査', 'submitted']]);
    expect((await api(t.app, cityEditor).get('/api/surveys')).json().items).toHaveLength(2);

    // The next day in Japan (moved in the row, as moving the clock a day would end every session).
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await t.db.updateTable('surveys').set({ closes_on: yesterday }).where('id', '=', id).execute();
    expect((await api(t.app, cityEditor).get(`/api/surveys/${id}`)).json()).toMatchObject({ status: 'closed', can_answer: false, results_visible: true });
    expectError(await api(t.app, cityEditor).put(`/api/surveys/${id}/responses`, { answers: fullAnswers() }), 409, 'conflict', ['status']);
    const results = (await api(t.app, cityEditor).get(`/api/surveys/${id}/results`)).json();
    expect(results).toMatchObject({ status: 'closed', submitted_count: 1, participant_count: 2, response_rate: 50, anonymised: true });
    // The owner may still close it for the record.
    expectStatus(await api(t.app, assocAdmin).post(`/api/surveys/${id}/close`), 200);
  });
});
