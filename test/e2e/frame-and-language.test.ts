import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { checkA11y, chooseLanguage, newPage, pageErrors, screenshot, signIn, visit, useBrowser } from './support/browser.ts';

const EDITOR = 'editor@city.demo.daicho.example';

async function heading(page: Page, name: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('the app frame for an editor', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  it('signs in, shows organisation, user and role, and switches to English and back', async () => {
    const { context, page } = await newPage(chromium.browser, baseUrl);
    await visit(page, '/login', 'login');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await screenshot(page, 'login.png');

    await signIn(page, EDITOR);
    await heading(page, 'ホーム');
    await checkA11y(page, 'home');
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.getByTestId('organisation-name').textContent()).toBe('サンプル市');
    expect(await page.getByTestId('user-name').textContent()).toBe('所管 花子');
    expect(await page.getByTestId('user-role').textContent()).toBe('編集者');
    expect(await page.getByTestId('demo-banner').textContent()).toContain('デモデータ（架空）');
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    expect(await nav.getByRole('link', { name: 'ホーム' }).count()).toBe(1);
    expect(await page.getByText('団体コード').first().isVisible()).toBe(true);
    await screenshot(page, 'home.png');

    await chooseLanguage(page, 'English');
    await heading(page, 'Home');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('user-role').textContent()).toBe('Editor');
    // Names kept in both languages read in English: the organisation in the header, the categories.
    expect(await page.getByTestId('organisation-name').textContent()).toBe('Sample City');
    expect(await page.locator('main').innerText()).toContain('(Core systems)');
    expect(await page.getByTestId('demo-banner').textContent()).toContain('Demo data (fictional)');
    expect(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Home' }).count()).toBe(1);
    await checkA11y(page, 'home in English');

    // The choice survives a reload: it is kept on this device and in the profile.
    await page.reload();
    await heading(page, 'Home');

    await chooseLanguage(page, '日本語');
    await heading(page, 'ホーム');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await checkA11y(page, 'home back in Japanese');

    await visit(page, '/profile', 'profile');
    await heading(page, '個人設定');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('runs under the server’s Content Security Policy without violations', async () => {
    const { context, page } = await newPage(chromium.browser, baseUrl, { enforceCsp: true });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await page.goto('/login');
    await heading(page, 'ログイン');
    await signIn(page, EDITOR);
    await heading(page, 'ホーム');
    await page.getByRole('navigation').getByRole('link', { name: '利用者' }).click();
    await heading(page, '利用者');
    expect(violations).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
