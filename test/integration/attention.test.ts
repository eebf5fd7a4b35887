// 要対応: one list merged from every feature, on both databases, with the demo data as the world:
// what each kind of organisation sees, the order, "my items", the vendor's update falling overdue,
// and that another organisation's matters never appear.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/harness.ts';
import { dialects } from '../support/databases.ts';
import { buildMunicipality, buildOperator, buildUser } from '../support/factories.ts';
import { DEMO_PASSWORD, loadDemoData } from '../../src/server/demo/seed.ts';
import { api, signIn, signInFully, type Session } from '../support/http.ts';
import { expectError } from '../support/assertions.ts';
import { URGENCIES, type AttentionItem } from '../../src/shared/schemas/attention.ts';

type List = { items: AttentionItem[]; mine_available: boolean; totals: { all: number; overdue: number } };

const CITY_EDITOR = 'editor@city.demo.daicho.example';

describe.each(dialects)('the attention list on %s', (dialect) => {
  const t = useTestApp(dialect);
  // One demo world for the file; the tests run in order and the last one moves the clock.
  beforeAll(() => loadDemoData(t.deps), 180_000);

  const list = async (session: Session, query = ''): Promise<List> => {
    const res = await api(t.app, session).get(`/api/attention${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const kinds = (l: List) => new Set(l.items.map((i) => i.kind));
  const entryIdsOf = async (organisationName: string) =>
    (await t.db.selectFrom('register_entries as e').innerJoin('organisations as o', 'o.id', 'e.organisation_id').select('e.id').where('o.name', '=', organisationName).execute()).map((r) => r.id);

  /** Sorted: urgency never decreases, and within one urgency the due dates ascend (undated last). */
  function expectSorted(items: AttentionItem[]) {
    const rank = (i: AttentionItem) => URGENCIES.indexOf(i.urgency);
    for (let n = 1; n < items.length; n++) {
      const [a, b] = [items[n - 1]!, items[n]!];
      expect(rank(a), `${a.id} before ${b.id}`).toBeLessThanOrEqual(rank(b));
      if (rank(a) === rank(b)) expect((a.next_update_due_at ?? a.due_date ?? '9999') <= (b.next_update_due_at ?? b.due_date ?? '9999'), `${a.id} before ${b.id}`).toBe(true);
    }
  }

  it('merges every feature for each kind of organisation, most urgent first, and keeps each to its own', async () => {
    const cityEntries = new Set(await entryIdsOf('サンプル市'));

    // The city: the open 高 incident its vendor reported, with its overdue items, reviews, breaches and contacts.
    const city = await list(await signIn(t.app, CITY_EDITOR, DEMO_PASSWORD));
    expect(city.mine_available).toBe(true);
    expect([...kinds(city)].sort()).toEqual(['assessment_items', 'contacts_reverify', 'incident', 'sla_breach', 'sla_review', 'vendor_answers_review']);
    const incident = city.items.find((i) => i.kind === 'incident')!;
    expect(incident).toMatchObject({ severity: 'high', urgency: 'high', update_overdue: false, subject: { type: 'incident', party: 'デモ自治体クラウド株式会社' }, path: `/incidents/${incident.subject.id}` });
    expect(incident.subject.name).toContain('データセンター間回線の障害');
    expect(incident.next_update_due_at).not.toBeNull();
    expect(city.items[0]!.urgency).toBe('overdue');
    expect(city.totals).toEqual({ all: city.items.length, overdue: city.items.filter((i) => i.urgency === 'overdue').length });
    expectSorted(city.items);
    const breach = city.items.find((i) => i.kind === 'sla_breach')!;
    expect(breach.counts.availability).toBeLessThan(breach.counts.target!);
    expect(breach.month).toMatch(/^\d{4}-\d{2}$/);
    const review = city.items.find((i) => i.kind === 'vendor_answers_review' && i.counts.changed)!;
    expect(review.path).toBe(`/assessments/${review.subject.id}`);
    // Every entry named is the city's own.
    for (const item of city.items.filter((i) => i.subject.type === 'entry')) expect(cityEntries.has(item.subject.id)).toBe(true);

    // The town: its overdue answer request to the vendor and the prefecture's survey to answer; nothing of the city's.
    const town = await list(await signIn(t.app, 'editor@town.demo.daicho.example', DEMO_PASSWORD));
    expect(kinds(town)).toEqual(new Set(['assessment_items', 'answer_request_overdue', 'incident', 'survey_answer', 'vendor_answers_review']));
    expect(town.items.find((i) => i.kind === 'answer_request_overdue')).toMatchObject({ urgency: 'overdue', subject: { party: 'デモ自治体クラウド株式会社' } });
    expect(town.items.find((i) => i.kind === 'survey_answer')).toMatchObject({ subject: { party: 'サンプル県' }, counts: { items: 12 } });
    for (const item of town.items) expect(cityEntries.has(item.subject.id)).toBe(false);
    const cityAssessments = new Set(city.items.filter((i) => i.subject.type === 'assessment').map((i) => i.subject.id));
    for (const item of town.items) expect(cityAssessments.has(item.subject.id)).toBe(false);
    expectSorted(town.items);

    // The prefecture: its empty register has nothing; its area has the incident and its survey's progress.
    const prefecture = await list(await signIn(t.app, 'editor@pref.demo.daicho.example', DEMO_PASSWORD));
    expect(prefecture.items.map((i) => i.kind).sort()).toEqual(['area_incident', 'survey_progress']);
    expect(prefecture.items.find((i) => i.kind === 'area_incident')).toMatchObject({ severity: 'high', subject: { id: incident.subject.id }, counts: { bodies: 2 } });
    // The city keeps its impact private: the prefecture does not count it as affected.
    expect(prefecture.items.find((i) => i.kind === 'area_incident')!.counts.affected).toBe(0);
    expect(prefecture.items.find((i) => i.kind === 'survey_progress')).toMatchObject({ counts: { participants: 2, submitted: 1 } });

    // The vendor: the requests per municipality with their progress (the town's overdue first) and its open incident.
    const vendor = await list(await signIn(t.app, 'member@vendor-a.demo.daicho.example', DEMO_PASSWORD));
    expect(vendor.mine_available).toBe(false);
    expect(vendor.items.map((i) => [i.kind, i.subject.party, i.urgency])).toEqual([
      ['vendor_request', 'サンプル町', 'overdue'],
      ['vendor_incident', '自治体クラウド 住民記録・税', 'high'],
      ['vendor_request', 'サンプル市', 'open'],
    ]);
    expect(vendor.items[0]!.counts).toEqual({ pending_items: 1, total_items: 12 });
    expect(vendor.items[0]!.path).toMatch(/^\/vendor\/services\/[^/]+\/answers\?catalogue=urn%3Adaicho%3Acatalogue%3Aconfirmation-items$/);

    // Another vendor, another municipality and the operator: nothing of these.
    expect((await list(await signIn(t.app, 'member@vendor-b.demo.daicho.example', DEMO_PASSWORD))).items).toEqual([]);
    const stranger = await buildMunicipality(t);
    expect(await list(await signInFully(t.app, await buildUser(t, { organisation: stranger, role: 'editor' })))).toEqual({ items: [], mine_available: true, totals: { all: 0, overdue: 0 } });
    const operator = await list(await signInFully(t.app, await buildUser(t, { organisation: await buildOperator(t), role: 'viewer' })));
    expect(operator).toEqual({ items: [], mine_available: false, totals: { all: 0, overdue: 0 } });
  }, 180_000);

  it('keeps my items one filter away: my reviews and requests, and my 所管課 services', async () => {
    const editor = await signIn(t.app, CITY_EDITOR, DEMO_PASSWORD);
    // Without a 所管課, "mine" is only what names the editor: the items the editor reviews.
    const all = await list(editor);
    const reviewerOnly = await list(editor, '?mine=true');
    expect(reviewerOnly.items.length).toBeGreaterThan(0);
    expect(reviewerOnly.items.every((i) => i.kind === 'assessment_items' && i.mine)).toBe(true);
    expect(reviewerOnly.totals.all).toBe(all.items.length);

    // With the 所管課 of the incident's service, its incident, SLA and contacts come in too; other departments' stay out.
    const sc001 = await t.db.selectFrom('register_entries').select(['department']).where('external_key', '=', 'SC-001').executeTakeFirstOrThrow();
    await t.db.updateTable('users').set({ department: sc001.department }).where('email', '=', CITY_EDITOR).execute();
    const mine = await list(await signIn(t.app, CITY_EDITOR, DEMO_PASSWORD), '?mine=true');
    expect(mine.items.some((i) => i.kind === 'incident')).toBe(true);
    expect(mine.items.every((i) => i.mine)).toBe(true);
    expect(mine.items.length).toBeLessThan(all.items.length);
    const others = all.items.filter((i) => !mine.items.some((m) => m.id === i.id));
    expect(others.length).toBeGreaterThan(0);
    expectError(await api(t.app, editor).get('/api/attention?mine=yes'), 400, 'validation_failed', ['mine']);
  }, 180_000);

  it("brings the incident forward once the vendor's next update is overdue", async () => {
    const before = (await list(await signIn(t.app, CITY_EDITOR, DEMO_PASSWORD))).items.find((i) => i.kind === 'incident')!;
    // 高: an update is expected within two hours of the vendor's last one.
    t.clock.advanceHours(2.5);
    const after = (await list(await signIn(t.app, CITY_EDITOR, DEMO_PASSWORD))).items.find((i) => i.kind === 'incident')!;
    expect(after).toMatchObject({ urgency: 'overdue', update_overdue: true, next_update_due_at: before.next_update_due_at });
    expect(Date.parse(after.next_update_due_at!)).toBeLessThan(t.clock.now().getTime());
  }, 180_000);
});
