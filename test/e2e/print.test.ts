// Printing in the browser: every list prints as a document. The register list printed through Chromium
// (print media, page.pdf) and read back with pdftotext holds the title, the organisation, the date in
// 和暦 and 西暦, every column the list shows and page numbers, and none of the navigation; the other
// lists print without the frame too. The register list's PDF button downloads the server's PDF.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, shot, signIn, visit, useBrowser } from './support/browser.ts';

const EDITOR = 'editor@city.demo.daicho.example';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-print-'));

/** Today in Japan in both calendars, worked out without Intl: 令和 began in 2019. */
function japanDates() {
  const jst = new Date(Date.now() + 9 * 3_600_000);
  const year = jst.getUTCFullYear() - 2018;
  return { wareki: `令和${year === 1 ? '元' : year}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日`, iso: jst.toISOString().slice(0, 10) };
}

const compact = (text: string) => text.replace(/\s+/g, '');

function pdfText(file: string) {
  return { plain: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }), pages: Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]) };
}

/** The page as Chromium prints it (the page's own @page size and margin boxes), as text. */
async function printed(page: Page, name: string) {
  await page.emulateMedia({ media: 'print' });
  const file = path.join(dir, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return pdfText(file);
}

/** The navigation's labels that the page's own content does not also show: none of them may be printed. */
async function frameOnlyLabels(page: Page) {
  const main = compact(await page.locator('#main').innerText());
  const labels = await page.locator('nav .ant-menu-title-content').allInnerTexts();
  return [...labels, await page.getByTestId('user-name').innerText()].map(compact).filter((l) => l && !main.includes(l));
}

describe('print', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  it('prints the register list as a document and downloads it as a PDF', async () => {
    const { page } = await newPage(chromium.browser, baseUrl);
    await page.setViewportSize({ width: 1366, height: 900 });
    await visit(page, '/login', 'login');
    await signIn(page, EDITOR);
    await visit(page, '/register', 'register list');
    await page.locator('.ant-table-row').first().waitFor();
    const headers = (await page.locator('.ant-table-thead th').allInnerTexts()).map(compact).filter(Boolean);
    expect(headers.length).toBeGreaterThan(5);
    const navigation = await frameOnlyLabels(page);
    expect(navigation.length).toBeGreaterThan(3);

    // On paper: the heading with the organisation and both calendars, no frame, no buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print-heading').isVisible()).toBe(true);
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.getByRole('search').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'PDF' }).isVisible()).toBe(false);
    await shot(page, 'print', 'register-list');
    await page.emulateMedia({ media: 'screen' });

    const { plain, pages } = await printed(page, 'register-list');
    const text = compact(plain);
    const { wareki, iso } = japanDates();
    expect(text).toContain('外部サービス台帳');
    expect(text).toContain('サンプル市');
    expect(text).toContain(`${wareki}（${iso}）`);
    for (const header of headers) expect(text, header).toContain(header);
    for (const label of navigation) expect(text, label).not.toContain(label);
    for (let n = 1; n <= pages; n++) expect(plain).toMatch(new RegExp(`(^|\\s)${n}\\s*/\\s*${pages}(\\s|$)`));
    expect(text).not.toContain('Excel出力');

    // The PDF button: the server's document of the same list.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`register-${iso}.pdf`);
    const file = path.join(dir, 'register-download.pdf');
    await download.saveAs(file);
    const pdf = compact(pdfText(file).plain);
    expect(pdf).toContain('外部サービス台帳');
    expect(pdf).toContain('サンプル市');
    expect(pdf).toContain(`作成日${wareki}（${iso}）`);
    expect(pdf).toContain('起案者係長課長部長・CISO');
    expect(pageErrors(page)).toEqual([]);
  });

  it("prints an entry's responsibilities: the subcontract chain with its flags, the matrix and what is missing", async () => {
    const { page } = await newPage(chromium.browser, baseUrl);
    await page.setViewportSize({ width: 1366, height: 900 });
    await visit(page, '/login', 'login');
    await signIn(page, EDITOR);
    await visit(page, '/register', 'register list');
    await page.getByRole('link', { name: '個人住民税システム' }).first().click();
    await page.getByRole('tab', { name: '責任分界' }).click();
    await page.getByRole('link', { name: '印刷用の一覧表' }).click();
    await page.getByRole('heading', { level: 1, name: '責任分界の一覧表: 個人住民税システム' }).waitFor();
    await visit(page, new URL(page.url()).pathname, 'responsibility sheet');
    // The demo's third-tier subcontractor awaits approval: its row carries both flags.
    const flagged = page.locator('tr.flagged');
    expect(await flagged.count()).toBe(1);
    expect(await flagged.innerText()).toContain('架空封入封緘株式会社');
    expect(await flagged.innerText()).toContain('未承認の再委託先');
    const { plain } = await printed(page, 'responsibility-sheet');
    const text = compact(plain);
    const { wareki, iso } = japanDates();
    expect(text).toContain(`サンプル市印刷日${wareki}（${iso}）`);
    for (const words of ['関係事業者と再委託の連なり', '責任分担表', '障害時の役割', '不足している点', '一次切り分けを行う', '依存関係', '口座振替受付サービス']) expect(text, words).toContain(words);
    await shot(page, 'print', 'responsibility-sheet');
    expect(pageErrors(page)).toEqual([]);
  });

  it('prints the other lists without the frame, under the same heading', async () => {
    const { page } = await newPage(chromium.browser, baseUrl);
    await page.setViewportSize({ width: 1366, height: 900 });
    await visit(page, '/login', 'login');
    await signIn(page, EDITOR);
    const { wareki, iso } = japanDates();
    for (const pathname of ['/assessments', '/incidents', '/sla', '/vendors', '/notifications']) {
      await visit(page, pathname, `${pathname} list`);
      const title = compact(await page.locator('h1').first().innerText());
      const navigation = await frameOnlyLabels(page);
      const text = compact((await printed(page, pathname.slice(1))).plain);
      expect(text, pathname).toContain(title);
      expect(text, pathname).toContain(`サンプル市印刷日${wareki}（${iso}）`);
      for (const label of navigation) expect(text, `${pathname}: ${label}`).not.toContain(label);
    }
    expect(pageErrors(page)).toEqual([]);
  });
});
