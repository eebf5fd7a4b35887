// The importance survey (重要度調査) in the browser, with two actors: the prefecture's editor opens a
// survey on the 12 confirmation items for its two municipalities; the town's editor opens it from the
// notification, is told which items are still unanswered, saves a draft, is told a "hard to confirm"
// item needs its reason, and hands in all 12; the prefecture reads the response rate, the chart and
// its data table (with the town's name on the reasons), downloads the .xlsx and closes the survey;
// the town then reads the results, anonymised, and its own answers, which can no longer change.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { checkA11y, chooseLanguage, newPage, pageErrors, screenshot, shot, signIn, useBrowser, visit, fillDate } from './support/browser.ts';

const PREFECTURE = 'editor@pref.demo.daicho.example';
const TOWN = 'editor@town.demo.daicho.example';
const ITEM_KEYS = ['1-1', '1-2', '2-1', '2-2', '3-1', '3-2', '4-1', '5-1', '6-1', '7-1', '8-1', '9-1'];
const MUST = '重要であり確認・合意すべきである';
const HARD = '重要ではあるが確認・合意が難しい';
const NOT_NEEDED = '特に留意しなくても良い';
const HARD_REASON = '共同利用型クラウドのため、SLAの水準を当町だけで個別に合意することが難しい';
const NOT_NEEDED_REASON = 'アクセスログは事業者の標準の月次報告で足りる';

function japanDate(plusDays = 0): string {
  return new Date(Date.now() + 9 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** antd's click wave outlives a Popconfirm closing around it; wait it out before the accessibility check. */
async function wavesGone(page: Page) {
  await page.waitForFunction(() => !document.querySelector('.ant-wave'), undefined, { timeout: 60_000, polling: 200 });
}

async function signedIn(browser: Browser, baseUrl: string, email: string): Promise<Page> {
  const { page } = await newPage(browser, baseUrl);
  await visit(page, '/login', 'login');
  await signIn(page, email);
  return page;
}

/** The answer box (fieldset) of one item of the form that is open. */
function itemBox(page: Page, key: string) {
  return page.locator('fieldset').filter({ has: page.locator('legend', { hasText: new RegExp(`^${key} `) }) });
}

async function rate(page: Page, key: string, level: string, reason?: string) {
  const box = itemBox(page, key);
  await box.getByText(level, { exact: true }).click();
  if (reason !== undefined) await box.getByLabel(/^理由/).fill(reason);
}

/** The value of a fact (Descriptions row) on the survey page. */
function fact(page: Page, label: string) {
  return page.locator('.ant-descriptions-item', { has: page.locator('.ant-descriptions-item-label', { hasText: label }) }).locator('.ant-descriptions-item-content');
}

describe('importance survey', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  it('a prefecture asks its municipalities; the town answers every item and hands in; the prefecture reads the results and closes; the town sees them anonymised', async () => {
    const suffix = Date.now().toString(36).toUpperCase();
    const TITLE = `確認項目の重要度調査 E2E ${suffix}`;
    const closesOn = japanDate(30);

    // --- The prefecture's editor opens a survey for both of its municipalities.
    const pref = await signedIn(chromium.browser, baseUrl, PREFECTURE);
    await pref.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '重要度調査' }).click();
    await pref.getByRole('heading', { level: 1, name: '重要度調査' }).waitFor();
    await pref.getByTestId('survey-list').getByText('外部サービス利用時の確認項目に関する重要度調査（今年度）').waitFor();
    await checkA11y(pref, 'prefecture survey list');
    const create = pref.locator('form[id="survey-create"]');
    await create.waitFor();
    // The confirmation items and every member municipality are chosen already.
    await create.locator('.ant-select-selection-item', { hasText: '外部サービス利用時の確認項目（9分類12項目）' }).waitFor();
    const chosen = create.locator('.ant-select-selection-overflow-item .ant-select-selection-item-content');
    await expect.poll(async () => (await chosen.allTextContents()).sort()).toEqual(['サンプル市', 'サンプル町'].sort());
    // Without a name the form says what is missing, and nothing is created.
    await create.getByRole('button', { name: '調査を始めて回答を依頼する' }).click();
    await create.locator('.ant-form-item-explain-error', { hasText: '入力してください' }).waitFor();
    await checkA11y(pref, 'survey create form with an error');
    await create.getByLabel('調査名').fill(TITLE);
    await fillDate(create.getByLabel('締切日（任意）'), closesOn);
    await shot(pref, 'surveys', 'create');
    await create.getByRole('button', { name: '調査を始めて回答を依頼する' }).click();
    await pref.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const surveyId = new URL(pref.url()).pathname.split('/').pop()!;
    expect(surveyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await fact(pref, '状態').textContent()).toBe('回答受付中');
    expect(await fact(pref, '締切日').textContent()).toBe(closesOn.replaceAll('-', '/'));
    expect(await fact(pref, '回答状況').textContent()).toBe('0 / 2団体（0%）');
    const participants = pref.locator('.ant-card', { has: pref.getByRole('heading', { name: '回答を依頼した団体' }) });
    await expect.poll(async () => (await participants.locator('tbody tr').allTextContents()).sort()).toEqual(['サンプル市未提出', 'サンプル町未提出']);
    await pref.getByText('まだ提出された回答はありません').waitFor();
    await checkA11y(pref, 'survey just opened (owner)');

    // --- The town is notified and opens the survey from the notification.
    const town = await signedIn(chromium.browser, baseUrl, TOWN);
    await town.getByTestId('notification-bell').click();
    await town.getByRole('heading', { level: 1, name: 'お知らせ' }).waitFor();
    const notification = town.getByTestId('notification-item').filter({ hasText: TITLE });
    await notification.getByText('重要度調査への回答依頼', { exact: true }).waitFor();
    await checkA11y(town, 'town notifications');
    await notification.getByRole('link', { name: `重要度調査への回答依頼：${TITLE}` }).click();
    await town.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(new URL(town.url()).pathname).toBe(`/surveys/${surveyId}`);
    expect(await fact(town, '自団体の回答').textContent()).toBe('未回答');
    await town.getByText('集計結果は調査の締切後に公開されます。').waitFor();
    expect(await town.getByRole('heading', { name: '集計結果' }).count()).toBe(0);
    await checkA11y(town, 'survey answer form (participant)');

    // Two items answered, then hand in: refused, naming every item still unanswered.
    await rate(town, '1-1', MUST, '夜間・休日の連絡先を契約で明記しておきたい');
    await rate(town, '2-1', MUST);
    await town.getByText('2 / 12項目に回答').waitFor();
    await town.getByRole('button', { name: '提出する' }).click();
    const missing = ITEM_KEYS.filter((k) => k !== '1-1' && k !== '2-1');
    await town.getByRole('alert').filter({ hasText: `未回答の項目があります：${missing.join('、')}` }).waitFor();
    // The summary sits at the top of a long form: it takes the focus, so it is read out and scrolled to.
    await expect.poll(() => town.evaluate(() => document.activeElement?.querySelector('[role=alert]')?.textContent ?? '')).toContain('未回答の項目があります');
    expect(await itemBox(town, '1-2').getByText('未回答', { exact: true }).count()).toBe(1);
    expect(await itemBox(town, '1-1').getByText('未回答', { exact: true }).count()).toBe(0);
    await checkA11y(town, 'survey hand-in refused: items missing');
    await shot(town, 'surveys', 'answer-missing');

    // A draft may be incomplete.
    await town.getByRole('button', { name: '下書き保存' }).click();
    await town.getByText('下書きを保存しました').waitFor();
    await expect.poll(async () => fact(town, '自団体の回答').textContent()).toBe('下書き保存済');

    // Every item: one "hard to confirm" (its reason first forgotten), one "no particular attention" with a reason.
    for (const key of missing) {
      if (key === '8-1') await rate(town, key, HARD);
      else if (key === '3-2') await rate(town, key, NOT_NEEDED, NOT_NEEDED_REASON);
      else await rate(town, key, MUST);
    }
    await town.getByText('12 / 12項目に回答').waitFor();
    await town.getByRole('button', { name: '提出する' }).click();
    await town.getByRole('alert').filter({ hasText: '「重要ではあるが確認・合意が難しい」を選んだ項目には、難しい理由を書いてください' }).waitFor();
    await itemBox(town, '8-1').locator('textarea[aria-invalid="true"]').waitFor();
    await checkA11y(town, 'survey hand-in refused: reason missing');
    await itemBox(town, '8-1').getByLabel(/^理由/).fill(HARD_REASON);
    await town.getByRole('button', { name: '提出する' }).click();
    await town.getByText('回答を提出しました').waitFor();
    await expect.poll(async () => fact(town, '自団体の回答').textContent()).toBe('提出済');
    await town.getByText(/に提出済みです。締切までは回答を変更して再提出できます。/).waitFor();
    await town.getByRole('button', { name: '変更を提出する' }).waitFor();
    await checkA11y(town, 'survey handed in (participant)');
    await screenshot(town, 'survey-answer.png');

    // --- The prefecture sees the response rate, the chart with its data table, and the reasons by name.
    await visit(pref, `/surveys/${surveyId}`, 'survey with one response (owner)');
    expect(await fact(pref, '回答状況').textContent()).toBe('1 / 2団体（50%）');
    await pref.getByText('50%（1 / 2団体が提出）').waitFor();
    const townRow = participants.locator('tbody tr', { hasText: 'サンプル町' });
    expect(await townRow.textContent()).not.toContain('未提出');
    expect(await participants.locator('tbody tr', { hasText: 'サンプル市' }).textContent()).toContain('未提出');
    const chart = pref.getByRole('img', { name: /確認項目ごとの重要度の回答割合/ });
    await chart.locator('canvas').first().waitFor();
    const table = pref.getByTestId('survey-results-table');
    expect(await table.locator('thead th').allTextContents()).toEqual(['項目', '回答数', MUST, HARD, NOT_NEEDED]);
    expect(await table.locator('tbody tr').count()).toBe(12);
    const cells = async (key: string) => (await table.locator('tbody tr', { hasText: new RegExp(`^${key} `) }).locator('td').allTextContents()).slice(1);
    expect(await cells('8-1')).toEqual(['1', '0件（0%）', '1件（100%）', '0件（0%）']);
    expect(await cells('3-2')).toEqual(['1', '0件（0%）', '0件（0%）', '1件（100%）']);
    expect(await cells('1-1')).toEqual(['1', '1件（100%）', '0件（0%）', '0件（0%）']);
    const reasons = pref.locator('section', { has: pref.getByRole('heading', { name: '理由', exact: true }) });
    await reasons.getByText(`サンプル町：${HARD_REASON}`).waitFor();
    await reasons.getByText(`サンプル町：${NOT_NEEDED_REASON}`).waitFor();
    await checkA11y(pref, 'survey results (owner)');
    await shot(pref, 'surveys', 'results-owner');
    await screenshot(pref, 'survey-results.png');

    const [download] = await Promise.all([pref.waitForEvent('download'), pref.getByRole('link', { name: /集計表をダウンロード/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // Closing asks first; afterwards there is nothing left to close.
    await pref.getByRole('button', { name: '調査を締め切る' }).click();
    const confirm = pref.locator('.ant-popconfirm').filter({ hasText: '調査を締め切りますか？' });
    await confirm.waitFor();
    await checkA11y(pref, 'survey close confirmation');
    await confirm.getByRole('button', { name: '締め切る' }).click();
    await pref.getByText('調査を締め切りました').waitFor();
    await expect.poll(async () => fact(pref, '状態').textContent()).toBe('締切済');
    expect(await pref.getByRole('button', { name: '調査を締め切る' }).count()).toBe(0);
    await wavesGone(pref);
    await checkA11y(pref, 'survey closed (owner)');
    await visit(pref, '/surveys', 'prefecture survey list after closing');
    const listRow = pref.getByTestId('survey-list').locator('tr', { hasText: TITLE });
    await listRow.getByText('締切済').waitFor();
    expect(await listRow.textContent()).toContain('1 / 2団体（50%）');

    // --- The town now reads the results, without any municipality's name, and its answers, fixed.
    await visit(town, `/surveys/${surveyId}`, 'survey closed (participant)');
    expect(await fact(town, '状態').textContent()).toBe('締切済');
    await town.getByText('回答団体の名前は表示していません。').waitFor();
    const townReasons = town.locator('section', { has: town.getByRole('heading', { name: '理由', exact: true }) });
    await townReasons.getByText(HARD_REASON).waitFor();
    expect(await townReasons.textContent()).not.toContain('サンプル町');
    expect(await townReasons.textContent()).not.toContain('サンプル市');
    await town.getByRole('img', { name: /確認項目ごとの重要度の回答割合/ }).locator('canvas').first().waitFor();
    expect(await town.getByTestId('survey-results-table').locator('tbody tr').count()).toBe(12);
    await town.getByText('この調査は締め切られました。回答は変更できません。').waitFor();
    expect(await town.getByRole('button', { name: /提出/ }).count()).toBe(0);
    expect(await town.getByRole('button', { name: '下書き保存' }).count()).toBe(0);
    expect(await town.locator('textarea').count()).toBe(0);
    await checkA11y(town, 'survey results (participant, anonymised)');
    await shot(town, 'surveys', 'results-participant');

    // The same in English, then back (the choice is kept in the profile).
    await chooseLanguage(town, 'English');
    await town.getByText('The names of the answering bodies are not shown.').waitFor();
    await town.getByText('This survey is closed; answers can no longer change.').waitFor();
    await checkA11y(town, 'survey results in English (participant)');
    await shot(town, 'surveys', 'results-participant-en');
    await chooseLanguage(town, '日本語');
    await town.getByText('回答団体の名前は表示していません。').waitFor();

    await visit(town, '/surveys', 'town survey list');
    const townListRow = town.getByTestId('survey-list').locator('tr', { hasText: TITLE });
    await townListRow.getByText('締切済').waitFor();
    await townListRow.getByText('提出済').waitFor();
    expect(await townListRow.textContent()).toContain('サンプル県');

    expect(pageErrors(pref)).toEqual([]);
    expect(pageErrors(town)).toEqual([]);
  });
});
