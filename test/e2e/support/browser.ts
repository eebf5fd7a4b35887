import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOT_DIR = path.resolve('docs/screenshots');
/** Where a failing accessibility check leaves a picture of the screen (git-ignored). */
const FAILURE_DIR = path.resolve('test-results');
export const DEMO_PASSWORD = 'daicho-demo-2026';
const uncaughtErrors = new WeakMap<Page, string[]>();

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/**
 * A fresh browser context (axe needs pages from a context) in Japanese, on Japan time. The server's
 * CSP (script-src 'self') would refuse the injected axe script, so these contexts bypass CSP;
 * `enforceCsp` gives a normal one, used to check that the app itself never violates the policy.
 */
export async function newPage(browser: Browser, baseURL: string, options: { enforceCsp?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    // The screen size the product is checked at (the brief: 1366×900).
    viewport: { width: 1366, height: 900 },
    bypassCSP: !options.enforceCsp,
  });
  // Limits catch hangs, not slowness: a loaded machine may take many seconds for one step.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  uncaughtErrors.set(page, errors);
  return { context, page };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation, so every
 * screen a test reaches is checked for accessibility (JIS X 8341-3 / WCAG AA).
 */
export async function checkA11y(page: Page, screen: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // antd animates modals and messages (rc-motion classes *-appear, *-enter, *-leave); wait until
  // nothing is mid-transition, so contrast is measured at rest rather than half-faded.
  // On a loaded machine (CI runs everything on 2 cores) a transition can take seconds; if one never
  // ends, fail naming the element rather than with a bare timeout.
  // Not a button's loading spinner on its way out: antd sometimes leaves that invisible icon with its
  // leave class for good when the page re-renders mid-motion (it has no text or colour to measure).
  const moving = ['-appear', '-enter', '-leave'].map((c) => `[class*="${c}"]:not(.ant-btn-loading-icon)`).join(', ');
  try {
    await page.waitForFunction((selector) => !document.querySelector(selector), moving, { timeout: 60_000, polling: 100 });
  } catch (error) {
    const still = await page.evaluate((selector) => [...document.querySelectorAll(selector)].map((e) => `<${e.tagName.toLowerCase()} class="${e.className}">`).slice(0, 5), moving);
    throw new Error(`${screen}: still animating after 60 s: ${still.join(' ')}`, { cause: error });
  }
  // CSS transitions carry no class (a button's colours easing in after it renders or is enabled): wait
  // until every finite animation or transition has finished; endless ones (spinners) do not count.
  try {
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity), undefined, { timeout: 60_000, polling: 100 });
  } catch (error) {
    throw new Error(`${screen}: a transition still running after 60 s`, { cause: error });
  }
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!hasAxe) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length) {
    fs.mkdirSync(FAILURE_DIR, { recursive: true });
    await page.screenshot({ path: path.join(FAILURE_DIR, `a11y-${screen.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`), fullPage: true });
    const report = blocking.map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    at ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`).join('\n')}`).join('\n');
    throw new Error(`Accessibility violations on "${screen}":\n${report}`);
  }
}

/** Goes to a path of the app, waits for its <h1>, and checks accessibility. */
export async function visit(page: Page, pathname: string, screen = pathname): Promise<void> {
  await page.goto(pathname);
  await page.locator('h1').first().waitFor();
  await checkA11y(page, screen);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
}

/** Signs in on the login screen (already open), then waits for the next screen's heading. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.locator('h1').first().waitFor();
  // The language is kept in the user's profile: a test that stopped half-way in English must not
  // leave the next test that signs in as the same demo user reading English. Start in Japanese.
  if (await page.locator('header').getByRole('radio', { name: 'English', checked: true }).count()) {
    await chooseLanguage(page, '日本語');
    // The radio input itself is visually hidden: wait for it to be checked, not visible.
    await page.locator('header').getByRole('radio', { name: '日本語', checked: true }).waitFor({ state: 'attached' });
  }
}

/** Uncaught exceptions the page has thrown since it opened. */
export function pageErrors(page: Page): string[] {
  return uncaughtErrors.get(page) ?? [];
}

/** Picks an option of the antd Select labelled `label` inside `scope` (a dialog, say). */
export async function chooseOption(page: Page, label: string, option: string, scope: Page | Locator = page): Promise<void> {
  // The labelled combobox input can be zero-sized while a value is shown; click its Select instead.
  await scope.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/**
 * Types a date ('YYYY-MM-DD') or a date and time ('YYYY-MM-DDTHH:mm', Japan time) into the app's date field
 * (antd's DatePicker, components/DateField.tsx) the way a person does, confirms it with Enter and waits
 * until the field shows it.
 */
export async function fillDate(field: Locator, value: string): Promise<void> {
  const shown = value.replace('T', ' ').replaceAll('-', '/');
  await field.click();
  await field.fill(shown);
  await field.press('Enter');
  await field.page().waitForFunction(
    ({ element, expected }) => (element as HTMLInputElement).value === expected,
    { element: await field.elementHandle(), expected: shown },
  );
  // Leave the field so its calendar closes and uncovers the next field (a date-time panel stays open on Enter).
  await field.blur();
}

/** Clicks the 日本語 / English switch in the header (the radio input itself is visually hidden). */
export async function chooseLanguage(page: Page, label: '日本語' | 'English'): Promise<void> {
  await page.locator('header label').filter({ hasText: new RegExp(`^${label}$`) }).click();
}

/**
 * Chromium for the tests of one file: launched before them, closed after. Read `browser` inside a
 * test or hook (it is set once the file's tests start).
 */
export function useBrowser(): { readonly browser: Browser } {
  const state: { browser: Browser } = { browser: undefined as unknown as Browser };
  beforeAll(async () => {
    state.browser = await launchBrowser();
  });
  afterAll(async () => {
    await state.browser?.close();
  });
  return state;
}

/** A full-page picture of the screen in the temporary folder, for a person to look at after a run. */
export async function shot(page: Page, prefix: string, name: string): Promise<string> {
  const file = path.join(os.tmpdir(), `${prefix}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A JSON request through the API from inside the signed-in page (its session and CSRF token); throws on an error answer. */
export async function callApi<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const response = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    { method, url, body },
  ) as Promise<T>;
}

/**
 * A new register entry of the signed-in user's organisation, created through the API from inside
 * the page (its session and CSRF token), so that a test owns the service it works on.
 */
export async function createEntry(
  page: Page,
  name: string,
  fields: { department?: string; network_zone?: string; data_kinds?: string[]; resident_impact?: number } = {},
): Promise<{ id: string; external_key: string }> {
  return page.evaluate(
    async ({ entryName, f }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const options = await (await fetch('/api/register/options')).json();
      const scheme = options.schemes.find((s: { id: string }) => s.id === options.default_scheme_id) ?? options.schemes[0];
      const body = {
        name: entryName,
        service_model: 'saas',
        category_id: options.categories[0].id,
        department: f.department ?? '契約課',
        network_zone: f.network_zone ?? 'internet',
        data_location: 'domestic',
        status: 'in_use',
        contract_form: 'individual',
        data_kinds: f.data_kinds ?? ['name', 'email'],
        classification: { scheme_id: scheme.id, confidentiality: scheme.levels[0].code, resident_impact: f.resident_impact ?? 2 },
      };
      const response = await fetch('/api/register/entries', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`create entry: ${response.status} ${await response.text()}`);
      return response.json();
    },
    { entryName: name, f: fields },
  );
}
