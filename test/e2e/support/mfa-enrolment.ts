import type { Page } from 'playwright-core';
import { checkA11y } from './browser.ts';
import { freshCode } from './totp.ts';

/**
 * Completes the forced MFA set-up screen: reads the secret, enters a code, confirms the recovery
 * codes. Returns the secret and the time step used, for a later sign-in with a fresh code.
 */
export async function completeMfaSetup(page: Page): Promise<{ secret: string; usedStep: number }> {
  await page.getByRole('heading', { level: 1, name: '多要素認証の設定' }).waitFor();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
  const { code, step } = await freshCode(secret, 0);
  await page.getByLabel('確認コード（6桁）').fill(code);
  await page.getByRole('button', { name: '有効にする' }).click();
  await page.getByTestId('recovery-codes').waitFor();
  await checkA11y(page, 'recovery codes');
  await page.getByLabel('リカバリーコードを安全な場所に保管しました').check();
  await page.getByRole('button', { name: '完了' }).click();
  await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
  return { secret, usedStep: step };
}
