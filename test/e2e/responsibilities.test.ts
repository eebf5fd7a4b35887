// 責任分界 in the browser: the shared-cloud vendor declares the standard split of its service; a city
// editor, whose new entry runs on that service with an IaaS, an application vendor, an operations
// contractor and the city itself as parties, fills the matrix and sees the gaps disappear, then adopts
// the vendor's split with the suggested mapping. Axe on each screen; the matrix fits 1366 px.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, newPage, pageErrors, screenshot, signIn, visit, useBrowser, createEntry, callApi } from './support/browser.ts';

const EDITOR = 'editor@city.demo.daicho.example';
const VENDOR = 'member@vendor-a.demo.daicho.example';
const SERVICE = '自治体クラウド 福祉';
// The parties come from the parties API (POST /api/register/entries/{id}/parties); the matrix is filled in the browser.

const call = callApi;

/** Sets the A/R/C/I select of one cell (its label is "<layer> / <party>"). */
async function setDuty(page: Page, scope: ReturnType<Page['getByTestId']>, label: string, short: string) {
  await scope.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option`).filter({ hasText: new RegExp(`^${short}$`) }).click();
  await dropdownsClosed(page);
}

/** Waits until no Select's dropdown is open (a closing one would answer the next choice's locator). */
async function dropdownsClosed(page: Page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.ant-select-dropdown')].every((d) => d.classList.contains('ant-select-dropdown-hidden') || getComputedStyle(d).display === 'none'));
}

async function chooseIn(page: Page, scope: ReturnType<Page['getByTestId']>, label: string, option: string) {
  await scope.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  await dropdownsClosed(page);
}

describe('responsibility matrix', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  it('a vendor declares its split; a city fills the matrix, sees the gaps go, and adopts the split', async () => {
    // --- The vendor declares its standard split on its services page.
    const vendorSide = await newPage(chromium.browser, baseUrl);
    const v = vendorSide.page;
    await v.setViewportSize({ width: 1366, height: 900 });
    await visit(v, '/login', 'login');
    await signIn(v, VENDOR);
    await visit(v, '/vendor/services', 'vendor services');
    await v.getByRole('button', { name: `標準の責任分界: ${SERVICE}` }).click();
    const modal = v.getByRole('dialog', { name: `標準の責任分界: ${SERVICE}` });
    const split = modal.getByTestId('split-grid');
    await split.waitFor();
    await setDuty(v, split, 'アプリケーション / 自社（宣言する事業者）', 'A');
    await setDuty(v, split, 'ハードウェア / クラウド基盤（IaaS）事業者', 'A');
    await split.getByLabel('ハードウェア / クラウド基盤（IaaS）事業者: バックアップ').check();
    await chooseIn(v, modal.getByTestId('fault-roles'), '第一報: 関係事業者', '自社（宣言する事業者）');
    await modal.getByLabel('第一報の期限（分）').fill('30');
    await checkA11y(v, 'vendor split editor');
    await modal.getByRole('button', { name: '宣言を保存' }).click();
    await modal.waitFor({ state: 'hidden' });
    await vendorSide.context.close();

    // --- A city entry on that service, with four parties.
    const { page } = await newPage(chromium.browser, baseUrl);
    await page.setViewportSize({ width: 1366, height: 900 });
    await visit(page, '/login', 'login');
    await signIn(page, EDITOR);
    const entry = await createEntry(page, '責任分界確認用 介護保険システム');
    const services = await call<{ items: { id: string; name: string; vendor: { id: string; name: string } }[] }>(page, 'GET', `/api/vendor-services?q=${encodeURIComponent(SERVICE)}`);
    const service = services.items.find((s) => s.name === SERVICE)!;
    await call(page, 'PUT', `/api/register/entries/${entry.id}/vendor-service`, { vendor_service_id: service.id });
    const parties = `/api/register/entries/${entry.id}/parties`;
    const iaas = await call<{ id: string }>(page, 'POST', parties, { role: 'cloud_provider', vendor_organisation_id: service.vendor.id, vendor_service_id: service.id });
    const listed = await call<{ items: { id: string; name: string }[] }>(page, 'GET', '/api/register/vendors');
    const contractor = listed.items.find((x) => x.name !== service.vendor.name)!;
    await call(page, 'POST', parties, { role: 'operations_contractor', vendor_id: contractor.id });
    await call(page, 'POST', parties, { role: 'municipality' });

    await visit(page, `/register/${entry.id}`, 'entry overview');
    await page.getByRole('tab', { name: '責任分界' }).click();
    const section = page.getByTestId('matrix-section');
    const gaps = section.getByTestId('matrix-gaps');
    await gaps.getByText('一次切り分けを行う関係事業者が決まっていません', { exact: false }).waitFor();
    await checkA11y(page, 'matrix with gaps');

    // --- Every layer gets its one owner; the fault roles their parties: only the contact gap is left.
    const grid = section.getByTestId('matrix-grid');
    const matrix = await call<{ parties: { name: string }[] }>(page, 'GET', `/api/register/entries/${entry.id}/responsibilities`);
    const [iaasName, opsName, cityName] = matrix.parties.map((p) => p.name);
    const layers = (await grid.locator('tbody th').allTextContents()).map((t) => t.replace('バックアップ要', ''));
    for (const [i, layer] of layers.entries()) {
      const owner = i < 4 ? iaasName : i < 9 ? opsName : cityName;
      await setDuty(page, grid, `${layer} / ${owner}`, 'A');
    }
    for (const layer of ['ハードウェア', '仮想化基盤', 'ゲストOS', 'ミドルウェア', 'アプリケーション', 'データ']) await grid.getByLabel(`${layer} / ${opsName}: バックアップ`).check();
    const roles = section.getByTestId('fault-roles');
    for (const role of ['障害の検知', '一次切り分け', '第一報', '復旧']) await chooseIn(page, roles, `${role}: 関係事業者`, opsName);
    await roles.getByLabel('第一報の期限（分）').fill('60');
    await section.getByRole('button', { name: '責任分担表を保存' }).click();
    await page.getByText('責任分担表を保存しました').waitFor();
    await gaps.getByText('障害発生時の連絡先が連絡体制にありません', { exact: false }).waitFor();
    expect(await gaps.locator('li').count()).toBe(1);

    // A second accountable party for a layer is refused on the cell itself.
    await setDuty(page, grid, `${layers[0]} / ${cityName}`, 'A');
    await section.getByRole('button', { name: '責任分担表を保存' }).click();
    await grid.getByText('責任者（A）は1者だけです', { exact: false }).waitFor();
    await setDuty(page, grid, `${layers[0]} / ${cityName}`, '—');

    // --- The first triage moves to the city itself: no contact is needed, nothing is missing.
    await chooseIn(page, roles, '一次切り分け: 関係事業者', cityName);
    await section.getByRole('button', { name: '責任分担表を保存' }).click();
    await gaps.getByText('不足はありません').waitFor();
    await checkA11y(page, 'matrix without gaps');

    // --- The vendor's split: the mapping is suggested; adopting replaces the matrix.
    const adopt = section.getByTestId('adopt-panel');
    await adopt.getByText(SERVICE, { exact: false }).first().waitFor();
    expect(await section.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'responsibility-matrix.png');
    await adopt.getByRole('button', { name: 'この分界を採用' }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: 'この分界を採用' }).click();
    await page.getByText("事業者の標準の分界を採用しました", { exact: false }).waitFor();
    await adopt.getByText('採用後の変更はありません').waitFor();
    expect(iaas.id).toBeTruthy();
    await checkA11y(page, 'matrix adopted');
    expect(pageErrors(page)).toEqual([]);
  });
});
