// What runs on what, in the browser: the demo city records on an entry's 責任分界 tab that its virtual
// platform runs on a vendor's IaaS service, and that its core system runs on that platform; it asks
// 「影響分析（停止したら）」 what stops if the IaaS fails and sees the ranked list with the way each entry
// is reached; the vendor reports an incident on the IaaS and the city sees it, marked 「…経由」.

import { describe, expect, inject, it } from 'vitest';
import { checkA11y, chooseOption, createEntry, newPage, pageErrors, screenshot, signIn, useBrowser, visit, callApi } from './support/browser.ts';

const VENDOR = 'member@vendor-a.demo.daicho.example';
const CITY = 'editor@city.demo.daicho.example';

const call = callApi;

describe('dependencies and what-if', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  it('records what an entry runs on, answers what stops if the IaaS fails, and marks the incident that comes that way', async () => {
    const suffix = Date.now().toString(36).toUpperCase();
    const IAAS = `E2E自治体IaaS ${suffix}`;
    const BASE = `E2E 仮想サーバー基盤 ${suffix}`;
    const CORE = `E2E 住民記録システム ${suffix}`;

    const { page: vendor } = await newPage(chromium.browser, baseUrl);
    await vendor.goto('/login');
    await signIn(vendor, VENDOR);
    const iaas = await call<{ id: string }>(vendor, 'POST', '/api/vendor-services', { name: IAAS, description: 'ガバメントクラウド上の仮想サーバー' });

    const { page: city } = await newPage(chromium.browser, baseUrl);
    await city.goto('/login');
    await signIn(city, CITY);
    const base = await createEntry(city, BASE, { department: '情報政策課', resident_impact: 1 });
    const core = await createEntry(city, CORE, { department: '市民課', data_kinds: ['name', 'address', 'birth_date'], resident_impact: 3 });

    // --- On the platform entry's 責任分界 tab: it runs on the vendor's IaaS (search, choose, save).
    await visit(city, `/register/${base.id}?tab=parties`, 'entry responsibility tab');
    const section = city.locator('.ant-card').filter({ has: city.getByRole('heading', { name: '依存関係（何の上で動いているか）' }) });
    await section.getByText('依存先は登録されていません').waitFor();
    await section.getByRole('button', { name: '依存先を追加' }).click();
    const dialog = city.getByRole('dialog', { name: '依存先を追加' });
    await dialog.waitFor();
    await dialog.getByLabel('依存先のサービス', { exact: true }).fill(suffix);
    await city.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: IAAS }).click();
    await dialog.getByLabel('備考').fill('本番環境（東日本リージョン）');
    await checkA11y(city, 'add dependency dialog');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await section.getByText(`${IAAS}（デモ自治体クラウド株式会社）`).waitFor();

    // The core system runs on the platform entry; a cycle back is refused with the way round.
    await call(city, 'POST', `/api/register/entries/${core.id}/dependencies`, { depends_on_entry_id: base.id });
    await city.reload();
    await section.getByText(`${core.external_key} ${CORE}`).waitFor();
    await section.getByRole('button', { name: '依存先を追加' }).click();
    await dialog.waitFor();
    await dialog.getByText('自団体の外部サービス', { exact: true }).click();
    await chooseOption(city, '依存先の外部サービス（台帳の登録）', `${core.external_key} ${CORE}`, dialog);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText(/依存関係が循環します/).waitFor();
    await checkA11y(city, 'add dependency dialog, cycle refused');
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // --- What stops if the IaaS fails: the picker, the ranked table, the summary.
    await section.getByRole('button', { name: '停止したときの影響を見る' }).click();
    await city.getByRole('heading', { level: 1, name: '影響分析（停止したら）' }).waitFor();
    await city.getByLabel('止まるもの', { exact: true }).fill(suffix);
    await city.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: IAAS }).click();
    await city.getByText(`${IAAS}（デモ自治体クラウド株式会社） が停止すると、2件の外部サービスが止まります`, { exact: false }).waitFor();
    const rows = city.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.nth(0).innerText()).toContain(CORE);
    const first = (await rows.nth(0).innerText()).replace(/\s+/g, ' ');
    expect(first).toContain(IAAS);
    expect(first).toContain(`→ ${base.external_key} ${BASE}`);
    expect(await rows.nth(1).innerText()).toContain('直接');
    await checkA11y(city, 'what-if');
    await city.setViewportSize({ width: 1366, height: 900 });
    expect(await city.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(city, 'what-if.png');

    // --- The vendor reports an incident on the IaaS; the city takes part through its platform entry.
    const incident = await call<{ id: string }>(vendor, 'POST', '/api/incidents', {
      vendor_service_id: iaas.id,
      title: `IaaS基盤の停止（E2E ${suffix}）`,
      type: 'outage',
      severity: 'high',
      occurred_at: new Date(Date.now() - 30 * 60_000).toISOString(),
    });
    await visit(city, `/incidents/${incident.id}`, 'incident reached through a dependency');
    await city.getByText(`自団体の「${BASE}」経由`).first().waitFor();
    await visit(vendor, `/incidents/${incident.id}`, 'vendor incident page');
    expect(await vendor.getByText(BASE).count()).toBe(0);

    // --- The vendor's service list shows the reach of its IaaS (organisations and counts).
    await visit(vendor, '/vendor/services', 'vendor services');
    const row = vendor.getByTestId('vendor-services-table').locator('tr', { hasText: IAAS });
    await row.locator('.ant-table-row-expand-icon').click();
    await vendor.getByRole('heading', { name: 'このサービスが止まったときに影響する団体' }).waitFor();
    await vendor.getByText('サンプル市').first().waitFor();
    await checkA11y(vendor, 'vendor service reach');
    expect(pageErrors(city)).toEqual([]);
    expect(pageErrors(vendor)).toEqual([]);
  });
});
