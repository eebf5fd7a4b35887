// The monthly SLA report as .xlsx, read back with exceljs: one row per service matching the month's
// results, rows that disagree with the vendor highlighted and marked in words, a totals row, and the
// outages behind the figures in Japan time; read permission, tenancy, a bad month.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, auditHead, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody, uploadFile } from '../support/register.ts';

const OCT = '2026-10';
const RESULT_HEADERS = ['管理番号', 'サービス名', '所管課', '目標稼働率', '契約基準の稼働率', '自団体計測', '事業者報告', '差(契約−報告)', '事業者報告との差異', '停止回数', '停止時間(分)', 'MTTR(分)', '達成/未達', '減額率', '減額(円)'];
const DETAIL_HEADERS = ['管理番号', 'サービス名', '情報源', '発生日時', '検知日時', '報告日時', '事業者確認日時', '復旧日時', '停止時間(分)', 'うち当月(分)', '原因区分', '内容'];

function terms(overrides: Record<string, unknown> = {}) {
  return {
    audience: 'residents',
    calendar_kind: 'always',
    availability_target: 99.5,
    mttr_target_minutes: 180,
    start_basis: 'occurred',
    excluded_causes: ['planned_maintenance'],
    credit_table: [
      { from: 99.5, to: 100, credit_percent: 0 },
      { from: 99, to: 99.5, credit_percent: 10 },
      { from: 0, to: 99, credit_percent: 30 },
    ],
    monthly_fee_yen: 1_000_000,
    ...overrides,
  };
}

const values = (row: ExcelJS.Row, width: number) => Array.from({ length: width }, (_, i) => row.getCell(i + 1).value ?? '');

async function workbookOf(payload: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return workbook;
}

describe.each(dialects)('SLA monthly report export on %s', (dialect) => {
  const t = useTestApp(dialect);
  let editor: Session;
  let viewer: Session;
  let outsider: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const city = await buildMunicipality(t);
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    viewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    outsider = await signInFully(t.app, await buildUser(t, { organisation: await buildMunicipality(t), role: 'editor' }));
    const categories = await categoryIds(t.app, editor);
    for (const [key, name, department] of [['S-001', '住民基本台帳システム', '市民課'], ['S-002', '税務システム', '税務課'], ['S-003', '条件なしのサービス', '市民課']] as const) {
      const res = await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { external_key: key, name, department }));
      expectStatus(res, 201);
      ids[key] = res.json().id;
    }
    // S-003 has no SLA terms and so is not in the report.
    expectStatus(await api(t.app, editor).put(`/api/sla/entries/${ids['S-001']}/terms`, terms()), 200);
    expectStatus(await api(t.app, editor).put(`/api/sla/entries/${ids['S-002']}/terms`, terms({ availability_target: 99.9, credit_table: [], monthly_fee_yen: null })), 200);

    // The vendor reports 99.9% for S-001 although its own row shows 90 minutes down (99.798%): they differ.
    const report = [
      '管理番号,対象年月,発生日時,復旧日時,原因区分,内容,報告稼働率(%)',
      'S-001,2026-10,2026/10/05 09:30,2026/10/05 11:00,事業者側の障害,"ログイン不可, DB障害",99.9',
      'S-002,2026-10,,,,,100',
      'S-003,2026-10,2026/10/07 09:00,2026/10/07 09:30,原因不明,,',
    ].join('\r\n');
    expectStatus(await uploadFile(t.app, editor, '/api/sla/reports/import?mode=commit', 'oct.csv', Buffer.from(report)), 200);
    // Our own record of an outage running into November, and one in September that is not in October.
    expectStatus(await api(t.app, editor).post(`/api/sla/entries/${ids['S-001']}/outages`, { occurred_at: '2026-10-31T23:00:00+09:00', recovered_at: '2026-11-01T01:00:00+09:00', cause: 'unknown', description: '=HYPERLINK("http://example.com")' }), 201);
    expectStatus(await api(t.app, editor).post(`/api/sla/entries/${ids['S-001']}/outages`, { occurred_at: '2026-09-10T10:00:00+09:00', recovered_at: '2026-09-10T10:10:00+09:00', cause: 'vendor' }), 201);
  });

  it('exports 月次結果 with one row per service matching the month results, differs marked in words and colour, and totals', async () => {
    const head = await auditHead(t);
    const res = await api(t.app, editor).get(`/api/sla/results/export?month=${OCT}`);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="sla-report-${OCT}.xlsx"; filename*=UTF-8''sla-report-${OCT}.xlsx`);
    const workbook = await workbookOf(res.rawPayload);
    expect(workbook.title).toBe('SLA月次報告 2026年10月');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['月次結果', '障害明細']);

    const sheet = workbook.getWorksheet('月次結果')!;
    expect(sheet.getCell('A1').value).toBe('SLA月次報告 2026年10月');
    expect(values(sheet.getRow(3), RESULT_HEADERS.length)).toEqual(RESULT_HEADERS);
    const col = (header: string) => RESULT_HEADERS.indexOf(header) + 1;

    const results = (await api(t.app, editor).get(`/api/sla/results?month=${OCT}`)).json();
    expect(results.items.map((i: { external_key: string }) => i.external_key)).toEqual(['S-001', 'S-002']);
    expect(sheet.actualRowCount).toBe(3 + results.items.length + 1);
    results.items.forEach((item: Record<string, any>, n: number) => {
      const row = sheet.getRow(4 + n);
      const dash = (v: unknown) => (v === null ? '—' : v);
      expect(values(row, RESULT_HEADERS.length), item.external_key).toEqual([
        item.external_key, item.entry_name, item.department, dash(item.target), item.contract_availability, dash(item.own_availability), dash(item.vendor_availability),
        dash(item.diff_contract_vendor), item.differs ? '差異あり' : '', item.outage_count, item.outage_minutes, dash(item.mttr_minutes),
        item.met === null ? '目標なし' : item.met ? '達成' : '未達', dash(item.credit_percent), dash(item.credit_yen),
      ]);
    });

    const s1 = sheet.getRow(4);
    expect(s1.getCell(col('管理番号')).value).toBe('S-001');
    expect(s1.getCell(col('事業者報告')).value).toBe(99.9);
    expect(s1.getCell(col('契約基準の稼働率')).value).toBeCloseTo(100 - (150 / 44640) * 100, 3);
    expect(s1.getCell(col('停止回数')).value).toBe(2);
    expect(s1.getCell(col('停止時間(分)')).value).toBe(150);
    expect(s1.getCell(col('事業者報告との差異')).value).toBe('差異あり');
    expect(s1.getCell(col('達成/未達')).value).toBe('達成');
    expect(s1.getCell(col('契約基準の稼働率')).numFmt).toBe('0.000"%"');
    for (const c of [1, col('事業者報告との差異'), RESULT_HEADERS.length]) expect((s1.getCell(c).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFE699');

    const s2 = sheet.getRow(5);
    expect(s2.getCell(col('管理番号')).value).toBe('S-002');
    expect(s2.getCell(col('事業者報告')).value).toBe(100);
    expect(s2.getCell(col('事業者報告との差異')).value).toBeNull();
    expect(s2.getCell(col('減額(円)')).value).toBe('—');
    expect((s2.getCell(1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFE699');

    const totals = sheet.getRow(6);
    expect(totals.getCell(col('管理番号')).value).toBe('合計');
    expect(totals.getCell(col('サービス名')).value).toBe('2サービス');
    expect(totals.getCell(col('事業者報告との差異')).value).toBe(`${results.summary.differs}件`);
    expect(totals.getCell(col('停止回数')).value).toBe(2);
    expect(totals.getCell(col('停止時間(分)')).value).toBe(150);
    expect(totals.getCell(col('達成/未達')).value).toBe(`達成${results.summary.met}・未達${results.summary.breached}`);
    expect(totals.getCell(col('減額(円)')).value).toBe(results.summary.credit_yen_total);
    expect(results.summary.differs).toBe(1);

    const [audit] = await auditEntries(t, { action: 'sla_report.export', afterSeq: head });
    expect(audit.after).toEqual({ month: OCT, format: 'xlsx', services: 2 });
  });

  it('lists every outage of those services overlapping the month in 障害明細, in Japan time', async () => {
    const workbook = await workbookOf((await api(t.app, viewer).get(`/api/sla/results/export?month=${OCT}`)).rawPayload);
    const detail = workbook.getWorksheet('障害明細')!;
    expect(values(detail.getRow(1), DETAIL_HEADERS.length)).toEqual(DETAIL_HEADERS);
    const rows = Array.from({ length: detail.actualRowCount - 1 }, (_, i) => values(detail.getRow(i + 2), DETAIL_HEADERS.length));
    expect(rows).toEqual([
      ['S-001', '住民基本台帳システム', '事業者報告', '2026/10/05 09:30', '', '', '', '2026/10/05 11:00', 90, 90, '事業者側の障害', 'ログイン不可, DB障害'],
      // Runs into November: 120 minutes in all, 60 of them in October. A formula-like text stays text.
      ['S-001', '住民基本台帳システム', '手入力', '2026/10/31 23:00', '', '', '', '2026/11/01 01:00', 120, 60, '原因不明', '=HYPERLINK("http://example.com")'],
    ]);
    expect(detail.getCell('L3').type).toBe(ExcelJS.ValueType.String);
  });

  it('lets viewers export, refuses a bad month, and shows another organisation nothing of ours', async () => {
    expectStatus(await api(t.app, viewer).get(`/api/sla/results/export?month=${OCT}`), 200);
    expectError(await api(t.app, editor).get('/api/sla/results/export?month=2026-13'), 400, 'validation_failed');
    expectError(await api(t.app, editor).get('/api/sla/results/export'), 400, 'validation_failed');
    expectError(await api(t.app, null).get(`/api/sla/results/export?month=${OCT}`), 401, 'unauthenticated');

    const theirs = await workbookOf((await api(t.app, outsider).get(`/api/sla/results/export?month=${OCT}`)).rawPayload);
    const sheet = theirs.getWorksheet('月次結果')!;
    expect(sheet.actualRowCount).toBe(4); // title, figures, header, totals
    expect(sheet.getRow(4).getCell(1).value).toBe('合計');
    expect(theirs.getWorksheet('障害明細')!.actualRowCount).toBe(1);
  });
});
