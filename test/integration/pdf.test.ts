// The formal documents as PDFs, read back with poppler's pdftotext and pdffonts: the Japanese title, the
// organisation, the date in 和暦 and 西暦, the key figures, the 決裁欄 and "n / m" page numbers, with Noto
// Sans JP embedded as a subset; the same filters as the list, audited; another organisation's object is 404.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, auditHead, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody, uploadFile } from '../support/register.ts';

const OCT = '2026-10';
const CONFIRMATION = 'urn:daicho:catalogue:confirmation-items';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-pdf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The PDF's text as pdftotext -layout reads it, and the same without any white space (for Japanese phrases). */
function textOf(pdf: Buffer) {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  const layout = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return { layout, compact: layout.replace(/\s+/g, ''), fonts };
}

/** Today in Japan in both calendars, worked out here without Intl: 令和 began in 2019. */
function japanDates(now: Date) {
  const jst = new Date(now.getTime() + 9 * 3_600_000);
  const year = jst.getUTCFullYear() - 2018;
  return { wareki: `令和${year === 1 ? '元' : year}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日`, iso: jst.toISOString().slice(0, 10) };
}

function expectDocument(pdf: Buffer, title: string, now: Date) {
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = textOf(pdf);
  const { wareki, iso } = japanDates(now);
  expect(text.compact).toContain(title.replace(/\s+/g, ''));
  expect(text.compact).toContain('エー市');
  expect(text.compact).toContain(`作成日${wareki}（${iso}）`);
  for (const label of ['起案者', '係長', '課長', '部長・CISO']) expect(text.compact).toContain(label);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' }))![1]);
  for (let page = 1; page <= pages; page++) expect(text.layout).toMatch(new RegExp(`\\b${page}\\s*/\\s*${pages}\\b`));
  expect(text.fonts).toMatch(/[A-Z]{6}\+NotoSansJP-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  expect(text.fonts).toMatch(/[A-Z]{6}\+NotoSansJP-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  return text;
}

describe.each(dialects)('PDF documents on %s', (dialect) => {
  const t = useTestApp(dialect);
  let editor: Session;
  let outsider: Session;
  const ids: Record<string, string> = {};
  let assessmentId: string;
  let incidentId: string;

  beforeAll(async () => {
    const city = await buildMunicipality(t, { name: 'エー市' });
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    outsider = await signInFully(t.app, await buildUser(t, { organisation: await buildMunicipality(t, { name: 'ビー町' }), role: 'editor' }));
    const categories = await categoryIds(t.app, editor);
    for (const [key, name, department] of [['S-001', '住民基本台帳システム', '市民課'], ['S-002', '税務システム', '税務課'], ['S-003', '戸籍システム', '市民課']] as const) {
      const res = await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { external_key: key, name, department }));
      expectStatus(res, 201);
      ids[key] = res.json().id;
    }
    expectStatus(await api(t.app, editor).put(`/api/sla/entries/${ids['S-001']}/terms`, { audience: 'residents', calendar_kind: 'always', availability_target: 99.5, mttr_target_minutes: 180, start_basis: 'occurred', excluded_causes: ['planned_maintenance'], credit_table: [], monthly_fee_yen: null }), 200);
    const report = ['管理番号,対象年月,発生日時,復旧日時,原因区分,内容,報告稼働率(%)', 'S-001,2026-10,2026/10/05 09:30,2026/10/05 11:00,事業者側の障害,データベース障害によりログイン不可,99.9'].join('\r\n');
    expectStatus(await uploadFile(t.app, editor, '/api/sla/reports/import?mode=commit', 'oct.csv', Buffer.from(report)), 200);
    const started = await api(t.app, editor).post(`/api/register/entries/${ids['S-001']}/assessments`, { catalogue_urn: CONFIRMATION });
    expectStatus(started, 201);
    assessmentId = started.json().id;
    const incident = await api(t.app, editor).post('/api/incidents', {
      entry_id: ids['S-001'],
      title: '住民記録システムの全面停止',
      type: 'outage',
      severity: 'high',
      summary: 'データセンターの電源障害により全機能が停止',
      occurred_at: new Date(t.clock.now().getTime() - 3 * 3_600_000).toISOString(),
      records_affected: 1200,
      share_with_vendor: false,
      share_with_prefecture: false,
    });
    expectStatus(incident, 201);
    incidentId = incident.json().id;
  });

  it('prints the register as the list filters it, with the chosen columns, Japan-dated and audited', async () => {
    const head = await auditHead(t);
    const res = await api(t.app, editor).get('/api/register/export.pdf?department=市民課&sort=external_key&order=desc&columns=external_key,name,department,administrative_impact');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { iso } = japanDates(t.clock.now());
    expect(res.headers['content-disposition']).toBe(`attachment; filename="register-${iso}.pdf"; filename*=UTF-8''register-${iso}.pdf`);
    const text = expectDocument(res.rawPayload, '外部サービス台帳', t.clock.now());
    expect(text.layout).toMatch(/管理番号\s+サービス名\s+所管課\s+行政運営影響度/);
    expect(text.compact).toContain('一覧の絞り込み条件に合う2件');
    // Filtered to 市民課 and sorted by 管理番号 descending: S-003 before S-001, no S-002.
    expect(text.compact.indexOf('S-003')).toBeGreaterThan(-1);
    expect(text.compact.indexOf('S-003')).toBeLessThan(text.compact.indexOf('S-001'));
    expect(text.compact).not.toContain('S-002');
    expect(text.compact).not.toContain('事業者');
    const [audit] = await auditEntries(t, { action: 'register.export', afterSeq: head });
    expect(audit.after).toMatchObject({ format: 'pdf', entries: 2, department: '市民課' });

    // Without columns: the main columns; every entry, and another organisation's register is its own.
    const all = textOf((await api(t.app, editor).get('/api/register/export.pdf')).rawPayload);
    expect(all.compact).toContain('全3件');
    expect(all.layout).toMatch(/管理番号\s+サービス名\s+事業者\s+区分\s+所管課\s+状態/);
    const theirs = textOf((await api(t.app, outsider).get('/api/register/export.pdf')).rawPayload);
    expect(theirs.compact).toContain('ビー町');
    expect(theirs.compact).toContain('全0件');
    expect(theirs.compact).not.toContain('住民基本台帳システム');
    expectError(await api(t.app, editor).get('/api/register/export.pdf?columns=external_key,secret'), 400, 'validation_failed', ['columns']);
  });

  it('prints an assessment with its progress and every item', async () => {
    const res = await api(t.app, editor).get(`/api/assessments/${assessmentId}/export.pdf`);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1])).toMatch(/^確認項目_S-001_住民基本台帳システム_\d{8}\.pdf$/);
    const text = expectDocument(res.rawPayload, '確認項目の評価：住民基本台帳システム', t.clock.now());
    const detail = (await api(t.app, editor).get(`/api/assessments/${assessmentId}`)).json();
    expect(text.compact).toContain(`${detail.progress.settled}/${detail.progress.total}（${detail.progress.percent}%）`);
    const first = detail.categories[0].items[0];
    // A long item name wraps inside its cell: its key and the start of its name.
    expect(text.compact).toContain(`${first.key}${first.name.ja.slice(0, 10)}`);
    expect(text.compact).toContain('未確認');
    expectError(await api(t.app, outsider).get(`/api/assessments/${assessmentId}/export.pdf`), 404, 'not_found');
  });

  it('prints the SLA month report with the results, the totals and the outages', async () => {
    const head = await auditHead(t);
    const res = await api(t.app, editor).get(`/api/sla/results/export.pdf?month=${OCT}`);
    expectStatus(res, 200);
    expect(res.headers['content-disposition']).toContain(`filename="sla-report-${OCT}.pdf"`);
    const text = expectDocument(res.rawPayload, 'SLA月次報告 2026年10月', t.clock.now());
    expect(text.compact).toContain('住民基本台帳システム');
    expect(text.compact).toContain('99.900%');
    expect(text.compact).toContain('差異あり');
    expect(text.compact).toContain('合計');
    expect(text.layout).toMatch(/2026\/10\/05\s/);
    expect(text.layout).toMatch(/09:30\s+11:00/);
    expect(text.compact).toContain('データベース障害によりログイン不可');
    const [audit] = await auditEntries(t, { action: 'sla_report.export', afterSeq: head });
    expect(audit.after).toEqual({ month: OCT, format: 'pdf', services: 1 });
    expect(textOf((await api(t.app, outsider).get(`/api/sla/results/export.pdf?month=${OCT}`)).rawPayload).compact).not.toContain('住民基本台帳システム');
    expectError(await api(t.app, editor).get('/api/sla/results/export.pdf?month=2026-13'), 400, 'validation_failed', ['month']);
  });

  it("prints an incident's closing report with its figures, and only for those who take part", async () => {
    const head = await auditHead(t);
    const res = await api(t.app, editor).get(`/api/incidents/${incidentId}/report.pdf`);
    expectStatus(res, 200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="incident-report-\d{8}\.pdf"; filename\*=UTF-8''/);
    const text = expectDocument(res.rawPayload, 'インシデント報告書：住民記録システムの全面停止', t.clock.now());
    expect(text.compact).toContain('データセンターの電源障害により全機能が停止');
    expect(text.compact).toContain('影響を受けた記録の件数1,200');
    expect(text.compact).toContain('再発防止策の登録はありません');
    const [audit] = await auditEntries(t, { action: 'incident.report_export', afterSeq: head });
    expect(audit).toMatchObject({ target_id: incidentId, after: { format: 'pdf' } });
    expectError(await api(t.app, outsider).get(`/api/incidents/${incidentId}/report.pdf`), 404, 'not_found');
  });
});
