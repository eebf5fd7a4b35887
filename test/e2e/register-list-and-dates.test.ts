// The register list at 1366×900 (the default columns fit; 行政運営影響度 and 想定損害額 in view), bulk
// status change of two selected rows, and dates: 和暦 chosen on the profile page shows on the entry
// page, and a date typed into the antd date field reaches the entry as YYYY-MM-DD.
import { describe, expect, inject, it } from 'vitest';
import { checkA11y, chooseOption, createEntry, fillDate, newPage, pageErrors, shot, signIn, useBrowser, visit } from './support/browser.ts';

describe('台帳の一覧・一括操作・日付', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  it('fits 1366 px, changes the status of two selected rows at once, and shows 和暦 when chosen', async () => {
    const { page } = await newPage(chromium.browser, baseUrl);
    await page.setViewportSize({ width: 1366, height: 900 });
    await visit(page, '/login', 'login');
    await signIn(page, 'editor@city.demo.daicho.example');
    const suffix = String(Date.now()).slice(-6);
    const first = await createEntry(page, `一括変更テストA-${suffix}`);
    await createEntry(page, `一括変更テストB-${suffix}`);

    // --- The default columns fit the list: no horizontal scroll, impact and damage in view.
    await visit(page, '/register', 'register list');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(10);
    const fit = await page.locator('.ant-table-content').evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    for (const header of ['行政運営影響度', '想定損害額']) {
      const box = await page.getByRole('columnheader', { name: header }).boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
    }
    await shot(page, 'register', 'list-1366');

    // --- Two rows selected, their status changed together.
    await page.getByRole('searchbox', { name: /キーワード/ }).fill(`一括変更テスト`);
    await page.getByRole('button', { name: '検索' }).click();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(2);
    await page.getByRole('checkbox', { name: `「一括変更テストA-${suffix}」を選択` }).check();
    await page.getByRole('checkbox', { name: `「一括変更テストB-${suffix}」を選択` }).check();
    const bar = page.getByRole('region', { name: '選択した外部サービスの一括操作' });
    expect(await bar.getByTestId('bulk-count').textContent()).toBe('2件を選択中');
    await checkA11y(page, 'register list with a selection');
    await bar.getByRole('button', { name: '状態を変更' }).click();
    const dialog = page.getByRole('dialog', { name: /状態を変更/ });
    await dialog.waitFor();
    await chooseOption(page, '状態', '終了予定', dialog);
    await checkA11y(page, 'bulk status dialog');
    await dialog.getByRole('button', { name: 'まとめて変更' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('2件を変更しました').waitFor();
    await expect.poll(() => page.locator('.ant-table-row').filter({ hasText: '終了予定' }).count()).toBe(2);
    await shot(page, 'register', 'bulk-status');

    // --- A contract end typed into the date field is saved as a date.
    await visit(page, `/register/${first.id}`, 'entry overview');
    await page.getByRole('button', { name: '編集' }).first().click();
    const drawer = page.getByRole('dialog', { name: '外部サービスの編集' });
    await drawer.waitFor();
    await fillDate(drawer.getByLabel('契約終了日'), '2027-03-31');
    await checkA11y(page, 'entry drawer with a date picker');
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.waitFor({ state: 'hidden' });
    const saved = await page.evaluate(async (id) => (await (await fetch(`/api/register/entries/${id}`)).json()).contract_end, first.id);
    expect(saved).toBe('2027-03-31');
    await page.getByText('2027/03/31').first().waitFor();

    // --- 和暦 on the profile page: the entry page shows 令和 dates.
    await visit(page, '/profile', 'profile');
    await page.getByRole('radiogroup', { name: '日付の表示' }).getByText('和暦', { exact: true }).click();
    await page.getByTestId('date-style-example').getByText('例: 令和8年12月2日').waitFor();
    await visit(page, `/register/${first.id}`, 'entry overview in 和暦');
    await page.getByText('令和9年3月31日').first().waitFor();
    await shot(page, 'register', 'entry-wareki');
    expect(pageErrors(page)).toEqual([]);
  });
});
