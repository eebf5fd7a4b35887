import { describe, expect, inject, it } from 'vitest';
import { checkA11y, newPage, signIn, visit, useBrowser } from './support/browser.ts';

describe('navigation follows permissions', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  it('a viewer sees neither 管理 nor 利用者, and the users page refuses them', async () => {
    const { context, page } = await newPage(chromium.browser, baseUrl);
    await visit(page, '/login', 'login');
    await signIn(page, 'viewer@city.demo.daicho.example');
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    await checkA11y(page, 'viewer home');
    expect(await page.getByTestId('user-role').textContent()).toBe('閲覧者');

    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    const navText = await nav.innerText();
    expect(navText).toContain('ホーム');
    expect(navText).toContain('個人設定');
    for (const hidden of ['管理', '利用者', '団体', 'APIトークン', '監査ログ']) expect(navText).not.toContain(hidden);

    // A typed-in address does not open the page either.
    await visit(page, '/users', 'users refused');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('この画面を表示する権限がありません');
    await context.close();
  });
});
