// Spreadsheet import and export of the register: dry run, all-or-nothing commit, re-import updates,
// UTF-8/BOM/Shift_JIS CSV, and every kind of bad file the issue names.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, type TestUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, countRows, expectError, expectStatus } from '../support/assertions.ts';
import { parseCsv } from '../support/csv.ts';
import { uploadFile } from '../support/register.ts';

const HEADERS = ['管理番号', 'サービス名', '事業者名', '事業者の法人番号', 'サービス形態', '区分', '所管課', 'ネットワーク区分', 'データの保管場所', '状態', '契約形態', '契約開始日', '契約終了日', '扱う個人データ', '保有する住民数', '分類体系', '機密性', '住民影響', '備考'];

type Row = Record<string, string | number | ExcelJS.CellValue>;

function row(key: string, overrides: Row = {}): Row {
  return {
    管理番号: key, サービス名: `サービス${key}`, 事業者名: 'デモ取込株式会社', 事業者の法人番号: '7000012050002', サービス形態: 'SaaS', 区分: '申請系サービス', 所管課: '市民課',
    ネットワーク区分: 'LGWAN接続系', データの保管場所: '国内', 状態: '利用中', 契約形態: '約款', 契約開始日: '2024-04-01', 契約終了日: '2027/3/31',
    扱う個人データ: '氏名、住所', 保有する住民数: '1,200', 分類体系: 'mic-2024', 機密性: '3C', 住民影響: 2, 備考: '', ...overrides,
  };
}

async function xlsx(rows: Row[], headers = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台帳');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csv(rows: Row[]): string {
  const field = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [HEADERS, ...rows.map((r) => HEADERS.map((h) => r[h]))].map((cells) => cells.map(field).join(',')).join('\r\n') + '\r\n';
}

describe.each(dialects)('register import and export on %s', (dialect) => {
  const t = useTestApp(dialect);
  let editor: Session;
  let deptEditor: Session;
  let editorUser: TestUser;

  beforeAll(async () => {
    const city = await buildMunicipality(t);
    editorUser = await buildUser(t, { organisation: city, role: 'editor' });
    editor = await signInFully(t.app, editorUser);
    const taxEditor = await buildUser(t, { organisation: city, role: 'editor' });
    await t.db.updateTable('users').set({ department: '税務課' }).where('id', '=', taxEditor.id).execute();
    deptEditor = await signInFully(t.app, taxEditor);
  });

  const preview = (name: string, content: Buffer, who = editor) => uploadFile(t.app, who, '/api/register/import/preview', name, content);
  const commit = (name: string, content: Buffer, who = editor) => uploadFile(t.app, who, '/api/register/import/commit', name, content);
  const entryCount = async () => (await api(t.app, editor).get('/api/register/entries')).json().total as number;

  it('offers a template whose headers the import reads', async () => {
    const res = await api(t.app, editor).get('/api/register/template.xlsx');
    expectStatus(res, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (workbook.worksheets[0].getRow(1).values as string[]).slice(1);
    for (const h of HEADERS) expect(headers).toContain(h);
    expect(workbook.worksheets[1].name).toBe('記入方法・選択肢');
  });

  it('dry-runs, refuses a file with errors whole, then imports the fixed file and re-imports as updates', async () => {
    const auditBefore = await countRows(t, 'audit_log');
    const broken = await xlsx([
      row('A-001'),
      row('A-002', { 住民影響: 5 }),
      row('A-003', { 契約開始日: '2026-04-01', 契約終了日: '2025-03-31' }),
      row('A-004', { 区分: '防災系サービス' }),
      row('A-005', { ネットワーク区分: 'DMZ' }),
      row('A-001', { サービス名: '重複' }),
      row('A-006', { 事業者の法人番号: '7000012050003', 事業者名: '別の事業者' }),
      row('A-007', { 機密性: '4' }),
    ]);
    const dry = await preview('台帳.xlsx', broken);
    expectStatus(dry, 200);
    const plan = dry.json();
    const problems = plan.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(problems).toEqual(expect.arrayContaining(['3:住民影響', '4:契約終了日', '5:区分', '6:ネットワーク区分', '7:管理番号', '8:事業者の法人番号', '9:機密性']));
    expect(plan.errors.every((e: { reason: string }) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(e.reason))).toBe(true);
    // Each reason also comes in English for the English UI.
    const reasonEn = (row: number, column: string) => plan.errors.find((e: { row: number; column: string }) => e.row === row && e.column === column).reason_en;
    expect(reasonEn(3, '住民影響')).toBe('Enter 1 to 3');
    expect(reasonEn(5, '区分')).toMatch(/^Unknown category \(/);
    expect(reasonEn(7, '管理番号')).toBe('Same key as row 2');
    expect(reasonEn(9, '機密性')).toMatch(/^Under this scheme confidentiality is one of 3A/);
    expect(plan.rows.find((r: { external_key: string }) => r.external_key === 'A-001').action).toBe('create');
    expect(plan.vendors_to_create).toEqual(['デモ取込株式会社']);

    const refused = await commit('台帳.xlsx', broken);
    const body = expectError(refused, 400, 'validation_failed');
    expect(body.error.details.some((d) => d.field === '3行目 住民影響')).toBe(true);
    expect(await entryCount()).toBe(0);
    expect(await countRows(t, 'audit_log')).toBe(auditBefore);

    const fixed = await xlsx([row('A-001'), row('A-002', { 住民影響: 3, 扱う個人データ: '氏名、住所、本籍', 区分: '基幹系サービス' }), row('A-003')]);
    const done = await commit('台帳.xlsx', fixed);
    expectStatus(done, 200);
    expect(done.json().summary).toMatchObject({ rows: 3, create: 3, update: 0, errors: 0 });
    expect(await entryCount()).toBe(3);
    const a2 = (await api(t.app, editor).get('/api/register/entries?q=A-002')).json().items[0];
    expect(a2.classification).toMatchObject({ mental_distress: 3, resident_impact: 3, administrative_impact: 27 });
    expect(a2.vendor.name).toBe('デモ取込株式会社');
    expect(a2.contract_end).toBe('2027-03-31');
    expect(a2.residents_held).toBe(1200);

    const again = (await commit('台帳.xlsx', fixed)).json();
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    const changed = (await commit('台帳.xlsx', await xlsx([row('A-001', { 状態: '終了予定' }), row('A-002', { 住民影響: 3, 扱う個人データ: '氏名、住所、本籍', 区分: '基幹系サービス' }), row('A-003')]))).json();
    expect(changed.summary).toMatchObject({ update: 1, unchanged: 2 });
    expect(changed.rows.find((r: { external_key: string }) => r.external_key === 'A-001').changed_fields).toEqual(['status']);
    expect(await entryCount()).toBe(3);
  });

  it('reads CSV in UTF-8 with and without BOM and in Shift_JIS, keeping Shift_JIS-only characters', async () => {
    const text = csv([row('C-001', { サービス名: '髙橋①システム', 所管課: '税務課' }), row('C-002', { 備考: 'カンマ, と "引用符"\n改行' })]);
    for (const [name, content] of [
      ['utf8.csv', Buffer.from(text, 'utf8')],
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
      ['sjis.csv', iconv.encode(text, 'cp932')],
    ] as const) {
      const plan = (await preview(name, content)).json();
      expect(plan.errors, name).toEqual([]);
      expect(plan.encoding, name).toBe(name === 'sjis.csv' ? 'shift_jis' : 'utf-8');
    }
    expectStatus(await commit('sjis.csv', iconv.encode(text, 'cp932')), 200);
    const entry = (await api(t.app, editor).get(`/api/register/entries?q=${encodeURIComponent('髙橋')}`)).json().items[0];
    expect(entry.name).toBe('髙橋①システム');
    const note = (await api(t.app, editor).get('/api/register/entries?q=C-002')).json().items[0];
    expect(note.notes).toBe('カンマ, と "引用符"\n改行');
  });

  it('stores formulas and HTML in cells as text, never evaluated', async () => {
    const file = await xlsx([row('F-001', { サービス名: { formula: '1+1', result: 2 }, 備考: '<img src=x onerror=alert(1)><script>alert(1)</script>' })]);
    expectStatus(await commit('f.xlsx', file), 200);
    const entry = (await api(t.app, editor).get('/api/register/entries?q=F-001')).json().items[0];
    expect(entry.name).toBe('=1+1');
    expect(entry.notes).toBe('<img src=x onerror=alert(1)><script>alert(1)</script>');
    // The CSV export neutralises the formula for spreadsheets; re-importing restores the text.
    const exported = (await api(t.app, editor).get('/api/register/export.csv')).body;
    expect(exported).toContain("'=1+1");
  });

  it('refuses files that are not spreadsheets, empty files and files over 10 MB', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expectError(await preview('image.xlsx', png), 400, 'validation_failed', ['file']);
    expectError(await preview('report.pdf', Buffer.from('%PDF-1.4 not a register')), 400, 'validation_failed', ['file']);
    expectError(await preview('zip.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)])), 400, 'validation_failed', ['file']);
    expectError(await preview('empty.csv', Buffer.alloc(0)), 400, 'validation_failed', ['file']);
    const big = Buffer.alloc(20 * 1024 * 1024, 0x41);
    const res = await preview('big.csv', big);
    expectError(res, 413, 'payload_too_large');
  });

  it('reports missing required columns', async () => {
    const plan = (await preview('headers.csv', Buffer.from('名前,値\r\nx,y\r\n'))).json();
    expect(plan.errors.map((e: { column: string }) => e.column)).toEqual(expect.arrayContaining(['管理番号', 'サービス名', '区分', '機密性']));
  });

  it('lets a department editor import only their own department', async () => {
    const plan = (await preview('dept.csv', Buffer.from(csv([row('D-001', { 所管課: '市民課' }), row('D-002', { 所管課: '税務課' })])), deptEditor)).json();
    expect(plan.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['2:所管課']);
  });

  it('requires the CSRF header for uploads', async () => {
    expectError(await uploadFile(t.app, editor, '/api/register/import/commit', 'x.csv', Buffer.from(csv([row('X-1')])), { csrf: false }), 403, 'csrf_failed');
  });

  it('exports every field and round-trips without changes (xlsx and CSV)', async () => {
    const total = await entryCount();
    const xlsxExport = await api(t.app, editor).get('/api/register/export.xlsx');
    expectStatus(xlsxExport, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxExport.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(total + 1);
    const csvExport = await api(t.app, editor).get('/api/register/export.csv');
    const rows = parseCsv(csvExport.body.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(expect.arrayContaining([...HEADERS, '行政運営影響度（参考）']));
    for (const [name, content] of [['export.xlsx', xlsxExport.rawPayload], ['export.csv', Buffer.from(csvExport.body, 'utf8')]] as const) {
      const plan = (await preview(name, content)).json();
      expect(plan.errors, name).toEqual([]);
      expect(plan.summary, name).toMatchObject({ rows: total, unchanged: total, create: 0, update: 0 });
    }
  });

  it('exports what the list shows: its filters, its order and its columns, named by the Japan date', async () => {
    const file = await xlsx([
      row('X-003', { サービス名: '輸出テストC', 所管課: '出力課', 住民影響: 1 }),
      row('X-001', { サービス名: '輸出テストA', 所管課: '出力課', 住民影響: 3 }),
      row('X-002', { サービス名: '輸出テストB', 所管課: '出力課', 住民影響: 2 }),
      row('X-004', { サービス名: '別の課', 所管課: '会計課' }),
    ]);
    expectStatus(await commit('x.xlsx', file), 200);
    const query = `department=${encodeURIComponent('出力課')}&sort=resident_impact&order=desc&columns=name,resident_impact,administrative_impact`;
    const csvExport = await api(t.app, editor).get(`/api/register/export.csv?${query}`);
    expectStatus(csvExport, 200);
    expect(parseCsv(csvExport.body.replace(/^\uFEFF/, ''))).toEqual([
      ['サービス名', '住民影響', '行政運営影響度'],
      ['輸出テストA', '3', expect.stringMatching(/^\d+$/)],
      ['輸出テストB', '2', expect.stringMatching(/^\d+$/)],
      ['輸出テストC', '1', expect.stringMatching(/^\d+$/)],
    ]);
    const xlsxExport = await api(t.app, editor).get(`/api/register/export.xlsx?${query}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxExport.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'サービス名', '住民影響', '行政運営影響度']);
    expect(sheet.getColumn(1).values.slice(2)).toEqual(['輸出テストA', '輸出テストB', '輸出テストC']);
    // The Japan date: the harness clock's instant, nine hours ahead.
    const japanDate = new Date(t.clock.now().getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    expect(xlsxExport.headers['content-disposition']).toContain(`register-${japanDate}.xlsx`);
    // Filters without columns: every field of the selected entries, in the layout the import reads.
    const full = parseCsv((await api(t.app, editor).get(`/api/register/export.csv?department=${encodeURIComponent('出力課')}`)).body.replace(/^\uFEFF/, ''));
    expect(full).toHaveLength(4);
    expect(full[0]).toEqual(expect.arrayContaining(HEADERS));
    expect(full.slice(1).map((r) => r[0])).toEqual(['X-001', 'X-002', 'X-003']);
    expectError(await api(t.app, editor).get('/api/register/export.csv?columns=name,password'), 400, 'validation_failed', ['columns']);
    const audit = await auditEntries(t, { action: 'register.export' });
    expect(audit.some((e) => e.after?.format === 'csv' && e.after?.entries === 3 && e.after?.department === '出力課' && String(e.after?.columns) === 'name,resident_impact,administrative_impact')).toBe(true);
  });
  it('reads 標準化対象業務 and ガバメントクラウド, and keeps them when a file has no such columns', async () => {
    const withColumns = [...HEADERS, '標準化対象業務', 'ガバメントクラウド'];
    const find = async () => (await api(t.app, editor).get('/api/register/entries?q=G-001')).json().items[0];
    expectStatus(await commit('g.xlsx', await xlsx([row('G-001', { 標準化対象業務: '住民基本台帳', ガバメントクラウド: 'はい' })], withColumns)), 200);
    expect(await find()).toMatchObject({ external_key: 'G-001', standardised_business: 'resident_registry', government_cloud: true });
    // An older file without the two columns changes other fields and leaves these as they are.
    expectStatus(await commit('g.xlsx', await xlsx([row('G-001', { 備考: '更新' })])), 200);
    expect(await find()).toMatchObject({ notes: '更新', standardised_business: 'resident_registry', government_cloud: true });
    const bad = (await preview('g.xlsx', await xlsx([row('G-001', { 標準化対象業務: '国勢調査', ガバメントクラウド: 'たぶん' })], withColumns))).json();
    expect(bad.errors.map((e: { column: string }) => e.column).sort()).toEqual(['ガバメントクラウド', '標準化対象業務']);
    expectStatus(await commit('g.xlsx', await xlsx([row('G-001', { 備考: '更新', 標準化対象業務: '該当しない', ガバメントクラウド: 'いいえ' })], withColumns)), 200);
    expect(await find()).toMatchObject({ standardised_business: null, government_cloud: false });
    // The register's search finds an entry by its business.
    expectStatus(await commit('g.xlsx', await xlsx([row('G-001', { 備考: '更新', 標準化対象業務: '介護保険', ガバメントクラウド: 'はい' })], withColumns)), 200);
    expect((await api(t.app, editor).get(`/api/register/entries?q=${encodeURIComponent('介護保険')}`)).json().items.map((e: { external_key: string }) => e.external_key)).toContain('G-001');
  });
});
