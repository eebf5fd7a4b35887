// The demo's vendor answers: loaded through the services after the assessments, readable as the story says.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/harness.ts';
import { dialects } from '../support/databases.ts';
import { DEMO_PASSWORD, loadDemoData } from '../../src/server/demo/seed.ts';
import { api, signIn } from '../support/http.ts';

describe.each(dialects)('vendor answers in the demo on %s', (dialect) => {
  const t = useTestApp(dialect);

  it('shows the vendor its requests and the city its reviewed answers', async () => {
    await loadDemoData(t.deps);
    const member = await signIn(t.app, 'member@vendor-a.demo.daicho.example', DEMO_PASSWORD);
    const requests = (await api(t.app, member).get('/api/vendor-portal/requests')).json().items;
    expect(requests.map((r: { organisation_name: string; status: string; overdue: boolean }) => [r.organisation_name, r.status, r.overdue]).sort()).toEqual([
      ['サンプル市', 'pending', false],
      ['サンプル町', 'pending', true],
    ]);
    const service = (await api(t.app, member).get('/api/vendor-portal/services')).json().items.find((s: { name: string }) => s.name === '自治体クラウド 住民記録・税');
    expect(service.catalogues.find((c: { urn: string }) => c.urn === 'urn:daicho:catalogue:confirmation-items')).toMatchObject({ items_total: 12, answered: 11 });

    const sc001 = await t.db.selectFrom('register_entries').select('id').where('external_key', '=', 'SC-001').executeTakeFirstOrThrow();
    const assessment = await t.db.selectFrom('assessments').select('id').where('register_entry_id', '=', sc001.id).executeTakeFirstOrThrow();
    const editor = await signIn(t.app, 'editor@city.demo.daicho.example', DEMO_PASSWORD);
    const items = (await api(t.app, editor).get(`/api/assessments/${assessment.id}/vendor-answers`)).json().items as { item_key: string; state: string; review: { decision: string; changed_since_review: boolean } | null }[];
    expect(items.filter((i) => i.state === 'visible')).toHaveLength(11);
    expect(items.find((i) => i.item_key === '3-1')!.review).toMatchObject({ decision: 'accepted', changed_since_review: true });
    expect(items.find((i) => i.item_key === '7-1')!.review).toMatchObject({ decision: 'flagged' });
    const invitations = await t.db.selectFrom('vendor_invitations').selectAll().execute();
    expect(invitations).toHaveLength(1);

    // 責任分界 as the demo tells it: 住民基本台帳 adopted the vendor's split (no gaps; the vendor changed one commitment since),
    // 個人住民税 has a half-filled matrix and a third-tier subcontractor awaiting approval.
    const entryId = async (key: string) => (await t.db.selectFrom('register_entries').select('id').where('external_key', '=', key).where('organisation_id', '=', (await t.db.selectFrom('organisations').select('id').where('name', '=', 'サンプル市').executeTakeFirstOrThrow()).id).executeTakeFirstOrThrow()).id;
    const registry = (await api(t.app, editor).get(`/api/register/entries/${await entryId('SC-001')}/responsibilities`)).json();
    expect(registry.gaps).toEqual([]);
    expect(registry.adoption.differences).toHaveLength(1);
    const tax = await entryId('SC-002');
    const parties = (await api(t.app, editor).get(`/api/register/entries/${tax}/parties`)).json().items as { name: string; depth: number; flags: string[] }[];
    expect(parties.filter((p) => p.flags.length).map((p) => [p.name, p.depth, p.flags.sort()])).toEqual([['架空封入封緘株式会社', 3, ['too_deep', 'unapproved']]]);
    expect((await api(t.app, editor).get(`/api/register/entries/${tax}/responsibilities`)).json().gaps.map((g: { kind: string }) => g.kind)).toContain('no_first_triage');
    // What stops if the IaaS fails: the core systems on the shared cloud, through the vendor's services.
    const iaas = await t.db.selectFrom('vendor_services').select('id').where('name', '=', '架空クラウド基盤（ガバメントクラウド）').executeTakeFirstOrThrow();
    const stops = (await api(t.app, editor).get(`/api/what-if?target_type=vendor_service&target_id=${iaas.id}`)).json().items as { entry: { external_key: string } }[];
    expect(stops.map((i) => i.entry.external_key)).toEqual(expect.arrayContaining(['SC-001', 'SC-002', 'SC-003', 'SC-005', 'SC-006', 'SC-007']));
  });
});
