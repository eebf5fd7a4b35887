// Catalogues: the browser (list, one version with mappings both ways, history, reference catalogues),
// an organisation's own questionnaire imported from YAML or .xlsx (dry run, all-or-nothing commit,
// versions with sha256, hostile files refused with their place, nothing written), another
// organisation's questionnaire unseen, permissions, and the assessment rules.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildOperator, buildUser, buildVendor } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { uploadFile } from '../support/register.ts';
import { applicableCatalogues } from '../../src/server/services/catalogues/rules.ts';
import { syncPlatformCatalogues } from '../../src/server/services/catalogues/registry.ts';

const CONFIRMATION = 'urn:daicho:catalogue:confirmation-items';
const JISQ = 'urn:daicho:catalogue:jisq27017';

function questionnaire(options: { urn?: string; version?: string; itemName?: string; extra?: string; refs?: string } = {}): Buffer {
  return Buffer.from(`catalogue: ${options.urn ?? 'urn:daicho:catalogue:org-privacy'}
version: '${options.version ?? '1'}'
kind: questionnaire
name: { ja: 個人情報の独自確認, en: "Own privacy checks" }
categories:
  - key: privacy
    number: '1'
    name: { ja: 個人情報, en: "Personal data" }
    items:
      - key: P-1
        name: { ja: ${options.itemName ?? '年次報告'}, en: "Yearly report" }
        answer: { type: status }
        refs: [${options.refs ?? `${CONFIRMATION}:item:4-1`}]
${options.extra ?? ''}`);
}

const yamlImport = (t: { app: Parameters<typeof uploadFile>[0] }, session: Session, content: Buffer, dryRun: boolean, filename = 'questionnaire.yaml') =>
  uploadFile(t.app, session, `/api/catalogues/import?dry_run=${dryRun}`, filename, content);

type ImportErrors = { sheet: string | null; path: string | null; row: number; column: string; value: string; reason: string; reason_en?: string }[];

describe.each(dialects)('catalogues on %s', (dialect) => {
  const t = useTestApp(dialect);
  let admin: Session;
  let editor: Session;
  let viewer: Session;
  let otherAdmin: Session;
  let vendorMember: Session;
  let vendorAdmin: Session;
  let operator: Session;
  let cityId: string;

  const versionCount = async () => Number((await t.db.selectFrom('catalogue_versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    const city = await buildMunicipality(t);
    cityId = city.id;
    admin = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'org_admin' }));
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    viewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    otherAdmin = await signInFully(t.app, await buildUser(t, { organisation: await buildMunicipality(t), role: 'org_admin' }));
    const vendor = await buildVendor(t);
    vendorMember = await signInFully(t.app, await buildUser(t, { organisation: vendor, role: 'vendor_member' }));
    vendorAdmin = await signInFully(t.app, await buildUser(t, { organisation: vendor, role: 'org_admin' }));
    operator = await signInFully(t.app, await buildUser(t, { organisation: await buildOperator(t), role: 'operator_admin' }));
  });

  describe('browser', () => {
    it('lists the shipped catalogues with version, sha256 and counts, and the reference catalogues', async () => {
      const res = await api(t.app, viewer).get('/api/catalogues');
      expectStatus(res, 200);
      const body = res.json();
      const urns = body.items.map((i: { urn: string }) => i.urn);
      expect(urns).toEqual(expect.arrayContaining([CONFIRMATION, JISQ, 'urn:daicho:catalogue:cloud-risks', 'urn:daicho:catalogue:cloud-guideline', 'urn:daicho:catalogue:contractor-checklist']));
      const confirmation = body.items.find((i: { urn: string }) => i.urn === CONFIRMATION);
      expect(confirmation).toMatchObject({ version: '2024.1', scope: 'platform', source: 'file', source_name: 'confirmation-items.yaml', item_count: 12, category_count: 9, assessable: true, is_current: true });
      expect(confirmation.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(body.items.find((i: { urn: string }) => i.urn === JISQ)).toMatchObject({ assessable: false, item_count: 44 });
      expect(body.items.find((i: { urn: string }) => i.urn === 'urn:daicho:catalogue:cloud-risks').item_count).toBe(10);
      expect(body.reference.map((r: { name: string }) => r.name).sort()).toEqual(['classification-schemes', 'disposal-methods', 'failure-patterns', 'responsibility-layers', 'sla-items']);
      for (const r of body.reference) expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(body.reference.find((r: { name: string }) => r.name === 'failure-patterns')).toMatchObject({ file: 'failure-patterns.yaml', entry_count: 9 });
    });

    it('lets a vendor read catalogues (to answer) and refuses the operator, audited', async () => {
      expectStatus(await api(t.app, vendorMember).get('/api/catalogues'), 200);
      expectError(await api(t.app, operator).get('/api/catalogues'), 403, 'forbidden');
      expect((await auditEntries(t, { action: 'permission.denied' })).some((e) => e.target_type === 'catalogue')).toBe(true);
    });

    it('shows a version with its mappings resolved both ways', async () => {
      const list = (await api(t.app, vendorMember).get('/api/catalogues')).json();
      const idOf = (urn: string) => list.items.find((i: { urn: string }) => i.urn === urn).id;
      const res = await api(t.app, vendorMember).get(`/api/catalogues/versions/${idOf(CONFIRMATION)}`);
      expectStatus(res, 200);
      const detail = res.json();
      expect(detail.categories).toHaveLength(9);
      const item = detail.categories[0].items.find((i: { key: string }) => i.key === '1-1');
      expect(item.urn).toBe(`${CONFIRMATION}:item:1-1`);
      expect(item.guidance.ja).toContain('平常時');
      expect(item.evidence.length).toBeGreaterThan(0);
      expect(item.refs).toContainEqual({ urn: `${JISQ}:item:16.1.1`, catalogue_urn: JISQ, catalogue_version_id: idOf(JISQ), catalogue_name: expect.objectContaining({ ja: expect.any(String) }), item_key: '16.1.1', item_name: expect.objectContaining({ ja: expect.any(String) }) });

      const control = (await api(t.app, vendorMember).get(`/api/catalogues/versions/${idOf(JISQ)}`)).json();
      const c1611 = control.categories.flatMap((c: { items: unknown[] }) => c.items).find((i: { key: string }) => i.key === '16.1.1');
      const from = c1611.referenced_by.map((l: { urn: string }) => l.urn);
      expect(from).toEqual(expect.arrayContaining([`${CONFIRMATION}:item:1-1`, 'urn:daicho:catalogue:cloud-guideline:item:G1-1']));
      expect(c1611.referenced_by.find((l: { urn: string }) => l.urn === `${CONFIRMATION}:item:1-1`).catalogue_version_id).toBe(idOf(CONFIRMATION));
    });

    it('answers 404 for an unknown version and a malformed id is a 400', async () => {
      expectError(await api(t.app, viewer).get('/api/catalogues/versions/0190f0f0-0000-7000-8000-000000000000'), 404, 'not_found');
      expectError(await api(t.app, viewer).get('/api/catalogues/versions/nope'), 400, 'validation_failed');
    });

    it('records each version with its sha256 (history) and serves reference catalogues', async () => {
      const history = await api(t.app, viewer).get(`/api/catalogues/history?urn=${encodeURIComponent(CONFIRMATION)}`);
      expectStatus(history, 200);
      expect(history.json().items).toHaveLength(1);
      expect(history.json().items[0].sha256).toMatch(/^[0-9a-f]{64}$/);
      expectError(await api(t.app, viewer).get('/api/catalogues/history?urn=urn:daicho:catalogue:nothing'), 404, 'not_found');

      const patterns = await api(t.app, vendorMember).get('/api/catalogues/reference/failure-patterns');
      expectStatus(patterns, 200);
      expect(patterns.json().content.patterns).toHaveLength(9);
      // Table 2-15's six main countermeasures, and Table 2-14 as data: pattern (9) fails all three carrier components and both office ones.
      expect(patterns.json().content.countermeasures.filter((c: { table: boolean }) => c.table)).toHaveLength(6);
      expect(patterns.json().content.patterns[8].fails).toEqual(['urn:daicho:component:backbone', 'urn:daicho:component:exchange-building', 'urn:daicho:component:access-line', 'urn:daicho:component:office-network-devices', 'urn:daicho:component:office-terminals']);
      const disposal = (await api(t.app, viewer).get('/api/catalogues/reference/disposal-methods')).json();
      expect(disposal.content.methods.map((m: { id: string }) => m.id)).toContain('urn:daicho:disposal-method:cryptographic-erase');
      const layers = (await api(t.app, viewer).get('/api/catalogues/reference/responsibility-layers')).json();
      expect(layers.content.roles.map((r: { id: string }) => r.id)).toContain('urn:daicho:responsibility-role:first-triage');
      expectStatus(await api(t.app, viewer).get('/api/catalogues/reference/sla-items'), 200);
      expectError(await api(t.app, viewer).get('/api/catalogues/reference/passwords'), 400, 'validation_failed');
    });

    it('refuses to start with a shipped catalogue whose version was recorded with other content, naming the file', async () => {
      const catalogues = t.deps.catalogues;
      const confirmation = catalogues.questionnaires.find((q) => q.data.catalogue === CONFIRMATION)!;
      const changed = { ...confirmation, data: { ...confirmation.data, name: { ja: '書き換えた名称', en: 'Changed' } } };
      const modified = { ...catalogues, questionnaires: catalogues.questionnaires.map((q) => (q === confirmation ? changed : q)) };
      await expect(syncPlatformCatalogues(t.db, modified, t.clock.now())).rejects.toThrow(/confirmation-items\.yaml.*2024\.1/);
    });
  });

  describe('YAML import', () => {
    it('dry run shows the summary and writes nothing; commit records the version, audited', async () => {
      const before = await versionCount();
      const dry = await yamlImport(t, admin, questionnaire(), true);
      expectStatus(dry, 200);
      expect(dry.json()).toMatchObject({ dry_run: true, format: 'yaml', ok: true, action: 'create', version_id: null, errors: [], summary: { urn: 'urn:daicho:catalogue:org-privacy', version: '1', item_count: 1, category_count: 1, replaces_version: null } });
      expect(await versionCount()).toBe(before);

      const commit = await yamlImport(t, admin, questionnaire(), false);
      expectStatus(commit, 200);
      const versionId = commit.json().version_id;
      expect(versionId).toEqual(expect.any(String));
      expect(commit.json().summary.sha256).toBe(dry.json().summary.sha256);
      const row = await t.db.selectFrom('catalogue_versions').selectAll().where('id', '=', versionId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ scope: cityId, source: 'import', catalogue_urn: 'urn:daicho:catalogue:org-privacy', version: '1', sha256: dry.json().summary.sha256 });
      expect(Number(row.is_current)).toBe(1);
      const audit = await auditEntries(t, { action: 'catalogue.import', targetId: versionId });
      expect(audit).toHaveLength(1);
      expect(audit[0].after).toMatchObject({ urn: 'urn:daicho:catalogue:org-privacy', version: '1', sha256: row.sha256 });

      const list = (await api(t.app, viewer).get('/api/catalogues')).json();
      expect(list.items.find((i: { urn: string }) => i.urn === 'urn:daicho:catalogue:org-privacy')).toMatchObject({ scope: 'organisation', source: 'import', id: versionId });
      // The mapping shows on the confirmation item too.
      const confirmationId = list.items.find((i: { urn: string }) => i.urn === CONFIRMATION).id;
      const confirmation = (await api(t.app, viewer).get(`/api/catalogues/versions/${confirmationId}`)).json();
      const item41 = confirmation.categories.flatMap((c: { items: unknown[] }) => c.items).find((i: { key: string }) => i.key === '4-1');
      expect(item41.referenced_by.map((l: { urn: string }) => l.urn)).toContain('urn:daicho:catalogue:org-privacy:item:P-1');
    });

    it("keeps one organisation's questionnaire from another (404) and from vendors", async () => {
      const mine = (await api(t.app, viewer).get('/api/catalogues')).json().items.find((i: { urn: string }) => i.urn === 'urn:daicho:catalogue:org-privacy');
      expectError(await api(t.app, otherAdmin).get(`/api/catalogues/versions/${mine.id}`), 404, 'not_found');
      expectError(await api(t.app, otherAdmin).get(`/api/catalogues/versions/${mine.id}/export.xlsx`), 404, 'not_found');
      expectError(await api(t.app, otherAdmin).get('/api/catalogues/history?urn=urn:daicho:catalogue:org-privacy'), 404, 'not_found');
      expect((await api(t.app, otherAdmin).get('/api/catalogues')).json().items.map((i: { urn: string }) => i.urn)).not.toContain('urn:daicho:catalogue:org-privacy');
      expectError(await api(t.app, vendorMember).get(`/api/catalogues/versions/${mine.id}`), 404, 'not_found');
      // Another organisation may use the same URN for its own questionnaire: scopes never mix.
      expectStatus(await yamlImport(t, otherAdmin, questionnaire({ itemName: '別の団体の項目' }), false), 200);
      const mineAgain = (await api(t.app, viewer).get(`/api/catalogues/versions/${mine.id}`)).json();
      expect(mineAgain.categories[0].items[0].name.ja).toBe('年次報告');
    });

    it('re-importing the same version with the same content changes nothing; with other content it is refused (409 version)', async () => {
      const before = await versionCount();
      const same = await yamlImport(t, admin, questionnaire(), false);
      expectStatus(same, 200);
      expect(same.json()).toMatchObject({ action: 'unchanged', ok: true });
      const dry = await yamlImport(t, admin, questionnaire({ itemName: '内容を変えた' }), true);
      expect(dry.json().ok).toBe(false);
      expect(dry.json().errors).toEqual([expect.objectContaining({ path: 'version', row: 2 })]);
      expectError(await yamlImport(t, admin, questionnaire({ itemName: '内容を変えた' }), false), 409, 'conflict', ['version']);
      expect(await versionCount()).toBe(before);
    });

    it('a new version becomes current and the previous one stays recorded', async () => {
      const res = await yamlImport(t, admin, questionnaire({ version: '2', itemName: '年次報告（改訂）' }), false);
      expectStatus(res, 200);
      expect(res.json().summary.replaces_version).toBe('1');
      const history = (await api(t.app, viewer).get('/api/catalogues/history?urn=urn:daicho:catalogue:org-privacy')).json();
      expect(history.items.map((i: { version: string; is_current: boolean }) => [i.version, i.is_current])).toEqual([
        ['2', true],
        ['1', false],
      ]);
      const old = history.items.find((i: { version: string }) => i.version === '1');
      expect((await api(t.app, viewer).get(`/api/catalogues/versions/${old.id}`)).json().categories[0].items[0].name.ja).toBe('年次報告');
    });

    it('only the organisation administrator imports (editor and vendor: 403, nothing written)', async () => {
      const before = await versionCount();
      expectError(await yamlImport(t, editor, questionnaire({ version: '9' }), false), 403, 'forbidden');
      expectError(await yamlImport(t, vendorAdmin, questionnaire({ version: '9' }), false), 403, 'forbidden');
      expect(await versionCount()).toBe(before);
    });

    it('refuses a shipped URN, a URN outside the org- namespace and a mapping to no item, each with its place', async () => {
      const before = await versionCount();
      const platform = await yamlImport(t, admin, questionnaire({ urn: CONFIRMATION }), true);
      expect(platform.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'catalogue', row: 1, reason: expect.stringContaining('Daicho が提供するカタログ') })]));
      expectError(await yamlImport(t, admin, questionnaire({ urn: CONFIRMATION }), false), 400, 'validation_failed');
      const outside = await yamlImport(t, admin, questionnaire({ urn: 'urn:daicho:catalogue:privacy' }), true);
      expect(outside.json().errors[0]).toMatchObject({ path: 'catalogue', reason: expect.stringContaining('urn:daicho:catalogue:org-') });
      const badRef = await yamlImport(t, admin, questionnaire({ version: '3', refs: `${CONFIRMATION}:item:99-9` }), true);
      expect(badRef.json().errors).toEqual([expect.objectContaining({ path: 'categories[0].items[0].refs[0]', row: 13, value: `${CONFIRMATION}:item:99-9` })]);
      expect(await versionCount()).toBe(before);
    });

    it('lists every schema problem with its path and line (unknown keys, bad answer type, duplicate keys)', async () => {
      const content = Buffer.from(`catalogue: urn:daicho:catalogue:org-bad
version: '1'
kind: questionnaire
colour: red
name: { ja: 悪い例, en: "Bad" }
categories:
  - key: a
    name: { ja: 区分, en: "Category" }
    items:
      - key: X-1
        name: { ja: 項目, en: "Item" }
        answer: { type: yes-no }
      - key: X-1
        name: { ja: 項目2, en: "Item 2" }
        answer: { type: text }
`);
      const res = await yamlImport(t, admin, content, true);
      expectStatus(res, 200);
      const errors = res.json().errors as ImportErrors;
      expect(errors.find((e) => e.path === 'colour')).toMatchObject({ row: 4, reason: expect.stringContaining('colour') });
      expect(errors.find((e) => e.path?.startsWith('categories[0].items[0].answer'))).toMatchObject({ row: 12 });
      for (const e of errors) expect(e.reason_en).toMatch(/[A-Za-z]/);
      const commit = await yamlImport(t, admin, content, false);
      const body = expectError(commit, 400, 'validation_failed');
      expect(body.error.details.map((d) => d.field)).toContain('colour（4行目）');

      // Once the shape is right, duplicate item keys are named too.
      const duplicate = await yamlImport(t, admin, Buffer.from(content.toString().replace('colour: red\n', '').replace('type: yes-no', 'type: status')), true);
      expect(duplicate.json().errors).toEqual([expect.objectContaining({ path: 'categories[0].items[1].key', row: 12, value: 'X-1', reason: expect.stringContaining('重複') })]);
    });

    const hostile: [string, Buffer, RegExp][] = [
      ['an alias bomb', Buffer.from(`a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`), /エイリアス|アンカー/],
      ['a __proto__ key', Buffer.from(`catalogue: urn:daicho:catalogue:org-x\n__proto__: { polluted: true }\n`), /__proto__/],
      ['a constructor key', Buffer.from(`catalogue: urn:daicho:catalogue:org-x\nname: { constructor: 1 }\n`), /constructor/],
      ['Shift_JIS text', iconv.encode(`catalogue: urn:daicho:catalogue:org-x\nname: { ja: 日本語, en: "x" }\n`, 'cp932'), /UTF-8/],
      ['deep nesting', Buffer.from(`a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`), /入れ子/],
      ['deep block nesting', Buffer.from(Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' end\n'), /入れ子/],
      ['a custom tag', Buffer.from(`catalogue: !!js/function "function(){}"\n`), /タグ|YAML/],
      ['two documents', Buffer.from(`a: 1\n---\nb: 2\n`), /YAML/],
      ['a YAML syntax error', Buffer.from(`catalogue: [unclosed\n`), /YAML/],
    ];
    it.each(hostile)('refuses %s with a clear error and writes nothing', async (_name, content, reason) => {
      const before = await versionCount();
      const dry = await yamlImport(t, admin, content, true);
      expectStatus(dry, 200);
      expect(dry.json().ok).toBe(false);
      expect(dry.json().errors.map((e: { reason: string }) => e.reason).join(' ')).toMatch(reason);
      expectError(await yamlImport(t, admin, content, false), 400, 'validation_failed');
      expect(await versionCount()).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses a file over 2 MB (413), an empty file and another type', async () => {
      const big = Buffer.concat([questionnaire({ version: '7' }), Buffer.from(`# ${'x'.repeat(2 * 1024 * 1024)}\n`)]);
      expectError(await yamlImport(t, admin, big, false), 413, 'payload_too_large');
      expectError(await yamlImport(t, admin, Buffer.alloc(0), true), 400, 'validation_failed', ['file']);
      expectError(await yamlImport(t, admin, questionnaire(), true, 'questionnaire.json'), 400, 'validation_failed', ['file']);
    });
  });

  describe('xlsx import and export', () => {
    async function template(session: Session) {
      const res = await api(t.app, session).get('/api/catalogues/template.xlsx');
      expectStatus(res, 200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return workbook;
    }
    const bytes = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());
    const xlsxImport = (session: Session, content: Buffer, dryRun: boolean, filename = 'questionnaire.xlsx') => uploadFile(t.app, session, `/api/catalogues/import?dry_run=${dryRun}`, filename, content);

    it('accepts its own template filled in, taking a formula cell’s saved value without computing it', async () => {
      const workbook = await template(admin);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['カタログ', '項目', '記入方法']);
      const head = workbook.getWorksheet('カタログ')!;
      head.getCell('B2').value = 'urn:daicho:catalogue:org-template';
      const items = workbook.getWorksheet('項目')!;
      items.getCell('F2').value = { formula: 'A1&"!"', result: '保存された値' } as ExcelJS.CellFormulaValue;
      const res = await xlsxImport(admin, await bytes(workbook), false);
      expectStatus(res, 200);
      expect(res.json()).toMatchObject({ ok: true, format: 'xlsx', action: 'create', summary: { urn: 'urn:daicho:catalogue:org-template', item_count: 2 } });
      const detail = (await api(t.app, viewer).get(`/api/catalogues/versions/${res.json().version_id}`)).json();
      expect(detail.categories[0].items[0].name.ja).toBe('保存された値');
      expect(detail.categories[0].items[1].answer).toMatchObject({ type: 'choice', choices: [{ code: 'one-year' }, { code: 'five-years' }] });
    });

    it('exports a version that imports back to the same content (same sha256)', async () => {
      const list = (await api(t.app, viewer).get('/api/catalogues')).json();
      const mine = list.items.find((i: { urn: string }) => i.urn === 'urn:daicho:catalogue:org-privacy');
      const exported = await api(t.app, viewer).get(`/api/catalogues/versions/${mine.id}/export.xlsx`);
      expectStatus(exported, 200);
      const res = await xlsxImport(admin, exported.rawPayload, true);
      expect(res.json()).toMatchObject({ ok: true, action: 'unchanged', version_id: mine.id, summary: { sha256: mine.sha256, version: mine.version } });
      // A shipped catalogue exports in the same layout (all 12 items); its URN cannot be imported.
      const shipped = await api(t.app, viewer).get(`/api/catalogues/versions/${list.items.find((i: { urn: string }) => i.urn === CONFIRMATION).id}/export.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(shipped.rawPayload as unknown as ArrayBuffer);
      expect(workbook.getWorksheet('項目')!.rowCount).toBe(13);
    });

    it('names the sheet, row, column and value of each problem', async () => {
      const workbook = await template(admin);
      workbook.getWorksheet('カタログ')!.getCell('B2').value = 'urn:daicho:catalogue:org-rows';
      const items = workbook.getWorksheet('項目')!;
      items.getCell('H2').value = 'yes-no';
      items.getCell('G3').value = '';
      const res = await xlsxImport(admin, await bytes(workbook), true);
      const errors = res.json().errors as ImportErrors;
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ sheet: '項目', row: 2, column: '回答形式', value: 'yes-no' }),
          expect.objectContaining({ sheet: '項目', row: 3, column: '項目名（英語）' }),
        ]),
      );
      const body = expectError(await xlsxImport(admin, await bytes(workbook), false), 400, 'validation_failed');
      expect(body.error.details.map((d) => d.field)).toContain('項目 2行目 回答形式');
    });

    it('refuses a workbook with wrong sheet names, unknown columns, and a file that is not a zip', async () => {
      const before = await versionCount();
      const wrong = new ExcelJS.Workbook();
      wrong.addWorksheet('Sheet1').addRow(['URN', 'urn:daicho:catalogue:org-x']);
      const res = await xlsxImport(admin, await bytes(wrong), true);
      expect(res.json().errors.map((e: { reason: string }) => e.reason).join(' ')).toMatch(/シート「カタログ」がありません.*Sheet1/);

      const unknown = await template(admin);
      unknown.getWorksheet('項目')!.getCell('S1').value = '色';
      expect((await xlsxImport(admin, await bytes(unknown), true)).json().errors).toEqual([expect.objectContaining({ sheet: '項目', row: 1, column: '色' })]);

      // A zip whose directory claims it inflates far beyond its size is refused before it is opened.
      const bomb = await bytes(await template(admin));
      const entry = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      bomb.writeUInt32LE(200 * 1024 * 1024, entry + 24);
      expect((await xlsxImport(admin, bomb, true)).json().errors[0].reason).toMatch(/展開後の大きさ/);

      const notZip = await xlsxImport(admin, Buffer.from('catalogue: not a workbook'), true);
      expect(notZip.json().errors[0].reason).toMatch(/ZIP/);
      expectError(await xlsxImport(admin, Buffer.from('catalogue: not a workbook'), false), 400, 'validation_failed');
      expect(await versionCount()).toBe(before);
    });
  });

  describe('assessment rules', () => {
    it('defaults to the confirmation items for every entry', async () => {
      const res = await api(t.app, viewer).get('/api/catalogues/rules');
      expectStatus(res, 200);
      expect(res.json()).toMatchObject({ using_default: true, default_catalogue_urn: CONFIRMATION, max_impact: 81, rules: [] });
      expect(res.json().options.map((o: { urn: string }) => o.urn)).not.toContain(JISQ);
      expect(await applicableCatalogues(t.deps, cityId, 1)).toEqual([CONFIRMATION]);
      expect(await applicableCatalogues(t.deps, cityId, 81)).toEqual([CONFIRMATION]);
    });

    it('refuses non-admins and bad rules, naming each field, and changes nothing', async () => {
      const good = { rules: [{ catalogue_urn: CONFIRMATION, min_impact: 1 }] };
      expectError(await api(t.app, editor).put('/api/catalogues/rules', good), 403, 'forbidden');
      expectError(await api(t.app, vendorAdmin).put('/api/catalogues/rules', good), 403, 'forbidden');
      const bad = {
        rules: [
          { catalogue_urn: CONFIRMATION, min_impact: 0 },
          { catalogue_urn: JISQ, min_impact: 10 },
          { catalogue_urn: 'urn:daicho:catalogue:nothing', min_impact: 82 },
          { catalogue_urn: CONFIRMATION, min_impact: 5 },
        ],
      };
      expectError(await api(t.app, admin).put('/api/catalogues/rules', bad), 400, 'validation_failed', ['rules.0.min_impact', 'rules.1.catalogue_urn', 'rules.2.catalogue_urn', 'rules.2.min_impact', 'rules.3.catalogue_urn']);
      expectError(await api(t.app, admin).put('/api/catalogues/rules', { rules: [{ catalogue_urn: CONFIRMATION, min_impact: 1.5 }] }), 400, 'validation_failed');
      expect((await api(t.app, viewer).get('/api/catalogues/rules')).json().using_default).toBe(true);
    });

    it('applies catalogues by administrative impact once set (audited), and an empty list returns to the default', async () => {
      const rules = { rules: [{ catalogue_urn: CONFIRMATION, min_impact: 1 }, { catalogue_urn: 'urn:daicho:catalogue:cloud-guideline', min_impact: 27 }, { catalogue_urn: 'urn:daicho:catalogue:org-privacy', min_impact: 9 }] };
      const res = await api(t.app, admin).put('/api/catalogues/rules', rules);
      expectStatus(res, 200);
      expect(res.json().using_default).toBe(false);
      expect(res.json().rules.map((r: { catalogue_urn: string; min_impact: number }) => [r.catalogue_urn, r.min_impact])).toEqual([
        [CONFIRMATION, 1],
        ['urn:daicho:catalogue:org-privacy', 9],
        ['urn:daicho:catalogue:cloud-guideline', 27],
      ]);
      expect(await applicableCatalogues(t.deps, cityId, 4)).toEqual([CONFIRMATION]);
      expect(await applicableCatalogues(t.deps, cityId, 12)).toEqual([CONFIRMATION, 'urn:daicho:catalogue:org-privacy']);
      expect(await applicableCatalogues(t.deps, cityId, 81)).toEqual([CONFIRMATION, 'urn:daicho:catalogue:org-privacy', 'urn:daicho:catalogue:cloud-guideline']);
      const audit = await auditEntries(t, { action: 'assessment_rules.update', targetId: cityId });
      expect(audit).toHaveLength(1);
      expect(audit[0].after.rules).toHaveLength(3);
      // Another organisation's rules are its own.
      expect((await api(t.app, otherAdmin).get('/api/catalogues/rules')).json().using_default).toBe(true);

      expectStatus(await api(t.app, admin).put('/api/catalogues/rules', { rules: [] }), 200);
      expect(await applicableCatalogues(t.deps, cityId, 12)).toEqual([CONFIRMATION]);
    });
  });
});
