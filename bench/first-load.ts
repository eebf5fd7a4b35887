// First load of the web app over a slow link (issue 12, "Weight"), printed not asserted.
// For the sign-in page, home (signed in as the demo editor) and the register list, each opened with
// an empty browser cache in Chromium over an emulated 10 Mbit/s (down and up), 50 ms latency link:
//   - JavaScript transferred (bytes on the wire, compressed when the server compresses) and its
//     decoded size; every request the page made until the network was idle;
//   - time from navigation until the page is usable: the sign-in button, home's heading, the
//     register's first rows (the "first listing").
// Builds nothing: it serves dist/web as it is (`npm run build:web` first), or --web-dir=<dir>.
// Run: node --import tsx bench/first-load.ts [--runs=3] [--web-dir=dist/web] [--no-write] [--files (lists each script)]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { DEMO_EDITOR, ROOT, cleanupAll, createDataset, machineDescription, parseFlags, startDaicho, table } from './lib.mjs';

const flags: Record<string, string | true | undefined> = parseFlags(process.argv.slice(2));
const RUNS = Number(flags.runs ?? 3);
const WEB_DIR = path.resolve(ROOT, String(flags['web-dir'] ?? 'dist/web'));
const LINK = { downMbit: 10, upMbit: 10, latencyMs: 50 };
const TARGETS_KB: Record<string, number> = { 'sign-in': 150, home: 350 };

if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
  console.error(`${path.relative(ROOT, WEB_DIR)}/index.html not found: run \`npm run build:web\` first.`);
  process.exit(1);
}

interface PageSpec {
  name: string;
  path: string;
  signedIn: boolean;
  /** What shows that the page is usable. */
  ready: (page: Page) => Promise<unknown>;
  readyLabel: string;
}

const PAGES: PageSpec[] = [
  { name: 'sign-in', path: '/login', signedIn: false, ready: (p) => p.getByRole('button', { name: 'ログイン' }).waitFor(), readyLabel: 'sign-in button' },
  { name: 'home', path: '/', signedIn: true, ready: (p) => p.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor(), readyLabel: 'heading' },
  { name: 'register', path: '/register', signedIn: true, ready: (p) => p.locator('tbody tr[data-row-key]').first().waitFor(), readyLabel: 'first rows' },
];

interface Load {
  jsWire: number;
  jsDecoded: number;
  jsFiles: number;
  allWire: number;
  requests: number;
  readyMs: number;
}

/** Records every request of the page through CDP: type, bytes on the wire, decoded bytes. */
function recorder(cdp: CDPSession) {
  const requests = new Map<string, { url: string; type?: string; wire: number; decoded: number }>();
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, requests.get(e.requestId) ?? { url: e.request.url, wire: 0, decoded: 0 }));
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.type = e.type;
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.wire = e.encodedDataLength;
  });
  return requests;
}

async function loadOnce(browser: Browser, baseURL: string, spec: PageSpec): Promise<Load> {
  const context = await browser.newContext({ baseURL, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1366, height: 900 } });
  try {
    if (spec.signedIn) {
      // Signing in is not part of the page's load: done through the API, sharing the context's cookies.
      const response = await context.request.post('/api/auth/login', { data: DEMO_EDITOR });
      if (!response.ok()) throw new Error(`login answered ${response.status()}`);
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LINK.latencyMs,
      downloadThroughput: (LINK.downMbit * 1_000_000) / 8,
      uploadThroughput: (LINK.upMbit * 1_000_000) / 8,
    });
    const requests = recorder(cdp);
    const started = performance.now();
    await page.goto(spec.path, { waitUntil: 'commit' });
    await spec.ready(page);
    const readyMs = performance.now() - started;
    await page.waitForLoadState('networkidle');
    const all = [...requests.values()];
    const js = all.filter((r) => r.type === 'Script');
    if (flags.files) for (const r of [...js].sort((a, b) => b.wire - a.wire)) console.log(`  ${spec.name}: ${kb(r.wire).padStart(5)} KB on the wire, ${kb(r.decoded).padStart(5)} KB decoded  ${new URL(r.url).pathname}`);
    return {
      jsWire: js.reduce((s, r) => s + r.wire, 0),
      jsDecoded: js.reduce((s, r) => s + r.decoded, 0),
      jsFiles: js.length,
      allWire: all.reduce((s, r) => s + r.wire, 0),
      requests: all.length,
      readyMs,
    };
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const startedAt = new Date();
const header = [
  `date: ${startedAt.toISOString()}`,
  `machine: ${machineDescription()}`,
  `web app: ${path.relative(ROOT, WEB_DIR) || WEB_DIR}`,
  `link: ${LINK.downMbit} Mbit/s down, ${LINK.upMbit} Mbit/s up, ${LINK.latencyMs} ms latency (CDP Network.emulateNetworkConditions), browser cache off; ${RUNS} runs a page, time is the median`,
  `load average before the run (1/5/15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`,
];
console.log(header.join('\n'));

const dataset = await createDataset('sqlite');
const rows: string[][] = [];
try {
  const server = await startDaicho(dataset, { DAICHO_WEB_DIR: WEB_DIR });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const spec of PAGES) {
      const loads: Load[] = [];
      for (let i = 0; i < RUNS; i++) loads.push(await loadOnce(browser, server.base, spec));
      const last = loads[loads.length - 1];
      const target = TARGETS_KB[spec.name];
      const verdict = target === undefined ? '-' : `≤ ${target} KB: ${last.jsWire / 1024 <= target ? 'met' : 'not met'}`;
      rows.push([
        `${spec.name} (${spec.path})`,
        kb(last.jsWire),
        kb(last.jsDecoded),
        String(last.jsFiles),
        String(last.requests),
        kb(last.allWire),
        `${median(loads.map((l) => l.readyMs)).toFixed(0)} (${spec.readyLabel})`,
        verdict,
      ]);
      console.log(`${spec.name}: ${rows[rows.length - 1].join(' | ')}`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
} finally {
  await dataset.dispose();
  await cleanupAll();
}

const result = table(['page', 'JS on the wire KB', 'JS decoded KB', 'JS files', 'requests', 'all on the wire KB', 'ms to usable, throttled', 'compressed JS target'], rows);
console.log(`\n${result.text}`);
if (!flags['no-write']) {
  const md = [
    '# Daicho: first load of the web app',
    '',
    'Written by `node --import tsx bench/first-load.ts` (after `npm run build:web`). Printed figures, never pass/fail.',
    '',
    ...header.map((l) => `- ${l}`),
    '',
    'Each page opened cold (cache off) in Chromium. "On the wire" is what crossed the link (compressed when the server sends brotli/gzip, headers included); "decoded" is the JavaScript the browser parsed. Requests count everything until the network went idle (scripts, styles, API calls). Home and the register are opened signed in as the demo editor (signed in through the API first, not counted).',
    '',
    result.md,
    '',
  ].join('\n');
  const file = path.join(ROOT, 'bench', 'results', 'first-load.md');
  fs.writeFileSync(file, md);
  console.log(`\nwritten to ${path.relative(ROOT, file)}`);
}
