// 連絡体制: contact structures of register entries for three phases, re-verification reminders and
// drills, on both databases; bad input changes nothing; other organisations see nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, buildVendor, type TestUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';
import { notifyOverdueContacts } from '../../src/server/services/contacts.ts';

/** Today in Japan time, written independently of the server's helper. */
function japanDate(at: Date, plusDays = 0): string {
  return new Date(at.getTime() + 9 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** The same day `months` later (clamped to the month's last day). */
function monthsLater(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

type ContactInput = { phase: string; side: string; escalation_order: number; name: string; role_title?: string | null; phone?: string | null; email?: string | null; notes?: string | null };

const VENDOR_DESK: ContactInput = { phase: 'incident', side: 'vendor', escalation_order: 1, name: 'デモ自治体クラウド 24時間サポートデスク', phone: '0120-000-111', email: 'support@cloud.example' };
const VENDOR_MANAGER: ContactInput = { phase: 'incident', side: 'vendor', escalation_order: 2, name: '山田 太郎', role_title: '営業部 自治体担当マネージャー', phone: '090-1234-5678' };
const CITY_POLICY: ContactInput = { phase: 'incident', side: 'municipal', escalation_order: 3, name: '情報政策課 代表', phone: '(03) 1234-5678', email: 'joho@city.example' };
const NORMAL_MANAGER: ContactInput = { phase: 'normal', side: 'vendor', escalation_order: 1, name: '山田 太郎', role_title: '営業担当', email: 'yamada@cloud.example' };
const NORMAL_CITY: ContactInput = { phase: 'normal', side: 'municipal', escalation_order: 2, name: '市民課 システム担当', phone: '+81 3 1234 5679' };
const AFTER_REPORT: ContactInput = { phase: 'after', side: 'vendor', escalation_order: 1, name: '品質保証部', email: 'quality@cloud.example', notes: '原因報告書・再発防止策の提出先' };

function structure(contacts: ContactInput[], overrides: Record<string, unknown> = {}) {
  return { first_report_minutes: 30, reverify_interval_months: 6, notes: '障害時はまず24時間デスクへ電話', contacts, ...overrides };
}

describe.each(dialects)('contact structures on %s', (dialect) => {
  const t = useTestApp(dialect);
  let editorUser: TestUser;
  let viewerUser: TestUser;
  let editor: Session;
  let viewer: Session;
  let deptEditor: Session;
  let outsider: Session;
  let cityId: string;
  let entryId: string;
  let otherEntryId: string;
  let categories: Record<string, string>;

  beforeAll(async () => {
    const city = await buildMunicipality(t);
    cityId = city.id;
    editorUser = await buildUser(t, { organisation: city, role: 'editor' });
    viewerUser = await buildUser(t, { organisation: city, role: 'viewer' });
    editor = await signInFully(t.app, editorUser);
    viewer = await signInFully(t.app, viewerUser);
    const deptUser = await buildUser(t, { organisation: city, role: 'editor' });
    await t.db.updateTable('users').set({ department: '税務課' }).where('id', '=', deptUser.id).execute();
    deptEditor = await signInFully(t.app, deptUser);
    outsider = await signInFully(t.app, await buildUser(t, { organisation: await buildMunicipality(t), role: 'editor' }));
    categories = await categoryIds(t.app, editor);
    entryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス']))).json().id;
    otherEntryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['申請系サービス'], { name: '電子申請システム' }))).json().id;
  });

  const url = () => `/api/register/entries/${entryId}/contacts`;

  it('shows an empty structure, then keeps one per phase in escalation order', async () => {
    const empty = (await api(t.app, viewer).get(url())).json();
    expect(empty).toEqual({ settings: null, contacts: { normal: [], incident: [], after: [] }, drills: [], reverify: null, can_edit: false });
    expect((await api(t.app, editor).get(url())).json().can_edit).toBe(true);

    // Sent out of order on purpose: the answer sorts each phase by its escalation order.
    const res = await api(t.app, editor).put(url(), structure([CITY_POLICY, NORMAL_CITY, VENDOR_DESK, AFTER_REPORT, VENDOR_MANAGER, NORMAL_MANAGER]));
    expectStatus(res, 200);
    const view = res.json();
    expect(view.settings).toMatchObject({ first_report_minutes: 30, reverify_interval_months: 6, last_verified_on: null, notes: '障害時はまず24時間デスクへ電話', updated_by_label: expect.stringContaining(editorUser.email) });
    expect(view.reverify).toEqual({ next_due: null, state: 'never' });
    expect(view.contacts.incident.map((c: { name: string }) => c.name)).toEqual([VENDOR_DESK.name, VENDOR_MANAGER.name, CITY_POLICY.name]);
    expect(view.contacts.normal.map((c: { escalation_order: number }) => c.escalation_order)).toEqual([1, 2]);
    expect(view.contacts.after).toEqual([expect.objectContaining({ side: 'vendor', name: '品質保証部', phone: null, email: 'quality@cloud.example', notes: '原因報告書・再発防止策の提出先' })]);
    expect(view.contacts.incident[1]).toMatchObject({ role_title: '営業部 自治体担当マネージャー', phone: '090-1234-5678', email: null });
    expect((await api(t.app, viewer).get(url())).json()).toEqual({ ...view, can_edit: false });

    const [created] = await auditEntries(t, { action: 'contacts.create', targetId: entryId });
    expect(created.before).toBeNull();
    expect(created.after).toMatchObject({ first_report_minutes: 30, contacts: { incident: [{ name: VENDOR_DESK.name }, { name: VENDOR_MANAGER.name }, { name: CITY_POLICY.name }] } });
  });

  it('replaces the whole structure, keeping the verification date, and audits before and after', async () => {
    const res = await api(t.app, editor).put(url(), structure([VENDOR_DESK, { ...CITY_POLICY, escalation_order: 2 }, { ...NORMAL_MANAGER, phone: '', email: 'yamada@cloud.example' }], { first_report_minutes: null, reverify_interval_months: 3, notes: '' }));
    expectStatus(res, 200);
    const view = res.json();
    expect(view.settings).toMatchObject({ first_report_minutes: null, reverify_interval_months: 3, notes: null });
    expect(view.contacts.incident.map((c: { name: string }) => c.name)).toEqual([VENDOR_DESK.name, CITY_POLICY.name]);
    expect(view.contacts.normal).toEqual([expect.objectContaining({ name: '山田 太郎', phone: null })]);
    expect(view.contacts.after).toEqual([]);
    const rows = await t.db.selectFrom('contacts').select('id').where('entry_id', '=', entryId).execute();
    expect(rows).toHaveLength(3);
    const [updated] = await auditEntries(t, { action: 'contacts.update', targetId: entryId });
    expect(updated.before.contacts.incident).toHaveLength(3);
    expect(updated.before.first_report_minutes).toBe(30);
    expect(updated.after.contacts.incident).toHaveLength(2);
    expect(updated.after.reverify_interval_months).toBe(3);
  });

  it('refuses bad structures naming the field and the reason, and changes nothing', async () => {
    const before = (await api(t.app, viewer).get(url())).json();
    const unreachable = expectError(await api(t.app, editor).put(url(), structure([VENDOR_DESK, { ...VENDOR_MANAGER, phone: null, email: '  ' }])), 400, 'validation_failed', ['contacts.1.phone']);
    expect(unreachable.error.details[0].reason).toContain('電話番号かメールアドレス');
    expect((unreachable.error.details[0] as { reason_en?: string }).reason_en).toBe('Enter a phone number or an e-mail address');
    const duplicate = expectError(await api(t.app, editor).put(url(), structure([VENDOR_DESK, NORMAL_MANAGER, { ...VENDOR_MANAGER, escalation_order: 1 }])), 400, 'validation_failed', ['contacts.2.escalation_order']);
    expect(duplicate.error.details[0].reason).toContain('重複');
    // The same order in another phase is fine; it is only refused within one phase.
    expectError(await api(t.app, editor).put(url(), structure([{ ...VENDOR_DESK, email: 'support@@cloud' }])), 400, 'validation_failed', ['contacts.0.email']);
    const phone = expectError(await api(t.app, editor).put(url(), structure([{ ...VENDOR_DESK, phone: '03-1234-ABCD' }])), 400, 'validation_failed', ['contacts.0.phone']);
    expect(phone.error.details[0].reason).toContain('数字');
    expectError(await api(t.app, editor).put(url(), structure([{ ...VENDOR_DESK, phase: 'sometimes' }])), 400, 'validation_failed', ['contacts.0.phase']);
    expectError(await api(t.app, editor).put(url(), structure([{ ...VENDOR_DESK, escalation_order: 0 }])), 400, 'validation_failed', ['contacts.0.escalation_order']);
    expectError(await api(t.app, editor).put(url(), structure([{ ...VENDOR_DESK, name: ' ' }])), 400, 'validation_failed', ['contacts.0.name']);
    expectError(await api(t.app, editor).put(url(), structure([VENDOR_DESK], { reverify_interval_months: 13 })), 400, 'validation_failed', ['reverify_interval_months']);
    expectError(await api(t.app, editor).put(url(), structure([VENDOR_DESK], { first_report_minutes: 0 })), 400, 'validation_failed', ['first_report_minutes']);
    const many = Array.from({ length: 51 }, (_, i) => ({ ...VENDOR_DESK, escalation_order: (i % 99) + 1 }));
    expectError(await api(t.app, editor).put(url(), structure(many)), 400, 'validation_failed', ['contacts']);
    expect((await api(t.app, viewer).get(url())).json()).toEqual(before);
    expect(await auditEntries(t, { action: 'contacts.update', targetId: entryId })).toHaveLength(1);
  });

  it('keeps one whole structure when two replacements arrive at once', async () => {
    const first = structure([VENDOR_DESK, { ...CITY_POLICY, escalation_order: 2 }, NORMAL_MANAGER], { reverify_interval_months: 3 });
    const second = structure([VENDOR_DESK, { ...CITY_POLICY, escalation_order: 2 }], { reverify_interval_months: 3 });
    const [a, b] = await Promise.all([api(t.app, editor).put(url(), first), api(t.app, editor).put(url(), second)]);
    expectStatus(a, 200);
    expectStatus(b, 200);
    const rows = await t.db.selectFrom('contacts').select('phase').where('entry_id', '=', entryId).execute();
    expect([2, 3]).toContain(rows.length);
    const view = (await api(t.app, viewer).get(url())).json();
    expect(view.contacts.incident.map((c: { escalation_order: number }) => c.escalation_order)).toEqual([1, 2]);
    // Leave the structure as the earlier tests expect it.
    expectStatus(await api(t.app, editor).put(url(), structure([VENDOR_DESK, { ...CITY_POLICY, escalation_order: 2 }, { ...NORMAL_MANAGER, phone: '', email: 'yamada@cloud.example' }], { first_report_minutes: null, reverify_interval_months: 3, notes: '' })), 200);
  });

  it('marks the structure verified today (Japan time) and computes the next check', async () => {
    expectError(await api(t.app, editor).post(`/api/register/entries/${otherEntryId}/contacts/verify`), 409, 'conflict', ['entry_id']);
    const res = await api(t.app, editor).post(`${url()}/verify`);
    expectStatus(res, 200);
    const today = japanDate(t.clock.now());
    expect(res.json().settings.last_verified_on).toBe(today);
    expect(res.json().reverify).toEqual({ next_due: monthsLater(today, 3), state: 'ok' });
    const [verified] = await auditEntries(t, { action: 'contacts.verify', targetId: entryId });
    expect(verified).toMatchObject({ before: { last_verified_on: null }, after: { last_verified_on: today } });
  });

  it('records drills, newest first, and refuses a drill in the future', async () => {
    const drills = `/api/register/entries/${entryId}/drills`;
    const tomorrow = japanDate(t.clock.now(), 1);
    expectError(await api(t.app, editor).post(drills, { held_on: tomorrow, scenario: '未来の訓練' }), 400, 'validation_failed', ['held_on']);
    expectError(await api(t.app, editor).post(drills, { held_on: '2026-02-30', scenario: '日付の誤り' }), 400, 'validation_failed', ['held_on']);
    expectError(await api(t.app, editor).post(drills, { held_on: '2026-01-10', scenario: '' }), 400, 'validation_failed', ['scenario']);
    const first = await api(t.app, editor).post(drills, { held_on: '2025-10-15', scenario: '夜間の全面停止を想定し、24時間デスクへ第一報を依頼', participants: '情報政策課、市民課', findings: '' });
    expectStatus(first, 201);
    expect(first.json()).toMatchObject({ held_on: '2025-10-15', findings: null, participants: '情報政策課、市民課' });
    expectStatus(await api(t.app, editor).post(drills, { held_on: japanDate(t.clock.now()), scenario: '窓口停止時の住民対応', findings: '第一報まで42分。契約の30分を超えた' }), 201);
    const list = (await api(t.app, viewer).get(url())).json().drills;
    expect(list.map((d: { held_on: string }) => d.held_on)).toEqual([japanDate(t.clock.now()), '2025-10-15']);
    expect(await auditEntries(t, { action: 'contact_drill.create', targetId: entryId })).toHaveLength(2);
  });

  it('lets readers read, not write; a department editor writes only its department; other organisations get 404', async () => {
    const body = structure([VENDOR_DESK]);
    const drill = { held_on: '2026-01-10', scenario: '訓練' };
    expectError(await api(t.app, viewer).put(url(), body), 403, 'forbidden');
    expectError(await api(t.app, viewer).post(`${url()}/verify`), 403, 'forbidden');
    expectError(await api(t.app, viewer).post(`/api/register/entries/${entryId}/drills`, drill), 403, 'forbidden');
    expectError(await api(t.app, deptEditor).put(url(), body), 403, 'forbidden', ['department']);
    expectError(await api(t.app, deptEditor).post(`${url()}/verify`), 403, 'forbidden', ['department']);
    expectError(await api(t.app, deptEditor).post(`/api/register/entries/${entryId}/drills`, drill), 403, 'forbidden', ['department']);
    const read = await api(t.app, deptEditor).get(url());
    expectStatus(read, 200);
    expect(read.json().can_edit).toBe(false);
    expect((await auditEntries(t, { action: 'permission.denied', targetId: entryId })).some((e) => e.after?.feature === 'contacts')).toBe(true);

    expectError(await api(t.app, outsider).get(url()), 404, 'not_found');
    expectError(await api(t.app, outsider).put(url(), body), 404, 'not_found');
    expectError(await api(t.app, outsider).post(`${url()}/verify`), 404, 'not_found');
    expectError(await api(t.app, outsider).post(`/api/register/entries/${entryId}/drills`, drill), 404, 'not_found');
    expect((await api(t.app, outsider).get('/api/register/contacts/reverify-due')).json().items).toEqual([]);

    const vendorMember = await signInFully(t.app, await buildUser(t, { organisation: await buildVendor(t), role: 'vendor_member' }));
    expectError(await api(t.app, vendorMember).get(url()), 403, 'forbidden');
    expectError(await api(t.app, vendorMember).get('/api/register/contacts/reverify-due'), 403, 'forbidden');
    // Nothing above changed the structure.
    expect((await api(t.app, viewer).get(url())).json().contacts.incident).toHaveLength(2);
  });

  it('removes the structure, contacts and drills with their register entry', async () => {
    const admin = await signInFully(t.app, await buildUser(t, { organisation: { id: cityId }, role: 'org_admin' }));
    const doomed = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { name: '廃止予定システム' }))).json().id;
    expectStatus(await api(t.app, editor).put(`/api/register/entries/${doomed}/contacts`, structure([VENDOR_DESK, NORMAL_MANAGER])), 200);
    expectStatus(await api(t.app, editor).post(`/api/register/entries/${doomed}/drills`, { held_on: '2026-01-10', scenario: '訓練' }), 201);
    expectStatus(await api(t.app, admin).delete(`/api/register/entries/${doomed}`), 200);
    for (const table of ['contacts', 'contact_drills', 'contact_settings'] as const) {
      expect(await t.db.selectFrom(table).select('entry_id').where('entry_id', '=', doomed).execute()).toEqual([]);
    }
    expectError(await api(t.app, editor).get(`/api/register/entries/${doomed}/contacts`), 404, 'not_found');
  });

  it('lists what to re-verify: due soon, overdue, never verified, and services in use without a structure', async () => {
    const due = async (session: Session) => (await api(t.app, session).get('/api/register/contacts/reverify-due')).json().items as { entry_id: string; state: string; next_due: string | null; last_verified_on: string | null; entry_name: string }[];
    const today = japanDate(t.clock.now());
    // A planned service and an ended one without a structure are not asked for; an ended one with a structure is not reminded.
    const planned = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { name: '導入予定システム', status: 'planned' }))).json().id;
    const neverVerified = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { name: '未確認システム' }))).json().id;
    expectStatus(await api(t.app, editor).put(`/api/register/entries/${neverVerified}/contacts`, structure([VENDOR_DESK])), 200);

    let items = await due(viewer);
    expect(items.find((i) => i.entry_id === entryId)).toBeUndefined(); // verified today
    expect(items.find((i) => i.entry_id === planned)).toBeUndefined();
    expect(items.find((i) => i.entry_id === otherEntryId)).toMatchObject({ state: 'never', next_due: null, last_verified_on: null, entry_name: '電子申請システム', has_structure: false });
    expect(items.find((i) => i.entry_id === neverVerified)).toMatchObject({ state: 'never', next_due: null, has_structure: true });

    // Three months after verification (interval 3): 70 days on it is due within 30 days, 95 days on overdue.
    const nextDue = monthsLater(today, 3);
    t.clock.advanceDays(70);
    editor = await signInFully(t.app, editorUser);
    viewer = await signInFully(t.app, viewerUser);
    items = await due(viewer);
    expect(items.find((i) => i.entry_id === entryId)).toMatchObject({ state: 'due_soon', next_due: nextDue, last_verified_on: today });
    expect((await api(t.app, viewer).get(url())).json().reverify).toEqual({ state: 'due_soon', next_due: nextDue });

    t.clock.advanceDays(25);
    viewer = await signInFully(t.app, viewerUser);
    editor = await signInFully(t.app, editorUser);
    items = await due(viewer);
    expect(items[0]).toMatchObject({ entry_id: entryId, state: 'overdue', next_due: nextDue });
    expect(items.map((i) => i.state)).toEqual(['overdue', 'never', 'never']);

    // Verifying again clears the reminder; a service that ended is no longer reminded.
    expectStatus(await api(t.app, editor).post(`${url()}/verify`), 200);
    expectStatus(await api(t.app, editor).patch(`/api/register/entries/${otherEntryId}`, { status: 'ended' }), 200);
    items = await due(viewer);
    expect(items.map((i) => i.entry_id)).toEqual([neverVerified]);
  });

  it('announces a structure once when it becomes overdue (daily check), to its own organisation only', async () => {
    const notified = async (entry: string) => t.db.selectFrom('notifications').select(['user_id', 'organisation_id', 'title', 'link', 'kind']).where('kind', '=', 'contact_reverify_due').where('link', '=', `/register/${entry}?tab=contacts`).execute();
    expect(await notifyOverdueContacts(t.deps)).toBe(0);
    const verifiedOn = japanDate(t.clock.now());
    // Verified just now with a 3-month interval: overdue a little over three months later.
    t.clock.advanceDays(100);
    expect(await notifyOverdueContacts(t.deps)).toBe(1);
    const rows = await notified(entryId);
    expect(rows.length).toBeGreaterThanOrEqual(3); // editor, viewer, department editor, … of the city
    expect(new Set(rows.map((r) => r.organisation_id))).toEqual(new Set([cityId]));
    expect(rows.map((r) => r.user_id)).toContain(viewerUser.id);
    expect(rows[0].title).toContain('住民基本台帳システム');
    // Again the same day, or the next: nothing new.
    expect(await notifyOverdueContacts(t.deps)).toBe(0);
    t.clock.advanceDays(1);
    expect(await notifyOverdueContacts(t.deps)).toBe(0);
    expect(await notified(entryId)).toHaveLength(rows.length);
    const audits = await auditEntries(t, { action: 'contacts.reverify_notified', targetId: entryId });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ organisation_id: cityId, after: { next_due: monthsLater(verifiedOn, 3) } });
  });
});
