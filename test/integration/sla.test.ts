// SLA terms against the recommended grades, outages, monthly results three ways, credits and
// reviews, on both databases; bad input changes nothing; other organisations see nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, buildVendor } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';
import { insertReportImport, insertVendorReports } from '../../src/server/repositories/sla.ts';
import { newId } from '../../src/server/security/ids.ts';
import { notifyReviewsDue } from '../../src/server/services/sla/reviews.ts';

const OCT = '2026-10';

/** Terms at the recommended grade; tests override what they exercise. */
function termsBody(overrides: Record<string, unknown> = {}) {
  return {
    audience: 'residents',
    calendar_kind: 'always',
    availability_target: 99.5,
    mttr_target_minutes: 180,
    dr_method: '東西2拠点で日次の遠隔バックアップ、切替手順書あり',
    backup_format: 'CSV',
    status_check_method: '稼働状況ページとメール・電話での自動通知',
    customisability: '帳票の簡易変更可、CSV出力',
    concurrent_users: '通常200、申請により一時的に500',
    backup_method: '日次差分・週次フル、暗号化ディスク',
    backup_retention: '7世代、廃棄時は暗号化消去',
    minimum_outage_minutes: 0,
    truncate_unit_minutes: 0,
    start_basis: 'occurred',
    excluded_causes: ['planned_maintenance', 'force_majeure'],
    maintenance_windows: [],
    credit_table: [
      { from: 99.5, to: 100, credit_percent: 0 },
      { from: 99, to: 99.5, credit_percent: 10 },
      { from: 0, to: 99, credit_percent: 30 },
    ],
    monthly_fee_yen: 1_000_000,
    review_interval_months: 3,
    ...overrides,
  };
}

describe.each(dialects)('SLA on %s', (dialect) => {
  const t = useTestApp(dialect);
  let editor: Session;
  let viewer: Session;
  let deptEditor: Session;
  let outsider: Session;
  let cityId: string;
  let entryId: string;
  let otherEntryId: string;

  beforeAll(async () => {
    const city = await buildMunicipality(t);
    cityId = city.id;
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    viewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    const deptUser = await buildUser(t, { organisation: city, role: 'editor' });
    await t.db.updateTable('users').set({ department: '税務課' }).where('id', '=', deptUser.id).execute();
    deptEditor = await signInFully(t.app, deptUser);
    outsider = await signInFully(t.app, await buildUser(t, { organisation: await buildMunicipality(t), role: 'editor' }));
    const categories = await categoryIds(t.app, editor);
    entryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス']))).json().id;
    otherEntryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['申請系サービス'], { name: '電子申請システム' }))).json().id;
  });

  it('shows an empty SLA until terms are recorded, then flags terms against the recommended grades', async () => {
    const empty = (await api(t.app, viewer).get(`/api/sla/entries/${entryId}`)).json();
    expect(empty).toMatchObject({ terms: null, flags: [], can_edit: false, review: null });
    const res = await api(t.app, editor).put(`/api/sla/entries/${entryId}/terms`, termsBody({ availability_target: 98.5, mttr_target_minutes: null, backup_format: '', credit_table: [], monthly_fee_yen: null, calendar_kind: 'office' }));
    expectStatus(res, 200);
    const reasons = res.json().flags.map((f: { reason: string }) => f.reason);
    expect(reasons).toEqual([
      '住民向けサービスが開庁時間のみの提供（推奨は24時間365日）',
      '稼働率 98.5% は推奨の 99% を下回る',
      '障害時のバックアップデータ形式が定められていない',
      '平均復旧時間（MTTR）が定められていない',
      '未達時の減額（サービスクレジット）の定めがない',
    ]);
    expect(res.json().flags.map((f: { reason_en: string }) => f.reason_en)).toContain('Availability 98.5% is below the recommended 99%');
    const good = await api(t.app, editor).put(`/api/sla/entries/${entryId}/terms`, termsBody());
    expect(good.json().flags).toEqual([]);
    expect(good.json().terms).toMatchObject({ availability_target: 99.5, credit_table: [{ from: 99.5 }, { from: 99 }, { from: 0 }], excluded_causes: ['planned_maintenance', 'force_majeure'] });
    expect(await auditEntries(t, { action: 'sla_terms.create', targetId: entryId })).toHaveLength(1);
    expect(await auditEntries(t, { action: 'sla_terms.update', targetId: entryId })).toHaveLength(1);
  });

  it('refuses bad terms with the field and reason, and keeps the terms as they were', async () => {
    const url = `/api/sla/entries/${entryId}/terms`;
    const before = (await api(t.app, viewer).get(`/api/sla/entries/${entryId}`)).json().terms;
    expectError(await api(t.app, editor).put(url, termsBody({ availability_target: 100.5 })), 400, 'validation_failed', ['availability_target']);
    const gap = expectError(await api(t.app, editor).put(url, termsBody({ credit_table: [{ from: 99.5, to: 100, credit_percent: 0 }, { from: 0, to: 99, credit_percent: 30 }] })), 400, 'validation_failed', ['credit_table.0']);
    expect(gap.error.details[0].reason).toContain('隙間');
    const overlap = expectError(await api(t.app, editor).put(url, termsBody({ credit_table: [{ from: 99, to: 100, credit_percent: 0 }, { from: 0, to: 99.5, credit_percent: 30 }] })), 400, 'validation_failed', ['credit_table.0']);
    expect(overlap.error.details[0].reason).toContain('重なって');
    expectError(await api(t.app, editor).put(url, termsBody({ credit_table: [{ from: 0, to: 100, credit_percent: 120 }] })), 400, 'validation_failed', ['credit_table.0.credit_percent']);
    expectError(await api(t.app, editor).put(url, termsBody({ calendar_kind: 'office', weekdays: [], start_minute: 600, end_minute: 500 })), 400, 'validation_failed', ['weekdays', 'end_minute']);
    expectError(await api(t.app, editor).put(url, termsBody({ maintenance_windows: [{ weekday: 0, start_minute: 300, end_minute: 120 }] })), 400, 'validation_failed', ['maintenance_windows.0.end_minute']);
    expectError(await api(t.app, editor).put(url, termsBody({ review_interval_months: 24 })), 400, 'validation_failed', ['review_interval_months']);
    expect((await api(t.app, viewer).get(`/api/sla/entries/${entryId}`)).json().terms).toEqual(before);
  });

  it('records outages by hand, refusing end before start and times in the future', async () => {
    const url = `/api/sla/entries/${entryId}/outages`;
    const future = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    expectError(await api(t.app, editor).post(url, { occurred_at: '2026-10-05T10:00:00+09:00', recovered_at: '2026-10-05T09:00:00+09:00', cause: 'vendor' }), 400, 'validation_failed', ['recovered_at']);
    expectError(await api(t.app, editor).post(url, { occurred_at: future, recovered_at: future, cause: 'vendor' }), 400, 'validation_failed', ['occurred_at', 'recovered_at']);
    expectError(await api(t.app, editor).post(url, { occurred_at: '2026-10-05 10:00', recovered_at: '2026-10-05T11:00:00+09:00', cause: 'vendor' }), 400, 'validation_failed', ['occurred_at']);
    expectError(await api(t.app, editor).post(url, { occurred_at: '2026-10-05T10:00:00+09:00', recovered_at: '2026-10-05T11:00:00+09:00', cause: 'meteor' }), 400, 'validation_failed', ['cause']);
    expect((await api(t.app, viewer).get(`${url}?from=${OCT}&to=${OCT}`)).json().items).toEqual([]);

    // 380 minutes like the TKC outage; a 2-hour planned maintenance (excluded); and an overlapping duplicate report.
    const tkc = await api(t.app, editor).post(url, { occurred_at: '2026-10-09T08:30:00+09:00', recovered_at: '2026-10-09T14:50:00+09:00', cause: 'vendor', description: '証明書発行が停止' });
    expectStatus(tkc, 201);
    expect(tkc.json()).toMatchObject({ source: 'manual', minutes: 380, occurred_at: '2026-10-08T23:30:00.000Z' });
    expectStatus(await api(t.app, editor).post(url, { occurred_at: '2026-10-09T14:00:00+09:00', recovered_at: '2026-10-09T14:30:00+09:00', cause: 'vendor' }), 201);
    expectStatus(await api(t.app, editor).post(url, { occurred_at: '2026-10-18T01:00:00+09:00', recovered_at: '2026-10-18T03:00:00+09:00', cause: 'planned_maintenance' }), 201);
    expect((await api(t.app, viewer).get(`${url}?from=${OCT}&to=${OCT}`)).json().items).toHaveLength(3);
    expect(await auditEntries(t, { action: 'sla_outage.create', targetId: entryId })).toHaveLength(3);
  });

  it('computes the month three ways, the credit in yen, and highlights a vendor figure that differs', async () => {
    const one = async () => (await api(t.app, viewer).get(`/api/sla/entries/${entryId}/results?from=${OCT}&to=${OCT}`)).json().items[0];
    const before = await one();
    // October has 31 days = 44,640 minutes; 380 counted minutes (the duplicate merges, maintenance is excluded).
    expect(before).toMatchObject({ month: OCT, service_minutes: 44_640, outage_count: 1, outage_minutes: 380, vendor_availability: null, met: false, credit_percent: 10, credit_yen: 100_000, target: 99.5 });
    expect(before.contract_availability).toBeCloseTo(((44_640 - 380) / 44_640) * 100, 3);
    // Our own records count the maintenance too (no exclusions): 500 minutes.
    expect(before.own_availability).toBeCloseTo(((44_640 - 500) / 44_640) * 100, 3);
    expect(before.allowed_outage_minutes).toBeCloseTo(223.2, 5);

    const importId = newId();
    const at = t.clock.now().toISOString();
    await insertReportImport(t.db, { id: importId, organisation_id: cityId, filename: 'report.csv', sha256: 'x'.repeat(64), row_count: 1, created_at: at, created_by_label: 'test' });
    await insertVendorReports(t.db, [{ id: newId(), organisation_id: cityId, entry_id: entryId, year_month: OCT, reported_availability: 99.6, reported_outage_minutes: 120, import_id: importId, created_at: at }]);
    const after = await one();
    expect(after.vendor_availability).toBe(99.6);
    expect(after.differs).toBe(true);
    expect(after.diff_contract_vendor).toBeCloseTo(after.contract_availability - 99.6, 3);

    const month = (await api(t.app, viewer).get(`/api/sla/results?month=${OCT}`)).json();
    expect(month.summary).toMatchObject({ services: 1, met: 0, breached: 1, differs: 1, credit_yen_total: 100_000 });
    expect(month.items[0]).toMatchObject({ entry_id: entryId, entry_name: '住民基本台帳システム', external_key: expect.stringMatching(/^RE-/) });
    expectError(await api(t.app, viewer).get('/api/sla/results?month=2026-13'), 400, 'validation_failed', ['month']);
  });

  it('answers two first saves at the same moment without a server error', async () => {
    const categories = await categoryIds(t.app, editor);
    const id = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['内部情報系サービス'], { name: '同時保存の確認' }))).json().id;
    const statuses = (await Promise.all([1, 2, 3].map(() => api(t.app, editor).put(`/api/sla/entries/${id}/terms`, termsBody())))).map((r) => r.statusCode);
    expect(statuses).toContain(200);
    for (const status of statuses) expect([200, 409]).toContain(status);
    expect(await t.db.selectFrom('sla_terms').select('entry_id').where('entry_id', '=', id).execute()).toHaveLength(1);
  });

  it('gives no result for months outside the contract period', async () => {
    const categories = await categoryIds(t.app, editor);
    const id = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['内部情報系サービス'], { name: '新しいグループウェア', contract_start: '2026-10-01', contract_end: '2027-09-30' }))).json().id;
    expectStatus(await api(t.app, editor).put(`/api/sla/entries/${id}/terms`, termsBody()), 200);
    const months = (await api(t.app, viewer).get(`/api/sla/entries/${id}/results?from=2026-08&to=2026-11`)).json().items.map((r: { month: string }) => r.month);
    expect(months).toEqual(['2026-10', '2026-11']);
    const september = (await api(t.app, viewer).get('/api/sla/results?month=2026-09')).json().items.map((r: { entry_id: string }) => r.entry_id);
    expect(september).not.toContain(id);
  });

  it('keeps reviews, computes when the next one is due and lists reminders', async () => {
    const status = (await api(t.app, viewer).get(`/api/sla/entries/${entryId}/reviews`)).json().status;
    expect(status).toMatchObject({ interval_months: 3, last_reviewed_on: null, state: 'ok' });
    expectError(await api(t.app, editor).post(`/api/sla/entries/${entryId}/reviews`, { reviewed_on: '2026-10-20', findings: '' }), 400, 'validation_failed', ['findings']);
    expectError(await api(t.app, editor).post(`/api/sla/entries/${entryId}/reviews`, { reviewed_on: '2099-01-01', findings: '未来' }), 400, 'validation_failed', ['reviewed_on']);
    expectError(await api(t.app, editor).post(`/api/sla/entries/${otherEntryId}/reviews`, { reviewed_on: '2026-10-20', findings: 'x' }), 409, 'conflict', ['entry_id']);
    const review = await api(t.app, editor).post(`/api/sla/entries/${entryId}/reviews`, { reviewed_on: '2026-08-20', findings: '10月の稼働率が目標未達', decisions: 'MTTRを2時間に短縮するよう協議', term_changes: 'なし' });
    expectStatus(review, 201);
    const next = (await api(t.app, viewer).get(`/api/sla/entries/${entryId}/reviews`)).json();
    expect(next.status).toMatchObject({ last_reviewed_on: '2026-08-20', next_due: '2026-11-20' });
    expect(next.items).toHaveLength(1);
    // The test clock runs from today (after 2026-11-20): the review is overdue.
    expect((await api(t.app, viewer).get('/api/sla/reviews/due')).json().items).toEqual([expect.objectContaining({ entry_id: entryId, state: 'overdue', next_due: '2026-11-20' })]);
    expect(await auditEntries(t, { action: 'sla_review.create', targetId: entryId })).toHaveLength(1);

    // The daily check announces the overdue review once (in-app and by mail), however often it runs.
    expect(await notifyReviewsDue(t.deps)).toBe(1);
    expect(await notifyReviewsDue(t.deps)).toBe(0);
    const inbox = (await api(t.app, editor).get('/api/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'sla_review_due');
    expect(inbox).toEqual([expect.objectContaining({ link: `/register/${entryId}?tab=sla`, title: expect.stringContaining('SLAの見直し期限を過ぎています') })]);
    expect((await api(t.app, outsider).get('/api/notifications')).json().items).toEqual([]);
    expect(await auditEntries(t, { action: 'sla_review.reminder_sent', targetId: entryId })).toHaveLength(1);
  });

  it('lets readers read, not write; a department editor writes only its department; other organisations get 404', async () => {
    expectError(await api(t.app, viewer).put(`/api/sla/entries/${entryId}/terms`, termsBody()), 403, 'forbidden');
    expectError(await api(t.app, viewer).post(`/api/sla/entries/${entryId}/outages`, { occurred_at: '2026-10-05T10:00:00+09:00', recovered_at: '2026-10-05T11:00:00+09:00', cause: 'vendor' }), 403, 'forbidden');
    expectError(await api(t.app, deptEditor).put(`/api/sla/entries/${entryId}/terms`, termsBody()), 403, 'forbidden', ['department']);
    expectStatus(await api(t.app, deptEditor).get(`/api/sla/entries/${entryId}`), 200);
    for (const path of [`/api/sla/entries/${entryId}`, `/api/sla/entries/${entryId}/outages`, `/api/sla/entries/${entryId}/results`, `/api/sla/entries/${entryId}/reviews`]) {
      expectError(await api(t.app, outsider).get(path), 404, 'not_found');
    }
    expectError(await api(t.app, outsider).put(`/api/sla/entries/${entryId}/terms`, termsBody()), 404, 'not_found');
    const outage = (await api(t.app, viewer).get(`/api/sla/entries/${entryId}/outages?from=${OCT}&to=${OCT}`)).json().items[0];
    expectError(await api(t.app, outsider).delete(`/api/sla/outages/${outage.id}`), 404, 'not_found');
    expect((await api(t.app, outsider).get(`/api/sla/results?month=${OCT}`)).json().items).toEqual([]);
    expect((await api(t.app, outsider).get('/api/sla/reviews/due')).json().items).toEqual([]);
  });

  it('lets auditors read but not write, and keeps vendor members out of a municipality’s SLA', async () => {
    const auditor = await signInFully(t.app, await buildUser(t, { organisation: { id: cityId }, role: 'auditor' }));
    expectStatus(await api(t.app, auditor).get(`/api/sla/entries/${entryId}/results`), 200);
    expectError(await api(t.app, auditor).post(`/api/sla/entries/${entryId}/reviews`, { reviewed_on: '2026-10-01', findings: '監査' }), 403, 'forbidden');
    const vendorMember = await signInFully(t.app, await buildUser(t, { organisation: await buildVendor(t), role: 'vendor_member' }));
    for (const path of [`/api/sla/entries/${entryId}`, `/api/sla/results?month=${OCT}`, '/api/sla/reviews/due', '/api/sla/catalogue']) {
      expectError(await api(t.app, vendorMember).get(path), 403, 'forbidden');
    }
    expect(await auditEntries(t, { action: 'permission.denied' })).not.toHaveLength(0);
  });

  it('corrects and removes hand-entered outages, and removes the SLA with its entry', async () => {
    const list = (await api(t.app, viewer).get(`/api/sla/entries/${entryId}/outages?from=${OCT}&to=${OCT}`)).json().items;
    const maintenance = list.find((o: { cause: string }) => o.cause === 'planned_maintenance');
    const fixed = await api(t.app, editor).put(`/api/sla/outages/${maintenance.id}`, { occurred_at: '2026-10-18T01:00:00+09:00', recovered_at: '2026-10-18T02:00:00+09:00', cause: 'planned_maintenance' });
    expect(fixed.json().minutes).toBe(60);
    expectStatus(await api(t.app, editor).delete(`/api/sla/outages/${maintenance.id}`), 200);
    expect(await auditEntries(t, { action: 'sla_outage.delete', targetId: entryId })).toHaveLength(1);
    const admin = await signInFully(t.app, await buildUser(t, { organisation: { id: cityId }, role: 'org_admin' }));
    expectStatus(await api(t.app, admin).delete(`/api/register/entries/${entryId}`), 200);
    for (const table of ['sla_outages', 'sla_terms', 'sla_reviews', 'sla_vendor_reports'] as const) {
      expect(await t.db.selectFrom(table).select('entry_id').where('entry_id', '=', entryId).execute()).toEqual([]);
    }
  });
});
