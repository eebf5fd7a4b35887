// Bulk actions on the register list: status, department and starting assessments for several entries at
// once — all or nothing in one transaction, each entry audited as its own edit, a department-scoped
// editor refused for the whole request naming the entries, another organisation's id answered 404 —
// and the export of a selection (ids).
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildPrefecture, buildUser, type TestOrganisation } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';

const URL = '/api/register/entries/bulk';
const CONFIRMATION = 'urn:daicho:catalogue:confirmation-items';

describe.each(dialects)('register bulk actions on %s', (dialect) => {
  const t = useTestApp(dialect);
  let city: TestOrganisation;
  let admin: Session;
  let deptEditor: Session;
  let viewer: Session;
  let otherAdmin: Session;
  let categories: Record<string, string>;
  let otherCategories: Record<string, string>;

  async function newEntry(session: Session, overrides: Record<string, unknown> = {}): Promise<{ id: string; external_key: string; name: string }> {
    const res = await api(t.app, session).post('/api/register/entries', entryBody((session === otherAdmin ? otherCategories : categories)['申請系サービス'], overrides));
    expectStatus(res, 201);
    return res.json();
  }
  const read = async (id: string) => (await api(t.app, admin).get(`/api/register/entries/${id}`)).json();

  beforeAll(async () => {
    const prefecture = await buildPrefecture(t);
    city = await buildMunicipality(t, { prefectureId: prefecture.id });
    const otherCity = await buildMunicipality(t, { prefectureId: prefecture.id });
    admin = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'org_admin' }));
    const deptUser = await buildUser(t, { organisation: city, role: 'editor' });
    await t.db.updateTable('users').set({ department: '税務課' }).where('id', '=', deptUser.id).execute();
    deptEditor = await signInFully(t.app, deptUser);
    viewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    otherAdmin = await signInFully(t.app, await buildUser(t, { organisation: otherCity, role: 'org_admin' }));
    categories = await categoryIds(t.app, admin);
    otherCategories = await categoryIds(t.app, otherAdmin);
  });

  it('changes the status of several entries, auditing each as an edit, and leaves unchanged ones alone', async () => {
    const a = await newEntry(admin, { name: '一括A', status: 'planned' });
    const b = await newEntry(admin, { name: '一括B', status: 'planned' });
    const c = await newEntry(admin, { name: '一括C', status: 'in_use' });
    const res = await api(t.app, admin).post(URL, { action: 'set_status', ids: [a.id, b.id, c.id, a.id], status: 'in_use' });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ action: 'set_status', changed: 2 });
    expect(res.json().entries.map((e: { id: string }) => e.id)).toEqual([a.id, b.id, c.id]);
    for (const entry of [a, b, c]) expect((await read(entry.id)).status).toBe('in_use');
    for (const entry of [a, b]) {
      const audit = await auditEntries(t, { action: 'register_entry.update', targetId: entry.id });
      expect(audit).toHaveLength(1);
      expect(audit[0].before).toMatchObject({ status: 'planned' });
      expect(audit[0].after).toMatchObject({ status: 'in_use', bulk: true });
    }
    expect(await auditEntries(t, { action: 'register_entry.update', targetId: c.id })).toHaveLength(0);
  });

  it('moves entries to another department; the search finds them by it', async () => {
    const a = await newEntry(admin, { name: '移管A', department: '市民課' });
    const b = await newEntry(admin, { name: '移管B', department: '環境課' });
    const res = await api(t.app, admin).post(URL, { action: 'set_department', ids: [a.id, b.id], department: '情報政策課' });
    expectStatus(res, 200);
    expect(res.json().changed).toBe(2);
    expect((await read(a.id)).department).toBe('情報政策課');
    const found = (await api(t.app, admin).get(`/api/register/entries?q=${encodeURIComponent('情報政策課 移管')}`)).json();
    expect(found.items.map((e: { id: string }) => e.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('refuses a department-scoped editor the whole request, naming the entries outside the department', async () => {
    const own = await newEntry(admin, { name: '税の申請', department: '税務課', status: 'planned' });
    const other = await newEntry(admin, { name: '福祉の申請', department: '福祉課', status: 'planned' });
    const res = await api(t.app, deptEditor).post(URL, { action: 'set_status', ids: [own.id, other.id], status: 'ended' });
    const body = expectError(res, 403, 'forbidden', ['ids.1']);
    expect(body.error.details[0].reason).toContain('福祉の申請');
    // Nothing changed, not even the entry the editor may edit; the refusal is audited.
    expect((await read(own.id)).status).toBe('planned');
    expect(await auditEntries(t, { action: 'permission.denied', targetId: other.id })).toHaveLength(1);
    // Moving its own entries out of its department is refused too.
    expectError(await api(t.app, deptEditor).post(URL, { action: 'set_department', ids: [own.id], department: '福祉課' }), 403, 'forbidden', ['ids.0']);
    // Its own entries alone are fine.
    expectStatus(await api(t.app, deptEditor).post(URL, { action: 'set_status', ids: [own.id], status: 'ended' }), 200);
    expect((await read(own.id)).status).toBe('ended');
  });

  it('answers 404 for the whole request when one id is another organisation’s, and refuses readers', async () => {
    const mine = await newEntry(admin, { name: '自団体', status: 'planned' });
    const theirs = await newEntry(otherAdmin, { name: '他団体' });
    expectError(await api(t.app, admin).post(URL, { action: 'set_status', ids: [mine.id, theirs.id], status: 'ended' }), 404, 'not_found');
    expect((await read(mine.id)).status).toBe('planned');
    expect((await api(t.app, otherAdmin).get(`/api/register/entries/${theirs.id}`)).json().status).not.toBe('ended');
    expectError(await api(t.app, viewer).post(URL, { action: 'set_status', ids: [mine.id], status: 'ended' }), 403, 'forbidden');
  });

  it('refuses bad input naming the field', async () => {
    const mine = await newEntry(admin);
    expectError(await api(t.app, admin).post(URL, { action: 'set_status', ids: [], status: 'ended' }), 400, 'validation_failed', ['ids']);
    expectError(await api(t.app, admin).post(URL, { action: 'set_status', ids: [mine.id], status: 'closed' }), 400, 'validation_failed', ['status']);
    expectError(await api(t.app, admin).post(URL, { action: 'set_department', ids: [mine.id], department: ' ' }), 400, 'validation_failed', ['department']);
    expectError(await api(t.app, admin).post(URL, { action: 'set_status', ids: ['nope'], status: 'ended' }), 400, 'validation_failed', ['ids.0']);
  });

  it('starts assessments for several entries, or none when one already has it', async () => {
    const a = await newEntry(admin, { name: '確認A' });
    const b = await newEntry(admin, { name: '確認B' });
    const c = await newEntry(admin, { name: '確認C' });
    expectStatus(await api(t.app, admin).post(`/api/register/entries/${c.id}/assessments`, { catalogue_urn: CONFIRMATION }), 201);
    const refused = await api(t.app, admin).post(URL, { action: 'start_assessment', ids: [a.id, c.id], catalogue_urn: CONFIRMATION });
    const body = expectError(refused, 409, 'conflict', ['ids.1']);
    expect(body.error.details[0].reason).toContain('確認C');
    expect((await api(t.app, admin).get(`/api/register/entries/${a.id}/assessments`)).json().items).toHaveLength(0);

    const res = await api(t.app, admin).post(URL, { action: 'start_assessment', ids: [a.id, b.id], catalogue_urn: CONFIRMATION });
    expectStatus(res, 200);
    expect(res.json().changed).toBe(2);
    for (const entry of [a, b]) {
      const started = (await api(t.app, admin).get(`/api/register/entries/${entry.id}/assessments`)).json().items;
      expect(started).toHaveLength(1);
      expect(await auditEntries(t, { action: 'register_entry.assessment_start', targetId: entry.id })).toHaveLength(1);
    }
    expect(res.json().entries.every((e: { assessment_id: string | null }) => typeof e.assessment_id === 'string')).toBe(true);
  });

  it('exports only the selected entries (ids), still within the organisation', async () => {
    const a = await newEntry(admin, { name: '出力対象A' });
    const b = await newEntry(admin, { name: '出力対象B' });
    const theirs = await newEntry(otherAdmin, { name: '出力対象他団体' });
    const csv = (await api(t.app, admin).get(`/api/register/export.csv?columns=external_key,name&ids=${[a.id, theirs.id].join(',')}`)).body;
    expect(csv).toContain('出力対象A');
    expect(csv).not.toContain('出力対象B');
    expect(csv).not.toContain('出力対象他団体');
    expect(csv.trim().split(/\r?\n/)).toHaveLength(2);
    expectError(await api(t.app, admin).get(`/api/register/export.csv?ids=${b.id},x`), 400, 'validation_failed', ['ids']);
  });
});
