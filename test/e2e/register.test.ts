// The register in the browser: an editor filters the list, opens an entry, changes its classification
// with a reason, imports a spreadsheet (dry run, fix an error, commit) and exports; a viewer cannot edit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { checkA11y, chooseOption, newPage, pageErrors, screenshot, signIn, visit, useBrowser } from './support/browser.ts';

const HEADERS = ['管理番号', 'サービス名', '事業者名', 'サービス形態', '区分', '所管課', 'ネットワーク区分', 'データの保管場所', '状態', '契約形態', '扱う個人データ', '保有する住民数', '分類体系', '機密性', '住民影響'];

async function spreadsheet(residentImpact: number): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台帳');
  sheet.addRow(HEADERS);
  sheet.addRow(['E2E-001', '粗大ごみ受付システム', 'E2E取込株式会社', 'SaaS', '申請系サービス', '環境課', 'インターネット接続系', '国内', '利用中', '約款', '氏名、住所、電話番号', 3000, 'mic-2024', '3C', residentImpact]);
  sheet.addRow(['E2E-002', '公園予約システム', 'E2E取込株式会社', 'SaaS', '申請系サービス', '公園課', 'インターネット接続系', '国内', '利用中', '約款', '氏名、メールアドレス', 800, 'mic-2024', '2', 2]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-e2e-')), `import-${residentImpact}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}

describe('外部サービス台帳', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  async function signedInEditor(): Promise<Page> {
    const { page } = await newPage(chromium.browser, baseUrl);
    await visit(page, '/login', 'login');
    await signIn(page, 'editor@city.demo.daicho.example');
    return page;
  }

  it('an editor filters, opens an entry and reclassifies it with a reason', async () => {
    const page = await signedInEditor();
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '外部サービス台帳' }).click();
    await page.getByRole('heading', { level: 1, name: '外部サービス台帳' }).waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(10);
    await checkA11y(page, 'register list');
    await screenshot(page, 'register-list.png');

    await page.getByRole('button', { name: '新規登録' }).click();
    const drawer = page.getByRole('dialog', { name: '外部サービスの新規登録' });
    await drawer.waitFor();
    await checkA11y(page, 'create entry drawer');
    await drawer.getByRole('button', { name: 'キャンセル' }).click();
    await drawer.waitFor({ state: 'hidden' });

    await page.getByRole('searchbox', { name: /キーワード/ }).fill('国民健康');
    await page.getByRole('button', { name: '検索' }).click();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    expect(page.url()).toContain('q=');
    await checkA11y(page, 'register list filtered');

    await page.getByRole('link', { name: '国民健康保険システム' }).click();
    await page.getByRole('heading', { level: 1, name: '国民健康保険システム' }).waitFor();
    await checkA11y(page, 'entry overview');
    await page.getByRole('tab', { name: '分類・影響度' }).click();
    await page.getByText('行政運営影響度').first().waitFor();
    await checkA11y(page, 'entry classification');
    await screenshot(page, 'register-entry.png');

    await page.getByRole('button', { name: '分類を変更' }).click();
    const dialog = page.getByRole('dialog', { name: '分類・影響度の変更' });
    await dialog.waitFor();
    await chooseOption(page, '住民影響', '2：内部事務・入札等、または窓口で代替可能', dialog);
    // The old reason explained the old level: it is cleared, and a new one is asked for before saving.
    const residentReason = dialog.getByLabel('住民影響の理由');
    expect(await residentReason.inputValue()).toBe('');
    await dialog.getByLabel('変更の理由').fill('窓口での代替手順を整備したため');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('分類を変えたので、新しい理由を書いてください').waitFor();
    await residentReason.fill('窓口で紙の申請書により代替できる');
    await checkA11y(page, 'reclassify dialog');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: '添付ファイル' }).click();
    await page.getByText('添付ファイルはまだありません').waitFor();
    const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-e2e-')), 'SLA別紙.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n% SLA 99.5%\n%%EOF\n');
    await page.locator('.ant-tabs-tabpane-active input[type=file]').setInputFiles(pdf);
    await page.getByRole('link', { name: /SLA別紙\.pdf/ }).waitFor();
    await checkA11y(page, 'entry attachments');

    await page.getByRole('tab', { name: '履歴' }).click();
    // The reason reads in the classification history and in the change trail below it.
    await page.getByText('窓口での代替手順を整備したため').first().waitFor();
    await checkA11y(page, 'entry history');
    expect(pageErrors(page)).toEqual([]);
  });

  it('an editor imports a spreadsheet: dry run, fix the error, commit; and exports the register', async () => {
    const page = await signedInEditor();
    await visit(page, '/register/import', 'import');
    await page.locator('input[type=file]').setInputFiles(await spreadsheet(5));
    await page.getByText('エラー（すべて直してから取り込んでください）').waitFor();
    await page.getByRole('cell', { name: '住民影響' }).waitFor();
    expect(await page.getByRole('button', { name: 'この内容で取り込む' }).isDisabled()).toBe(true);
    await checkA11y(page, 'import with errors');

    await page.locator('input[type=file]').setInputFiles(await spreadsheet(3));
    await page.getByText(/新規 2件/).first().waitFor();
    await checkA11y(page, 'import ready');
    await screenshot(page, 'register-import.png');
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.getByText('取り込みました（新規 2件 / 更新 0件）').first().waitFor();
    await checkA11y(page, 'import done');

    await visit(page, `/register?q=${encodeURIComponent('E2E取込')}`, 'register after import');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(2);

    // The list's export holds what the list shows: the two filtered rows, in its columns.
    const readDownload = async (name: RegExp) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      const file = path.join(os.tmpdir(), `daicho-export-${Date.now()}.xlsx`);
      await download.saveAs(file);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      return workbook.worksheets[0];
    };
    const listed = await readDownload(/^Excel出力$/);
    expect((listed.getRow(1).values as string[]).slice(1, 4)).toEqual(['管理番号', 'サービス名', '事業者']);
    expect(listed.rowCount).toBe(3);
    expect(listed.getColumn(2).values).toEqual(expect.arrayContaining(['粗大ごみ受付システム', '公園予約システム']));
    // The import layout: every field of the same two entries.
    const full = await readDownload(/取込形式で全項目を出力/);
    expect(full.rowCount).toBe(3);
    expect(full.getRow(1).values).toEqual(expect.arrayContaining(['扱う個人データ', '分類体系', '行政運営影響度（参考）']));

    await visit(page, '/register/overview', 'overview');
    await page.locator('canvas').first().waitFor();
    await screenshot(page, 'register-overview.png');
    expect(pageErrors(page)).toEqual([]);
  });

  it('a viewer reads the register but cannot edit or import', async () => {
    const { page } = await newPage(chromium.browser, baseUrl);
    await visit(page, '/login', 'login');
    await signIn(page, 'viewer@city.demo.daicho.example');
    await visit(page, '/register', 'viewer register');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(10);
    expect(await page.getByRole('button', { name: '新規登録' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '一括取込' }).count()).toBe(0);
    await page.locator('.ant-table-row a').first().click();
    await page.getByText('この外部サービスを編集する権限がありません').waitFor();
    await checkA11y(page, 'viewer entry');
    expect(await page.getByRole('button', { name: '編集' }).count()).toBe(0);
  });
});
