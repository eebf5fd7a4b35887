// 要対応 on the home pages with the demo data: the city's list leads with what is overdue and shows the
// 高 incident its vendor reported, one switch away from the editor's own items, each row opening the
// work; the prefecture sees its area (the incident among its municipalities) rather than its empty
// register; the vendor's home speaks to a vendor; on the answers page the vendor jumps to the next
// unanswered item, fills it and another, saves both at once, and sees a refused item keep its input.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { checkA11y, newPage, pageErrors, shot, signIn, useBrowser, visit } from './support/browser.ts';

const INCIDENT = 'データセンター間回線の障害による応答遅延・一部帳票の出力不可';

describe('what needs attention', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  async function home(email: string): Promise<Page> {
    const { page } = await newPage(chromium.browser, baseUrl);
    await page.setViewportSize({ width: 1366, height: 900 });
    await visit(page, '/login', 'login');
    await signIn(page, email);
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    return page;
  }

  /** Nothing wider than the window at 1366 px. */
  async function noSideways(page: Page) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }

  it("leads the city's home with its list, the 高 incident among it, and my items one switch away", async () => {
    const page = await home('editor@city.demo.daicho.example');
    const list = page.getByTestId('home-attention');
    await list.getByRole('heading', { name: '要対応' }).waitFor();
    const incident = list.getByRole('listitem').filter({ hasText: INCIDENT });
    await incident.getByText('重大度 高').first().waitFor();
    await incident.getByText('デモ自治体クラウド株式会社').waitFor();
    // Overdue first.
    expect(await list.getByRole('listitem').first().textContent()).toContain('期限超過');
    // Other test files on the same server add items (incidents, overdue answers): open the whole list.
    const more = list.getByRole('button', { name: /すべて表示/ });
    if (await more.count()) await more.click();
    await list.getByRole('listitem').filter({ hasText: 'SLA未達' }).first().waitFor();
    await list.getByRole('listitem').filter({ hasText: '事業者の回答の確認' }).first().waitFor();
    await checkA11y(page, 'city home with the attention list');
    await noSideways(page);
    await shot(page, 'attention', 'city-home');

    // Only mine: the editor has no 所管課, so only the items the editor reviews remain.
    await list.getByRole('switch', { name: '自分の担当だけ' }).click();
    await expect.poll(async () => list.getByRole('listitem').filter({ hasText: INCIDENT }).count(), { timeout: 30_000 }).toBe(0);
    await list.getByRole('listitem').filter({ hasText: '確認項目の期限' }).first().waitFor();
    const mine = await list.getByRole('listitem').allTextContents();
    expect(mine.length).toBeGreaterThan(0);
    for (const row of mine) expect(row).toContain('確認項目の期限');
    await checkA11y(page, 'city home, my items');
    await list.getByRole('switch', { name: '自分の担当だけ' }).click();

    // The row opens the incident.
    await list.getByRole('link', { name: INCIDENT }).click();
    await page.getByRole('heading', { level: 1, name: INCIDENT }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/incidents\/[0-9a-f-]+$/);
    expect(pageErrors(page)).toEqual([]);
  });

  it("shows the prefecture its area's incident instead of an empty register", async () => {
    const page = await home('editor@pref.demo.daicho.example');
    const list = page.getByTestId('home-attention');
    await list.getByRole('listitem').filter({ hasText: '管内のインシデント' }).filter({ hasText: INCIDENT }).waitFor();
    const area = page.getByTestId('home-area');
    await area.getByRole('heading', { name: '管内の状況' }).waitFor();
    await area.getByRole('link', { name: INCIDENT }).waitFor();
    // Its own register is empty: no register summary of zeros.
    expect(await page.getByRole('heading', { name: '外部サービス台帳', exact: true }).count()).toBe(0);
    expect(await list.getByRole('switch', { name: '自分の担当だけ' }).count()).toBe(1);
    await checkA11y(page, 'prefecture home');
    await noSideways(page);
    await shot(page, 'attention', 'prefecture-home');
    expect(pageErrors(page)).toEqual([]);
  });

  it("speaks to a vendor on its home, and on the answers page jumps to what is unanswered and saves all at once", async () => {
    const page = await home('member@vendor-a.demo.daicho.example');
    const list = page.getByTestId('home-attention');
    await list.getByRole('listitem').filter({ hasText: '自社サービスのインシデント' }).filter({ hasText: INCIDENT }).waitFor();
    const requests = page.getByTestId('home-vendor-requests');
    await requests.getByText('サンプル町', { exact: true }).waitFor();
    await requests.getByText('サンプル市', { exact: true }).waitFor();
    await page.getByTestId('home-vendor-services').getByText('自治体クラウド 住民記録・税').waitFor();
    await page.getByRole('heading', { name: '自社', exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: '自団体', exact: true }).count()).toBe(0);
    await checkA11y(page, 'vendor home');
    await noSideways(page);
    await shot(page, 'attention', 'vendor-home');

    // The town's overdue request opens the answers page of that service and catalogue.
    await list.getByRole('listitem').filter({ hasText: 'サンプル町' }).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /確認項目への回答/ }).waitFor();
    const bar = page.getByTestId('answers-toolbar');
    await bar.getByText('11 / 12 項目に回答済み').waitFor();
    await checkA11y(page, 'vendor answers with the toolbar');

    // Next unanswered: scrolled to and focused.
    await bar.getByRole('button', { name: /次の未回答の項目へ（残り1）/ }).click();
    const unanswered = page.locator('[data-testid^="answer-item-"]', { has: page.getByText('未回答', { exact: true }) });
    const key = ((await unanswered.getAttribute('data-testid')) ?? '').replace('answer-item-', '');
    await expect.poll(() => page.evaluate((k) => Boolean(document.activeElement?.closest(`[data-testid="answer-item-${k}"]`)), key)).toBe(true);
    await expect.poll(() => unanswered.evaluate((el) => el.getBoundingClientRect().top < window.innerHeight)).toBe(true);

    // Two items changed (the unanswered one and a note on another), one save for both.
    const target = page.getByTestId(`answer-item-${key}`);
    await target.getByLabel('回答', { exact: true }).fill('E2E 一括保存の回答');
    await target.getByLabel('補足').fill('E2E 一括保存の補足');
    const other = page.locator(`[data-testid^="answer-item-"]:not([data-testid="answer-item-${key}"])`).first();
    await other.getByLabel('補足').fill('E2E 一括保存で更新した補足');
    await target.getByText('未保存の変更').waitFor();
    await bar.getByRole('button', { name: '変更をすべて保存（2項目）' }).click();
    await bar.getByText('2項目の回答を保存しました。').waitFor();
    await bar.getByText('12 / 12 項目に回答済み').waitFor();
    await bar.getByRole('button', { name: 'すべての項目に回答済み' }).waitFor();
    await bar.getByRole('button', { name: '未保存の変更はありません' }).waitFor();
    await checkA11y(page, 'vendor answers saved all');
    await shot(page, 'attention', 'vendor-answers-saved');

    // One save for two changes, one of which the server refuses: the other is saved, the refused one keeps its input and is named.
    const refusedKey = ((await other.getAttribute('data-testid')) ?? '').replace('answer-item-', '');
    const refused = (url: URL) => url.pathname.endsWith(`/answers/${refusedKey}`);
    await page.route(refused, (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'validation_failed', message: '入力内容を確認してください', message_en: 'Check the input', details: [{ field: 'note', reason: '補足は4000文字以内にしてください', reason_en: 'At most 4000 characters' }] } }),
          })
        : route.continue(),
    );
    await other.getByLabel('補足').fill('E2E 保存できない補足');
    await target.getByLabel('補足').fill('E2E 二度目の一括保存');
    await bar.getByRole('button', { name: '変更をすべて保存（2項目）' }).click();
    await bar.getByText(/1項目の回答を保存しました。 1項目は保存できませんでした/).waitFor();
    await bar.getByText(`${refusedKey}: 補足は4000文字以内にしてください`).waitFor();
    await other.getByText('補足は4000文字以内にしてください').waitFor();
    expect(await other.getByLabel('補足').inputValue()).toBe('E2E 保存できない補足');
    await bar.getByRole('button', { name: '変更をすべて保存（1項目）' }).waitFor();
    await checkA11y(page, 'vendor answers with a refused item');
    await page.unroute(refused);
    expect(pageErrors(page)).toEqual([]);
  });
});
