// The header search (issue 12): one query over register entries, assessments, vendors, incidents and
// catalogue items, with the register list's Japanese matching (full/half width, case,
// hiragana/katakana), within the caller's scope only; a vendor sees its own services, incidents and
// the requests made to it.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, type TestOrganisation } from '../support/factories.ts';
import { api, signIn, signInFully, type Session } from '../support/http.ts';
import { expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';
import { DEMO_PASSWORD, loadDemoData } from '../../src/server/demo/seed.ts';

type Group = { kind: string; total: number; items: { id: string; title: string; subtitle: string | null; path: string }[] };

describe.each(dialects)('header search on %s', (dialect) => {
  const t = useTestApp(dialect);
  let cityA: TestOrganisation;
  let cityB: TestOrganisation;
  let editorA: Session;
  let editorB: Session;
  let entryA: string;
  let entryB: string;

  const search = async (session: Session, q: string, limit?: number): Promise<Group[]> => {
    const res = await api(t.app, session).get(`/api/search?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}`);
    expectStatus(res, 200);
    return res.json().groups;
  };
  const ids = (groups: Group[], kind: string) => groups.find((g) => g.kind === kind)?.items.map((i) => i.id) ?? [];

  beforeAll(async () => {
    cityA = await buildMunicipality(t);
    cityB = await buildMunicipality(t);
    editorA = await signInFully(t.app, await buildUser(t, { organisation: cityA, role: 'editor' }));
    editorB = await signInFully(t.app, await buildUser(t, { organisation: cityB, role: 'editor' }));
    const categoriesA = await categoryIds(t.app, editorA);
    const categoriesB = await categoryIds(t.app, editorB);
    const vendor = (await api(t.app, editorA).post('/api/register/vendors', { name: 'ラインワークス株式会社', corporate_number: '7000012050002' })).json();
    entryA = (await api(t.app, editorA).post('/api/register/entries', entryBody(categoriesA['基幹系サービス']!, { name: 'ＬＩＮＥ公式アカウント（ラインワークス）', vendor_id: vendor.id }))).json().id;
    entryB = (await api(t.app, editorB).post('/api/register/entries', entryBody(categoriesB['基幹系サービス']!, { name: 'LINE公式アカウント（ラインワークス）' }))).json().id;
    expect(entryA && entryB).toBeTruthy();
  });

  it('finds entries and vendors with the register list’s matching: full/half width, case, hiragana for katakana', async () => {
    for (const q of ['line', 'ｌｉｎｅ', 'LINE', 'らいんわーくす', 'ﾗｲﾝﾜｰｸｽ', 'line らいん']) {
      const groups = await search(editorA, q);
      expect(ids(groups, 'entries'), q).toEqual([entryA]);
    }
    const groups = await search(editorA, 'らいんわーくす');
    expect(groups.find((g) => g.kind === 'vendors')!.items).toEqual([expect.objectContaining({ title: 'ラインワークス株式会社', path: '/vendors' })]);
    expect(groups.find((g) => g.kind === 'entries')!.items[0]).toMatchObject({ path: `/register/${entryA}`, subtitle: expect.stringContaining('ラインワークス株式会社') });
    // The register list answers the same for the same words.
    const list = (await api(t.app, editorA).get(`/api/register/entries?q=${encodeURIComponent('らいんわーくす')}`)).json();
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([entryA]);
    // Nothing matches: no groups.
    expect(await search(editorA, 'どこにもない言葉')).toEqual([]);
  });

  it('never shows another organisation’s entries, and finds catalogue items as public reference', async () => {
    expect(ids(await search(editorB, 'line'), 'entries')).toEqual([entryB]);
    expect(ids(await search(editorB, 'ラインワークス株式会社'), 'vendors')).toEqual([]);
    for (const session of [editorA, editorB]) {
      const catalogue = (await search(session, 'いんしでんと報告')).find((g) => g.kind === 'catalogue_items')!;
      expect(catalogue.total).toBeGreaterThan(0);
      expect(catalogue.items[0]!.path).toMatch(/^\/catalogues\//);
    }
    // The group's total counts everything found; the items stop at the limit.
    const limited = (await search(editorA, '項目', 2)).find((g) => g.kind === 'catalogue_items');
    if (limited) expect(limited.items.length).toBeLessThanOrEqual(2);
  });

  it('rejects an empty or overlong query naming the field, and anonymous callers', async () => {
    expectError(await api(t.app, editorA).get('/api/search?q='), 400, 'validation_failed', ['q']);
    expectError(await api(t.app, editorA).get(`/api/search?q=${'あ'.repeat(201)}`), 400, 'validation_failed', ['q']);
    expectError(await api(t.app, editorA).get('/api/search?q=a&limit=0'), 400, 'validation_failed', ['limit']);
    expect((await t.app.inject({ method: 'GET', url: '/api/search?q=line' })).statusCode).toBe(401);
  });

  it('on the demo data: the city finds its incidents and assessments; a vendor its services, incidents and requests, never a city’s register', async () => {
    await loadDemoData(t.deps);
    const city = await signIn(t.app, 'editor@city.demo.daicho.example', DEMO_PASSWORD);
    const assessment = (await api(t.app, city).get('/api/assessments')).json().items[0] as { id: string; entry: { external_key: string } };
    const cityGroups = await search(city, assessment.entry.external_key.toLowerCase(), 20);
    expect(cityGroups.map((g) => g.kind)).toEqual(expect.arrayContaining(['entries', 'assessments']));
    expect(ids(cityGroups, 'assessments')).toContain(assessment.id);
    for (const g of cityGroups) for (const item of g.items) expect(item.path.startsWith('/')).toBe(true);
    const cityIncidents = (await api(t.app, city).get('/api/incidents')).json().items as { id: string; title: string }[];
    if (cityIncidents.length > 0) {
      const word = cityIncidents[0]!.title.slice(0, 4);
      expect(ids(await search(city, word, 100), 'incidents')).toContain(cityIncidents[0]!.id);
    }

    const member = await signIn(t.app, 'member@vendor-a.demo.daicho.example', DEMO_PASSWORD);
    const vendorGroups = await search(member, '住民記録', 20);
    const kinds = vendorGroups.map((g) => g.kind);
    expect(kinds).toContain('vendor_services');
    expect(kinds).not.toContain('entries');
    expect(kinds).not.toContain('assessments');
    expect(kinds).not.toContain('vendors');
    const requests = (await search(member, 'サンプル', 20)).find((g) => g.kind === 'answer_requests')!;
    expect(requests.items.map((r) => r.title).sort()).toEqual([expect.stringContaining('サンプル市'), expect.stringContaining('サンプル町')]);
  });
});
