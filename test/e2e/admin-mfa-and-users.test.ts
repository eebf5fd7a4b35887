import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatJapanDateTime } from '../../src/domain/japan-time.ts';
import { checkA11y, chooseOption, launchBrowser, newPage, screenshot, signIn, visit } from './support/browser.ts';
import { freshCode } from './support/totp.ts';

const ADMIN = 'ciso@city.demo.daicho.example';
const NEW_USER = { email: 'shinjin@city.demo.daicho.example', name: '新人 テスト' };

/** Yesterday's date in Japan (YYYY-MM-DD): a filter start that includes everything done today. */
function yesterdayInJapan(): string {
  return formatJapanDateTime(new Date(Date.now() - 86_400_000)).slice(0, 10).replace(/\//g, '-');
}

async function heading(page: Page, name: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

// The steps build on each other (enrolment, then sign-in with a code, then the audit trail), so
// they share one browser page and run in order.
describe('an administrator', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let secret = '';
  let usedStep = 0;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, baseUrl));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('is made to set up MFA at first sign-in and keeps the recovery codes', async () => {
    await visit(page, '/login', 'login');
    await signIn(page, ADMIN);
    await heading(page, '多要素認証の設定');
    expect(new URL(page.url()).pathname).toBe('/login/mfa-setup');
    secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByRole('img', { name: '認証アプリ登録用のQRコード' }).count()).toBe(1);
    await checkA11y(page, 'mfa setup');
    await screenshot(page, 'mfa-setup.png');

    const first = await freshCode(secret, 0);
    usedStep = first.step;
    await page.getByLabel('確認コード（6桁）').fill(first.code);
    await page.getByRole('button', { name: '有効にする' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await checkA11y(page, 'recovery codes');

    const finish = page.getByRole('button', { name: '完了' });
    expect(await finish.isDisabled()).toBe(true);
    await page.getByLabel('リカバリーコードを安全な場所に保管しました').check();
    await finish.click();
    await heading(page, 'ホーム');
    expect(await page.getByTestId('user-role').textContent()).toBe('団体管理者（CISO・情報政策）');
    await checkA11y(page, 'admin home');
  });

  it('signs out, and signs in again with a fresh authenticator code', async () => {
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await heading(page, 'ログイン');
    await signIn(page, ADMIN);
    await heading(page, '多要素認証');
    expect(new URL(page.url()).pathname).toBe('/login/mfa');
    await checkA11y(page, 'mfa code');

    const next = await freshCode(secret, usedStep);
    usedStep = next.step;
    await page.getByLabel('認証コード（6桁）またはリカバリーコード').fill(next.code);
    await page.getByRole('button', { name: '確認' }).click();
    await heading(page, 'ホーム');
    await checkA11y(page, 'admin home after MFA');
  });

  it('adds a user in 利用者 and sees the temporary password once', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '利用者' }).click();
    await heading(page, '利用者');
    await checkA11y(page, 'users');

    await page.getByRole('button', { name: '利用者を追加' }).click();
    const dialog = page.getByRole('dialog', { name: '利用者の追加' });
    await dialog.waitFor();
    await checkA11y(page, 'add user dialog');
    // Only the roles of a municipality are offered.
    await dialog.getByLabel('役割', { exact: true }).click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.allTextContents()).toEqual(['団体管理者（CISO・情報政策）', '編集者', '閲覧者', '監査担当']);
    await page.keyboard.press('Escape');

    await dialog.getByLabel('メールアドレス').fill(NEW_USER.email);
    await dialog.getByLabel('氏名（表示名）').fill(NEW_USER.name);
    await chooseOption(page, '役割', '閲覧者', dialog);
    // 所管課: the departments of the register are offered; the user's department shows in the list.
    await dialog.getByLabel('所管課').fill('市民');
    const offered = page.locator('.ant-select-dropdown:visible .ant-select-item-option-content');
    await expect.poll(() => offered.allTextContents()).toContain('市民課');
    await offered.filter({ hasText: /^市民課$/ }).click();
    expect(await dialog.getByLabel('所管課').inputValue()).toBe('市民課');
    await dialog.getByRole('button', { name: '作成' }).click();

    const password = page.getByTestId('temporary-password');
    await password.waitFor();
    expect(((await password.textContent()) ?? '').length).toBeGreaterThanOrEqual(12);
    await checkA11y(page, 'temporary password');
    await page.getByRole('dialog', { name: '仮パスワード' }).getByRole('button', { name: '閉じる' }).click();

    const row = page.getByRole('row', { name: new RegExp(NEW_USER.name) });
    await row.waitFor();
    expect(await row.innerText()).toContain('パスワード変更待ち');
    expect(await row.innerText()).toContain('市民課');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await screenshot(page, 'users.png');
  });

  it('finds the user creation in the audit log', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '監査ログ' }).click();
    await heading(page, '監査ログ');
    await checkA11y(page, 'audit log');

    // Actions are chosen by their names in the display language.
    // The list is long (and virtual): type to narrow it, as a user would.
    await page.locator('.ant-select').filter({ has: page.getByLabel('操作', { exact: true }) }).click();
    await page.keyboard.type('利用者を追加');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="利用者を追加"]').click();
    const since = yesterdayInJapan();
    await page.getByLabel('期間（開始日）').fill(since.replace(/-/g, '/'));
    await page.getByLabel('期間（開始日）').press('Enter');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    const row = page.getByRole('row', { name: /利用者を追加/ }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('情報 政策（CISO）');
    // The target reads as its kind and name, not an id.
    expect(await row.innerText()).toContain(`利用者: ${NEW_USER.name}`);
    await row.getByRole('button').first().click();
    // The change is a table of fields in words: the role's name, not its code, and no JSON.
    const change = page.locator('table.audit-change').first();
    await change.waitFor();
    const changeText = await change.innerText();
    expect(changeText).toContain('メールアドレス');
    expect(changeText).toContain(NEW_USER.email);
    expect(changeText).toContain('所管課');
    expect(changeText).not.toContain('{');
    expect(await page.locator('main').innerText()).not.toContain('user.create');
    await checkA11y(page, 'audit entry expanded');

    const csv = await page.getByRole('link', { name: 'CSVで出力' }).getAttribute('href');
    expect(csv).toBe(`/api/audit/export.csv?action=user.create&from=${since}`);
    await screenshot(page, 'audit.png');

    // Back to the full log: the sign-ins of this test are there too.
    await page.getByRole('button', { name: '条件をクリア' }).click();
    await page.getByRole('row', { name: /多要素認証/ }).first().waitFor();
  });

  it('reads the reference catalogues: Table 2-14 as a matrix of failing components, and the layers with their backups', async () => {
    await visit(page, '/catalogues', 'catalogues');
    const reference = page.getByTestId('reference-table');
    await reference.getByRole('row').filter({ hasText: 'failure-patterns.yaml' }).getByRole('button').click();
    const table = page.locator('table').filter({ hasText: '大規模災害時の広域障害（停電あり）' });
    await table.waitFor();
    // Pattern (9) fails the three carrier components (局舎 among them) and both office ones.
    const ninth = table.getByRole('row').filter({ hasText: '大規模災害時の広域障害（停電あり）' });
    expect(await ninth.getByTitle('障害発生').count()).toBe(5);
    expect(await table.getByRole('columnheader', { name: '局舎' }).count()).toBe(1);
    await page.getByText('遠隔の他団体に2次バックアップ').first().waitFor();
    await checkA11y(page, 'failure patterns catalogue');
    await screenshot(page, 'catalogue-failure-patterns.png');
    await reference.getByRole('row').filter({ hasText: 'responsibility-layers.yaml' }).getByRole('button').click();
    await page.getByRole('columnheader', { name: 'バックアップ要' }).waitFor();
    await checkA11y(page, 'responsibility layers catalogue');
  });

  it('is told why MFA cannot be turned off', async () => {
    await visit(page, '/profile', 'profile');
    expect(await page.getByRole('button', { name: '多要素認証を無効にする' }).isDisabled()).toBe(true);
    expect(await page.getByText('管理者の役割では多要素認証が必須のため').isVisible()).toBe(true);
  });

  it('issues an API token, shows its secret once, and revokes it', async () => {
    await visit(page, '/tokens', 'tokens');
    await page.getByRole('button', { name: 'トークンを発行' }).click();
    const dialog = page.getByRole('dialog', { name: 'APIトークンの発行' });
    await dialog.getByLabel('名前（用途）').fill('文書管理システム連携');
    await chooseOption(page, '役割', '閲覧者', dialog);
    await checkA11y(page, 'issue token dialog');
    await dialog.getByRole('button', { name: /発\s*行|OK|保存/ }).last().click();
    const secret = page.getByTestId('token-secret');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/dch_/);
    await checkA11y(page, 'token secret');
    await page.getByRole('dialog', { name: 'トークンを発行しました' }).getByRole('button', { name: '閉じる' }).click();
    const row = page.getByRole('row', { name: /文書管理システム連携/ });
    await row.getByRole('button', { name: '失効' }).click();
    await page.getByRole('button', { name: '失効' }).last().click();
    await row.getByText('失効済み').waitFor();
    // The secret is never shown again.
    expect(await page.getByTestId('token-secret').count()).toBe(0);
  });

  it('keeps the organisation’s categories: adds one, and cannot delete one in use', async () => {
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '区分の管理' }).click();
    await page.getByRole('heading', { level: 1, name: '区分の管理' }).waitFor();
    await page.getByRole('row', { name: /基幹系サービス/ }).waitFor();
    await checkA11y(page, 'categories');
    expect(await page.getByRole('row', { name: /基幹系サービス/ }).getByRole('button', { name: '削除' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '区分を追加' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('区分名').fill('防災系サービス');
    await checkA11y(page, 'add category dialog');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('row', { name: /防災系サービス/ }).waitFor();
  });

  it('registers a vendor, with the 法人番号 checked beside the field', async () => {
    await visit(page, '/vendors', 'vendors');
    await page.getByRole('row', { name: /デモ自治体クラウド株式会社/ }).waitFor();
    await page.getByRole('button', { name: '事業者を登録' }).click();
    const dialog = page.getByRole('dialog', { name: '事業者の登録' });
    await dialog.getByLabel('事業者名').fill('架空データセンター株式会社');
    await dialog.getByLabel('法人番号').fill('1234567890123');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('法人番号の検査数字が一致しません').waitFor();
    await checkA11y(page, 'vendor dialog with error');
    await dialog.getByLabel('法人番号').fill('7000012050002');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: /架空データセンター株式会社/ }).waitFor();
    await checkA11y(page, 'vendors after adding');
  });
});
