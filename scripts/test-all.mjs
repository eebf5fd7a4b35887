#!/usr/bin/env node
// `npm test`: every tier in order — lint, typecheck, unit, integration (SQLite + PostgreSQL), e2e (Chromium).
//
// Outside CI a tier whose prerequisite is missing (PostgreSQL on 127.0.0.1:5432, /usr/bin/chromium) is
// skipped with a loud warning, and the integration tier then runs on SQLite only
// (DAICHO_TEST_SKIP_POSTGRES=1, read by the integration harness). The PostgreSQL checked is
// DAICHO_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres), as in the harness.
// In CI (CI=true) nothing may be skipped: a missing prerequisite fails the run. The first failing
// tier stops the run (--keep-going runs the rest anyway). The last line is "N passed, N failed, N skipped".
//
// usage: node scripts/test-all.mjs [--keep-going] [tier ...]     tiers: lint typecheck unit integration e2e
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const IN_CI = ['true', '1'].includes(String(process.env.CI ?? '').toLowerCase());
const CHROMIUM = '/usr/bin/chromium';
const POSTGRES_URL = process.env.DAICHO_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const TIER_TIMEOUT_MS = Number(process.env.DAICHO_TEST_TIER_TIMEOUT_MIN ?? 30) * 60_000;
const COLOR = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (COLOR ? `\x1b[${code}m${text}\x1b[0m` : text);

const TIERS = [
  { name: 'lint', cmd: ['npx', 'eslint', '.'] },
  { name: 'typecheck', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'unit', vitest: true, cmd: ['npx', 'vitest', 'run', '--project', 'unit'] },
  { name: 'integration', vitest: true, needs: 'postgres', cmd: ['npx', 'vitest', 'run', '--project', 'integration'] },
  // scripts/e2e.mjs builds the web app and runs `vitest run --project e2e`; it passes extra arguments on to vitest.
  { name: 'e2e', vitest: true, needs: 'chromium', cmd: ['node', 'scripts/e2e.mjs'] },
];

function parseArgs(argv) {
  const options = { keepGoing: false, only: [] };
  for (const arg of argv) {
    if (arg === '--keep-going') options.keepGoing = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node scripts/test-all.mjs [--keep-going] [lint|typecheck|unit|integration|e2e ...]');
      process.exit(0);
    } else if (TIERS.some((t) => t.name === arg)) options.only.push(arg);
    else {
      console.error(`unknown argument: ${arg}`);
      process.exit(2);
    }
  }
  return options;
}

function banner(lines, colorCode) {
  const inner = Math.max(...lines.map((l) => l.length));
  const bar = '!'.repeat(inner + 6);
  const body = lines.map((l) => `!! ${l.padEnd(inner)} !!`);
  console.log('\n' + paint(colorCode, [bar, ...body, bar].join('\n')) + '\n');
}

// --- prerequisites ---------------------------------------------------------------------------

function tcpOpen(host, port, timeoutMs) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function checkPostgres() {
  const url = new URL(POSTGRES_URL);
  if (!(await tcpOpen(url.hostname, Number(url.port || 5432), 3000))) return { ok: false, reason: `nothing listens on ${url.host}` };
  let pg;
  try {
    pg = (await import('pg')).default;
  } catch {
    return { ok: false, reason: 'the pg package is not installed (run npm ci)' };
  }
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query('show server_version');
    return { ok: true, detail: `PostgreSQL ${rows[0].server_version} at ${url.host}` };
  } catch (error) {
    return { ok: false, reason: `cannot connect as ${url.username || 'postgres'} to ${url.host}${url.pathname}: ${error.message}` };
  } finally {
    await client.end().catch(() => {});
  }
}

function checkChromium() {
  try {
    fs.accessSync(CHROMIUM, fs.constants.X_OK);
    return { ok: true, detail: CHROMIUM };
  } catch {
    return { ok: false, reason: `${CHROMIUM} is missing (apt-get install -y chromium fonts-ipaexfont-gothic)` };
  }
}

// --- running a tier --------------------------------------------------------------------------

function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

// Local tools run from node_modules/.bin (no npx start-up, never a download); npx only as a fallback.
function resolveCommand(cmd) {
  if (cmd[0] !== 'npx') return cmd;
  const local = path.join(ROOT, 'node_modules', '.bin', cmd[1]);
  return fs.existsSync(local) ? [local, ...cmd.slice(2)] : cmd;
}

// Each tier runs in its own process group (so a timeout can end its browsers and servers too);
// Ctrl-C or SIGTERM to this runner is passed on to that group.
let currentGroup = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (currentGroup) {
      try {
        process.kill(-currentGroup, signal);
      } catch {
        /* already gone */
      }
    }
    console.error(`\ninterrupted (${signal})`);
    process.exit(130);
  });
}

function run(cmd, env) {
  return new Promise((resolve) => {
    const [file, ...args] = resolveCommand(cmd);
    const child = spawn(file, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    currentGroup = child.pid;
    let tail = '';
    const keep = (chunk) => {
      tail = (tail + chunk.toString()).slice(-200_000);
    };
    child.stdout.on('data', (c) => {
      process.stdout.write(c);
      keep(c);
    });
    child.stderr.on('data', (c) => {
      process.stderr.write(c);
      keep(c);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, TIER_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 127, output: `${tail}\n${error.message}`, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      currentGroup = null;
      resolve({ code: code ?? (signal ? 128 : 1), output: stripAnsi(tail), timedOut });
    });
  });
}

// Test counts: vitest's JSON report when it was written, else the "Tests  3 passed | 1 failed" summary line.
function readCounts(jsonFile, output) {
  try {
    const report = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + (report.numTodoTests ?? 0), suitesFailed: report.numFailedTestSuites ?? 0 };
  } catch {
    const line = output.split('\n').reverse().find((l) => /^\s*Tests\s+\d+/.test(l));
    if (!line) return null;
    const count = (word) => Number(line.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
    return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') + count('todo'), suitesFailed: 0 };
  }
}

async function runTier(tier, env) {
  const started = Date.now();
  let cmd = tier.cmd;
  let jsonFile = null;
  if (tier.vitest) {
    jsonFile = path.join(os.tmpdir(), `daicho-test-${tier.name}-${process.pid}-${Date.now()}.json`);
    cmd = [...cmd, '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`];
  }
  console.log(paint('1;36', `\n━━━ ${tier.name}: ${cmd.join(' ')} ━━━`));
  const result = await run(cmd, env);
  const seconds = (Date.now() - started) / 1000;
  const counts = tier.vitest ? readCounts(jsonFile, result.output) : null;
  if (jsonFile) fs.rmSync(jsonFile, { force: true });
  let note = '';
  if (result.timedOut) note = `killed after ${TIER_TIMEOUT_MS / 60_000} min`;
  else if (/No test files found/i.test(result.output)) note = 'no test files found';
  else if (result.code !== 0 && counts && counts.failed === 0 && counts.suitesFailed > 0) note = `${counts.suitesFailed} test file(s) failed to load`;
  else if (result.code !== 0 && !counts && tier.vitest) note = `exit ${result.code}, no test report`;
  else if (result.code !== 0) note = `exit ${result.code}`;
  return { status: result.code === 0 ? 'passed' : 'FAILED', seconds, counts, note };
}

// --- main ------------------------------------------------------------------------------------

function printSummary(rows, totals) {
  const header = ['tier', 'status', 'seconds', 'tests (pass/fail/skip)', 'note'];
  const table = rows.map((r) => [
    r.name,
    r.status,
    r.seconds === null ? '-' : r.seconds.toFixed(1),
    r.counts ? `${r.counts.passed}/${r.counts.failed}/${r.counts.skipped}` : '-',
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log('\n' + paint('1', `━━━ summary${IN_CI ? ' (CI=true: nothing may be skipped)' : ''} ━━━`));
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) {
    const text = line(row);
    console.log(row[1] === 'passed' ? paint('32', text) : row[1] === 'FAILED' ? paint('1;31', text) : row[1].startsWith('SKIPPED') || row[1].startsWith('partial') ? paint('1;33', text) : text);
  }
  console.log(`total ${totals.seconds.toFixed(1)} s`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const selected = TIERS.filter((t) => options.only.length === 0 || options.only.includes(t.name));
  const startedAll = Date.now();

  const prerequisites = {};
  if (selected.some((t) => t.needs === 'postgres')) prerequisites.postgres = await checkPostgres();
  if (selected.some((t) => t.needs === 'chromium')) prerequisites.chromium = checkChromium();
  for (const [name, check] of Object.entries(prerequisites)) {
    console.log(`prerequisite ${name}: ${check.ok ? `ok (${check.detail})` : `MISSING — ${check.reason}`}`);
  }

  const rows = [];
  let stop = false;
  for (const tier of selected) {
    const row = { name: tier.name, status: 'not run', seconds: null, counts: null, note: '' };
    rows.push(row);
    if (stop) continue;
    const env = { ...process.env };
    const check = tier.needs ? prerequisites[tier.needs] : null;
    if (check && !check.ok) {
      if (IN_CI) {
        banner([`CI=true and the ${tier.needs} prerequisite of the ${tier.name} tier is missing:`, check.reason, 'In CI nothing may be skipped: the run FAILS. (.ci/run installs and starts what is needed.)'], '1;31');
        Object.assign(row, { status: 'FAILED', seconds: 0, note: `prerequisite missing: ${check.reason}` });
        if (!options.keepGoing) stop = true;
        continue;
      }
      if (tier.needs === 'postgres') {
        banner([
          'WARNING: PostgreSQL is NOT reachable — integration tests run on SQLite ONLY.',
          check.reason,
          'The PostgreSQL half of every dialect test is SKIPPED (DAICHO_TEST_SKIP_POSTGRES=1).',
          `Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
          'In CI (CI=true) this would FAIL the run.',
        ], '1;33');
        env.DAICHO_TEST_SKIP_POSTGRES = '1';
        row.partial = 'SQLite only: PostgreSQL unreachable';
      } else {
        banner([`WARNING: the ${tier.name} tier is SKIPPED: ${check.reason}`, 'Install it: apt-get install -y chromium fonts-ipaexfont-gothic', 'In CI (CI=true) this would FAIL the run.'], '1;33');
        Object.assign(row, { status: 'SKIPPED', seconds: 0, note: check.reason });
        continue;
      }
    }
    const result = await runTier(tier, env);
    Object.assign(row, result);
    if (row.partial && row.status === 'passed') Object.assign(row, { status: 'partial', note: [row.partial, row.note].filter(Boolean).join('; ') });
    if (row.status === 'FAILED' && !options.keepGoing) stop = true;
  }

  const totals = { passed: 0, failed: 0, skipped: 0, seconds: (Date.now() - startedAll) / 1000 };
  for (const row of rows) {
    if (row.counts) {
      totals.passed += row.counts.passed;
      totals.failed += row.counts.failed;
      totals.skipped += row.counts.skipped;
    }
    // A tier that failed without a failing test (lint, typecheck, no test files, a crash, a missing
    // prerequisite in CI) counts as one failure, so that the closing line never reads green on a red run.
    if (row.status === 'FAILED' && !(row.counts && row.counts.failed > 0)) totals.failed += 1;
  }
  printSummary(rows, totals);
  const failedTiers = rows.filter((r) => r.status === 'FAILED').map((r) => r.name);
  const skippedTiers = rows.filter((r) => r.status === 'SKIPPED' || r.status === 'partial').map((r) => r.name);
  if (failedTiers.length) console.log(paint('1;31', `FAILED: ${failedTiers.join(', ')}${rows.some((r) => r.status === 'not run') ? ' (later tiers not run; --keep-going runs them anyway)' : ''}`));
  if (skippedTiers.length) console.log(paint('1;33', `NOT FULLY RUN (prerequisite missing): ${skippedTiers.join(', ')}`));
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return failedTiers.length ? 1 : 0;
}

process.exitCode = await main();
