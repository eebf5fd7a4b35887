// The vendor portal: a vendor answers a catalogue once per service; every municipality that links the
// service reads the answers it may (sharing level × request × terms), reviews them in its own assessment;
// nobody else sees anything. On both databases.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp, type TestApp } from '../support/harness.ts';
import { buildMunicipality, buildOperator, buildUser, buildVendor, type TestOrganisation, type TestUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, auditHead, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody, uploadFile } from '../support/register.ts';
import { currentCatalogueVersion } from '../../src/server/services/catalogues/registry.ts';
import { catalogueItems } from '../../src/shared/catalogue.ts';
import { newId } from '../../src/server/security/ids.ts';
import { notifyOverdueRequests } from '../../src/server/services/vendor-portal/reminders.ts';
import { answerVisibility } from '../../src/server/services/vendor-portal/visibility.ts';
import { japanToday } from '../../src/domain/japan-time.ts';

const CATALOGUE = 'urn:daicho:catalogue:confirmation-items';
const Q = `?catalogue=${encodeURIComponent(CATALOGUE)}`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const ALL_KEYS = ['1-1', '1-2', '2-1', '2-2', '3-1', '3-2', '4-1', '5-1', '6-1', '7-1', '8-1', '9-1'];

/** An assessment of the entry against the confirmation items, as the assessments feature creates it. */
async function makeAssessment(t: TestApp, organisationId: string, entryId: string): Promise<string> {
  const version = (await currentCatalogueVersion(t.deps, organisationId, CATALOGUE))!;
  const at = t.clock.now().toISOString();
  const id = newId();
  await t.db.insertInto('assessments').values({ id, organisation_id: organisationId, register_entry_id: entryId, catalogue_version_id: version.id, catalogue_urn: CATALOGUE, started_by: null, started_label: 'test', created_at: at, updated_at: at }).execute();
  await t.db
    .insertInto('assessment_items')
    .values(
      catalogueItems(version.catalogue).map((item) => ({
        id: newId(), organisation_id: organisationId, assessment_id: id, catalogue_version_id: version.id, item_key: item.key, category_key: item.category.key, position: item.position,
        status: item.key === '2-1' ? 'in_progress' : 'unconfirmed', answer: null, due_date: null, reviewer_user_id: null, confirmed_before_use: null, policy_defined: 'unknown',
        vendor_answer_id: null, vendor_review: null, vendor_review_note: null, vendor_reviewed_at: null, archived: 0, revision: 1, updated_by_label: null, updated_at: at,
      })),
    )
    .execute();
  return id;
}

type Item = { item_key: string; state: string; answer: null | { revision: number; answer: unknown; evidence: { id: string }[] }; review: null | { decision: string; changed_since_review: boolean; reviewed_revision: number | null } };

describe.each(dialects)('vendor portal on %s', (dialect) => {
  const t = useTestApp(dialect);
  let vendor: TestOrganisation;
  let city: TestOrganisation;
  let town: TestOrganisation;
  let member: Session;
  let otherMember: Session;
  let cityEditor: Session;
  let cityViewer: Session;
  let townEditor: Session;
  let outsider: Session;
  let operator: Session;
  let serviceId: string;
  let cityEntry: string;
  let townEntry: string;
  let outsiderEntry: string;
  let unlinkedCityEntry: string;
  let cityAssessment: string;
  let townAssessment: string;
  let outsiderAssessment: string;
  let evidenceId: string;
  let users: Record<'member' | 'cityEditor' | 'townEditor', TestUser>;

  /** Moves the clock by days; sessions time out meanwhile, so the people sign in again. */
  const advanceDays = async (days: number) => {
    t.clock.advanceDays(days);
    member = await signInFully(t.app, users.member);
    cityEditor = await signInFully(t.app, users.cityEditor);
    townEditor = await signInFully(t.app, users.townEditor);
  };

  const answerUrl = (key: string, id = serviceId) => `/api/vendor-portal/services/${id}/answers/${key}${Q}`;
  const cityItems = async (session = cityEditor): Promise<Item[]> => (await api(t.app, session).get(`/api/assessments/${cityAssessment}/vendor-answers`)).json().items;
  const item = (items: Item[], key: string) => items.find((i) => i.item_key === key)!;

  beforeAll(async () => {
    vendor = await buildVendor(t, { name: '回答クラウド株式会社' });
    users = {
      member: await buildUser(t, { organisation: vendor, role: 'vendor_member' }),
      cityEditor: await buildUser(t, { organisation: (city = await buildMunicipality(t, { name: '回答市' })), role: 'editor' }),
      townEditor: await buildUser(t, { organisation: (town = await buildMunicipality(t, { name: '回答町' })), role: 'editor' }),
    };
    member = await signInFully(t.app, users.member);
    otherMember = await signInFully(t.app, await buildUser(t, { organisation: await buildVendor(t, { name: '別ベンダー株式会社' }), role: 'vendor_member' }));
    cityEditor = await signInFully(t.app, users.cityEditor);
    cityViewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    townEditor = await signInFully(t.app, users.townEditor);
    const other = await buildMunicipality(t, { name: '無関係村' });
    outsider = await signInFully(t.app, await buildUser(t, { organisation: other, role: 'editor' }));
    operator = await signInFully(t.app, await buildUser(t, { organisation: await buildOperator(t), role: 'operator_admin' }));
    serviceId = (await api(t.app, member).post('/api/vendor-services', { name: '自治体クラウド 住民記録' })).json().id;
    const entryOf = async (session: Session) => (await api(t.app, session).post('/api/register/entries', entryBody((await categoryIds(t.app, session))['基幹系サービス']))).json().id as string;
    cityEntry = await entryOf(cityEditor);
    unlinkedCityEntry = await entryOf(cityEditor);
    townEntry = await entryOf(townEditor);
    outsiderEntry = await entryOf(outsider);
    expectStatus(await api(t.app, cityEditor).put(`/api/register/entries/${cityEntry}/vendor-service`, { vendor_service_id: serviceId }), 200);
    expectStatus(await api(t.app, townEditor).put(`/api/register/entries/${townEntry}/vendor-service`, { vendor_service_id: serviceId }), 200);
    cityAssessment = await makeAssessment(t, city.id, cityEntry);
    townAssessment = await makeAssessment(t, town.id, townEntry);
    outsiderAssessment = await makeAssessment(t, other.id, outsiderEntry);
  });

  it('decides visibility by one rule: link, sharing level, request and accepted terms', () => {
    const none = { linked: false, request: null };
    const linked = { linked: true, request: null };
    const requested = { linked: true, request: { status: 'pending', terms_accepted_at: null } };
    const withdrawn = { linked: true, request: { status: 'withdrawn', terms_accepted_at: '2026-01-01T00:00:00Z' } };
    const accepted = { linked: true, request: { status: 'answered', terms_accepted_at: '2026-01-01T00:00:00Z' } };
    expect(['linked', 'on_request', 'terms'].map((s) => answerVisibility(none, s))).toEqual(['not_linked', 'not_linked', 'not_linked']);
    expect(answerVisibility(linked, null)).toBe('not_answered');
    expect(['linked', 'on_request', 'terms'].map((s) => answerVisibility(linked, s))).toEqual(['visible', 'needs_request', 'needs_request']);
    expect(['linked', 'on_request', 'terms'].map((s) => answerVisibility(requested, s))).toEqual(['visible', 'visible', 'needs_terms']);
    expect(['linked', 'on_request', 'terms'].map((s) => answerVisibility(withdrawn, s))).toEqual(['visible', 'needs_request', 'needs_request']);
    expect(['linked', 'on_request', 'terms'].map((s) => answerVisibility(accepted, s))).toEqual(['visible', 'visible', 'visible']);
  });

  it('lets the vendor answer items as revisions, validated by answer type, audited; refuses others', async () => {
    const before = await auditHead(t);
    expectError(await api(t.app, member).put(answerUrl('3-1'), { answer: 'maybe', sharing: 'linked' }), 400, 'validation_failed', ['answer']);
    expectError(await api(t.app, member).put(answerUrl('3-1'), { answer: 'yes', sharing: 'everyone' }), 400, 'validation_failed', ['sharing']);
    expectError(await api(t.app, member).put(answerUrl('9-9'), { answer: 'x', sharing: 'linked' }), 404, 'not_found');
    expectError(await api(t.app, member).put(`/api/vendor-portal/services/${serviceId}/answers/1-1?catalogue=urn:daicho:catalogue:nothing`, { answer: 'x', sharing: 'linked' }), 400, 'validation_failed', ['catalogue']);
    expectError(await api(t.app, otherMember).put(answerUrl('1-1'), { answer: 'x', sharing: 'linked' }), 404, 'not_found');
    expectError(await api(t.app, otherMember).get(`/api/vendor-portal/services/${serviceId}/answers${Q}`), 404, 'not_found');
    expectError(await api(t.app, cityEditor).put(answerUrl('1-1'), { answer: 'x', sharing: 'linked' }), 403, 'forbidden');
    expect(await t.db.selectFrom('vendor_answers').selectAll().execute()).toEqual([]);
    expect((await auditEntries(t, { afterSeq: before })).every((e) => e.action === 'permission.denied')).toBe(true);

    const saved = await api(t.app, member).put(answerUrl('3-1'), { answer: 'partial', note: '管理者は多要素認証', sharing: 'linked' });
    expectStatus(saved, 200);
    expect(saved.json()).toMatchObject({ key: '3-1', current: { revision: 1, answer: 'partial', note: '管理者は多要素認証', sharing: 'linked', is_current: true }, revisions: 1, revision: 1 });
    const second = await api(t.app, member).put(answerUrl('3-1'), { answer: 'yes', note: '全管理者に多要素認証', sharing: 'linked' });
    expect(second.json()).toMatchObject({ current: { revision: 2, answer: 'yes' }, revisions: 2 });
    // The same answer again makes no revision.
    expect((await api(t.app, member).put(answerUrl('3-1'), { answer: 'yes', note: '全管理者に多要素認証', sharing: 'linked' })).json().revisions).toBe(2);
    const revisions = (await api(t.app, member).get(`/api/vendor-portal/services/${serviceId}/answers/3-1/revisions${Q}`)).json().items;
    expect(revisions.map((r: { revision: number; is_current: boolean; answer: string }) => [r.revision, r.is_current, r.answer])).toEqual([[2, true, 'yes'], [1, false, 'partial']]);
    expect(await t.db.selectFrom('vendor_answers').select('id').where('is_current', '=', 1).execute()).toHaveLength(1);
    const audit = await auditEntries(t, { action: 'vendor_answer.save', targetId: serviceId });
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ organisation_id: vendor.id, before: { revision: 1, answer: 'partial' }, after: { item_key: '3-1', revision: 2, answer: 'yes', sharing: 'linked' } });

    expectStatus(await api(t.app, member).put(answerUrl('1-1'), { answer: '平常時は情報政策課、障害時は24時間窓口', sharing: 'linked' }), 200);
    expectStatus(await api(t.app, member).put(answerUrl('2-1'), { answer: '日次・7世代・東西2拠点', sharing: 'on_request' }), 200);
    expectStatus(await api(t.app, member).put(answerUrl('4-1'), { answer: 'yes', note: '契約書第12条', sharing: 'terms' }), 200);
    const page = (await api(t.app, member).get(`/api/vendor-portal/services/${serviceId}/answers${Q}`)).json();
    expect(page.categories).toHaveLength(9);
    expect(page.categories.flatMap((c: { items: { key: string }[] }) => c.items.map((i) => i.key))).toEqual(ALL_KEYS);
    const services = (await api(t.app, member).get('/api/vendor-portal/services')).json().items;
    expect(services[0]).toMatchObject({ id: serviceId, linked_organisations: 2, pending_requests: 0 });
    expect(services[0].catalogues.find((c: { urn: string }) => c.urn === CATALOGUE)).toMatchObject({ items_total: 12, answered: 4 });
    expect((await api(t.app, otherMember).get('/api/vendor-portal/services')).json().items).toEqual([]);
  });

  it('shows a linked municipality the answers it may read, and hides the rest until requested or terms accepted', async () => {
    let items = await cityItems(cityViewer);
    expect(item(items, '3-1')).toMatchObject({ state: 'visible', answer: { revision: 2, answer: 'yes' } });
    expect(item(items, '1-1').state).toBe('visible');
    expect(item(items, '2-1')).toEqual(expect.objectContaining({ state: 'needs_request', answer: null }));
    expect(item(items, '4-1')).toEqual(expect.objectContaining({ state: 'needs_request', answer: null }));
    expect(item(items, '5-1')).toEqual(expect.objectContaining({ state: 'not_answered', answer: null }));

    // A municipality whose entry is not linked sees nothing of the service; nor do vendors or the operator.
    const outsiderItems: Item[] = (await api(t.app, outsider).get(`/api/assessments/${outsiderAssessment}/vendor-answers`)).json().items;
    expect(outsiderItems.every((i) => i.state === 'not_linked' && i.answer === null)).toBe(true);
    expectError(await api(t.app, outsider).get(`/api/assessments/${cityAssessment}/vendor-answers`), 404, 'not_found');
    expectError(await api(t.app, member).get(`/api/assessments/${cityAssessment}/vendor-answers`), 404, 'not_found');
    expectError(await api(t.app, operator).get(`/api/assessments/${cityAssessment}/vendor-answers`), 404, 'not_found');
    expectError(await api(t.app, member).get(`/api/register/entries/${cityEntry}/answer-requests`), 403, 'forbidden');
    expectError(await api(t.app, outsider).get(`/api/register/entries/${cityEntry}/answer-requests`), 404, 'not_found');

    // Requests: refused on an unlinked entry, for a viewer, twice; the vendor is told.
    const body = { catalogue_urn: CATALOGUE, due_date: '2099-12-31', message: '年度の確認のため' };
    expectError(await api(t.app, cityEditor).post(`/api/register/entries/${unlinkedCityEntry}/answer-requests`, body), 400, 'validation_failed', ['vendor_service_id']);
    expectError(await api(t.app, cityViewer).post(`/api/register/entries/${cityEntry}/answer-requests`, body), 403, 'forbidden');
    expectError(await api(t.app, cityEditor).post(`/api/register/entries/${cityEntry}/answer-requests`, { ...body, due_date: '2000-01-01' }), 400, 'validation_failed', ['due_date']);
    expectError(await api(t.app, cityEditor).post(`/api/register/entries/${cityEntry}/answer-requests`, { ...body, catalogue_urn: 'urn:daicho:catalogue:none' }), 400, 'validation_failed', ['catalogue_urn']);
    const created = await api(t.app, cityEditor).post(`/api/register/entries/${cityEntry}/answer-requests`, body);
    expectStatus(created, 201);
    expect(created.json()).toMatchObject({ status: 'pending', pending_items: 8, needs_terms: true, due_date: '2099-12-31' });
    expectError(await api(t.app, cityEditor).post(`/api/register/entries/${cityEntry}/answer-requests`, body), 409, 'conflict', ['catalogue_urn']);
    const vendorNote = await t.db.selectFrom('notifications').selectAll().where('organisation_id', '=', vendor.id).where('kind', '=', 'answer_requested').execute();
    expect(vendorNote).toHaveLength(1);
    expect(vendorNote[0]).toMatchObject({ link: '/vendor/requests' });
    expect(vendorNote[0]!.title).toContain('回答市');
    expect((await auditEntries(t, { action: 'answer_request.create', targetId: cityEntry }))[0]).toMatchObject({ organisation_id: city.id, after: { catalogue_urn: CATALOGUE, due_date: '2099-12-31' } });

    items = await cityItems();
    expect(item(items, '2-1')).toMatchObject({ state: 'visible', answer: { answer: '日次・7世代・東西2拠点' } });
    expect(item(items, '4-1').state).toBe('needs_terms');
    // The town has not requested: the on-request answer stays hidden from it.
    const townItems: Item[] = (await api(t.app, townEditor).get(`/api/assessments/${townAssessment}/vendor-answers`)).json().items;
    expect(item(townItems, '2-1').state).toBe('needs_request');

    // Terms: none set yet → refused; once set, accepted → visible.
    const requestId = created.json().id;
    const accept = `/api/register/entries/${cityEntry}/answer-requests/${requestId}/accept-terms`;
    expectError(await api(t.app, cityEditor).post(accept), 400, 'validation_failed', ['answer_terms']);
    expectError(await api(t.app, otherMember).put(`/api/vendor-portal/services/${serviceId}/terms`, { answer_terms: '乗っ取り' }), 404, 'not_found');
    expectStatus(await api(t.app, member).put(`/api/vendor-portal/services/${serviceId}/terms`, { answer_terms: '回答の内容は貴団体の内部検討にのみ使用してください。' }), 200);
    const listed = (await api(t.app, cityViewer).get(`/api/register/entries/${cityEntry}/answer-requests`)).json();
    expect(listed).toMatchObject({ vendor_service: { id: serviceId, vendor_name: '回答クラウド株式会社' }, answer_terms: '回答の内容は貴団体の内部検討にのみ使用してください。' });
    expect(listed.items[0]).toMatchObject({ id: requestId, needs_terms: true });
    expectError(await api(t.app, outsider).post(`/api/register/entries/${outsiderEntry}/answer-requests/${requestId}/accept-terms`), 404, 'not_found');
    expectStatus(await api(t.app, cityEditor).post(accept), 200);
    expectError(await api(t.app, cityEditor).post(accept), 409, 'conflict');
    expect(item(await cityItems(), '4-1')).toMatchObject({ state: 'visible', answer: { answer: 'yes' } });
    expect((await auditEntries(t, { action: 'answer_request.accept_terms', targetId: cityEntry }))).toHaveLength(1);

    // The vendor sees who asked for what.
    const requests = (await api(t.app, member).get('/api/vendor-portal/requests')).json().items;
    expect(requests).toEqual([expect.objectContaining({ organisation_name: '回答市', service_name: '自治体クラウド 住民記録', status: 'pending', overdue: false, pending_items: 8 })]);
    expect((await api(t.app, otherMember).get('/api/vendor-portal/requests')).json().items).toEqual([]);
  });

  it('keeps evidence under the vendor, refuses bad files, and lets only readers download it', async () => {
    const url = `/api/vendor-portal/services/${serviceId}/answers/3-1/evidence${Q}`;
    const before = await t.db.selectFrom('attachments').select('id').execute();
    expectError(await uploadFile(t.app, member, url, 'policy.pdf', Buffer.from('<html><script>alert(1)</script></html>')), 400, 'validation_failed', ['file']);
    expectError(await uploadFile(t.app, member, url, 'tool.exe', Buffer.from('MZ\x90\x00')), 400, 'validation_failed', ['file']);
    expectError(await uploadFile(t.app, member, url, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)])), 413, 'payload_too_large', ['file']);
    expectError(await uploadFile(t.app, member, `/api/vendor-portal/services/${serviceId}/answers/5-1/evidence${Q}`, 'x.pdf', PDF), 400, 'validation_failed', ['answer']);
    expectError(await uploadFile(t.app, otherMember, url, 'x.pdf', PDF), 404, 'not_found');
    expect(await t.db.selectFrom('attachments').select('id').execute()).toEqual(before);

    const uploaded = await uploadFile(t.app, member, url, '多要素認証の設定.pdf', PDF);
    expectStatus(uploaded, 201);
    evidenceId = uploaded.json().id;
    expect(uploaded.json()).toMatchObject({ filename: '多要素認証の設定.pdf', content_type: 'application/pdf', revision: 2 });
    const stored = await t.db.selectFrom('attachments').selectAll().where('id', '=', evidenceId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ organisation_id: vendor.id, target_type: 'vendor_answer' });
    expect(Buffer.from(stored.content).includes(Buffer.from('%PDF'))).toBe(false);

    // A new revision keeps the file.
    expectStatus(await api(t.app, member).put(answerUrl('3-1'), { answer: 'yes', note: '全管理者・全運用者に多要素認証', sharing: 'linked' }), 200);
    const cityView = item(await cityItems(), '3-1');
    expect(cityView.answer).toMatchObject({ revision: 3, evidence: [{ id: evidenceId }] });

    const download = `/api/vendor-portal/evidence/${evidenceId}`;
    const got = await api(t.app, cityViewer).get(download);
    expectStatus(got, 200);
    expect(Buffer.from(got.rawPayload).equals(PDF)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expectStatus(await api(t.app, member).get(download), 200);
    expectStatus(await api(t.app, townEditor).get(download), 200);
    expectError(await api(t.app, outsider).get(download), 404, 'not_found');
    expectError(await api(t.app, otherMember).get(download), 404, 'not_found');
    expectError(await api(t.app, cityViewer).get(`/api/vendor-portal/evidence/${newId()}`), 404, 'not_found');
    expect((await auditEntries(t, { action: 'vendor_answer.evidence_add', targetId: serviceId }))).toHaveLength(1);
  });

  it('hides evidence of an answer shared on request from a linked municipality that has not asked', async () => {
    const uploaded = await uploadFile(t.app, member, `/api/vendor-portal/services/${serviceId}/answers/2-1/evidence${Q}`, 'backup.txt', Buffer.from('バックアップ仕様\n'));
    expectStatus(uploaded, 201);
    expectStatus(await api(t.app, cityEditor).get(`/api/vendor-portal/evidence/${uploaded.json().id}`), 200);
    expectError(await api(t.app, townEditor).get(`/api/vendor-portal/evidence/${uploaded.json().id}`), 404, 'not_found');

    // Only the vendor deletes its evidence, audited; the file is then gone for everyone.
    const remove = `/api/vendor-portal/services/${serviceId}/evidence/${uploaded.json().id}`;
    expectError(await api(t.app, otherMember).delete(remove), 404, 'not_found');
    expectError(await api(t.app, cityEditor).delete(remove), 403, 'forbidden');
    expectStatus(await api(t.app, member).delete(remove), 200);
    expectError(await api(t.app, member).delete(remove), 404, 'not_found');
    expectError(await api(t.app, cityEditor).get(`/api/vendor-portal/evidence/${uploaded.json().id}`), 404, 'not_found');
    expect((await auditEntries(t, { action: 'vendor_answer.evidence_delete', targetId: serviceId }))[0]).toMatchObject({ before: { item_key: '2-1', filename: 'backup.txt' } });
  });

  it('records the municipality’s review in its own assessment item: accept, flag, changed since review', async () => {
    const reviewUrl = (key: string) => `/api/assessments/${cityAssessment}/items/${key}/vendor-review`;
    expectError(await api(t.app, cityEditor).post(reviewUrl('5-1'), { decision: 'accepted' }), 400, 'validation_failed', ['decision']);
    expectError(await api(t.app, townEditor).post(reviewUrl('3-1'), { decision: 'accepted' }), 404, 'not_found');
    expectError(await api(t.app, cityViewer).post(reviewUrl('3-1'), { decision: 'accepted' }), 403, 'forbidden');
    expectError(await api(t.app, member).post(reviewUrl('3-1'), { decision: 'accepted' }), 404, 'not_found');
    expectError(await api(t.app, cityEditor).post(reviewUrl('3-1'), { decision: 'maybe' }), 400, 'validation_failed', ['decision']);
    expectError(await api(t.app, cityEditor).post(reviewUrl('99'), { decision: 'accepted' }), 404, 'not_found');

    const accepted = await api(t.app, cityEditor).post(reviewUrl('3-1'), { decision: 'accepted', note: '確認した' });
    expectStatus(accepted, 200);
    expect(accepted.json()).toMatchObject({ status: 'confirmed', revision: 2, vendor_review: 'accepted' });
    const inProgress = await api(t.app, cityEditor).post(reviewUrl('2-1'), { decision: 'accepted' });
    expect(inProgress.json()).toMatchObject({ status: 'confirmed' });
    const flagged = await api(t.app, cityEditor).post(reviewUrl('1-1'), { decision: 'flagged', note: '夜間の連絡先がない' });
    expect(flagged.json()).toMatchObject({ status: 'action_required', vendor_review: 'flagged', vendor_review_note: '夜間の連絡先がない' });

    const row = await t.db.selectFrom('assessment_items').selectAll().where('assessment_id', '=', cityAssessment).where('item_key', '=', '3-1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'confirmed', vendor_review: 'accepted', vendor_review_note: '確認した' });
    expect(Number(row.revision)).toBe(2);
    const audit = await auditEntries(t, { action: 'assessment_item.vendor_review', targetId: row.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_type: 'assessment_item', organisation_id: city.id, before: { status: 'unconfirmed', revision: 1 }, after: { status: 'confirmed', vendor_review: 'accepted', revision: 2, vendor_answer_revision: 3 } });

    expect(item(await cityItems(), '3-1').review).toMatchObject({ decision: 'accepted', reviewed_revision: 3, changed_since_review: false });
    expectStatus(await api(t.app, member).put(answerUrl('3-1'), { answer: 'partial', note: '一部の運用者は移行中', sharing: 'linked' }), 200);
    expect(item(await cityItems(), '3-1').review).toMatchObject({ decision: 'accepted', reviewed_revision: 3, changed_since_review: true });
    expect(item(await cityItems(), '3-1').answer).toMatchObject({ revision: 4 });
  });

  it('announces an answer once to every municipality that may read it, with its own link, and completes the requests', async () => {
    await t.db.deleteFrom('notifications').where('kind', '=', 'vendor_answer_updated').execute();
    await t.db.deleteFrom('notification_events').where('dedupe_key', 'like', 'vendor_answer_updated:%').execute();
    expectStatus(await api(t.app, member).put(answerUrl('5-1'), { answer: '30日前に通知', sharing: 'linked' }), 200);
    const notes = await t.db.selectFrom('notifications').selectAll().where('kind', '=', 'vendor_answer_updated').execute();
    const byOrg = new Map(notes.map((n) => [n.organisation_id, n.link]));
    expect(byOrg.get(city.id)).toBe(`/assessments/${cityAssessment}`);
    expect(byOrg.get(town.id)).toBe(`/assessments/${townAssessment}`);
    expect([...byOrg.keys()].sort()).toEqual([city.id, town.id].sort());
    // Same service, catalogue and day: no second announcement.
    expectStatus(await api(t.app, member).put(answerUrl('5-1'), { answer: '60日前に通知', sharing: 'linked' }), 200);
    expect(await t.db.selectFrom('notifications').select('id').where('kind', '=', 'vendor_answer_updated').execute()).toHaveLength(notes.length);
    // An answer shared on request reaches only the city, which asked (next day).
    await advanceDays(1);
    expectStatus(await api(t.app, member).put(answerUrl('6-1'), { answer: 'yes', sharing: 'on_request' }), 200);
    const second = await t.db.selectFrom('notifications').select(['organisation_id', 'event_count']).where('kind', '=', 'vendor_answer_updated').execute();
    expect(second.filter((n) => n.organisation_id === town.id).map((n) => Number(n.event_count))).toEqual(notes.filter((n) => n.organisation_id === town.id).map(() => 1));
    // The city's unread notice of the same subject takes the repeat instead of a second notice.
    expect(second).toHaveLength(notes.length);
    expect(second.filter((n) => n.organisation_id === city.id).every((n) => Number(n.event_count) === 2)).toBe(true);

    // The one answer reads the same in both municipalities' assessments.
    const townItems: Item[] = (await api(t.app, townEditor).get(`/api/assessments/${townAssessment}/vendor-answers`)).json().items;
    expect(item(townItems, '5-1').answer).toMatchObject({ answer: '60日前に通知' });
    expect(item(await cityItems(), '5-1').answer).toMatchObject({ answer: '60日前に通知' });

    for (const key of ['1-2', '2-2', '3-2', '7-1', '8-1', '9-1']) {
      expectStatus(await api(t.app, member).put(answerUrl(key), { answer: ['7-1', '8-1'].includes(key) ? 'yes' : '回答', sharing: 'linked' }), 200);
    }
    const request = (await api(t.app, cityEditor).get(`/api/register/entries/${cityEntry}/answer-requests`)).json().items[0];
    expect(request).toMatchObject({ status: 'answered', pending_items: 0 });
    expect(request.answered_at).not.toBeNull();
  });

  it('withdraws a request (hiding on-request answers again), reminds vendors of overdue requests once per due date', async () => {
    const town = `/api/register/entries/${townEntry}/answer-requests`;
    const today = japanToday(t.clock.now());
    const created = await api(t.app, townEditor).post(town, { catalogue_urn: CATALOGUE, due_date: today });
    // Every item is answered: the request is answered at once.
    expect(created.json()).toMatchObject({ status: 'answered', pending_items: 0 });
    expect(item((await api(t.app, townEditor).get(`/api/assessments/${townAssessment}/vendor-answers`)).json().items, '2-1').state).toBe('visible');
    const withdraw = `${town}/${created.json().id}/withdraw`;
    expectError(await api(t.app, cityEditor).post(withdraw), 404, 'not_found');
    expect((await api(t.app, townEditor).post(withdraw)).json()).toMatchObject({ status: 'withdrawn' });
    expectError(await api(t.app, townEditor).post(withdraw), 409, 'conflict');
    expect(item((await api(t.app, townEditor).get(`/api/assessments/${townAssessment}/vendor-answers`)).json().items, '2-1').state).toBe('needs_request');
    expect(await auditEntries(t, { action: 'answer_request.withdraw', targetId: townEntry })).toHaveLength(1);

    // With an item left without a current answer, the reopened request is pending again.
    await t.db.updateTable('vendor_answers').set({ is_current: 0 }).where('item_key', '=', '9-1').execute();
    const reopened = await api(t.app, townEditor).post(town, { catalogue_urn: CATALOGUE, due_date: today });
    expectStatus(reopened, 201);
    expect(reopened.json()).toMatchObject({ id: created.json().id, status: 'pending', pending_items: 1 });
    expect(await notifyOverdueRequests(t.deps)).toBe(0);
    await advanceDays(2);
    expect((await api(t.app, member).get('/api/vendor-portal/requests')).json().items.find((r: { organisation_name: string }) => r.organisation_name === '回答町')).toMatchObject({ overdue: true, pending_items: 1 });
    expect(await notifyOverdueRequests(t.deps)).toBe(1);
    expect(await notifyOverdueRequests(t.deps)).toBe(0);
    const reminders = await t.db.selectFrom('notifications').selectAll().where('kind', '=', 'answer_request_overdue').execute();
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((n) => n.organisation_id === vendor.id && n.link?.startsWith(`/vendor/services/${serviceId}/answers`))).toBe(true);
    const row = await t.db.selectFrom('answer_requests').selectAll().where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(row.last_reminded_at).not.toBeNull();
  });
});
