// The demo's certificates (src/server/demo/certificate-seed.ts, loaded by the demo loader) read as the story says.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/harness.ts';
import { dialects } from '../support/databases.ts';
import { DEMO_PASSWORD, loadDemoData } from '../../src/server/demo/seed.ts';
import { api, signIn } from '../support/http.ts';

describe.each(dialects)('certificates in the demo on %s', (dialect) => {
  const t = useTestApp(dialect);

  it('gives the vendor one registration expiring soon and one 27001:2013 certificate no longer valid; the city sees them on its linked entries', async () => {
    await loadDemoData(t.deps);
    const member = await signIn(t.app, 'member@vendor-a.demo.daicho.example', DEMO_PASSWORD);
    const mine = (await api(t.app, member).get('/api/certificates')).json().items as { scheme: string; edition: string | null; validity: { state: string } }[];
    expect(mine).toHaveLength(5);
    expect(mine.find((c) => c.scheme === 'ismap')!.validity.state).toBe('expiring');
    expect(mine.find((c) => c.scheme === 'iso27001' && c.edition === '2013')!.validity.state).toBe('expired');
    expect(mine.find((c) => c.scheme === 'iso27001' && c.edition === '2022')!.validity.state).toBe('valid');
    const editor = await signIn(t.app, 'editor@city.demo.daicho.example', DEMO_PASSWORD);
    const coverage = (await api(t.app, editor).get('/api/certificates/coverage')).json();
    expect(coverage.schemes.find((s: { scheme: string }) => s.scheme === 'ismap').entries).toBeGreaterThan(0);
    expect((await api(t.app, editor).get('/api/certificates')).json().items).toHaveLength(1);
  });
});
