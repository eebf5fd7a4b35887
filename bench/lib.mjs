// Shared plumbing of the benchmarks: ports, datasets, starting and stopping servers, statistics, tables.
// Benchmarks print figures; they never pass or fail on time.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DAICHO_BIN = path.join(ROOT, 'bin', 'daicho.js');
export const PG_ADMIN_URL = process.env.DAICHO_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEMO_EDITOR = { email: 'editor@city.demo.daicho.example', password: 'daicho-demo-2026' };
// Benchmarks may use only these ports (the project's rule), and load only 127.0.0.1.
const PORT_MIN = 3300;
const PORT_MAX = 3399;
const usedPorts = new Set();

/** True when the module at `url` is the script node was started with. */
export function isMain(url) {
  return process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(url);
}

export function parseFlags(argv) {
  const flags = {};
  for (const arg of argv) {
    const match = arg.match(/^--([^=]+)(?:=(.*))?$/);
    if (match) flags[match[1]] = match[2] ?? true;
  }
  return flags;
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A free port in 3300-3399, never handed out twice in one run. */
export async function freePort() {
  const span = PORT_MAX - PORT_MIN + 1;
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = PORT_MIN + ((start + i) % span);
    if (usedPorts.has(port)) continue;
    if (await portFree(port)) {
      usedPorts.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${PORT_MIN}-${PORT_MAX}`);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// --- statistics and formatting ----------------------------------------------------------------

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}
export const median = (values) => percentile(values, 50);

export function fmt(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '-';
  return Number(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A plain-text table (for the console) and the same as Markdown (for results files). */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  const text = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
  const md = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  return { text, md };
}

export function machineDescription() {
  const cpu = os.cpus()[0]?.model?.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Peak resident set size of a process in MiB (VmHWM), or null when it is gone. */
export function peakRssMiB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(status.match(/^VmHWM:\s+(\d+)\s+kB/m)?.[1]);
    return Number.isFinite(kib) ? kib / 1024 : null;
  } catch {
    return null;
  }
}

/** The argon2id parameters the server uses, read from its source so the table cannot drift from it. */
export function argon2Parameters() {
  const source = fs.readFileSync(path.join(ROOT, 'src/server/security/passwords.ts'), 'utf8');
  const pick = (name) => source.match(new RegExp(`${name}:\\s*([\\d_]+)`))?.[1]?.replace(/_/g, '');
  return { memoryKiB: Number(pick('memoryCost')), timeCost: Number(pick('timeCost')), parallelism: Number(pick('parallelism')) };
}

// --- processes --------------------------------------------------------------------------------

/** Runs a command to completion; rejects with its output when it fails. */
export function runCommand(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (options.echo) process.stdout.write(c);
    });
    child.stderr.on('data', (c) => {
      out += c;
      if (options.echo) process.stderr.write(c);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${out.slice(-4000)}`))));
  });
}

function waitForExit(child, timeoutMs) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const liveChildren = new Set();
function killLiveChildren() {
  for (const child of liveChildren) child.kill('SIGKILL');
}
process.once('exit', killLiveChildren);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    killLiveChildren();
    await cleanupAll();
    process.exit(130);
  });
}

/** Polls GET url until it answers 200; returns the time it took in ms. */
export async function waitUntilReady(url, child, timeoutMs = 60_000) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child && child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(url);
      if (response.ok) return performance.now() - started;
    } catch {
      /* not listening yet */
    }
    await sleep(10);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

/**
 * Starts a node script as its own process (the pid is the node process itself, for VmHWM) and waits
 * until `readyPath` answers. Returns the child, the base URL and the time from spawn to ready.
 */
export async function startNodeServer({ script, args = [], env, port, readyPath }) {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  liveChildren.add(child);
  child.on('exit', () => liveChildren.delete(child));
  let output = '';
  child.stdout.on('data', (c) => (output = (output + c).slice(-20_000)));
  child.stderr.on('data', (c) => (output = (output + c).slice(-20_000)));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(base + readyPath, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n--- server output ---\n${output}`);
  }
  const readyMs = performance.now() - spawnedAt;
  return {
    child,
    base,
    readyMs,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await waitForExit(child, 10_000);
    },
  };
}

// --- Daicho datasets --------------------------------------------------------------------------

const cleanups = new Set();
/** Runs every pending cleanup (temp folders, bench databases). */
export async function cleanupAll() {
  for (const fn of [...cleanups]) {
    cleanups.delete(fn);
    await fn().catch((error) => console.error(`cleanup failed: ${error.message}`));
  }
}

export async function postgresReachable() {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function pgAdmin(statement) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The environment of a Daicho server or CLI run on a dataset (never inherits a database URL by accident). */
export function daichoEnv(dataset, extra = {}) {
  const env = { ...process.env, DAICHO_DATA_DIR: dataset.dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...extra };
  delete env.DAICHO_DATABASE_URL;
  delete env.DAICHO_MASTER_KEY;
  if (dataset.databaseUrl) env.DAICHO_DATABASE_URL = dataset.databaseUrl;
  return env;
}

/**
 * A fresh Daicho database with the demo data: a SQLite file in a temp folder, or a new PostgreSQL
 * database daicho_bench_<random> (dropped by dataset.dispose()).
 */
export async function createDataset(dialect) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `daicho-bench-${dialect}-`));
  const dataset = { dialect, dataDir, databaseUrl: null, dbName: null };
  const disposers = [async () => fs.rmSync(dataDir, { recursive: true, force: true })];
  if (dialect === 'postgres') {
    dataset.dbName = `daicho_bench_${randomBytes(5).toString('hex')}`;
    await pgAdmin(`create database ${dataset.dbName}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${dataset.dbName}`;
    dataset.databaseUrl = url.toString();
    disposers.unshift(async () => pgAdmin(`drop database if exists ${dataset.dbName} with (force)`));
  }
  const dispose = async () => {
    for (const fn of disposers) await fn();
  };
  cleanups.add(dispose);
  dataset.dispose = async () => {
    cleanups.delete(dispose);
    await dispose();
  };
  await runCommand(process.execPath, [DAICHO_BIN, 'demo'], { env: daichoEnv(dataset) });
  return dataset;
}

/** Starts `daicho serve` on the dataset; login rate limiting is lifted so the login benchmark measures argon2, not 429s. */
export async function startDaicho(dataset, extraEnv = {}) {
  const port = await freePort();
  const env = daichoEnv(dataset, { PORT: String(port), DAICHO_LOGIN_RATE_LIMIT: '100000', ...extraEnv });
  const server = await startNodeServer({ script: DAICHO_BIN, args: ['serve'], env, port, readyPath: '/api/health' });
  return { ...server, port };
}

/** Signs in and returns the session cookie header value. */
export async function login(base, credentials = DEMO_EDITOR) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (response.status !== 200) throw new Error(`login as ${credentials.email} answered ${response.status}: ${await response.text()}`);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('daicho_session='));
  if (!setCookie) throw new Error('login set no daicho_session cookie');
  return setCookie.split(';')[0];
}

export const DIALECTS = ['sqlite', 'postgres'];

/** Which dialects to run: --dialect=sqlite|postgres|both (default both; PostgreSQL only when reachable). */
export async function chooseDialects(flags) {
  const wanted = flags.dialect && flags.dialect !== 'both' ? [flags.dialect] : DIALECTS;
  const chosen = [];
  const notes = [];
  for (const dialect of wanted) {
    if (dialect === 'postgres' && !(await postgresReachable())) {
      notes.push(`PostgreSQL not reachable at ${new URL(PG_ADMIN_URL).host}: PostgreSQL figures skipped`);
      continue;
    }
    chosen.push(dialect);
  }
  return { dialects: chosen, notes };
}
