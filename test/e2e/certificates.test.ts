// Certificates (第三者認証) in the browser: the demo vendor publishes an ISMAP registration (a malformed
// registration number refused first, naming the field) and an ISO/IEC 27001:2022 certificate on its
// service; the demo city links a new entry to that service, sees both on the entry's 認証 tab with each
// scheme's rule, and cites the ISO certificate on confirmation item 9-1. axe on every screen. (Expiry and
// the reopening of the item are proven in test/integration/certificates.test.ts: the e2e cannot move the
// server's clock.)
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { checkA11y, createEntry, fillDate, newPage, screenshot, signIn, useBrowser, visit } from './support/browser.ts';

const VENDOR = 'member@vendor-a.demo.daicho.example';
const VENDOR_NAME = 'デモ自治体クラウド株式会社';
const CITY = 'editor@city.demo.daicho.example';
const CATALOGUE = '外部サービス利用時の確認項目（9分類12項目）';

function japanDate(plusDays = 0): string {
  return new Date(Date.now() + 9 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}

async function checkSettled(page: Page, screen: string) {
  await page.waitForFunction(() => !document.querySelector('.ant-message-notice, .ant-wave'), undefined, { timeout: 60_000, polling: 200 });
  await checkA11y(page, screen);
}

/** Picks an option of the antd Select in the form item labelled `label` inside `scope`. */
async function pick(page: Page, scope: Locator, label: string, option: string) {
  await scope.locator('.ant-form-item', { has: page.locator('label', { hasText: new RegExp(`^${label.replace(/[()（）/]/g, '.')}$`) }) }).locator('.ant-select').click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

describe('certificates published once and seen on every linked entry', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  it('a vendor publishes ISMAP and ISO/IEC 27001; the city sees both on its entry and cites one on item 9-1', async () => {
    const stamp = Date.now();
    const ismapNumber = `C26-${String(stamp % 10_000).padStart(4, '0')}-1`;
    const isoNumber = `IS E2E-${stamp.toString(36).toUpperCase()}`;

    // --- 1. The vendor publishes its certificates on /certificates.
    const { page: vendor } = await newPage(chromium.browser, baseUrl);
    await visit(vendor, '/login', 'login');
    await signIn(vendor, VENDOR);
    await vendor.getByRole('navigation').getByRole('link', { name: '第三者認証' }).click();
    await vendor.getByRole('heading', { level: 1, name: '第三者認証' }).waitFor();
    await checkSettled(vendor, 'vendor certificates');

    await vendor.getByRole('button', { name: '認証を登録' }).click();
    let dialog = vendor.getByRole('dialog', { name: '認証を登録' });
    await dialog.waitFor();
    await dialog.getByLabel('認証番号・登録番号').fill('ISMAP-0001');
    await fillDate(dialog.getByLabel('監査対象期間（開始）'), japanDate(-300));
    await fillDate(dialog.getByLabel('監査対象期間（終了）'), japanDate(-60));
    await dialog.getByLabel('認証機関・監査人').fill('ISMAP運営委員会');
    await dialog.getByRole('button', { name: '保存' }).click();
    // The registry's pattern is checked on the server and named on the field; nothing is saved.
    await dialog.locator('.ant-form-item-explain-error', { hasText: '登録番号は台帳の形式' }).waitFor();
    await checkSettled(vendor, 'ISMAP number refused');
    await dialog.getByLabel('認証番号・登録番号').fill(ismapNumber);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const table = vendor.getByTestId('my-certificates');
    await table.getByText(ismapNumber).waitFor();
    await table.locator('tr', { hasText: ismapNumber }).getByText(/監査対象期間の末日.*の翌日から起算して1年4か月/).waitFor();

    await vendor.getByRole('button', { name: '認証を登録' }).click();
    dialog = vendor.getByRole('dialog', { name: '認証を登録' });
    await dialog.waitFor();
    await pick(vendor, dialog, '認証の種類', 'ISO/IEC 27001');
    await pick(vendor, dialog, '版（ISO/IEC 27001）', 'ISO/IEC 27001:2022');
    await dialog.getByLabel('認証番号・登録番号').fill(isoNumber);
    await fillDate(dialog.getByLabel('発行日（報告書の日付）'), japanDate(-200));
    await dialog.getByLabel('認証範囲（サービス・業務）').fill('自治体向けクラウドサービスの運用');
    await checkSettled(vendor, 'ISO certificate form');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await table.locator('tr', { hasText: isoNumber }).getByText('ISO/IEC認証は発行日', { exact: false }).waitFor();
    await checkSettled(vendor, 'vendor certificates published');
    await screenshot(vendor, 'certificates-vendor.png');

    // The service the two certificates cover (the form proposes the vendor's first service).
    const serviceId = await vendor.evaluate(async (number) => {
      const list = await (await fetch('/api/certificates')).json();
      return list.items.find((c: { number: string }) => c.number === number).service_ids[0] as string;
    }, ismapNumber);
    expect(serviceId).toMatch(/^[0-9a-f-]{36}$/);
    // From the service profile (自社サービス) the vendor opens that service's certificates.
    await visit(vendor, '/vendor/services', 'vendor services');
    await vendor.getByTestId('vendor-services-table').locator(`a[href="/certificates?service=${serviceId}"]`).click();
    await vendor.getByText(/の認証を表示しています/).waitFor();
    await table.getByText(ismapNumber).waitFor();
    await table.getByText(isoNumber).waitFor();
    await checkSettled(vendor, 'certificates of one service');

    // --- 2. The city links a new entry to that service and sees both certificates on its 認証 tab.
    const { page: city } = await newPage(chromium.browser, baseUrl);
    await visit(city, '/login', 'login');
    await signIn(city, CITY);
    const entry = await createEntry(city, `E2E 認証確認システム ${stamp.toString(36)}`, { department: '情報政策課' });
    await city.evaluate(
      async ({ id, service }) => {
        const me = await (await fetch('/api/auth/me')).json();
        const res = await fetch(`/api/register/entries/${id}/vendor-service`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token }, body: JSON.stringify({ vendor_service_id: service }) });
        if (!res.ok) throw new Error(`link: ${res.status}`);
      },
      { id: entry.id, service: serviceId },
    );
    await visit(city, `/register/${entry.id}?tab=certificates`, 'entry certificates tab');
    const onEntry = city.getByTestId('entry-certificates');
    await onEntry.getByText(ismapNumber).waitFor();
    await onEntry.getByText(isoNumber).waitFor();
    expect(await onEntry.locator('tr', { hasText: ismapNumber }).textContent()).toContain(VENDOR_NAME);
    // A vendor's certificate is read-only for the municipality.
    expect(await onEntry.getByRole('button', { name: /^編集/ }).count()).toBe(0);
    await checkSettled(city, 'entry certificates tab with both');
    await screenshot(city, 'certificates.png');

    // --- 3. The city starts its confirmation and cites the ISO certificate on item 9-1.
    await visit(city, `/register/${entry.id}?tab=confirmation`, 'entry confirmation tab');
    await city.getByRole('button', { name: `確認を始める：${CATALOGUE}` }).click();
    await city.locator('h1', { hasText: CATALOGUE }).waitFor();
    await city.getByRole('button', { name: '9-1 を編集' }).click();
    const drawer = city.locator('.ant-drawer-content');
    await drawer.waitFor();
    const cited = drawer.getByTestId('cited-certificates');
    await cited.getByText('引用した認証はありません').waitFor();
    await cited.locator('.ant-select').click();
    await city.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="ISO/IEC 27001:2022 ${isoNumber} — ${VENDOR_NAME}"]`).click();
    await cited.getByRole('button', { name: '引用する' }).click();
    await city.getByText('認証を引用しました').first().waitFor();
    await cited.locator('.ant-list-item', { hasText: isoNumber }).waitFor();
    await cited.locator('.ant-list-item', { hasText: isoNumber }).getByText('有効').first().waitFor();
    await checkSettled(city, 'item 9-1 with a cited certificate');

    // Other items do not take certificates.
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await city.getByRole('button', { name: '1-1 を編集' }).click();
    await drawer.waitFor();
    await drawer.locator('.ant-drawer-title', { hasText: /^1-1 / }).waitFor();
    expect(await drawer.getByTestId('cited-certificates').count()).toBe(0);

    // --- 4. The coverage view counts the entry under both schemes.
    await visit(city, '/certificates', 'coverage');
    await city.getByTestId('coverage-entries').getByRole('link', { name: new RegExp(entry.external_key) }).waitFor();
    await checkSettled(city, 'coverage view');
    await screenshot(city, 'certificates-coverage.png');
  });
});
