// Incidents in the browser, with four actors at once: a vendor member adds a service profile, two
// municipalities (the demo city and town) link a register entry to it (the city on the entry's
// インシデント tab), the vendor reports an incident on the service and both municipalities see it
// (and are notified) and record their own impact, the prefecture sees both bodies and their status,
// the vendor posts the full recovery, and the city closes its handling — refused until it records a
// recurrence-prevention action — then prints the closing report and downloads the .xlsx.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { checkA11y, chooseLanguage, chooseOption, newPage, pageErrors, signIn, visit, useBrowser, createEntry, shot, screenshot, fillDate, callApi } from './support/browser.ts';

const VENDOR = 'member@vendor-a.demo.daicho.example';
const CITY = 'editor@city.demo.daicho.example';
const TOWN = 'editor@town.demo.daicho.example';
const PREFECTURE = 'viewer@pref.demo.daicho.example';

/** An instant as the date fields take it in Japan time (YYYY-MM-DDTHH:mm). */
function japanLocal(ms: number): string {
  return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16);
}

function japanDate(plusDays = 0): string {
  return new Date(Date.now() + 9 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}

const call = callApi;

/**
 * antd's click wave on a Popconfirm's OK button outlives the popover closing around it (it runs to
 * its own deadline, ~5 s); wait it out so the accessibility check sees the page at rest.
 */
async function wavesGone(page: Page) {
  await page.waitForFunction(() => !document.querySelector('.ant-wave'), undefined, { timeout: 60_000, polling: 200 });
}

async function signedIn(browser: Browser, baseUrl: string, email: string): Promise<Page> {
  const { page } = await newPage(browser, baseUrl);
  await page.goto('/login');
  await signIn(page, email);
  return page;
}

/** Records the signed-in municipality's impact on the incident page that is open. */
async function recordImpact(page: Page, residents: string, notes: string) {
  const card = page.getByTestId('my-impact');
  await card.getByText('影響あり', { exact: true }).click();
  await card.getByLabel('影響を受けた住民数', { exact: true }).fill(residents);
  await card.getByLabel('内部メモ（自団体のみ）').fill(notes);
  // Next to the choice, the screen says who sees what.
  await card.getByText(/共有しない間は、自団体以外には「非共有」とだけ表示されます/).waitFor();
  await card.getByLabel(/^影響を共有する/).check();
  await card.getByRole('button', { name: '影響を保存' }).click();
  await page.getByText('影響を保存しました').waitFor();
}

describe('incidents', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  it('a vendor reports; two linked municipalities see it and record their impact; the prefecture sees both; the vendor posts recovery; the city closes with prevention actions', async () => {
    const suffix = Date.now().toString(36).toUpperCase();
    const SERVICE = `E2E住民情報クラウド ${suffix}`;
    const TITLE = `住民情報システムに接続できない（E2E ${suffix}）`;
    // Whole minutes, so that the figures come out exact: occurred 2 h ago, recovered 20 min ago.
    const base = Math.floor(Date.now() / 60_000) * 60_000;
    const occurredLocal = japanLocal(base - 120 * 60_000);
    const detectedLocal = japanLocal(base - 110 * 60_000);
    const recoveredLocal = japanLocal(base - 20 * 60_000);

    // --- The vendor adds a service profile (its list first, then 自社サービス).
    const { page: login } = await newPage(chromium.browser, baseUrl);
    await visit(login, '/login', 'login');
    await signIn(login, VENDOR);
    const vendor = login;
    await visit(vendor, '/incidents', 'vendor incident list');
    await vendor.getByRole('navigation').getByRole('link', { name: 'インシデント', exact: true }).waitFor();
    await vendor.getByRole('navigation').getByRole('link', { name: '自社サービス' }).click();
    await vendor.getByRole('heading', { level: 1, name: '自社サービス' }).waitFor();
    await checkA11y(vendor, 'vendor services');
    await vendor.getByRole('button', { name: 'サービスを登録' }).first().click();
    const serviceDialog = vendor.getByRole('dialog', { name: 'サービスの登録' });
    await serviceDialog.waitFor();
    await serviceDialog.getByLabel('サービス名').fill(SERVICE);
    await serviceDialog.getByLabel('説明').fill('住民記録・税・福祉の基幹業務（ガバメントクラウド上の共同利用）');
    await checkA11y(vendor, 'vendor service dialog');
    await serviceDialog.getByRole('button', { name: '保存' }).click();
    await serviceDialog.waitFor({ state: 'hidden' });
    const serviceRow = vendor.getByTestId('vendor-services-table').locator('tr', { hasText: SERVICE });
    await serviceRow.getByText('まだ紐付けている団体はありません').waitFor();

    // --- The city links its register entry on the entry's インシデント tab (search, choose, link).
    const city = await signedIn(chromium.browser, baseUrl, CITY);
    const cityEntry = await createEntry(city, `E2E 住民記録システム ${suffix}`, { department: '市民課', network_zone: 'lgwan', data_kinds: ['name', 'address', 'birth_date'], resident_impact: 3 });
    await visit(city, `/register/${cityEntry.id}?tab=incidents`, 'entry incidents tab');
    await city.getByText('事業者のサービスに紐付いていません').waitFor();
    await city.getByText('この外部サービスに関するインシデントの記録はありません').waitFor();
    await city.getByLabel('事業者のサービスを検索').fill(suffix);
    await city.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: SERVICE }).click();
    await checkA11y(city, 'entry incidents tab, service chosen');
    await city.getByRole('button', { name: '紐付ける' }).click();
    await city.getByTestId('linked-vendor-service').getByText(`デモ自治体クラウド株式会社 ／ ${SERVICE}`).waitFor();
    await checkA11y(city, 'entry incidents tab, linked');
    await shot(city, 'incidents', 'entry-tab-linked');

    // --- The town links its entry through the API.
    const town = await signedIn(chromium.browser, baseUrl, TOWN);
    const townEntry = await createEntry(town, `E2E 住民記録 ${suffix}`, { department: '市民課', network_zone: 'lgwan', data_kinds: ['name', 'address', 'birth_date'], resident_impact: 3 });
    const found = await call<{ items: { id: string; name: string }[] }>(town, 'GET', `/api/vendor-services?q=${encodeURIComponent(suffix)}`);
    const service = found.items.find((s) => s.name === SERVICE)!;
    expect(service).toBeTruthy();
    await call(town, 'PUT', `/api/register/entries/${townEntry.id}/vendor-service`, { vendor_service_id: service.id });

    // --- The vendor sees both municipalities on the service and reports the incident from there.
    await visit(vendor, '/vendor/services', 'vendor services linked');
    await serviceRow.getByText('サンプル市（1件）').waitFor();
    await serviceRow.getByText('サンプル町（1件）').waitFor();
    await shot(vendor, 'incidents', 'vendor-services');
    await serviceRow.getByRole('button', { name: `このサービスのインシデントを報告: ${SERVICE}` }).click();
    await vendor.getByRole('heading', { level: 1, name: 'インシデントの報告' }).waitFor();
    const form = vendor.getByTestId('incident-report-form');
    await form.getByText('このサービスを利用する 2 団体に届きます。').waitFor();
    await form.getByLabel('件名').fill(TITLE);
    await form.getByText('運用停止', { exact: true }).click();
    await form.getByText('高', { exact: true }).click();
    await fillDate(form.getByLabel('発生日時（日本時間）'), occurredLocal);
    await fillDate(form.getByLabel('検知日時（日本時間）'), detectedLocal);
    await form.getByLabel('概要').fill('データセンターのネットワーク機器の故障により、住民情報システムに接続できません。窓口での証明書発行が止まっています。');
    await checkA11y(vendor, 'vendor report form');
    await shot(vendor, 'incidents', 'report-form');
    await form.getByRole('button', { name: '報告する' }).click();
    await vendor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const incidentId = new URL(vendor.url()).pathname.split('/').pop()!;
    expect(incidentId).toMatch(/^[0-9a-f-]{36}$/);
    await vendor.getByTestId('incident-timeline').getByText('ベンダー第一報').waitFor();
    await checkA11y(vendor, 'vendor incident detail');

    // --- The city sees it in its own list at once, has a notification linking to it, records its impact.
    await visit(city, '/incidents', 'city incident list');
    const cityRow = city.getByTestId('incident-table').locator('tr', { hasText: TITLE });
    await cityRow.getByText('確認中').waitFor();
    expect(await cityRow.textContent()).toContain('2団体');
    await checkA11y(city, 'city incident list');
    await shot(city, 'incidents', 'list');
    const notifications = await call<{ items: { link: string | null; kind: string }[] }>(city, 'GET', '/api/notifications');
    expect(notifications.items.some((n) => n.kind === 'incident_reported' && n.link === `/incidents/${incidentId}`)).toBe(true);
    await cityRow.getByRole('link', { name: TITLE }).click();
    await city.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await checkA11y(city, 'city incident detail');
    await recordImpact(city, '1200', '本庁舎・支所の窓口で証明書の発行を停止。臨時に手書きの受付票で対応');
    await checkA11y(city, 'city impact recorded');

    // --- The town opens it as from the notification's link and records its own impact.
    await visit(town, `/incidents/${incidentId}`, 'town incident detail');
    await recordImpact(town, '300', '町民課の窓口で待ち時間が発生');
    await town.getByTestId('incident-participants').getByText('サンプル市').waitFor();
    // In English too (the choice is kept in the profile, so back to Japanese at the end).
    await chooseLanguage(town, 'English');
    await town.getByText('Prevention actions').first().waitFor();
    await town.getByText('Response times').first().waitFor();
    await checkA11y(town, 'town incident detail in English');
    await shot(town, 'incidents', 'detail-en');
    await chooseLanguage(town, '日本語');
    await town.getByText('再発防止策').first().waitFor();

    // --- The prefecture sees both of its bodies and the status of each.
    const prefecture = await signedIn(chromium.browser, baseUrl, PREFECTURE);
    await visit(prefecture, '/incidents', 'prefecture incident list');
    await prefecture.getByTestId('incident-table').getByText(TITLE).waitFor();
    await prefecture.getByRole('navigation').getByRole('link', { name: 'インシデント状況' }).click();
    await prefecture.getByRole('heading', { level: 1, name: 'インシデント状況' }).waitFor();
    const overviewRow = prefecture.getByTestId('incident-overview-table').locator('tr', { hasText: TITLE });
    await overviewRow.waitFor();
    const bodies = overviewRow.getByTestId('overview-municipality');
    await expect.poll(() => bodies.allTextContents()).toEqual(['サンプル市影響あり対応中', 'サンプル町影響あり対応中']);
    await checkA11y(prefecture, 'prefecture incident overview');
    await shot(prefecture, 'incidents', 'overview');

    // --- The vendor posts the full recovery; everyone sees it.
    await vendor.reload();
    await vendor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await vendor.getByRole('button', { name: '経過を記録' }).first().click();
    const eventDialog = vendor.getByRole('dialog', { name: '経過を記録' });
    await eventDialog.waitFor();
    await chooseOption(vendor, '出来事の種類', '完全復旧', eventDialog);
    await fillDate(eventDialog.getByLabel('日時（日本時間）'), recoveredLocal);
    await eventDialog.getByLabel('情報源').fill('障害情報ページ');
    await eventDialog.getByLabel('メモ').fill('ネットワーク機器を交換し、全団体で接続を確認しました。原因は追って報告します。');
    await checkA11y(vendor, 'vendor event dialog');
    await eventDialog.getByRole('button', { name: '記録する' }).click();
    await eventDialog.waitFor({ state: 'hidden' });
    await vendor.getByTestId('incident-timeline').getByText('完全復旧').waitFor();
    await vendor.getByTestId('incident-tags').getByText('復旧済').waitFor();
    await vendor.getByTestId('incident-participants').getByText('サンプル町').waitFor();
    await checkA11y(vendor, 'vendor incident recovered');
    await shot(vendor, 'incidents', 'vendor-detail');
    await screenshot(vendor, 'incident-detail.png');

    // --- The city: recovery on its timeline and in the figures; closing is refused without an action.
    await city.reload();
    await city.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await city.getByTestId('incident-timeline').getByText('ネットワーク機器を交換し、全団体で接続を確認しました。原因は追って報告します。').waitFor();
    await city.getByTestId('figure-recovery').getByText('1時間40分').waitFor();
    await city.getByTestId('figure-recovery').getByText('MTTR目標の登録なし').first().waitFor();
    await city.getByRole('button', { name: '対応を完了' }).click();
    await city.locator('.ant-popover').getByRole('button', { name: '対応を完了' }).click();
    await city.getByTestId('close-refused').getByText('完了するには再発防止策を1件以上登録してください').waitFor();
    await wavesGone(city);
    await checkA11y(city, 'city close refused');
    await shot(city, 'incidents', 'close-refused');

    await city.getByRole('button', { name: '再発防止策を追加' }).first().click();
    const actionDialog = city.getByRole('dialog', { name: '再発防止策の追加' });
    await actionDialog.waitFor();
    await actionDialog.getByLabel('内容').fill('システム停止時の窓口手順（手書き受付票・後日交付）を文書化し、各窓口に配布する');
    await actionDialog.getByLabel('担当').fill('市民課 窓口係長');
    await fillDate(actionDialog.getByLabel('期限'), japanDate(30));
    await checkA11y(city, 'prevention action dialog');
    await actionDialog.getByRole('button', { name: '追加' }).click();
    await actionDialog.waitFor({ state: 'hidden' });
    const actions = city.getByTestId('prevention-actions');
    await actions.getByText('市民課 窓口係長').waitFor();
    await actions.getByRole('button', { name: /^完了にする: / }).click();
    await actions.getByText('完了', { exact: true }).waitFor();

    await city.getByRole('button', { name: '対応を完了' }).click();
    await city.locator('.ant-popover').getByRole('button', { name: '対応を完了' }).click();
    await city.getByTestId('my-closed').waitFor();
    await wavesGone(city);
    await expect.poll(() => city.getByTestId('close-refused').count()).toBe(0);
    await city.getByTestId('incident-participants').locator('tr', { hasText: 'サンプル市' }).getByText(/^完了 /).waitFor();
    await checkA11y(city, 'city handling closed');
    await shot(city, 'incidents', 'closed');

    // --- The closing report: printable page and .xlsx.
    await city.getByRole('link', { name: '印刷用ページ' }).click();
    await city.getByRole('heading', { level: 1, name: `インシデント完了報告書：${TITLE}` }).waitFor();
    await city.getByTestId('incident-report-actions').getByText('市民課 窓口係長').waitFor();
    expect(await city.getByTestId('incident-report-timeline').textContent()).toContain('完全復旧');
    await checkA11y(city, 'incident print page');
    await shot(city, 'incidents', 'print');
    const [download] = await Promise.all([city.waitForEvent('download'), city.getByRole('link', { name: /完了報告書（Excel）/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // --- The prefecture sees the city's handling closed, the town's still open.
    await prefecture.reload();
    await expect.poll(() => overviewRow.getByTestId('overview-municipality').allTextContents()).toEqual(['サンプル市影響あり対応完了', 'サンプル町影響あり対応中']);

    // --- A municipality reports a leak of its own on the linked entry, shared with the vendor and the prefecture.
    await visit(town, `/register/${townEntry.id}?tab=incidents`, 'town entry incidents tab');
    await town.getByTestId('entry-incidents').getByRole('link', { name: TITLE }).waitFor();
    await town.getByRole('link', { name: 'インシデントを報告' }).click();
    await town.getByRole('heading', { level: 1, name: 'インシデントの報告' }).waitFor();
    const townForm = town.getByTestId('incident-report-form');
    await townForm.getByText(`事業者のサービス: デモ自治体クラウド株式会社（${SERVICE}）`).waitFor();
    expect(await townForm.getByLabel('事業者と共有する').isChecked()).toBe(true);
    const LEAK = `窓口の誤送付で住民の氏名・住所が第三者に（E2E ${suffix}）`;
    await townForm.getByLabel('件名').fill(LEAK);
    await townForm.getByText('情報漏洩', { exact: true }).click();
    await townForm.getByText('中', { exact: true }).click();
    await fillDate(townForm.getByLabel('発生日時（日本時間）'), japanLocal(base - 60 * 60_000));
    await chooseOption(town, '漏洩・消失した個人データの種類', '氏名', townForm);
    await town.keyboard.press('Escape');
    await townForm.getByLabel('影響を受けた記録の件数').fill('120');
    await townForm.getByLabel('影響を受けた住民数').fill('120');
    await checkA11y(town, 'municipality report form');
    await shot(town, 'incidents', 'report-form-municipality');
    await townForm.getByRole('button', { name: '報告する' }).click();
    await town.getByRole('heading', { level: 1, name: LEAK }).waitFor();
    const summary = town.getByTestId('incident-summary');
    await summary.getByText('事業者、都道府県・共同利用団体').waitFor();
    await summary.getByText(/^[\d,]+円$/).waitFor();
    await checkA11y(town, 'municipality incident detail');
    await visit(vendor, '/incidents', 'vendor incident list with a shared report');
    await vendor.getByTestId('incident-table').locator('tr', { hasText: LEAK }).getByText(/^報告: サンプル町 ・ デモ自治体クラウド株式会社/).waitFor();
    await shot(vendor, 'incidents', 'vendor-list');

    for (const page of [vendor, city, town, prefecture]) expect(pageErrors(page)).toEqual([]);
  });
});
