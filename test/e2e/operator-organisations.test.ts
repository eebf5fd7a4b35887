import { describe, expect, inject, it } from 'vitest';
import { localGovernmentCheckDigit } from '../../src/domain/codes.ts';
import { checkA11y, newPage, signIn, visit, useBrowser } from './support/browser.ts';
import { completeMfaSetup } from './support/mfa-enrolment.ts';

// A fictional municipality of the non-existent prefecture 99, with a correct and a wrong check digit.
const STEM = '99301';
const GOOD_CODE = `${STEM}${localGovernmentCheckDigit(STEM)}`;
const BAD_CODE = `${STEM}${(localGovernmentCheckDigit(STEM) + 1) % 10}`;

describe('the operator registers organisations', () => {
  const baseUrl = inject('baseUrl');
  const chromium = useBrowser();

  it('sees the 団体コード error beside the field, corrects it, and lands on the new organisation', async () => {
    const { context, page } = await newPage(chromium.browser, baseUrl);
    await visit(page, '/login', 'login');
    await signIn(page, 'operator@demo.daicho.example');
    await completeMfaSetup(page);
    // The operator coordinates everyone: the dashboard lists the registered organisations.
    await page.getByRole('heading', { name: '登録されている団体' }).waitFor();
    expect(await page.getByRole('row', { name: /サンプル町/ }).count()).toBe(1);
    await checkA11y(page, 'operator home');

    await page.getByRole('navigation').getByRole('link', { name: '団体' }).click();
    await page.getByRole('heading', { level: 1, name: '団体' }).waitFor();
    await checkA11y(page, 'organisations');

    await page.getByRole('button', { name: '団体を登録' }).click();
    const dialog = page.getByRole('dialog', { name: '団体の登録' });
    await dialog.waitFor();
    await dialog.getByLabel('名称', { exact: true }).fill('テスト村');
    await dialog.getByLabel('団体コード').fill(BAD_CODE);
    await dialog.getByRole('button', { name: '作成' }).click();
    await dialog.getByText('全国地方公共団体コードの検査数字が一致しません').waitFor();
    await checkA11y(page, 'organisation form with an error');

    await dialog.getByLabel('団体コード').fill(GOOD_CODE);
    await dialog.getByRole('button', { name: '作成' }).click();
    await page.getByRole('heading', { level: 1, name: 'テスト村' }).waitFor();
    expect(await page.getByText(GOOD_CODE).count()).toBeGreaterThan(0);
    await checkA11y(page, 'new organisation');
    await context.close();
  });
});
