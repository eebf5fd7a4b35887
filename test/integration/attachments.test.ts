// Attachments of register entries: type checked by content, stored encrypted per organisation,
// downloaded intact, and invisible to other organisations.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody, uploadFile } from '../support/register.ts';

const PDF = Buffer.from('%PDF-1.4\n% 契約書（SLA別紙）: 稼働率99.5%\n%%EOF\n', 'utf8');

describe.each(dialects)('attachments on %s', (dialect) => {
  const t = useTestApp(dialect);
  let editor: Session;
  let viewer: Session;
  let outsider: Session;
  let entryId: string;

  beforeAll(async () => {
    const city = await buildMunicipality(t);
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    viewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    outsider = await signInFully(t.app, await buildUser(t, { organisation: await buildMunicipality(t), role: 'org_admin' }));
    const categories = await categoryIds(t.app, editor);
    entryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス']))).json().id;
  });

  it('stores a file encrypted and returns it intact', async () => {
    const res = await uploadFile(t.app, editor, `/api/register/entries/${entryId}/attachments`, '契約書_SLA別紙.pdf', PDF);
    expectStatus(res, 201);
    const attachment = res.json();
    expect(attachment).toMatchObject({ filename: '契約書_SLA別紙.pdf', content_type: 'application/pdf', size_bytes: PDF.length });
    const stored = await t.db.selectFrom('attachments').select('content').where('id', '=', attachment.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.content).includes(Buffer.from('%PDF'))).toBe(false);
    const download = await api(t.app, viewer).get(`/api/register/attachments/${attachment.id}`);
    expectStatus(download, 200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-disposition']).toContain(encodeURIComponent('契約書_SLA別紙.pdf'));
    expect((await api(t.app, viewer).get(`/api/register/entries/${entryId}/attachments`)).json().items).toHaveLength(1);
    expect(await auditEntries(t, { action: 'attachment.create', targetId: entryId })).toHaveLength(1);
  });

  it('refuses renamed, unknown, empty and oversized files', async () => {
    const url = `/api/register/entries/${entryId}/attachments`;
    expectError(await uploadFile(t.app, editor, url, 'report.pdf', Buffer.from('MZ\x90\x00 executable')), 400, 'validation_failed', ['file']);
    expectError(await uploadFile(t.app, editor, url, 'page.html', Buffer.from('<html></html>')), 400, 'validation_failed', ['file']);
    expectError(await uploadFile(t.app, editor, url, 'memo.txt', Buffer.from('<!DOCTYPE html><script>alert(1)</script>')), 400, 'validation_failed', ['file']);
    expectError(await uploadFile(t.app, editor, url, 'empty.pdf', Buffer.alloc(0)), 400, 'validation_failed', ['file']);
    expectError(await uploadFile(t.app, editor, url, 'big.pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(11 * 1024 * 1024)])), 413, 'payload_too_large');
  });

  it('gives the reason a file type is refused in English too (reason_en has no Japanese)', async () => {
    const url = `/api/register/entries/${entryId}/attachments`;
    const renamed = expectError(await uploadFile(t.app, editor, url, 'report.pdf', Buffer.from('MZ\x90\x00 executable')), 400, 'validation_failed', ['file']);
    const unknown = expectError(await uploadFile(t.app, editor, url, 'page.html', Buffer.from('<html></html>')), 400, 'validation_failed', ['file']);
    expect(renamed.error.details[0].reason).toBe('ファイルの中身が拡張子と一致しません');
    expect(renamed.error.details[0].reason_en).toBe('The content of the file does not match its extension');
    expect(unknown.error.details[0].reason_en).toMatch(/^Accepted files are pdf \/ png/);
    for (const body of [renamed, unknown]) expect(body.error.details[0].reason_en).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('lets readers download but not upload or delete; other organisations see nothing', async () => {
    const id = (await api(t.app, editor).get(`/api/register/entries/${entryId}/attachments`)).json().items[0].id;
    expectError(await uploadFile(t.app, viewer, `/api/register/entries/${entryId}/attachments`, 'x.pdf', PDF), 403, 'forbidden');
    expectError(await api(t.app, viewer).delete(`/api/register/attachments/${id}`), 403, 'forbidden');
    expectError(await api(t.app, outsider).get(`/api/register/attachments/${id}`), 404, 'not_found');
    expectError(await api(t.app, outsider).delete(`/api/register/attachments/${id}`), 404, 'not_found');
    expectError(await uploadFile(t.app, outsider, `/api/register/entries/${entryId}/attachments`, 'x.pdf', PDF), 404, 'not_found');
    expectStatus(await api(t.app, editor).delete(`/api/register/attachments/${id}`), 200);
    expectError(await api(t.app, viewer).get(`/api/register/attachments/${id}`), 404, 'not_found');
  });
});
