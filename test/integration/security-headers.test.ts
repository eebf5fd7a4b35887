// Headers every answer carries: nothing from /api (JSON, errors, downloads, exports) is stored by a cache,
// and HSTS is sent only for a request that arrived over HTTPS — directly or through a trusted proxy.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody, uploadFile } from '../support/register.ts';

const PDF = Buffer.from('%PDF-1.4\n% 契約書\n%%EOF\n', 'utf8');

describe.each(dialects)('security headers on %s', (dialect) => {
  const t = useTestApp(dialect);
  let editor: Session;
  let attachmentId: string;
  let behindProxy: FastifyInstance;

  beforeAll(async () => {
    const city = await buildMunicipality(t);
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    const categories = await categoryIds(t.app, editor);
    const entryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス']))).json().id;
    attachmentId = (await uploadFile(t.app, editor, `/api/register/entries/${entryId}/attachments`, '契約書.pdf', PDF)).json().id;
    // The default mode (secure cookies 'auto') behind a reverse proxy the operator trusts.
    behindProxy = await t.buildSibling({ trustProxy: true, secureCookies: 'auto' });
  });

  it('answers every /api request with Cache-Control: no-store, errors and downloads included', async () => {
    const urls = ['/api/health', '/api/auth/me', '/api/organisations', `/api/register/attachments/${attachmentId}`, '/api/register/export.xlsx', '/api/register/export.csv', '/api/register/template.xlsx'];
    for (const url of urls) {
      const res = await api(t.app, editor).get(url);
      expectStatus(res, 200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const errors = [await api(t.app).get('/api/organisations'), await api(t.app, editor).get('/api/no-such-thing'), await api(t.app).post('/api/auth/login', { email: 'x' })];
    for (const res of errors) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.headers['cache-control'], res.body).toBe('no-store');
    }
  });

  it('sends HSTS (a year at least, subdomains included) for HTTPS through a trusted proxy', async () => {
    const res = await behindProxy.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expectStatus(res, 200);
    const hsts = String(res.headers['strict-transport-security']);
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
    expect(hsts).toMatch(/includeSubDomains/);
    expect(res.headers['cache-control']).toBe('no-store');
    const failed = await behindProxy.inject({ method: 'GET', url: '/api/organisations', headers: { 'x-forwarded-proto': 'https' } });
    expect(failed.statusCode).toBe(401);
    expect(failed.headers['strict-transport-security']).toBe(hsts);
  });

  it('sends no HSTS over plain HTTP, nor when an untrusted client claims HTTPS', async () => {
    const plain = await behindProxy.inject({ method: 'GET', url: '/api/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const forwardedHttp = await behindProxy.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'http' } });
    expect(forwardedHttp.headers['strict-transport-security']).toBeUndefined();
    const defaultApp = await t.buildSibling({ secureCookies: 'auto' });
    const spoofed = await defaultApp.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });
});
