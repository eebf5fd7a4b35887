// What happens to assessments over time: a newer catalogue version (item by item, or all at once;
// old versions stay readable), the daily reminder of overdue items, and the confirmed items an
// incident touched going back to in progress when the municipality closes its handling — on both databases.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, type TestOrganisation, type TestUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';
import { notifyOverdueItems } from '../../src/server/services/assessments/reminders.ts';
import { ensureCatalogues } from '../../src/server/services/catalogues/registry.ts';
import { japanToday, addDaysToDate } from '../../src/domain/japan-time.ts';
import { newId } from '../../src/server/security/ids.ts';

const CONFIRMATION = 'urn:daicho:catalogue:confirmation-items';
const CHECKLIST = 'urn:daicho:catalogue:test-checklist';
const name = (ja: string) => ({ ja, en: ja });

function checklist(version: string, items: { key: string; category: string; answer: Record<string, unknown> }[]) {
  const categories = [...new Set(items.map((i) => i.category))].map((key) => ({ key, name: name(`区分 ${key}`), items: items.filter((i) => i.category === key).map((i) => ({ key: i.key, name: name(`項目 ${i.key}`), answer: i.answer })) }));
  return { catalogue: CHECKLIST, version, kind: 'questionnaire', name: name('テスト用チェックリスト'), assessable: true, categories };
}

interface Item {
  key: string;
  status: string;
  answer: unknown;
  revision: number;
  archived: boolean;
  catalogue_version: { version: string; is_current: boolean };
}

describe.each(dialects)('assessments over time on %s', (dialect) => {
  const t = useTestApp(dialect, { config: { sessionIdleMinutes: 6000 } });
  let city: TestOrganisation;
  let other: TestOrganisation;
  let editor: Session;
  let editorUser: TestUser;
  let otherEditor: Session;
  let otherEditorUser: TestUser;
  let entryId: string;
  let otherEntryId: string;

  const items = async (id: string): Promise<Item[]> => (await api(t.app, editor).get(`/api/assessments/${id}`)).json().categories.flatMap((c: { items: Item[] }) => c.items);
  const insertVersion = async (scope: string, version: string, content: object, current: boolean) => {
    await t.db.updateTable('catalogue_versions').set({ is_current: 0 }).where('scope', '=', scope).where('catalogue_urn', '=', CHECKLIST).where('is_current', '=', 1).execute();
    await t.db
      .insertInto('catalogue_versions')
      .values({ id: newId(), scope, catalogue_urn: CHECKLIST, version, kind: 'questionnaire', name_ja: 'テスト用チェックリスト', name_en: 'Test checklist', sha256: version.padEnd(64, '0'), source: 'import', source_name: 'test.yaml', content: JSON.stringify(content), is_current: current ? 1 : 0, created_by: null, created_at: t.clock.now().toISOString() })
      .execute();
  };

  beforeAll(async () => {
    city = await buildMunicipality(t, { name: 'エー市' });
    other = await buildMunicipality(t, { name: 'ビー町' });
    editorUser = await buildUser(t, { organisation: city, role: 'editor' });
    editor = await signInFully(t.app, editorUser);
    otherEditorUser = await buildUser(t, { organisation: other, role: 'editor' });
    otherEditor = await signInFully(t.app, otherEditorUser);
    const categories = await categoryIds(t.app, editor);
    entryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス']))).json().id;
    otherEntryId = (await api(t.app, otherEditor).post('/api/register/entries', entryBody((await categoryIds(t.app, otherEditor))['基幹系サービス']))).json().id;
    await ensureCatalogues(t.deps);
  });

  describe('a newer catalogue version', () => {
    let id: string;
    beforeAll(async () => {
      await insertVersion(city.id, '1', checklist('1', [
        { key: 'a', category: 'c1', answer: { type: 'status' } },
        { key: 'b', category: 'c1', answer: { type: 'number', min: 0 } },
        { key: 'c', category: 'c2', answer: { type: 'date' } },
        { key: 'd', category: 'c2', answer: { type: 'text' } },
      ]), true);
      const res = await api(t.app, editor).post(`/api/register/entries/${entryId}/assessments`, { catalogue_urn: CHECKLIST });
      expectStatus(res, 201);
      id = res.json().id;
      for (const [key, body] of [['a', { status: 'confirmed', answer: 'yes' }], ['b', { status: 'confirmed', answer: 7 }], ['c', { status: 'in_progress', answer: '2026-01-05' }], ['d', { answer: '手順書あり' }]] as const) {
        expectStatus(await api(t.app, editor).patch(`/api/assessments/${id}/items/${key}`, { revision: 1, ...body }), 200);
      }
      // Version 2: b becomes a text item, c is dropped, e is new.
      await insertVersion(city.id, '2', checklist('2', [
        { key: 'a', category: 'c1', answer: { type: 'status' } },
        { key: 'b', category: 'c1', answer: { type: 'text' } },
        { key: 'd', category: 'c2', answer: { type: 'text' } },
        { key: 'e', category: 'c3', answer: { type: 'status' } },
      ]), true);
    });

    it('offers the newer version without rewriting the assessment', async () => {
      const d = (await api(t.app, editor).get(`/api/assessments/${id}`)).json();
      expect(d.catalogue).toMatchObject({ version: '1', is_current: false, newer_version: { version: '2' } });
      expect(d.categories.flatMap((c: { items: Item[] }) => c.items).map((i: Item) => [i.key, i.catalogue_version.version])).toEqual([['a', '1'], ['b', '1'], ['c', '1'], ['d', '1']]);
      // Answers keep validating against the item's own version until it moves.
      expectStatus(await api(t.app, editor).patch(`/api/assessments/${id}/items/b`, { revision: 2, answer: 8 }), 200);
    });

    it('moves one item, keeping its state, and archives one the new version dropped', async () => {
      const res = await api(t.app, editor).post(`/api/assessments/${id}/items/a/migrate`);
      expectStatus(res, 200);
      expect(res.json()).toMatchObject({ migrated: 1, archived: 0, added: 0 });
      const a = (await items(id)).find((i) => i.key === 'a')!;
      expect(a).toMatchObject({ status: 'confirmed', answer: 'yes', archived: false, catalogue_version: { version: '2', is_current: true } });
      expectError(await api(t.app, editor).post(`/api/assessments/${id}/items/a/migrate`), 409, 'conflict', ['catalogue_version']);

      expectStatus(await api(t.app, editor).post(`/api/assessments/${id}/items/c/migrate`), 200);
      const c = (await items(id)).find((i) => i.key === 'c')!;
      expect(c).toMatchObject({ archived: true, status: 'in_progress', answer: '2026-01-05', catalogue_version: { version: '1' } });
      expectError(await api(t.app, editor).patch(`/api/assessments/${id}/items/c`, { revision: c.revision, status: 'confirmed' }), 409, 'conflict', ['archived']);
      const progress = (await api(t.app, editor).get(`/api/assessments/${id}`)).json().progress;
      expect(progress.total).toBe(3);
      expect((await auditEntries(t, { action: 'assessment_item.archive' })).at(-1)?.after).toMatchObject({ item_key: 'c', archived: true, to_version: '2' });
    });

    it('moves the rest at once, clears an answer the new type cannot hold, and adds the new items', async () => {
      const res = await api(t.app, editor).post(`/api/assessments/${id}/migrate`);
      expectStatus(res, 200);
      const body = res.json();
      expect(body).toMatchObject({ migrated: 2, archived: 0, added: 1 });
      expect(body.assessment.catalogue).toMatchObject({ version: '2', is_current: true, newer_version: null });
      const all = await items(id);
      expect(all.map((i) => [i.key, i.status, i.answer, i.archived, i.catalogue_version.version])).toEqual([
        ['a', 'confirmed', 'yes', false, '2'],
        ['b', 'confirmed', null, false, '2'],
        ['d', 'unconfirmed', '手順書あり', false, '2'],
        // The archived item stays in its category, readable on its old version.
        ['c', 'in_progress', '2026-01-05', true, '1'],
        ['e', 'unconfirmed', null, false, '2'],
      ]);
      const migrate = (await auditEntries(t, { action: 'assessment_item.migrate' })).find((a) => a.after.item_key === 'b');
      expect(migrate?.after).toMatchObject({ answer_cleared: true, answer: null });
      expect(migrate?.before).toMatchObject({ answer: 8 });
      expectError(await api(t.app, editor).post(`/api/assessments/${id}/migrate`), 409, 'conflict', ['catalogue_version']);
      // The old version is still stored and readable.
      const old = await t.db.selectFrom('catalogue_versions').select(['version', 'is_current']).where('scope', '=', city.id).where('catalogue_urn', '=', CHECKLIST).orderBy('version').execute();
      expect(old.map((v) => [v.version, Number(v.is_current)])).toEqual([['1', 0], ['2', 1]]);
    });

    it('keeps another organisation’s questionnaire to itself', async () => {
      expectError(await api(t.app, otherEditor).post(`/api/register/entries/${otherEntryId}/assessments`, { catalogue_urn: CHECKLIST }), 400, 'validation_failed', ['catalogue_urn']);
      expectError(await api(t.app, otherEditor).post(`/api/assessments/${id}/items/a/migrate`), 404, 'not_found');
    });
  });

  describe('overdue items', () => {
    let id: string;
    beforeAll(async () => {
      id = (await api(t.app, otherEditor).post(`/api/register/entries/${otherEntryId}/assessments`, { catalogue_urn: CONFIRMATION })).json().id;
    });
    const overdueNotifications = async () =>
      t.db.selectFrom('notifications').select(['organisation_id', 'title', 'link']).where('kind', '=', 'assessment_item_overdue').execute();

    it('announces each item past its due date once per due date, and never a settled one', async () => {
      const today = japanToday(t.clock.now());
      const patch = (key: string, body: object) => api(t.app, otherEditor).patch(`/api/assessments/${id}/items/${key}`, { revision: 1, ...body });
      expectStatus(await patch('1-1', { due_date: addDaysToDate(today, -1) }), 200);
      expectStatus(await patch('2-1', { due_date: addDaysToDate(today, -3), status: 'confirmed' }), 200);
      expectStatus(await patch('3-1', { due_date: today }), 200);
      expect(await notifyOverdueItems(t.deps)).toBe(1);
      const sent = await overdueNotifications();
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ organisation_id: other.id, link: `/assessments/${id}` });
      expect(sent[0].title).toContain('1-1');
      expect(await notifyOverdueItems(t.deps)).toBe(0);
      expect(await overdueNotifications()).toHaveLength(1);

      // The next day 3-1 falls due too; 1-1 is not announced again.
      t.clock.advanceDays(1);
      otherEditor = await signInFully(t.app, otherEditorUser);
      editor = await signInFully(t.app, editorUser);
      expect(await notifyOverdueItems(t.deps)).toBe(1);
      // A new due date that passes is announced again.
      expectStatus(await api(t.app, otherEditor).patch(`/api/assessments/${id}/items/1-1`, { revision: 2, due_date: addDaysToDate(japanToday(t.clock.now()), -1) }), 200);
      expect(await notifyOverdueItems(t.deps)).toBe(1);
      // Grouped: the unread notice takes each new announcement and lists every overdue item.
      const grouped = await t.db.selectFrom('notifications').select(['title', 'body', 'event_count', 'link']).where('kind', '=', 'assessment_item_overdue').execute();
      expect(grouped).toHaveLength(sent.length);
      for (const notice of grouped) {
        expect(notice).toMatchObject({ title: '確認期限を過ぎた項目が2件あります', event_count: 3, link: '/assessments' });
        expect(notice.body).toContain('1-1');
        expect(notice.body).toContain('3-1');
      }
      expect((await auditEntries(t, { action: 'assessment_item.overdue_notified' })).length).toBe(3);
    });
  });

  describe('an incident the municipality closes', () => {
    let id: string;
    let incidentId: string;
    beforeAll(async () => {
      id = (await api(t.app, editor).post(`/api/register/entries/${entryId}/assessments`, { catalogue_urn: CONFIRMATION })).json().id;
      for (const key of ['1-1', '2-1', '3-1', '7-1', '9-1']) expectStatus(await api(t.app, editor).patch(`/api/assessments/${id}/items/${key}`, { revision: 1, status: 'confirmed' }), 200);
      expectStatus(await api(t.app, editor).patch(`/api/assessments/${id}/items/8-1`, { revision: 1, status: 'not_applicable' }), 200);
      const at = t.clock.now().getTime();
      const res = await api(t.app, editor).post('/api/incidents', { entry_id: entryId, title: '住民記録システムの停止', type: 'outage', severity: 'high', occurred_at: new Date(at - 3_600_000).toISOString() });
      expectStatus(res, 201);
      incidentId = res.json().id;
      expectStatus(await api(t.app, editor).post(`/api/incidents/${incidentId}/actions`, { title: '待機系の切替手順を見直す', owner: '情報政策課', due_on: addDaysToDate(japanToday(t.clock.now()), 30) }), 201);
    });

    it('sends the confirmed items the incident touched back to in progress, with a comment, an audit entry and a notification', async () => {
      const before = await items(id);
      expectStatus(await api(t.app, editor).post(`/api/incidents/${incidentId}/close`), 200);
      const after = await items(id);
      const status = (list: Item[]) => Object.fromEntries(list.map((i) => [i.key, i.status]));
      expect(status(after)).toEqual({ ...status(before), '1-1': 'in_progress', '2-1': 'in_progress', '7-1': 'in_progress' });
      expect(status(after)['3-1']).toBe('confirmed'); // not touched by an outage
      expect(status(after)['8-1']).toBe('not_applicable'); // only confirmed items reopen
      const comments = (await api(t.app, editor).get(`/api/assessments/${id}/items/2-1/comments`)).json().items;
      expect(comments).toHaveLength(1);
      expect(comments[0]).toMatchObject({ system: true, author_label: 'システム' });
      expect(comments[0].body).toContain('住民記録システムの停止');
      const reopened = await auditEntries(t, { action: 'assessment_item.reopen' });
      expect(reopened.map((a) => a.after.item_key).sort()).toEqual(['1-1', '2-1', '7-1']);
      expect(reopened[0]).toMatchObject({ target_type: 'assessment_item', before: { status: 'confirmed' }, after: { status: 'in_progress', incident_id: incidentId } });
      const history = (await api(t.app, editor).get(`/api/assessments/${id}/items/7-1/history`)).json().items;
      expect(history[0].action).toBe('assessment_item.reopen');
      const notes = await t.db.selectFrom('notifications').select(['organisation_id', 'link', 'title']).where('kind', '=', 'assessment_reopened').execute();
      expect(notes.length).toBeGreaterThan(0);
      expect(notes.every((n) => n.organisation_id === city.id && n.link === `/assessments/${id}`)).toBe(true);
    });
  });
});
