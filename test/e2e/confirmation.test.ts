// The confirmation items (確認項目) in the browser, with three actors: the demo city's editor starts an
// assessment of a new register entry, records an item (status, answer, due date, evidence, comment) and
// invites a vendor that is not on Daicho yet; the invitation arrives by real mail (global-setup's SMTP
// server), the vendor creates its account from the link, signed out, and its member answers the items
// once (shared with every municipality that uses the service), with evidence; the demo town links its
// own entry to the same service and reads those answers in its assessment without the vendor doing
// anything more; town and city each accept one item and flag another, and the items' status and
// history show it. Every screen state is checked with axe.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { withCorporateCheckDigit } from '../support/factories.ts';
import { checkA11y, chooseOption, createEntry, newPage, pageErrors, screenshot, SCREENSHOT_DIR, shot, signIn, useBrowser, visit, fillDate } from './support/browser.ts';
import { waitForMail } from './support/mail.ts';

const CITY = 'editor@city.demo.daicho.example';
const TOWN = 'editor@town.demo.daicho.example';
const CATALOGUE = '外部サービス利用時の確認項目（9分類12項目）';
const VENDOR_PASSWORD = 'Kumo-Ame-Yuki-Hoshi-2026';
/** A small but real PDF (the server checks the type by the file's bytes). */
const PDF = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

function japanDate(plusDays = 0): string {
  return new Date(Date.now() + 9 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The accessibility check on the page at rest: the toasts a change announced (antd messages, ~3 s
 * each, sliding in and out one after another) and antd's click waves (which outlive a modal closing
 * around them) gone first.
 */
async function checkSettled(page: Page, screen: string) {
  await page.waitForFunction(() => !document.querySelector('.ant-message-notice, .ant-wave'), undefined, { timeout: 60_000, polling: 200 });
  await checkA11y(page, screen);
}

/**
 * A picture of what is on screen (for docs/screenshots), with `target` scrolled into view: the item
 * editor is a drawer fixed to the window, which a full-page picture would cut off.
 */
async function screenView(page: Page, name: string, target?: Locator) {
  if (target) await target.scrollIntoViewIfNeeded();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });
}

async function signedIn(browser: Browser, baseUrl: string, email: string, password?: string): Promise<Page> {
  const { page } = await newPage(browser, baseUrl);
  await visit(page, '/login', 'login');
  await signIn(page, email, password);
  return page;
}

/** Opens the item editor (a drawer) of one item on the assessment page that is open. */
async function openItem(page: Page, key: string) {
  const drawer = page.locator('.ant-drawer-content');
  if (await drawer.isVisible()) {
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  }
  await page.getByRole('button', { name: `${key} を編集` }).click();
  await drawer.waitFor();
  await drawer.locator('.ant-drawer-title', { hasText: new RegExp(`^${key} `) }).waitFor();
  return drawer;
}

/** The item's status as the open item editor shows it (its first facts table). */
function editorStatus(page: Page) {
  return page.locator('.ant-drawer-content tr.ant-descriptions-row').filter({ has: page.locator('th', { hasText: /^状態$/ }) }).first();
}

/** An item's row on the assessment page. */
function itemRow(page: Page, key: string) {
  return page.locator('tr.ant-table-row').filter({ has: page.locator('td', { hasText: new RegExp(`^${key}$`) }) });
}

/** Accepts or flags the vendor's answer shown in the item editor that is open. */
async function review(page: Page, key: string, decision: 'accept' | 'flag', note?: string) {
  const card = page.getByTestId(`vendor-answer-${key}`);
  await card.getByRole('button', { name: decision === 'accept' ? '受け入れる' : '要確認として指摘' }).click();
  const dialog = page.getByRole('dialog', { name: decision === 'accept' ? '受け入れる' : '要確認として指摘' });
  await dialog.waitFor();
  if (decision === 'flag') {
    // A flag needs its reason: refused without one, nothing recorded.
    await dialog.getByRole('button', { name: '記録する' }).click();
    await dialog.locator('.ant-form-item-explain-error', { hasText: '入力してください' }).waitFor();
    await checkSettled(page, `flag dialog without a note (${key})`);
  }
  if (note) await dialog.getByLabel(decision === 'flag' ? '指摘の内容' : 'メモ（任意）').fill(note);
  if (decision === 'accept') await checkSettled(page, `accept dialog (${key})`);
  await dialog.getByRole('button', { name: '記録する' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText(decision === 'accept' ? '受け入れました' : '指摘しました').first().waitFor();
  await card.getByText(new RegExp(`^前回の確認: ${decision === 'accept' ? '受け入れ' : '要確認として指摘'}（第1版・`)).waitFor();
}

describe('confirmation items with a vendor answering once', () => {
  const baseUrl = inject('baseUrl');
  const mailDir = inject('mailDir');
  const chromium = useBrowser();

  it('a city starts an assessment and invites a vendor by mail; the vendor answers once; the town links the service and sees the answers; each accepts and flags items', async () => {
    const stamp = Date.now();
    const suffix = stamp.toString(36).toUpperCase();
    const SERVICE = `E2E電子申請クラウド ${suffix}`;
    const VENDOR_NAME = `E2E申請システム株式会社 ${suffix}`;
    const VENDOR_EMAIL = `vendor-${suffix.toLowerCase()}@vendor-e2e.daicho.example`;
    const CORPORATE_NUMBER = withCorporateCheckDigit(`7${String(stamp % 1e11).padStart(11, '0')}`);
    const CITY_ANSWER = '事業者の約款第12条で、障害の第一報は検知から1時間以内に電話とメールで受けることを確認した';
    const CITY_COMMENT = '夜間・休日の連絡先は契約更新時にもう一度確かめる';
    const VENDOR_TEXT = '重大インシデントは検知から30分以内に第一報を電話とメールで、24時間以内に詳細報告を書面で届けます。';

    // --- 1. The city's editor creates an entry, starts its confirmation-items assessment and records item 1-1.
    const city = await signedIn(chromium.browser, baseUrl, CITY);
    const cityEntry = await createEntry(city, `E2E 電子申請システム（市）${suffix}`, { department: '情報政策課' });
    await visit(city, `/register/${cityEntry.id}?tab=confirmation`, 'entry confirmation tab, nothing started');
    await city.getByText('まだ確認を始めていません').waitFor();
    const panel = city.getByTestId('vendor-request-panel');
    await panel.getByText('この外部サービスは、まだ事業者のサービスに紐付いていません').waitFor();
    await panel.getByText('招待はまだ送っていません').waitFor();
    await city.getByRole('button', { name: `確認を始める：${CATALOGUE}` }).click();
    await city.getByRole('heading', { level: 1, name: `${CATALOGUE}：E2E 電子申請システム（市）${suffix}` }).waitFor();
    const cityAssessment = new URL(city.url()).pathname;
    expect(cityAssessment).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
    expect(await city.locator('tr.ant-table-row').count()).toBe(12);
    await itemRow(city, '1-1').getByText('未確認').waitFor();
    await checkSettled(city, 'city assessment just started');

    let drawer = await openItem(city, '1-1');
    const notLinked = drawer.getByTestId('vendor-answer-1-1');
    await notLinked.getByText(/事業者のサービスに紐付いていません/).waitFor();
    expect(await notLinked.getByRole('link', { name: 'インシデントタブで紐付ける' }).getAttribute('href')).toBe(`/register/${cityEntry.id}?tab=incidents`);
    await checkSettled(city, 'city item editor, nothing recorded');
    await chooseOption(city, '状態', '確認中', drawer);
    await drawer.getByLabel('回答', { exact: true }).fill(CITY_ANSWER);
    const due = japanDate(21);
    await fillDate(drawer.getByLabel('期限', { exact: true }), due);
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    await city.getByText('保存しました').first().waitFor();
    await itemRow(city, '1-1').getByText('確認中').waitFor();
    expect(await itemRow(city, '1-1').textContent()).toContain(due.replaceAll('-', '/'));
    await drawer.locator('input[type=file]').setInputFiles({ name: '障害連絡体制（約款抜粋）.pdf', mimeType: 'application/pdf', buffer: PDF('incident contact terms') });
    await drawer.locator('.ant-list-item-meta-title').getByText('障害連絡体制（約款抜粋）.pdf', { exact: true }).waitFor();
    await drawer.getByLabel('コメント', { exact: true }).fill(CITY_COMMENT);
    await drawer.getByRole('button', { name: '投稿' }).click();
    await drawer.getByText(CITY_COMMENT, { exact: true }).waitFor();
    await expect.poll(async () => drawer.locator('.ant-list-item-meta-title', { hasText: '証跡の追加' }).count()).toBe(1);
    await checkSettled(city, 'city item editor, recorded');
    await screenView(city, 'assessment-item.png', drawer.getByText(CITY_COMMENT, { exact: true }));

    // --- 2. The city invites the vendor, which is not on Daicho yet, asking for the answers by a due date.
    await visit(city, `/register/${cityEntry.id}?tab=confirmation`, 'entry confirmation tab, assessment started');
    await city.getByTestId('entry-assessments').getByRole('link', { name: CATALOGUE, exact: true }).waitFor();
    await panel.getByLabel('事業者の担当者のメールアドレス').fill(VENDOR_EMAIL);
    await panel.getByLabel('事業者名', { exact: true }).fill(VENDOR_NAME);
    await panel.getByLabel('サービス名', { exact: true }).fill(SERVICE);
    await panel.getByLabel('法人番号（任意）').fill(CORPORATE_NUMBER);
    await chooseOption(city, 'あわせて回答を依頼するカタログ（任意）', CATALOGUE, panel);
    const requestDue = japanDate(30);
    await fillDate(panel.getByLabel('回答期限（カタログを選んだとき）'), requestDue);
    await checkSettled(city, 'invitation form filled');
    await panel.getByRole('button', { name: '招待を送信' }).click();
    await city.getByText('招待メールを送信しました').waitFor();
    const invitationRow = panel.locator('tr', { hasText: VENDOR_EMAIL });
    await invitationRow.getByText('未使用').waitFor();
    await checkSettled(city, 'invitation sent');
    await shot(city, 'confirmation', 'invitation-sent');

    // --- 3. The mail arrives; its link opens the invitation page, signed out, in a fresh browser.
    const mail = await waitForMail(mailDir, VENDOR_EMAIL, (m) => m.subject.includes('Daicho への招待'));
    expect(mail.subject).toContain('サンプル市から Daicho への招待');
    expect(mail.text).toContain(`外部サービス「${SERVICE}」`);
    const link = /(https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(link, mail.text).toBeTruthy();
    expect(link!.startsWith(baseUrl)).toBe(true);

    const { page: vendor } = await newPage(chromium.browser, baseUrl);
    await visit(vendor, new URL(link!).pathname, 'invitation page');
    await vendor.getByRole('heading', { level: 1, name: '事業者アカウントの作成' }).waitFor();
    await vendor.getByText(`サンプル市から、外部サービス「${SERVICE}」の確認のため Daicho への参加の招待が届いています。`).waitFor();
    await vendor.getByText(VENDOR_EMAIL).waitFor();
    expect(await vendor.getByLabel('事業者名（法人名）').inputValue()).toBe(VENDOR_NAME);
    expect(await vendor.getByLabel('法人番号（13桁）').inputValue()).toBe(CORPORATE_NUMBER);
    await vendor.getByLabel('お名前').fill('申請 太郎');
    await vendor.getByLabel('パスワード（12文字以上）').fill(VENDOR_PASSWORD);
    await vendor.getByLabel('パスワード（確認）').fill(`${VENDOR_PASSWORD}x`);
    await vendor.getByRole('button', { name: 'アカウントを作成' }).click();
    await vendor.getByText('パスワードが一致しません').waitFor();
    await checkSettled(vendor, 'invitation page, passwords differ');
    await vendor.getByLabel('パスワード（確認）').fill(VENDOR_PASSWORD);
    await vendor.getByText('パスワードが一致しません').waitFor({ state: 'detached' });
    await screenshot(vendor, 'vendor-invitation.png');
    await vendor.getByRole('button', { name: 'アカウントを作成' }).click();
    await vendor.getByRole('heading', { level: 1, name: 'アカウントを作成しました' }).waitFor();
    await vendor.getByText(`${VENDOR_EMAIL} と設定したパスワードでログインしてください。`, { exact: false }).waitFor();
    await checkSettled(vendor, 'invitation accepted');
    // The link was for one use only.
    await visit(vendor, new URL(link!).pathname, 'invitation page, link used');
    await vendor.getByRole('heading', { level: 1, name: 'この招待リンクは使えません' }).waitFor();

    await vendor.goto('/login');
    await vendor.getByRole('heading', { level: 1 }).first().waitFor();
    await checkSettled(vendor, 'login (vendor)');
    await signIn(vendor, VENDOR_EMAIL, VENDOR_PASSWORD);

    // The city's entry is now linked to the new service, with the requested answers pending.
    await visit(city, `/register/${cityEntry.id}?tab=confirmation`, 'entry confirmation tab, vendor joined');
    await panel.getByText(`紐付けている事業者のサービス: ${VENDOR_NAME}「${SERVICE}」`).waitFor();
    const cityRequest = panel.locator('tr', { hasText: CATALOGUE });
    await cityRequest.getByText('回答待ち').waitFor();
    expect(await cityRequest.textContent()).toContain('12項目');
    expect(await cityRequest.textContent()).toContain(requestDue.replaceAll('-', '/'));

    // --- 4. The vendor member sees the city's request and answers three items once, with evidence on one.
    await vendor.getByRole('navigation').getByRole('link', { name: '回答依頼' }).click();
    await vendor.getByRole('heading', { level: 1, name: '回答依頼' }).waitFor();
    const requestRow = vendor.getByTestId('vendor-requests-table').locator('tr', { hasText: 'サンプル市' });
    await requestRow.getByText(SERVICE).waitFor();
    await requestRow.getByText('回答待ち').waitFor();
    expect(await requestRow.textContent()).toContain('12項目');
    await checkSettled(vendor, 'vendor requests');
    await requestRow.getByRole('button', { name: `回答する: サンプル市 ${SERVICE}` }).click();
    await vendor.getByRole('heading', { level: 1, name: `確認項目への回答: ${SERVICE}` }).waitFor();
    await vendor.getByText('0 / 12 項目に回答済み').waitFor();
    await checkSettled(vendor, 'vendor answers, nothing answered');

    const answer = async (key: string, fill: (card: ReturnType<Page['getByTestId']>) => Promise<void>) => {
      const card = vendor.getByTestId(`answer-item-${key}`);
      await fill(card);
      await card.getByLabel('補足').fill(`E2E ${suffix} の回答（${key}）`);
      await chooseOption(vendor, '共有の範囲', '利用する全団体に共有', card);
      await card.getByRole('button', { name: `この項目を保存: ${key}` }).click();
      await vendor.getByText(`${key}: 回答を保存しました`).waitFor();
      await card.getByText('第1版', { exact: true }).waitFor();
      return card;
    };
    await answer('1-1', (card) => card.getByLabel('回答', { exact: true }).fill(VENDOR_TEXT));
    const card31 = await answer('3-1', (card) => card.getByText('対応している', { exact: true }).click());
    await answer('4-1', (card) => card.getByText('一部対応', { exact: true }).click());
    await card31.locator('input[type=file]').setInputFiles({ name: 'アクセス管理規程.pdf', mimeType: 'application/pdf', buffer: PDF('access control policy') });
    await card31.getByRole('link', { name: /アクセス管理規程\.pdf/ }).waitFor();
    await vendor.getByText('3 / 12 項目に回答済み').waitFor();
    // What was saved comes back as saved.
    await vendor.reload();
    await vendor.getByText('3 / 12 項目に回答済み').waitFor();
    expect(await vendor.getByTestId('answer-item-1-1').getByLabel('回答', { exact: true }).inputValue()).toBe(VENDOR_TEXT);
    expect(await card31.getByRole('radio', { name: '対応している' }).isChecked()).toBe(true);
    expect(await vendor.getByTestId('answer-item-4-1').getByRole('radio', { name: '一部対応' }).isChecked()).toBe(true);
    await card31.getByRole('link', { name: /アクセス管理規程\.pdf/ }).waitFor();
    await checkSettled(vendor, 'vendor answers, three answered');
    await screenView(vendor, 'vendor-answers.png', card31);
    await visit(vendor, '/vendor/requests', 'vendor requests after answering');
    await expect.poll(async () => vendor.getByTestId('vendor-requests-table').locator('tr', { hasText: 'サンプル市' }).textContent()).toContain('9項目');

    // --- 5. The town links its own entry to the service, starts its assessment and reads the answers.
    const town = await signedIn(chromium.browser, baseUrl, TOWN);
    const townEntry = await createEntry(town, `E2E 電子申請システム（町）${suffix}`, { department: '総務課' });
    await visit(town, `/register/${townEntry.id}?tab=incidents`, 'town entry incidents tab');
    await town.getByLabel('事業者のサービスを検索').fill(suffix);
    await town.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: SERVICE }).click();
    await checkSettled(town, 'town entry incidents tab, service chosen');
    await town.getByRole('button', { name: '紐付ける' }).click();
    await town.getByTestId('linked-vendor-service').getByText(`${VENDOR_NAME} ／ ${SERVICE}`).waitFor();
    await checkSettled(town, 'town entry incidents tab, linked');

    await visit(town, `/register/${townEntry.id}?tab=confirmation`, 'town entry confirmation tab');
    await town.getByTestId('vendor-request-panel').getByText(`紐付けている事業者のサービス: ${VENDOR_NAME}「${SERVICE}」`).waitFor();
    await town.getByRole('button', { name: `確認を始める：${CATALOGUE}` }).click();
    await town.getByRole('heading', { level: 1, name: `${CATALOGUE}：E2E 電子申請システム（町）${suffix}` }).waitFor();
    await checkSettled(town, 'town assessment just started');

    drawer = await openItem(town, '3-1');
    let vendorCard = town.getByTestId('vendor-answer-3-1');
    await vendorCard.getByText('対応している', { exact: true }).waitFor();
    await vendorCard.getByText(`補足: E2E ${suffix} の回答（3-1）`).waitFor();
    await vendorCard.getByText(/^第1版・.*申請 太郎.* · 利用する全団体に共有$/).waitFor();
    await vendorCard.getByRole('link', { name: /アクセス管理規程\.pdf/ }).waitFor();
    await checkSettled(town, 'town item editor with the vendor answer');
    await screenView(town, 'vendor-answer-review.png', vendorCard);
    await review(town, '3-1', 'accept', '規程の写しで確認した');
    await editorStatus(town).getByText('確認済').waitFor();
    await checkSettled(town, 'town item accepted');
    await itemRow(town, '3-1').getByText('確認済').waitFor();

    drawer = await openItem(town, '1-1');
    vendorCard = town.getByTestId('vendor-answer-1-1');
    await vendorCard.getByText(VENDOR_TEXT).waitFor();
    await review(town, '1-1', 'flag', '休日・夜間の連絡窓口が書かれていない。連絡先の一覧を求める');
    await editorStatus(town).getByText('要対応').waitFor();
    await vendorCard.getByText('休日・夜間の連絡窓口が書かれていない。連絡先の一覧を求める').waitFor();
    await checkSettled(town, 'town item flagged');
    await itemRow(town, '1-1').getByText('要対応').waitFor();
    // An item the vendor has not answered says so.
    await openItem(town, '2-1');
    await town.getByTestId('vendor-answer-2-1').getByText('事業者はこの項目にまだ回答していません').waitFor();
    await checkSettled(town, 'town item the vendor has not answered');
    await shot(town, 'confirmation', 'town-assessment');

    // --- 6. The city sees the same answers in its assessment; accepts 3-1, flags 1-1 (its own answer stays).
    await visit(city, cityAssessment, 'city assessment with vendor answers');
    drawer = await openItem(city, '3-1');
    await city.getByTestId('vendor-answer-3-1').getByText('対応している', { exact: true }).waitFor();
    await city.getByTestId('vendor-answer-3-1').getByRole('link', { name: /アクセス管理規程\.pdf/ }).waitFor();
    await checkSettled(city, 'city item editor with the vendor answer');
    await review(city, '3-1', 'accept');
    await editorStatus(city).getByText('確認済').waitFor();
    await itemRow(city, '3-1').getByText('確認済').waitFor();

    drawer = await openItem(city, '1-1');
    await city.getByTestId('vendor-answer-1-1').getByText(VENDOR_TEXT).waitFor();
    await review(city, '1-1', 'flag', '第一報の連絡先が約款の記載と違う。どちらが正しいか確認する');
    await editorStatus(city).getByText('要対応').waitFor();
    expect(await drawer.getByLabel('回答', { exact: true }).inputValue()).toBe(CITY_ANSWER);
    const history = drawer.locator('.ant-list-item', { hasText: '事業者の回答の確認（受け入れ・指摘）' });
    await history.waitFor();
    expect(await history.textContent()).toContain('状態: 確認中 → 要対応');
    expect(await history.textContent()).toContain('事業者の回答の確認: — → 要確認として指摘');
    await checkSettled(city, 'city item flagged, history');
    await shot(city, 'confirmation', 'city-item-flagged');
    await itemRow(city, '1-1').getByText('要対応').waitFor();
    await itemRow(city, '3-1').getByText('確認済').waitFor();
    await city.locator('.ant-drawer-close').click();
    await city.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
    await checkSettled(city, 'city assessment after reviews');
    await screenshot(city, 'assessment.png');

    for (const page of [city, vendor, town]) expect(pageErrors(page)).toEqual([]);
  });
});
