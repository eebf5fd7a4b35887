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
  });
});
