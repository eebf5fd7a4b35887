// Import of the vendor's monthly operation report (運用実績報告書): template, dry run, all-or-nothing
// commit, CSV encodings and xlsx date cells, every kind of bad input with its row/column/reason (and
// nothing written), replacing a month imported before, tenancy, permissions and the audit entry.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, auditHead, expectError, expectStatus } from '../support/assertions.ts';
import { parseCsv } from '../support/csv.ts';
import { categoryIds, entryBody, uploadFile } from '../support/register.ts';

const HEADERS = ['管理番号', '対象年月', '発生日時', '検知日時', '報告日時', '事業者確認日時', '復旧日時', '原因区分', '内容', '報告稼働率(%)', '報告停止時間(分)'];

type Cell = string | number | Date | { percent: number } | null;
type Row = Partial<Record<string, Cell>>;

function csv(rows: Row[], headers = HEADERS): string {
  const field = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [headers, ...rows.map((r) => headers.map((h) => r[h]))].map((cells) => cells.map(field).join(',')).join('\r\n') + '\r\n';
}

/** An xlsx with real date cells (wall-clock time, as Excel keeps it) and percentage-formatted numbers. */
async function xlsx(rows: Row[], headers = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('報告');
  sheet.addRow(headers);
  for (const r of rows) {
    const row = sheet.addRow(headers.map((h) => {
      const v = r[h];
      return v && typeof v === 'object' && 'percent' in v ? v.percent : (v ?? null);
    }));
    headers.forEach((h, i) => {
      const v = r[h];
      if (v && typeof v === 'object' && 'percent' in v) row.getCell(i + 1).numFmt = '0.00%';
      if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy/mm/dd hh:mm';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Japan wall-clock time as Excel stores it (exceljs writes a Date's UTC fields). */
const wall = (y: number, m: number, d: number, h: number, min: number) => new Date(Date.UTC(y, m - 1, d, h, min));
/** The UTC ISO instant of a Japan-time wall clock. */
const jst = (y: number, m: number, d: number, h: number, min: number) => new Date(Date.UTC(y, m - 1, d, h - 9, min)).toISOString();

/** The Japan time of an instant written as the report does (2026/10/05 09:30), and its month. */
function japanText(instant: Date) {
  const t = new Date(instant.getTime() + 9 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return { text: `${t.getUTCFullYear()}/${p(t.getUTCMonth() + 1)}/${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`, month: `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}` };
}

type Errors = { row: number; column: string; value: string; reason: string; reason_en: string }[];

describe.each(dialects)('SLA vendor report import on %s', (dialect) => {
  const t = useTestApp(dialect);
  let editor: Session;
  let viewer: Session;
  let deptEditor: Session;
  let outsider: Session;
  let cityId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const city = await buildMunicipality(t);
    cityId = city.id;
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    viewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    const taxUser = await buildUser(t, { organisation: city, role: 'editor' });
    await t.db.updateTable('users').set({ department: '税務課' }).where('id', '=', taxUser.id).execute();
    deptEditor = await signInFully(t.app, taxUser);
    const categories = await categoryIds(t.app, editor);
    for (const [key, department] of [['S-001', '市民課'], ['S-002', '税務課'], ['S-003', '市民課']] as const) {
      const res = await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { external_key: key, name: `サービス${key}`, department }));
      expectStatus(res, 201);
      ids[key] = res.json().id;
    }
    const town = await buildMunicipality(t);
    outsider = await signInFully(t.app, await buildUser(t, { organisation: town, role: 'editor' }));
    const townCategories = await categoryIds(t.app, outsider);
    expectStatus(await api(t.app, outsider).post('/api/register/entries', entryBody(townCategories['基幹系サービス'], { external_key: 'X-001', name: '他団体のサービス' })), 201);
  });

  const importFile = (name: string, content: Buffer | string, options: { mode?: 'dry_run' | 'commit'; replace?: boolean; who?: Session } = {}) =>
    uploadFile(t.app, options.who ?? editor, `/api/sla/reports/import?mode=${options.mode ?? 'dry_run'}&replace=${options.replace ?? false}`, name, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);

  async function count(table: 'sla_outages' | 'sla_vendor_reports' | 'sla_report_imports' | 'audit_log') {
    const row = await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const counts = async () => ({ outages: await count('sla_outages'), reports: await count('sla_vendor_reports'), imports: await count('sla_report_imports'), audit: await count('audit_log') });
  const vendorOutages = (entryId: string) => t.db.selectFrom('sla_outages').selectAll().where('entry_id', '=', entryId).where('source', '=', 'vendor_report').orderBy('occurred_at').execute();
  const vendorReport = (entryId: string, month: string) => t.db.selectFrom('sla_vendor_reports').selectAll().where('entry_id', '=', entryId).where('year_month', '=', month).executeTakeFirst();
  const where = (errors: Errors) => errors.map((e) => `${e.row}:${e.column}`);
  const reasonAt = (errors: Errors, row: number, column: string) => errors.find((e) => e.row === row && e.column === column);

  it('offers the template as xlsx and CSV; the untouched examples never import, a filled template does', async () => {
    const x = await api(t.app, editor).get('/api/sla/report-template?format=xlsx');
    expectStatus(x, 200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.headers['content-disposition']).toContain("filename*=UTF-8''sla-report-template.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(HEADERS);
    expect(sheet.actualRowCount).toBe(3);
    expect(workbook.worksheets[1].name).toBe('記入方法');

    const c = await api(t.app, editor).get('/api/sla/report-template?format=csv');
    expectStatus(c, 200);
    expect(c.headers['content-type']).toContain('text/csv');
    expect(c.body.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(c.body.slice(1));
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(3);
    expect(rows[1][2]).toMatch(/^\d{4}\/\d{2}\/05 09:30$/);

    // As downloaded, the example 管理番号 is not a register key: nothing can be imported by mistake.
    const untouched = (await importFile('template.xlsx', x.rawPayload)).json();
    expect(where(untouched.errors)).toEqual(['2:管理番号', '3:管理番号']);
    expect(untouched.errors[0].reason).toBe('台帳に登録されていないサービスです');
    expect(untouched.errors[0].reason_en).toBe('This service is not in the register');

    // Filled in (xlsx): the example outage and the month's figure for S-001.
    sheet.getCell('A2').value = 'S-001';
    sheet.getCell('A3').value = 'S-001';
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const dry = (await importFile('filled.xlsx', filled)).json();
    expect(dry.errors).toEqual([]);
    expect(dry.summary).toMatchObject({ rows: 2, services: 1, months: 1, service_months: 1, outages: 1, replaced: 0, errors: 0 });
    expect(dry.rows.map((r: { kind: string }) => r.kind)).toEqual(['outage', 'summary']);
    expect(dry.rows[0].minutes).toBe(90);
    const done = await importFile('filled.xlsx', filled, { mode: 'commit' });
    expectStatus(done, 200);
    expect(done.json().import_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(done.json().service_months[0]).toMatchObject({ external_key: 'S-001', action: 'create', outages: 1, reported_availability: 99.8, reported_outage_minutes: 90 });

    // Filled in (CSV): the example key replaced in the text.
    const filledCsv = c.body.replaceAll('例-RE-0001', 'S-003');
    const csvDry = (await importFile('filled.csv', filledCsv)).json();
    expect(csvDry.errors).toEqual([]);
    expect(csvDry.summary).toMatchObject({ services: 1, outages: 1 });
  });

  it('imports CSV in UTF-8, UTF-8 with BOM and Shift_JIS, all or nothing, audited as one entry', async () => {
    const rows: Row[] = [
      { 管理番号: 'S-001', 対象年月: '2026-08', 発生日時: '2026/08/03 10:00', 検知日時: '2026-08-03T01:05:00Z', 報告日時: '2026-08-03 10:20', 事業者確認日時: '2026-08-03T10:30', 復旧日時: '2026/08/03 11:30', 原因区分: '事業者側の障害', 内容: '髙橋システム①の停止, "DB"' },
      // Runs into September: stored whole, split by month in the arithmetic.
      { 管理番号: 'S-001', 対象年月: '2026/08', 発生日時: '2026/08/31 23:00', 復旧日時: '2026/09/01 01:00', 原因区分: 'planned_maintenance' },
      { 管理番号: 'S-001', 対象年月: '2026/8', '報告稼働率(%)': '99.7', '報告停止時間(分)': '210' },
      { 管理番号: 'S-003', 対象年月: '2026年8月', '報告稼働率(%)': '100%', '報告停止時間(分)': '0' },
    ];
    const text = csv(rows);
    for (const [name, content, encoding] of [
      ['utf8.csv', Buffer.from(text, 'utf8'), 'utf-8'],
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
      ['sjis.csv', iconv.encode(text, 'cp932'), 'shift_jis'],
    ] as const) {
      const plan = (await importFile(name, content)).json();
      expect(plan.errors, name).toEqual([]);
      expect(plan.encoding, name).toBe(encoding);
      expect(plan.summary, name).toMatchObject({ rows: 4, services: 2, months: 1, service_months: 2, outages: 2, replaced: 0 });
    }
    t.clock.advanceMinutes(1); // imports are listed newest first, by time
    const before = await counts();
    const head = await auditHead(t);
    const res = await importFile('運用実績報告書_2026年8月.csv', iconv.encode(text, 'cp932'), { mode: 'commit' });
    expectStatus(res, 200);
    const after = await counts();
    expect(after).toEqual({ outages: before.outages + 2, reports: before.reports + 2, imports: before.imports + 1, audit: before.audit + 1 });

    const importId = res.json().import_id;
    const stored = await vendorOutages(ids['S-001']);
    const august = stored.filter((o) => o.import_id === importId);
    expect(august.map((o) => [o.occurred_at, o.detected_at, o.reported_at, o.confirmed_at, o.recovered_at, o.cause])).toEqual([
      [jst(2026, 8, 3, 10, 0), jst(2026, 8, 3, 10, 5), jst(2026, 8, 3, 10, 20), jst(2026, 8, 3, 10, 30), jst(2026, 8, 3, 11, 30), 'vendor'],
      [jst(2026, 8, 31, 23, 0), null, null, null, jst(2026, 9, 1, 1, 0), 'planned_maintenance'],
    ]);
    expect(august[0]).toMatchObject({ source: 'vendor_report', description: '髙橋システム①の停止, "DB"', organisation_id: cityId });
    expect(await vendorReport(ids['S-001'], '2026-08')).toMatchObject({ import_id: importId });
    expect(Number((await vendorReport(ids['S-001'], '2026-08'))!.reported_availability)).toBe(99.7);
    expect(Number((await vendorReport(ids['S-001'], '2026-08'))!.reported_outage_minutes)).toBe(210);
    expect(Number((await vendorReport(ids['S-003'], '2026-08'))!.reported_availability)).toBe(100);

    const audit = await auditEntries(t, { action: 'sla_report.import', afterSeq: head });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_type: 'sla_report_import', target_id: importId, organisation_id: cityId });
    expect(audit[0].after).toMatchObject({ file: '運用実績報告書_2026年8月.csv', format: 'csv', encoding: 'shift_jis', rows: 4, services: 2, months: 1, outages: 2, replaced: 0 });

    const list = (await api(t.app, editor).get('/api/sla/reports/imports')).json().items;
    expect(list[0]).toMatchObject({ id: importId, filename: '運用実績報告書_2026年8月.csv', row_count: 4 });
    expect(list[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads xlsx date cells as Japan time, month cells and percentage-formatted availability', async () => {
    const file = await xlsx([
      { 管理番号: 'S-003', 対象年月: wall(2026, 7, 1, 0, 0), 発生日時: wall(2026, 7, 3, 10, 0), 復旧日時: wall(2026, 7, 3, 12, 15), 原因区分: 'Vendor-side fault' },
      { 管理番号: 'S-003', 対象年月: '2026-07', '報告稼働率(%)': { percent: 0.9995 }, '報告停止時間(分)': 135 },
    ]);
    const plan = (await importFile('report.xlsx', file)).json();
    expect(plan.errors).toEqual([]);
    expect(plan.rows[0]).toMatchObject({ month: '2026-07', occurred_at: jst(2026, 7, 3, 10, 0), recovered_at: jst(2026, 7, 3, 12, 15), minutes: 135, status: 'ok' });
    expect(plan.service_months).toEqual([expect.objectContaining({ external_key: 'S-003', month: '2026-07', reported_availability: 99.95, reported_outage_minutes: 135, action: 'create' })]);
  });

  it('reports every bad input by row, column, value and reason, and a commit writes nothing', async () => {
    const now = t.clock.now();
    const anHourAgo = japanText(new Date(now.getTime() - 3_600_000));
    const inAnHour = japanText(new Date(now.getTime() + 3_600_000));
    const rows: Row[] = [
      /* 2 */ { 管理番号: 'NOPE-1', 対象年月: '2026-05', '報告稼働率(%)': '99.9' },
      /* 3 */ { 管理番号: 'S-003', 対象年月: '2026-13', '報告稼働率(%)': '99.9' },
      /* 4 */ { 管理番号: 'S-003', 対象年月: '2026-05', 発生日時: '2026/05/32 10:00', 復旧日時: '2026/06/01 10:00', 原因区分: '原因不明' },
      /* 5 */ { 管理番号: 'S-003', 対象年月: '2026-05', 発生日時: '2026/05/10 10:00', 復旧日時: '2026/05/10 09:00', 原因区分: '原因不明' },
      /* 6 */ { 管理番号: 'S-003', 対象年月: anHourAgo.month, 発生日時: anHourAgo.text, 復旧日時: inAnHour.text, 原因区分: '原因不明' },
      /* 7 */ { 管理番号: 'S-003', 対象年月: '2026-05', 発生日時: '2026/06/02 10:00', 復旧日時: '2026/06/02 11:00', 原因区分: '原因不明' },
      /* 8 */ { 管理番号: 'S-003', 対象年月: '2026-04', '報告稼働率(%)': '100.5' },
      /* 9 */ { 管理番号: 'S-003', 対象年月: '2026-03', '報告稼働率(%)': '-1' },
      /* 10 */ { 管理番号: 'S-003', 対象年月: '2026-03', '報告停止時間(分)': '-5' },
      /* 11 */ { 管理番号: 'S-003', 対象年月: '2026-05', 発生日時: '2026/05/11 10:00', 復旧日時: '2026/05/11 11:00', 原因区分: '隕石' },
      /* 12 */ { 管理番号: 'S-003', 対象年月: '2026-05', 発生日時: '2026/05/20 10:00', 復旧日時: '2026/05/20 11:00', 原因区分: '事業者側の障害' },
      /* 13 */ { 管理番号: 'S-003', 対象年月: '2026-05', 発生日時: '2026/05/20 10:30', 復旧日時: '2026/05/20 12:00', 原因区分: '事業者側の障害' },
      /* 14 */ { 管理番号: 'S-003', 対象年月: '2026-05', 発生日時: '2026/05/21 10:00', 原因区分: '事業者側の障害' },
      /* 15 */ { 管理番号: 'S-003', 対象年月: '2026-05', 発生日時: '2026/05/22 10:00', 報告日時: '2026/05/22 09:00', 復旧日時: '2026/05/22 11:00', 原因区分: '事業者側の障害' },
      /* 16 */ { 管理番号: 'S-003', 対象年月: '2026-05', '報告稼働率(%)': '99.5' },
      /* 17 */ { 管理番号: 'S-003', 対象年月: '2026-05', '報告稼働率(%)': '99.6' },
      /* 18 */ { 管理番号: 'S-003', 対象年月: '2099-01', '報告稼働率(%)': '100' },
      /* 19 */ { 管理番号: 'S-003', 対象年月: '2026-05', 復旧日時: '2026/05/23 11:00' },
      /* 20 */ { 管理番号: '', 対象年月: '2026-05' },
      /* 21 */ { 管理番号: 'S-003', 対象年月: '2026-02', '報告稼働率(%)': 'たくさん' },
      // Valid on its own: still not written, because the file has errors.
      /* 22 */ { 管理番号: 'S-002', 対象年月: '2026-05', 発生日時: '2026/05/20 10:00', 復旧日時: '2026/05/20 11:00', 原因区分: '事業者側の障害' },
    ];
    const text = csv(rows);
    const plan = (await importFile('bad.csv', text)).json();
    const errors: Errors = plan.errors;
    expect(where(errors)).toEqual([
      '2:管理番号', '3:対象年月', '4:発生日時', '5:復旧日時', '6:復旧日時', '7:発生日時', '8:報告稼働率(%)', '9:報告稼働率(%)', '10:報告停止時間(分)', '11:原因区分',
      '13:発生日時', '14:復旧日時', '15:報告日時', '17:報告稼働率(%)', '18:対象年月', '19:発生日時', '20:管理番号', '21:報告稼働率(%)',
    ]);
    expect(reasonAt(errors, 2, '管理番号')).toMatchObject({ value: 'NOPE-1', reason: '台帳に登録されていないサービスです' });
    expect(reasonAt(errors, 3, '対象年月')).toMatchObject({ value: '2026-13', reason: '対象年月はYYYY-MMまたはYYYY/MMで入力してください', reason_en: 'Enter the month as YYYY-MM or YYYY/MM' });
    expect(reasonAt(errors, 4, '発生日時')).toMatchObject({ value: '2026/05/32 10:00', reason: expect.stringContaining('2026/10/05 09:30') });
    expect(reasonAt(errors, 5, '復旧日時')).toMatchObject({ reason: '復旧日時が発生日時より前です', reason_en: 'Recovery is before the outage began' });
    expect(reasonAt(errors, 6, '復旧日時')).toMatchObject({ value: inAnHour.text, reason: '未来の日時は記録できません' });
    expect(reasonAt(errors, 7, '発生日時')!.reason).toContain('対象年月（2026年5月）の外');
    expect(reasonAt(errors, 8, '報告稼働率(%)')).toMatchObject({ value: '100.5', reason: '100%を超える値は入力できません', reason_en: 'A percentage cannot exceed 100' });
    expect(reasonAt(errors, 9, '報告稼働率(%)')).toMatchObject({ value: '-1', reason: '0〜100の範囲で入力してください' });
    expect(reasonAt(errors, 10, '報告停止時間(分)')).toMatchObject({ value: '-5', reason: '0以上で入力してください' });
    expect(reasonAt(errors, 11, '原因区分')).toMatchObject({ value: '隕石', reason: expect.stringContaining('事業者側の障害') });
    expect(reasonAt(errors, 13, '発生日時')).toMatchObject({ reason: '12行目の障害と時間が重なっています', reason_en: 'Overlaps the outage on row 12' });
    expect(reasonAt(errors, 14, '復旧日時')!.reason).toBe('発生日時がある行には復旧日時を入力してください');
    expect(reasonAt(errors, 15, '報告日時')!.reason).toBe('発生日時より前の日時です');
    expect(reasonAt(errors, 17, '報告稼働率(%)')!.reason).toContain('16行目（99.5%）と異なります');
    expect(reasonAt(errors, 18, '対象年月')!.reason).toBe('未来の月の報告は取り込めません');
    expect(reasonAt(errors, 19, '発生日時')!.reason).toContain('障害の行には発生日時を入力してください');
    expect(reasonAt(errors, 20, '管理番号')!.reason).toBe('管理番号を入力してください');
    expect(reasonAt(errors, 21, '報告稼働率(%)')!.reason).toBe('数値で入力してください');
    for (const e of errors) expect(e.reason_en, `${e.row}:${e.column}`).toMatch(/^[\x20-\x7e]+$/);
    expect(plan.rows.find((r: { row: number }) => r.row === 22).status).toBe('ok');
    expect(plan.rows.find((r: { row: number }) => r.row === 12).status).toBe('ok');
    expect(plan.rows.find((r: { row: number }) => r.row === 13).status).toBe('error');
    expect(plan.summary.errors).toBe(18);

    const before = await counts();
    const refused = await importFile('bad.csv', text, { mode: 'commit' });
    const body = expectError(refused, 400, 'validation_failed');
    expect(body.error.details.map((d) => d.field)).toEqual(expect.arrayContaining(['2行目 管理番号', '13行目 発生日時', '8行目 報告稼働率(%)']));
    expect(body.error.details.find((d) => d.field === '2行目 管理番号')!.reason).toBe('台帳に登録されていないサービスです（値: NOPE-1）');
    expect(await counts()).toEqual(before);
  });

  it('reports missing columns and refuses files that are not spreadsheets', async () => {
    const plan = (await importFile('headers.csv', '名前,値\r\nx,y\r\n')).json();
    expect(where(plan.errors)).toEqual(['1:管理番号', '1:対象年月']);
    expectError(await importFile('report.pdf', Buffer.from('%PDF-1.4')), 400, 'validation_failed', ['file']);
    expectError(await importFile('empty.csv', Buffer.alloc(0)), 400, 'validation_failed', ['file']);
    const onlyHeader = (await importFile('only-header.csv', csv([]))).json();
    expect(onlyHeader.errors[0]).toMatchObject({ row: 2, reason: 'データの行がありません' });
    expectError(await api(t.app, editor).post('/api/sla/reports/import?mode=later', {}), 400, 'validation_failed');
  });

  it('refuses a month imported before unless replace=true, and then replaces that month only', async () => {
    // S-001 2026-08 was imported above (two outages and the figures); September and October stay.
    const replacement = csv([
      { 管理番号: 'S-001', 対象年月: '2026-08', 発生日時: '2026/08/10 08:00', 復旧日時: '2026/08/10 08:45', 原因区分: '第三者による攻撃', '報告稼働率(%)': '99.9' },
    ]);
    const stored = await vendorOutages(ids['S-001']);
    const outsideAugust = stored.filter((o) => o.occurred_at < jst(2026, 8, 1, 0, 0) || o.occurred_at >= jst(2026, 9, 1, 0, 0));
    expect(outsideAugust.length).toBeGreaterThan(0); // the template's example month

    const refused = (await importFile('again.csv', replacement)).json();
    expect(where(refused.errors)).toEqual(['2:対象年月']);
    expect(refused.errors[0].reason).toBe('S-001の2026年8月の報告は取込済みです（置き換える場合は「置き換え」を指定してください）');
    expect(refused.service_months).toEqual([expect.objectContaining({ external_key: 'S-001', month: '2026-08', action: 'replace' })]);
    expect(refused.summary.replaced).toBe(0);
    const before = await counts();
    expectError(await importFile('again.csv', replacement, { mode: 'commit' }), 400, 'validation_failed', ['2行目 対象年月']);
    expect(await counts()).toEqual(before);

    const dry = (await importFile('again.csv', replacement, { replace: true })).json();
    expect(dry.errors).toEqual([]);
    expect(dry.service_months).toEqual([expect.objectContaining({ external_key: 'S-001', month: '2026-08', action: 'replace', replaced_outages: 2, outages: 1 })]);
    expect(dry.summary).toMatchObject({ replaced: 1, outages: 1 });
    expect(await counts()).toEqual(before);

    const head = await auditHead(t);
    const done = await importFile('again.csv', replacement, { mode: 'commit', replace: true });
    expectStatus(done, 200);
    const importId = done.json().import_id;
    const now = await vendorOutages(ids['S-001']);
    expect(now.filter((o) => o.occurred_at >= jst(2026, 8, 1, 0, 0) && o.occurred_at < jst(2026, 9, 1, 0, 0)).map((o) => [o.occurred_at, o.cause, o.import_id])).toEqual([[jst(2026, 8, 10, 8, 0), 'third_party_attack', importId]]);
    // Other months of the same service are untouched.
    for (const o of outsideAugust) expect(now.map((n) => n.id)).toContain(o.id);
    const report = (await vendorReport(ids['S-001'], '2026-08'))!;
    expect(report.import_id).toBe(importId);
    expect(Number(report.reported_availability)).toBe(99.9);
    expect(report.reported_outage_minutes).toBeNull();
    expect(await counts()).toEqual({ outages: before.outages - 1, reports: before.reports, imports: before.imports + 1, audit: before.audit + 1 });
    const [audit] = await auditEntries(t, { action: 'sla_report.import', afterSeq: head });
    expect(audit.after).toMatchObject({ replaced: 1, replaced_outages: 2, outages: 1, replaced_months: ['S-001 2026-08'] });
  });

  it('lets a department editor import only their department’s services', async () => {
    const text = csv([
      { 管理番号: 'S-001', 対象年月: '2026-04', '報告稼働率(%)': '100' },
      { 管理番号: 'S-002', 対象年月: '2026-04', '報告稼働率(%)': '100' },
    ]);
    const plan = (await importFile('dept.csv', text, { who: deptEditor })).json();
    expect(where(plan.errors)).toEqual(['2:管理番号']);
    expect(plan.errors[0].reason).toContain('所管課（市民課）以外のサービスの報告は取り込めません');
    const before = await counts();
    expectError(await importFile('dept.csv', text, { who: deptEditor, mode: 'commit' }), 400, 'validation_failed');
    expect(await counts()).toEqual(before);
    expectStatus(await importFile('dept.csv', csv([{ 管理番号: 'S-002', 対象年月: '2026-04', '報告稼働率(%)': '100' }]), { who: deptEditor, mode: 'commit' }), 200);
  });

  it('never touches another organisation: its keys are unknown, and its import list is its own', async () => {
    const theirs = (await importFile('x.csv', csv([{ 管理番号: 'X-001', 対象年月: '2026-04', '報告稼働率(%)': '100' }]))).json();
    expect(theirs.errors).toEqual([expect.objectContaining({ row: 2, column: '管理番号', value: 'X-001', reason: '台帳に登録されていないサービスです' })]);
    const ours = csv([{ 管理番号: 'S-003', 対象年月: '2026-04', '報告稼働率(%)': '100' }]);
    const before = await counts();
    expectError(await importFile('s.csv', ours, { who: outsider, mode: 'commit' }), 400, 'validation_failed', ['2行目 管理番号']);
    expect(await counts()).toEqual(before);
    expect((await api(t.app, outsider).get('/api/sla/reports/imports')).json().items).toEqual([]);
  });

  it('refuses viewers (403) and uploads without the CSRF header', async () => {
    const text = csv([{ 管理番号: 'S-003', 対象年月: '2026-04', '報告稼働率(%)': '100' }]);
    expectError(await importFile('v.csv', text, { who: viewer }), 403, 'forbidden');
    expectError(await importFile('v.csv', text, { who: viewer, mode: 'commit' }), 403, 'forbidden');
    expectError(await api(t.app, viewer).get('/api/sla/report-template?format=csv'), 403, 'forbidden');
    expectError(await api(t.app, viewer).get('/api/sla/reports/imports'), 403, 'forbidden');
    expectError(await uploadFile(t.app, editor, '/api/sla/reports/import?mode=commit', 'x.csv', Buffer.from(text), { csrf: false }), 403, 'csrf_failed');
    expectError(await api(t.app, null).get('/api/sla/reports/imports'), 401, 'unauthenticated');
  });
});
