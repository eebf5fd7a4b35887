// 関係事業者 in the browser: an editor adds an IaaS provider from the platform, an application vendor,
// an operations contractor and its subcontractor (approval requested: flagged), approves the
// subcontractor (the flag goes), opens 委託先の一覧 and exports it.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, chooseOption, fillDate, newPage, pageErrors, screenshot, signIn, visit, useBrowser, createEntry } from './support/browser.ts';

const EDITOR = 'editor@city.demo.daicho.example';
const RUN = Date.now().toString(36).slice(-5);

/** A vendor of the city's own list, added through the API from inside the page. */
async function addVendor(page: Page, name: string): Promise<string> {
  return page.evaluate(async (vendorName) => {
    const me = await (await fetch('/api/auth/me')).json();
    const response = await fetch('/api/register/vendors', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token }, body: JSON.stringify({ name: vendorName }) });
    if (!response.ok) throw new Error(`add vendor: ${response.status} ${await response.text()}`);
    return (await response.json()).id as string;
  }, name);
}

describe('parties of a service', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  it('an editor records the parties and a subcontractor, approves it, and exports the chains', async () => {
    const { page } = await newPage(chromium.browser, baseUrl);
    await page.setViewportSize({ width: 1366, height: 900 });
    await visit(page, '/login', 'login');
    await signIn(page, EDITOR);
    const entry = await createEntry(page, `責任分界確認用 住民記録システム ${RUN}`);
    const app = `E2E住記アプリ株式会社${RUN}`;
    const ops = `E2E運用サービス株式会社${RUN}`;
    const sub = `E2E再委託株式会社${RUN}`;
    for (const name of [app, ops, sub]) await addVendor(page, name);

    await visit(page, `/register/${entry.id}?tab=parties`, 'responsibility tab empty');
    const section = page.getByTestId('parties-section');
    await section.getByText('関係事業者はまだ登録されていません').waitFor();

    const add = async (role: string, vendor: string, more?: (drawer: ReturnType<Page['getByRole']>) => Promise<void>) => {
      await section.getByRole('button', { name: '関係事業者を追加' }).click();
      const drawer = page.getByRole('dialog', { name: '関係事業者の追加' });
      await drawer.waitFor();
      await chooseOption(page, '役割', role, drawer);
      await chooseOption(page, '事業者', vendor, drawer);
      if (more) await more(drawer);
      await drawer.getByRole('button', { name: '保存' }).click();
      await drawer.waitFor({ state: 'hidden' });
      await section.getByRole('row').filter({ hasText: vendor }).first().waitFor();
    };

    // The IaaS is a vendor on the platform; the others are on the city's own list.
    await add('クラウド基盤（IaaS）事業者', 'デモ自治体クラウド株式会社', async (drawer) => {
      await drawer.getByLabel('契約番号等').fill('R8-情-0042');
      await checkA11y(page, 'party drawer');
    });
    await add('アプリケーション事業者', app, async (drawer) => {
      await drawer.getByLabel('標準化基準に適合したアプリケーション（標準準拠システム）').check();
    });
    await add('運用事業者（運用管理補助者）', ops, async (drawer) => {
      await drawer.getByLabel('取り扱うデータ').fill('障害対応時のログ、バックアップ媒体');
    });
    // The subcontractor: its parent is chosen among this service's parties; approval requested.
    await add('再委託先', sub, async (drawer) => {
      await chooseOption(page, '委託元', `${ops}（運用事業者（運用管理補助者））`, drawer);
      await chooseOption(page, '再委託の承認', '承認申請中', drawer);
      await fillDate(drawer.getByLabel('承認の申請日'), '2026-10-01');
    });
    const subRow = section.getByRole('row').filter({ hasText: sub });
    await subRow.getByText('未承認の再委託先').waitFor();
    await subRow.getByText('承認申請中').waitFor();
    await checkA11y(page, 'parties with an unapproved subcontractor');
    await screenshot(page, 'parties.png');

    // Approving it: the decision needs a date and an approver; then the flag goes.
    await section.getByRole('button', { name: `${sub}を編集` }).click();
    const drawer = page.getByRole('dialog', { name: '関係事業者の編集' });
    await drawer.waitFor();
    await chooseOption(page, '再委託の承認', '承認済み', drawer);
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.getByText('承認・不承認の日付', { exact: true }).waitFor();
    await fillDate(drawer.getByLabel('承認・不承認の日付'), '2026-10-05');
    await drawer.getByLabel('承認者').fill('情報政策課長');
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await subRow.getByText('承認済み').waitFor();
    await subRow.getByText('未承認の再委託先').waitFor({ state: 'detached' });
    expect(await section.getByRole('row').count()).toBe(5);

    // 委託先の一覧: this service's chain, linked back to its tab; the export is a workbook.
    await section.getByRole('link', { name: '委託先の一覧（再委託）' }).click();
    await page.getByRole('heading', { level: 1, name: '委託先の一覧（再委託）' }).waitFor();
    await checkA11y(page, 'subcontract chains');
    const card = page.getByRole('heading', { level: 2, name: `${entry.external_key} 責任分界確認用 住民記録システム ${RUN}` });
    await card.waitFor();
    expect(await card.getByRole('link').getAttribute('href')).toBe(`/register/${entry.id}?tab=parties`);
    const exported = await page.evaluate(async () => {
      const response = await fetch('/api/register/subcontract-chains.xlsx');
      return { status: response.status, type: response.headers.get('content-type'), size: (await response.arrayBuffer()).byteLength };
    });
    expect(exported.status).toBe(200);
    expect(exported.type).toContain('spreadsheetml');
    expect(exported.size).toBeGreaterThan(1000);
    expect(await page.getByRole('link', { name: 'Excelで出力' }).getAttribute('href')).toBe('/api/register/subcontract-chains.xlsx');
    await page.getByText('指摘のあるサービスだけ表示').click();
    await checkA11y(page, 'subcontract chains flagged only');
    await page.getByText('指摘のあるサービスだけ表示').click();
    await card.waitFor();
    await screenshot(page, 'subcontract-chains.png');

    expect(pageErrors(page)).toEqual([]);
  });
});
