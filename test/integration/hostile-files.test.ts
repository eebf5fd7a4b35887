// Files made to hurt the server: a 1.6 KB workbook whose one far cell (XFD1048576 or A1048576) used to
// make the reader build a million rows, CSVs of millions of tiny rows (also with CR-only line ends), and
// uploads a little over the limit sent through a real socket (which the multipart parser sometimes cut and
// handed over as if whole). Each is refused with a reason naming the file, nothing is written, and the
// server keeps answering.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { AddressInfo } from 'node:net';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser } from '../support/factories.ts';
import { api, SESSION_COOKIE, signInFully, type Session } from '../support/http.ts';
import { expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody, uploadFile } from '../support/register.ts';

/** A workbook with 管理番号 in A1 and one more cell far away. */
async function farCellWorkbook(address: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台帳');
  sheet.getCell('A1').value = '管理番号';
  sheet.getCell(address).value = 'x';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(dialects)('hostile files on %s', (dialect) => {
  const t = useTestApp(dialect);
  let editor: Session;
  let admin: Session;
  let entryId: string;

  beforeAll(async () => {
    const city = await buildMunicipality(t);
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    admin = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'org_admin' }));
    const categories = await categoryIds(t.app, editor);
    const res = await api(t.app, editor).post('/api/register/entries', entryBody(Object.values(categories)[0]));
    expectStatus(res, 201);
    entryId = res.json().id;
  });

  const entryCount = async () => (await api(t.app, editor).get('/api/register/entries')).json().total as number;
  const healthy = async () => expectStatus(await api(t.app).get('/api/health'), 200);
  const imports = ['/api/register/import/preview', '/api/register/import/commit', '/api/sla/reports/import?mode=dry_run', '/api/sla/reports/import?mode=commit'];

  it('refuses a tiny workbook with a cell at XFD1048576 or A1048576, naming the row, and stays up', async () => {
    for (const address of ['XFD1048576', 'A1048576', 'XFD1']) {
      const file = await farCellWorkbook(address);
      expect(file.length).toBeLessThan(10_000);
      for (const url of imports) {
        const body = expectError(await uploadFile(t.app, editor, url, 'bomb.xlsx', file), 413, 'payload_too_large', ['file']);
        expect(body.error.details[0].reason).toMatch(address === 'XFD1' ? /列が多すぎます/ : /行が多すぎます（1,048,576行目/);
      }
      await healthy();
    }
    expect(await entryCount()).toBe(1);
  });

  it('refuses CSVs of millions of short rows, whatever the line ends, before building them', async () => {
    const lf = Buffer.from('管理番号\n' + 'a\n'.repeat(2_000_000));
    const crOnly = Buffer.from('管理番号\r' + '\r'.repeat(4 * 1024 * 1024 - 10));
    expect(lf.length).toBeLessThan(10 * 1024 * 1024);
    for (const file of [lf, crOnly]) {
      for (const url of imports) {
        const body = expectError(await uploadFile(t.app, editor, url, 'rows.csv', file), 413, 'payload_too_large', ['file']);
        expect(body.error.details[0].reason).toMatch(/行が多すぎます（100,001行目。上限は100,000行です）/);
      }
      await healthy();
    }
    expect(await entryCount()).toBe(1);
  });

  it('refuses a questionnaire workbook with a far cell, naming the file', async () => {
    const file = await farCellWorkbook('A1048576');
    const res = await uploadFile(t.app, admin, '/api/catalogues/import?dry_run=true', 'q.xlsx', file);
    // A dry run of a questionnaire answers 200 with every problem listed, the file's first.
    expectStatus(res, 200);
    expect(res.json().errors[0]).toMatchObject({ column: 'file', reason: expect.stringMatching(/行が多すぎます（1,048,576行目/) });
  });

  it('never keeps a file cut at the upload limit, sent over a real socket', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    expect(address).toContain(String(port));
    const headers = { cookie: `${SESSION_COOKIE}=${editor.cookie}`, 'x-csrf-token': editor.csrf };
    const LIMIT = 10 * 1024 * 1024;
    const header = Buffer.from('管理番号,サービス名\r\n');
    const lines = Buffer.from('X-0000000,サービス\r\n'.repeat(Math.ceil(LIMIT / 20)));
    // From one byte over the limit to 100 KB over: the cut falls at a different place in each try.
    const overages = [1, 7, 100, 1000, 4095, 16_384, 65_536, 100_000];
    const attachmentsBefore = (await api(t.app, editor).get(`/api/register/entries/${entryId}/attachments`)).json().items.length;
    for (const [attempt, over] of overages.entries()) {
      const csv = Buffer.concat([header, lines]).subarray(0, LIMIT + over);
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(LIMIT + over - 9, 0x20)]);
      for (const [path, name, content] of [
        ['/api/register/import/commit', 'big.csv', csv],
        [`/api/register/entries/${entryId}/attachments`, 'big.pdf', pdf],
      ] as const) {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(content)]), name);
        const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers, body: form });
        expect(res.status, `${path}, try ${attempt + 1}: ${over} bytes over`).toBe(413);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
      }
    }
    expect(await entryCount()).toBe(1);
    expect((await api(t.app, editor).get(`/api/register/entries/${entryId}/attachments`)).json().items).toHaveLength(attachmentsBefore);
  });
});
