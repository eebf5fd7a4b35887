// Assessments of register entries against the confirmation items: starting one, the item editor
// (status, typed answers, due dates, reviewers, before-use, policy) with its bad inputs and stale
// revisions, comments, evidence, history, the organisation's list, the .xlsx export, and tenancy —
// on both databases.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, buildVendor, type TestOrganisation, type TestUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, auditHead, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody, uploadFile } from '../support/register.ts';
import { recordAuditAlone } from '../../src/server/services/audit.ts';

const CONFIRMATION = 'urn:daicho:catalogue:confirmation-items';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface Item {
  id: string;
  key: string;
  status: string;
  answer: unknown;
  due_date: string | null;
  overdue: boolean;
  reviewer: { id: string; name: string } | null;
  confirmed_before_use: boolean | null;
  policy_defined: string;
  revision: number;
  evidence: { id: string; filename: string; sha256: string }[];
  comment_count: number;
  archived: boolean;
}

describe.each(dialects)('assessments on %s', (dialect) => {
  const t = useTestApp(dialect, { config: { sessionIdleMinutes: 600 } });
  let cityA: TestOrganisation;
  let cityB: TestOrganisation;
  let aEditor: Session;
  let aEditorUser: TestUser;
  let aViewer: Session;
  let aViewerUser: TestUser;
  let aTax: Session;
  let bEditor: Session;
  let bEditorUser: TestUser;
  let member: Session;
  let aEntry: string;
  let aOther: string;
  let bEntry: string;
  let assessmentId: string;

  const detail = async (session: Session = aEditor, id = assessmentId) => {
    const res = await api(t.app, session).get(`/api/assessments/${id}`);
    expectStatus(res, 200);
    return res.json();
  };
  const itemOf = async (key: string, session: Session = aEditor): Promise<Item> => {
    const d = await detail(session);
    return d.categories.flatMap((c: { items: Item[] }) => c.items).find((i: Item) => i.key === key);
  };
  const patch = (key: string, body: Record<string, unknown>, session: Session = aEditor) => api(t.app, session).patch(`/api/assessments/${assessmentId}/items/${key}`, body);
  const itemRow = (key: string) => t.db.selectFrom('assessment_items').selectAll().where('assessment_id', '=', assessmentId).where('item_key', '=', key).executeTakeFirstOrThrow();
  const attachmentCount = async () => Number((await t.db.selectFrom('attachments').select((eb) => eb.fn.countAll().as('n')).where('target_type', '=', 'assessment_item').executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    cityA = await buildMunicipality(t, { name: 'エー市' });
    cityB = await buildMunicipality(t, { name: 'ビー町' });
    aEditorUser = await buildUser(t, { organisation: cityA, role: 'editor', displayName: '情報 太郎' });
    aEditor = await signInFully(t.app, aEditorUser);
    aViewerUser = await buildUser(t, { organisation: cityA, role: 'viewer', displayName: '閲覧 花子' });
    aViewer = await signInFully(t.app, aViewerUser);
    const tax = await buildUser(t, { organisation: cityA, role: 'editor' });
    await t.db.updateTable('users').set({ department: '税務課' }).where('id', '=', tax.id).execute();
    aTax = await signInFully(t.app, tax);
    bEditorUser = await buildUser(t, { organisation: cityB, role: 'editor' });
    bEditor = await signInFully(t.app, bEditorUser);
    member = await signInFully(t.app, await buildUser(t, { organisation: await buildVendor(t), role: 'vendor_member' }));
    const entry = async (session: Session, overrides: Record<string, unknown> = {}) => {
      const categories = await categoryIds(t.app, session);
      const res = await api(t.app, session).post('/api/register/entries', entryBody(categories['基幹系サービス'], overrides));
      expectStatus(res, 201);
      return res.json().id as string;
    };
    aEntry = await entry(aEditor);
    aOther = await entry(aEditor, { name: '電子申請システム' });
    bEntry = await entry(bEditor);
  });

  it('starts an assessment with one unconfirmed item per confirmation item, once', async () => {
    const before = await auditHead(t);
    const res = await api(t.app, aEditor).post(`/api/register/entries/${aEntry}/assessments`, { catalogue_urn: CONFIRMATION });
    expectStatus(res, 201);
    const d = res.json();
    assessmentId = d.id;
    expect(d.entry).toMatchObject({ id: aEntry, name: '住民基本台帳システム', department: '市民課' });
    expect(d.entry.external_key).toMatch(/^RE-/);
    expect(d.catalogue).toMatchObject({ urn: CONFIRMATION, is_current: true, newer_version: null });
    expect(d.categories.map((c: { key: string }) => c.key)).toEqual(['incident-reporting', 'information-assets', 'access-control', 'security-requirements', 'change-management', 'vulnerability-management', 'contingency', 'sla', 'audit']);
    const items: Item[] = d.categories.flatMap((c: { items: Item[] }) => c.items);
    expect(items.map((i) => i.key)).toEqual(['1-1', '1-2', '2-1', '2-2', '3-1', '3-2', '4-1', '5-1', '6-1', '7-1', '8-1', '9-1']);
    expect(items.every((i) => i.status === 'unconfirmed' && i.policy_defined === 'unknown' && i.revision === 1 && !i.archived && i.answer === null)).toBe(true);
    expect(d.progress).toMatchObject({ settled: 0, total: 12, percent: 0, overdue: 0, next_due: null });
    expect(d.can_edit).toBe(true);
    const first = d.categories[0].items[0];
    expect(first.name.ja.length).toBeGreaterThan(0);
    expect(first.answer_spec).toEqual({ type: 'text' });
    const audits = await auditEntries(t, { afterSeq: before, action: 'assessment.start' });
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toMatchObject({ register_entry_id: aEntry, catalogue_urn: CONFIRMATION, items: 12 });

    expectError(await api(t.app, aEditor).post(`/api/register/entries/${aEntry}/assessments`, { catalogue_urn: CONFIRMATION }), 409, 'conflict', ['catalogue_urn']);
    expect(Number((await t.db.selectFrom('assessment_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(12);
  });

  it('refuses to start against an unknown or reference catalogue, for another body, a viewer or another department', async () => {
    const url = `/api/register/entries/${aOther}/assessments`;
    expectError(await api(t.app, aEditor).post(url, { catalogue_urn: 'urn:daicho:catalogue:nothing-here' }), 400, 'validation_failed', ['catalogue_urn']);
    expectError(await api(t.app, aEditor).post(url, { catalogue_urn: 'urn:daicho:catalogue:jisq27017' }), 400, 'validation_failed', ['catalogue_urn']);
    expectError(await api(t.app, aEditor).post(url, {}), 400, 'validation_failed', ['catalogue_urn']);
    expectError(await api(t.app, bEditor).post(url, { catalogue_urn: CONFIRMATION }), 404, 'not_found');
    expectError(await api(t.app, aViewer).post(url, { catalogue_urn: CONFIRMATION }), 403, 'forbidden');
    expectError(await api(t.app, aTax).post(url, { catalogue_urn: CONFIRMATION }), 403, 'forbidden', ['department']);
    expectError(await api(t.app, member).post(url, { catalogue_urn: CONFIRMATION }), 403, 'forbidden');
    expect((await t.db.selectFrom('assessments').select('id').where('register_entry_id', '=', aOther).execute()).length).toBe(0);
  });

  it('lists the entry’s assessments with progress and offers the catalogues not started', async () => {
    const res = await api(t.app, aViewer).get(`/api/register/entries/${aEntry}/assessments`);
    expectStatus(res, 200);
    const body = res.json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id: assessmentId, catalogue: { urn: CONFIRMATION }, progress: { settled: 0, total: 12 } });
    expect(body.not_started.map((c: { urn: string }) => c.urn)).not.toContain(CONFIRMATION);
    expect(body.not_started.map((c: { urn: string }) => c.urn)).not.toContain('urn:daicho:catalogue:jisq27017');
    expect(body.can_start).toBe(false);
    const other = (await api(t.app, aEditor).get(`/api/register/entries/${aOther}/assessments`)).json();
    expect(other.items).toEqual([]);
    expect(other.can_start).toBe(true);
    expect(other.not_started[0]).toMatchObject({ urn: CONFIRMATION, applicable: true });
    expectError(await api(t.app, bEditor).get(`/api/register/entries/${aEntry}/assessments`), 404, 'not_found');
  });

  it('offers first the catalogues the organisation’s rules apply to the entry', async () => {
    const at = t.clock.now().toISOString();
    const impact = Number((await t.db.selectFrom('register_entries').select('administrative_impact').where('id', '=', aOther).executeTakeFirstOrThrow()).administrative_impact);
    await t.db
      .insertInto('assessment_rules')
      .values([
        { id: crypto.randomUUID(), organisation_id: cityA.id, catalogue_urn: 'urn:daicho:catalogue:cloud-guideline', min_impact: 1, created_at: at, updated_at: at },
        { id: crypto.randomUUID(), organisation_id: cityA.id, catalogue_urn: 'urn:daicho:catalogue:contractor-checklist', min_impact: impact + 1, created_at: at, updated_at: at },
      ])
      .execute();
    const body = (await api(t.app, aEditor).get(`/api/register/entries/${aOther}/assessments`)).json();
    const applicable = Object.fromEntries(body.not_started.map((c: { urn: string; applicable: boolean }) => [c.urn, c.applicable]));
    expect(body.not_started[0].urn).toBe('urn:daicho:catalogue:cloud-guideline');
    expect(applicable).toMatchObject({ 'urn:daicho:catalogue:cloud-guideline': true, 'urn:daicho:catalogue:contractor-checklist': false, [CONFIRMATION]: false });
    await t.db.deleteFrom('assessment_rules').where('organisation_id', '=', cityA.id).execute();
  });

  it('records an item’s state with a typed answer, a due date, a reviewer, before-use and policy, audited', async () => {
    const before = await auditHead(t);
    const res = await patch('1-1', { revision: 1, status: 'confirmed', answer: '平常時・障害時・事後の連絡先を契約書別紙で確認', due_date: '2030-04-30', reviewer_user_id: aViewerUser.id, confirmed_before_use: true, policy_defined: 'defined' });
    expectStatus(res, 200);
    const item = res.json().categories[0].items[0] as Item;
    expect(item).toMatchObject({ key: '1-1', status: 'confirmed', answer: '平常時・障害時・事後の連絡先を契約書別紙で確認', due_date: '2030-04-30', overdue: false, reviewer: { id: aViewerUser.id, name: '閲覧 花子' }, confirmed_before_use: true, policy_defined: 'defined', revision: 2 });
    expect(res.json().progress).toMatchObject({ settled: 1, total: 12 });
    const audits = await auditEntries(t, { afterSeq: before, action: 'assessment_item.update' });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ target_type: 'assessment_item', target_id: item.id, actor_user_id: aEditorUser.id });
    expect(audits[0].before).toMatchObject({ item_key: '1-1', status: 'unconfirmed', answer: null });
    expect(audits[0].after).toMatchObject({ item_key: '1-1', status: 'confirmed', due_date: '2030-04-30', reviewer_user_id: aViewerUser.id, confirmed_before_use: true, policy_defined: 'defined' });

    // A status item takes one of the status values; clearing works with null.
    const status = await patch('3-1', { revision: 1, answer: 'partial', status: 'action_required' });
    expectStatus(status, 200);
    expect((await itemOf('3-1')).answer).toBe('partial');
    expectStatus(await patch('3-1', { revision: 2, answer: null, reviewer_user_id: null }), 200);
    expect(await itemOf('3-1')).toMatchObject({ answer: null, status: 'action_required', reviewer: null, revision: 3 });
  });

  it('refuses bad input with a clear error naming the field and changes nothing', async () => {
    const before = await itemRow('1-2');
    const head = await auditHead(t);
    expectError(await patch('1-2', { revision: 1, status: 'done' }), 400, 'validation_failed', ['status']);
    expectError(await patch('1-2', { revision: 1, answer: 42 }), 400, 'validation_failed', ['answer']);
    expectError(await patch('3-2', { revision: 1, answer: { text: 'x' } }), 400, 'validation_failed', ['answer']);
    const wrongChoice = expectError(await patch('4-1', { revision: 1, answer: 'maybe' }), 400, 'validation_failed', ['answer']);
    expect(wrongChoice.error.details[0].reason).toContain('対応している');
    expectError(await patch('1-2', { revision: 1, due_date: '2030/04/30' }), 400, 'validation_failed', ['due_date']);
    expectError(await patch('1-2', { revision: 1, due_date: '2030-02-30' }), 400, 'validation_failed', ['due_date']);
    expectError(await patch('1-2', { revision: 1, reviewer_user_id: bEditorUser.id }), 400, 'validation_failed', ['reviewer_user_id']);
    expectError(await patch('1-2', { revision: 1, policy_defined: 'sometimes' }), 400, 'validation_failed', ['policy_defined']);
    expectError(await patch('1-2', { revision: 1, confirmed_before_use: 'yes' }), 400, 'validation_failed', ['confirmed_before_use']);
    expectError(await patch('1-2', { status: 'confirmed' }), 400, 'validation_failed', ['revision']);
    expectError(await patch('1-2', { revision: 1 }), 400, 'validation_failed', ['status']);
    expectError(await patch('no-such-item', { revision: 1, status: 'confirmed' }), 404, 'not_found');
    // Someone else saved first: the second editor's revision is stale.
    expectStatus(await patch('1-2', { revision: 1, status: 'in_progress' }), 200);
    const stale = expectError(await patch('1-2', { revision: 1, status: 'confirmed' }), 409, 'conflict', ['revision']);
    expect(stale.error.details[0].reason).toContain('版2');
    const after = await itemRow('1-2');
    expect({ ...after, status: before.status, revision: before.revision, updated_at: before.updated_at, updated_by_label: before.updated_by_label }).toEqual(before);
    expect(after).toMatchObject({ status: 'in_progress', revision: 2 });
    expect((await auditEntries(t, { afterSeq: head })).filter((a) => a.outcome === 'ok').map((a) => a.action)).toEqual(['assessment_item.update']);
  });

  it('keeps a comment thread per item, audited', async () => {
    const url = `/api/assessments/${assessmentId}/items/1-1/comments`;
    const res = await api(t.app, aEditor).post(url, { body: '事業者の回答書（2025年版）を受領。' });
    expectStatus(res, 201);
    expect(res.json()).toMatchObject({ body: '事業者の回答書（2025年版）を受領。', system: false });
    expectError(await api(t.app, aEditor).post(url, { body: '   ' }), 400, 'validation_failed', ['body']);
    expectError(await api(t.app, aViewer).post(url, { body: '閲覧者のコメント' }), 403, 'forbidden');
    const list = (await api(t.app, aViewer).get(url)).json();
    expect(list.items.map((c: { body: string }) => c.body)).toEqual(['事業者の回答書（2025年版）を受領。']);
    expect((await itemOf('1-1')).comment_count).toBe(1);
    expect((await auditEntries(t, { action: 'assessment_item.comment' })).at(-1)?.after).toMatchObject({ item_key: '1-1', body: '事業者の回答書（2025年版）を受領。' });
    expectError(await api(t.app, bEditor).get(url), 404, 'not_found');
  });

  it('stores evidence encrypted, checks its type and size, downloads and deletes it within the organisation', async () => {
    const url = `/api/assessments/${assessmentId}/items/1-1/evidence`;
    const res = await uploadFile(t.app, aEditor, url, '連絡体制図.pdf', PDF);
    expectStatus(res, 201);
    const file = res.json();
    expect(file).toMatchObject({ filename: '連絡体制図.pdf', content_type: 'application/pdf', size_bytes: PDF.length });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = await t.db.selectFrom('attachments').selectAll().where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.content).includes(Buffer.from('%PDF'))).toBe(false);

    const count = await attachmentCount();
    expectError(await uploadFile(t.app, aEditor, url, 'report.pdf', Buffer.from('MZ\x90\x00 this is not a pdf')), 400, 'validation_failed', ['file']);
    expectError(await uploadFile(t.app, aEditor, url, 'tool.exe', Buffer.from('MZ\x90\x00')), 400, 'validation_failed', ['file']);
    expectError(await uploadFile(t.app, aEditor, url, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)])), 413, 'payload_too_large', ['file']);
    expectError(await uploadFile(t.app, aViewer, url, 'viewer.pdf', PDF), 403, 'forbidden');
    expectError(await uploadFile(t.app, aTax, url, 'tax.pdf', PDF), 403, 'forbidden', ['department']);
    expectError(await uploadFile(t.app, bEditor, url, 'b.pdf', PDF), 404, 'not_found');
    expect(await attachmentCount()).toBe(count);

    const item = await itemOf('1-1');
    expect(item.evidence.map((e) => e.filename)).toEqual(['連絡体制図.pdf']);
    const download = await api(t.app, aViewer).get(`/api/assessments/evidence/${file.id}`);
    expectStatus(download, 200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expectError(await api(t.app, bEditor).get(`/api/assessments/evidence/${file.id}`), 404, 'not_found');
    expectError(await api(t.app, member).get(`/api/assessments/evidence/${file.id}`), 403, 'forbidden');
    expectError(await api(t.app, bEditor).delete(`/api/assessments/evidence/${file.id}`), 404, 'not_found');
    expectError(await api(t.app, aViewer).delete(`/api/assessments/evidence/${file.id}`), 403, 'forbidden');

    const second = (await uploadFile(t.app, aEditor, url, 'メモ.txt', Buffer.from('確認メモ'))).json();
    expectStatus(await api(t.app, aEditor).delete(`/api/assessments/evidence/${second.id}`), 200);
    expectError(await api(t.app, aEditor).get(`/api/assessments/evidence/${second.id}`), 404, 'not_found');
    const deletes = await auditEntries(t, { action: 'assessment_item.evidence_delete' });
    expect(deletes.at(-1)).toMatchObject({ target_type: 'assessment_item', target_id: item.id });
    expect(deletes.at(-1)?.before).toMatchObject({ filename: 'メモ.txt' });
    // A register attachment is not evidence, and the evidence route does not serve it.
    const entryFile = (await uploadFile(t.app, aEditor, `/api/register/entries/${aEntry}/attachments`, '契約書.pdf', PDF)).json();
    expectError(await api(t.app, aEditor).get(`/api/assessments/evidence/${entryFile.id}`), 404, 'not_found');
  });

  it('shows the history of an item, including changes recorded by the vendor portal', async () => {
    const item = await itemOf('1-1');
    // The vendor portal writes its reviews of vendor answers on the same target.
    await recordAuditAlone(t.deps, { userId: aEditorUser.id, organisationId: cityA.id, organisationKind: 'municipality', role: 'editor', label: '情報 太郎', via: 'session', ip: null }, {
      action: 'assessment_item.vendor_review',
      targetType: 'assessment_item',
      targetId: item.id,
      after: { vendor_review: 'accepted' },
    });
    const res = await api(t.app, aViewer).get(`/api/assessments/${assessmentId}/items/1-1/history`);
    expectStatus(res, 200);
    const actions = res.json().items.map((h: { action: string }) => h.action);
    expect(actions).toEqual(['assessment_item.vendor_review', 'assessment_item.evidence_delete', 'assessment_item.evidence_add', 'assessment_item.evidence_add', 'assessment_item.comment', 'assessment_item.update']);
    const update = res.json().items.at(-1);
    expect(update).toMatchObject({ actor_label: expect.stringContaining('情報 太郎'), before: { status: 'unconfirmed' }, after: { status: 'confirmed' } });
    expectError(await api(t.app, bEditor).get(`/api/assessments/${assessmentId}/items/1-1/history`), 404, 'not_found');
  });

  it('keeps another organisation’s assessment out of reach and refuses writes by role and department', async () => {
    expectError(await api(t.app, bEditor).get(`/api/assessments/${assessmentId}`), 404, 'not_found');
    expectError(await api(t.app, bEditor).patch(`/api/assessments/${assessmentId}/items/2-1`, { revision: 1, status: 'confirmed' }), 404, 'not_found');
    expectError(await api(t.app, bEditor).get(`/api/assessments/${assessmentId}/export.xlsx`), 404, 'not_found');
    expectError(await api(t.app, bEditor).post(`/api/assessments/${assessmentId}/migrate`), 404, 'not_found');
    expectError(await api(t.app, member).get(`/api/assessments/${assessmentId}`), 403, 'forbidden');
    expectError(await api(t.app, aViewer).patch(`/api/assessments/${assessmentId}/items/2-1`, { revision: 1, status: 'confirmed' }), 403, 'forbidden');
    const head = await auditHead(t);
    expectError(await api(t.app, aTax).patch(`/api/assessments/${assessmentId}/items/2-1`, { revision: 1, status: 'confirmed' }), 403, 'forbidden', ['department']);
    expect((await auditEntries(t, { afterSeq: head })).map((a) => [a.action, a.outcome])).toEqual([['permission.denied', 'denied']]);
    expect((await itemRow('2-1')).status).toBe('unconfirmed');
    expect((await detail(aTax)).can_edit).toBe(false);
    expect((await detail(aViewer)).can_edit).toBe(false);
    expect((await api(t.app, bEditor).get('/api/assessments')).json().items).toEqual([]);
    const reviewers = (await api(t.app, aViewer).get('/api/assessments/reviewers')).json().items.map((r: { id: string }) => r.id);
    expect(reviewers).toContain(aViewerUser.id);
    expect(reviewers).not.toContain(bEditorUser.id);
  });

  it('lists the organisation’s assessments with progress, overdue items and filters', async () => {
    // B's own assessment never shows up in A's list.
    expectStatus(await api(t.app, bEditor).post(`/api/register/entries/${bEntry}/assessments`, { catalogue_urn: CONFIRMATION }), 201);
    expectStatus(await api(t.app, aEditor).post(`/api/register/entries/${aOther}/assessments`, { catalogue_urn: CONFIRMATION }), 201);
    const rev = (await itemRow('2-1')).revision;
    expectStatus(await patch('2-1', { revision: rev, due_date: '2020-01-31' }), 200);
    const all = (await api(t.app, aViewer).get('/api/assessments')).json();
    expect(all.total).toBe(2);
    expect(all.totals).toMatchObject({ assessments: 2, items: 24, overdue: 1, by_status: { confirmed: 1, in_progress: 1, action_required: 1, unconfirmed: 21 } });
    const mine = all.items.find((r: { id: string }) => r.id === assessmentId);
    expect(mine).toMatchObject({ entry: { id: aEntry }, catalogue: { urn: CONFIRMATION }, progress: { settled: 1, total: 12, overdue: 1, next_due: '2020-01-31' } });
    expect((await itemOf('2-1')).overdue).toBe(true);

    const overdue = (await api(t.app, aViewer).get('/api/assessments?overdue=true')).json();
    expect(overdue.items.map((r: { id: string }) => r.id)).toEqual([assessmentId]);
    const confirmed = (await api(t.app, aViewer).get('/api/assessments?status=confirmed')).json();
    expect(confirmed.items.map((r: { id: string }) => r.id)).toEqual([assessmentId]);
    const searched = (await api(t.app, aViewer).get(`/api/assessments?q=${encodeURIComponent('電子申請')}`)).json();
    expect(searched.items.map((r: { entry: { name: string } }) => r.entry.name)).toEqual(['電子申請システム']);
    const byProgress = (await api(t.app, aViewer).get('/api/assessments?sort=progress&order=desc')).json();
    expect(byProgress.items[0].id).toBe(assessmentId);
    const paged = (await api(t.app, aViewer).get('/api/assessments?page=2&page_size=1')).json();
    expect(paged).toMatchObject({ total: 2, page: 2, page_size: 1 });
    expect(paged.items).toHaveLength(1);
    expectError(await api(t.app, aViewer).get('/api/assessments?status=done'), 400, 'validation_failed', ['status']);
  });

  it('exports every item with its state and evidence hashes to .xlsx', async () => {
    const res = await api(t.app, aViewer).get(`/api/assessments/${assessmentId}/export.xlsx`);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['概要', '確認項目', '証跡']);
    const items = workbook.getWorksheet('確認項目')!;
    const rows = items.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(12);
    const first = rows.find((r) => r[1] === '1-1')!;
    const evidence = (await itemOf('1-1')).evidence[0];
    expect(first.slice(1, 11)).toEqual(['1-1', expect.any(String), expect.any(String), '確認済', '平常時・障害時・事後の連絡先を契約書別紙で確認', '2030/04/30', '閲覧 花子', 'はい', 'ポリシーに規定あり', '']);
    expect(String(first[11])).toContain(`連絡体制図.pdf (sha256:${evidence.sha256})`);
    const overdue = rows.find((r) => r[1] === '2-1')!;
    expect(overdue[6]).toBe('2020/01/31（期限超過）');
    const files = workbook.getWorksheet('証跡')!.getSheetValues().slice(2) as unknown[][];
    expect(files.map((r) => [r[1], r[2], r[5]])).toEqual([['1-1', '連絡体制図.pdf', evidence.sha256]]);
    const summary = workbook.getWorksheet('概要')!.getSheetValues() as unknown[][];
    expect(summary.some((r) => r?.[1] === '進捗' && r[2] === '1 / 12（8%）')).toBe(true);
    expect((await auditEntries(t, { action: 'assessment.export' })).at(-1)).toMatchObject({ target_id: assessmentId, actor_user_id: aViewerUser.id });
  });
});
