// 連絡体制 in the browser: an editor records a service's contact structure for the three phases
// (a contact nobody can reach is refused beside its field), reorders the escalation, calls by tel:
// and mailto: links, marks the structure verified, records a drill (a future date refused), and
// finds the demo city's overdue structure on the home page.
import { describe, expect, inject, it } from 'vitest';
import { checkA11y, chooseLanguage, newPage, pageErrors, signIn, visit, useBrowser, createEntry, shot, screenshot, fillDate } from './support/browser.ts';

const EDITOR = 'editor@city.demo.daicho.example';

function japanDate(plusDays = 0): string {
  return new Date(Date.now() + 9 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}

describe('contact structures', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  it('an editor records the three phases, reorders, verifies and records a drill; the home page lists what to re-verify', async () => {
    const { page } = await newPage(chromium.browser, baseUrl);
    await visit(page, '/login', 'login');
    await signIn(page, EDITOR);
    const entry = await createEntry(page, '連絡体制確認用 電子契約サービス');

    // --- The tab without a structure says what to do next.
    await visit(page, `/register/${entry.id}`, 'entry overview');
    await page.getByRole('tab', { name: '連絡体制' }).click();
    await page.getByText('この外部サービスの連絡体制はまだ登録されていません').waitFor();
    await page.getByText('訓練の記録はまだありません').waitFor();
    expect(page.url()).toContain('tab=contacts');
    await checkA11y(page, 'contacts tab empty');

    // --- The drawer: first report within 30 minutes, two incident contacts (the second unreachable at first).
    await page.getByRole('button', { name: '連絡体制を登録' }).click();
    const drawer = page.getByRole('dialog', { name: '連絡体制の登録' });
    await drawer.waitFor();
    await drawer.getByLabel('事業者の第一報の期限（分）').fill('30');
    await drawer.getByRole('button', { name: '障害発生時の連絡先を追加' }).click();
    await drawer.getByRole('button', { name: '障害発生時の連絡先を追加' }).click();
    const incident = (n: number) => drawer.getByRole('group', { name: `障害発生時 連絡順${n}` });
    await incident(1).getByLabel('氏名・窓口名').fill('電子契約サービス 障害受付');
    await incident(1).getByLabel('電話番号').fill('0120-000-555');
    await incident(2).getByLabel('氏名・窓口名').fill('契約課 当番');
    await drawer.getByRole('button', { name: '平常時の連絡先を追加' }).click();
    const normal = drawer.getByRole('group', { name: '平常時 連絡順1' });
    await normal.getByLabel('氏名・窓口名').fill('営業担当 田中');
    await normal.getByLabel('メールアドレス').fill('tanaka@@vendor');
    await checkA11y(page, 'contacts drawer');
    await drawer.getByRole('button', { name: '保存' }).click();
    await incident(2).getByText('電話番号かメールアドレスのどちらかを入力してください').waitFor();
    await normal.getByText('メールアドレスの形式が正しくありません').waitFor();
    await checkA11y(page, 'contacts drawer with errors');
    await shot(page, 'contacts', 'drawer');
    await normal.getByLabel('メールアドレス').fill('tanaka@vendor.example');
    await incident(2).getByLabel('電話番号').fill('03-0000-9999');
    // The municipality's own duty officer is to be called first.
    await drawer.getByRole('button', { name: '連絡順2を上へ' }).click();
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.waitFor({ state: 'hidden' });

    // --- Three phases side by side, in escalation order, with tel: and mailto: links.
    const incidentCard = page.getByTestId('contacts-phase-incident');
    await incidentCard.getByText('事業者の第一報（契約）: 障害の発生から30分以内').waitFor();
    const names = await incidentCard.locator('li strong').allTextContents();
    expect(names).toEqual(['契約課 当番', '電子契約サービス 障害受付']);
    expect(await incidentCard.getByRole('link', { name: /0120-000-555/ }).getAttribute('href')).toBe('tel:0120000555');
    expect(await page.getByTestId('contacts-phase-normal').getByRole('link', { name: /tanaka@vendor\.example/ }).getAttribute('href')).toBe('mailto:tanaka@vendor.example');
    await page.getByTestId('contacts-phase-after').getByText('この段階の連絡先はまだありません').waitFor();
    const summary = page.getByTestId('contacts-summary');
    await summary.getByText('未確認', { exact: true }).first().waitFor();
    await checkA11y(page, 'contacts tab never verified');

    // --- Verified today.
    await page.getByRole('button', { name: '確認済みにする' }).click();
    await page.getByRole('button', { name: '確認した' }).click();
    await summary.getByText('確認済', { exact: true }).waitFor();
    await summary.getByText(japanDate().replaceAll('-', '/')).waitFor();

    // --- A drill: a day in the future cannot be chosen (greyed out in the calendar), today is accepted.
    await page.getByRole('button', { name: '訓練を記録' }).click();
    const drill = page.getByRole('dialog', { name: '訓練の記録' });
    await drill.waitFor();
    await drill.getByLabel('実施日').click();
    await page.locator(`.ant-picker-dropdown:visible td.ant-picker-cell-disabled[title="${japanDate(1)}"]`).waitFor();
    await page.locator(`.ant-picker-dropdown:visible td:not(.ant-picker-cell-disabled)[title="${japanDate()}"]`).waitFor();
    await fillDate(drill.getByLabel('実施日'), japanDate());
    await drill.getByLabel('想定した状況と内容').fill('夜間に電子契約サービスが停止した想定で、連絡順どおりに電話');
    await drill.getByLabel('結果・気づき').fill('第一報まで25分。契約の30分以内');
    await checkA11y(page, 'drill dialog');
    await drill.getByRole('button', { name: '保存' }).click();
    await drill.waitFor({ state: 'hidden' });
    await page.getByTestId('contacts-drills').getByText('第一報まで25分。契約の30分以内').waitFor();
    await checkA11y(page, 'contacts tab verified with a drill');
    await shot(page, 'contacts', 'tab');

    // --- The demo city's 住民基本台帳: a full structure, in English too.
    const demo = await page.evaluate(async () => (await (await fetch('/api/register/entries?q=SC-001')).json()).items as { id: string; external_key: string }[]);
    const sc001 = demo.find((e) => e.external_key === 'SC-001')!;
    await visit(page, `/register/${sc001.id}?tab=contacts`, 'demo contacts tab');
    await page.getByTestId('contacts-phase-incident').getByText('デモ自治体クラウド株式会社 24時間サポートデスク').waitFor();
    await page.getByTestId('contacts-drills').getByText(/第一報まで42分/).waitFor();
    await shot(page, 'contacts', 'demo');
    await screenshot(page, 'contacts.png');
    await chooseLanguage(page, 'English');
    await page.getByRole('tab', { name: 'Contacts' }).waitFor();
    await page.getByText('During an incident').first().waitFor();
    await checkA11y(page, 'demo contacts tab in English');
    await shot(page, 'contacts', 'demo-en');
    await chooseLanguage(page, '日本語');
    await page.getByText('障害発生時').first().waitFor();

    // --- The home page: the overdue structure first, services without one counted.
    await visit(page, '/', 'home');
    const card = page.getByTestId('home-contacts-reverify');
    await card.getByText('連絡体制の再確認').waitFor();
    await card.getByRole('link', { name: /SC-002/ }).waitFor();
    expect(await card.getByRole('listitem').first().textContent()).toContain('要再確認');
    await checkA11y(page, 'home with contacts to re-verify');
    await shot(page, 'contacts', 'home');
    await card.getByRole('link', { name: /SC-002/ }).click();
    await page.getByText(/連絡体制の再確認の期限（.+）を過ぎています/).waitFor();
    expect(page.url()).toContain('tab=contacts');
    await checkA11y(page, 'overdue contacts tab');

    expect(pageErrors(page)).toEqual([]);
  });
});
