// What the slow municipal links get: the web app's files pre-compressed at build time (brotli, gzip)
// with the right headers and cache lifetimes, and larger API answers compressed per request.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser } from '../support/factories.ts';
import { api, signIn } from '../support/http.ts';
import { chooseEncoding } from '../../src/server/plugins/compress.ts';

// A stand-in for dist/web as `npm run build:web` leaves it: each text file with its .br and .gz.
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-web-'));
const INDEX = '<!doctype html><html lang="ja"><head><title>Daicho</title></head><body><div id="root"></div></body></html>';
const SCRIPT = `export const words = ${JSON.stringify('台帳 '.repeat(2000))};`;
function writeWithCopies(relative: string, text: string) {
  const file = path.join(webDir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
}
writeWithCopies('index.html', INDEX);
writeWithCopies('assets/index-AbC123.js', SCRIPT);

describe('compression', () => {
  const t = useTestApp('sqlite', { config: { webDir } });
  afterAll(() => fs.rmSync(webDir, { recursive: true, force: true }));

  it('sends a hashed asset as brotli, else gzip, else plain, cached for good and varying on Accept-Encoding', async () => {
    const br = await t.app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);

    const gz = await t.app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await t.app.inject({ url: '/assets/index-AbC123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(SCRIPT);
  });

  it('sends the page itself, at / and at any client-side route, compressed and never cached', async () => {
    for (const url of ['/', '/login', '/register/123']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toBe(INDEX);
    }
    const plain = await t.app.inject({ url: '/login' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(INDEX);
    // A missing asset is a 404, not the page.
    expect((await t.app.inject({ url: '/assets/gone-123.js', headers: { 'accept-encoding': 'br' } })).statusCode).toBe(404);
  });

  it('compresses API answers of 1 KB and more, not smaller ones, and says it varies', async () => {
    const city = await buildMunicipality(t);
    const user = await buildUser(t, { organisation: city, role: 'editor' });
    const session = await signIn(t.app, user.email, user.password);
    const small = await t.app.inject({ url: '/api/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toMatch(/accept-encoding/i);

    const plain = await api(t.app, session).get('/api/register/options');
    expect(plain.statusCode).toBe(200);
    expect(plain.body.length).toBeGreaterThan(1024);
    const res = await t.app.inject({ url: '/api/register/options', headers: { cookie: `daicho_session=${session.cookie}`, 'accept-encoding': 'gzip, br' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(zlib.brotliDecompressSync(res.rawPayload).toString())).toEqual(plain.json());

    const gz = await t.app.inject({ url: '/api/register/options', headers: { cookie: `daicho_session=${session.cookie}`, 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
  });

  it('reads Accept-Encoding with its weights', () => {
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('gzip;q=0')).toBeNull();
    expect(chooseEncoding('GZIP')).toBe('gzip');
  });
});
