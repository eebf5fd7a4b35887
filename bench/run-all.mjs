// `npm run bench`: every platform figure in one run, printed as tables and written to
// bench/results/latest.md so they can be quoted. Figures only: nothing here passes or fails on time.
//
// usage: node bench/run-all.mjs [--with-npm-ci] [--dialect=sqlite|postgres|both] [--duration=10]
//                               [--connections=10] [--starts=5] [--logins=30] [--no-write]
//                               [--skip-register] [--skip-first-load] [--skip-pdf]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, chooseDialects, cleanupAll, createDataset, machineDescription, parseFlags, startDaicho, table } from './lib.mjs';
import { STARTUP_HEADER, benchStartup, startupRows } from './startup.mjs';
import { LOAD_HEADER, loadAll, loadRows, startHelloWorld } from './throughput.mjs';
import { LOGIN_HEADER, argon2Line, benchArgon2Verify, benchLogins, loginRows } from './login.mjs';
import { NPM_CI_HEADER, benchNpmCi, npmCiRows } from './npm-ci.mjs';

const flags = parseFlags(process.argv.slice(2));
const load = { duration: Number(flags.duration ?? 10), connections: Number(flags.connections ?? 10) };
const starts = Number(flags.starts ?? 5);
const logins = Number(flags.logins ?? 30);

function gitDescription() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bin', 'package.json', 'package-lock.json'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return `${commit}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

const startedAt = new Date();
const header = [
  `date: ${startedAt.toISOString()}`,
  `code: ${gitDescription()}`,
  `machine: ${machineDescription()}`,
  `load average before the run (1/5/15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} — other work on the machine skews the figures`,
];
console.log(header.join('\n'));
const { dialects, notes } = await chooseDialects(flags);
notes.forEach((n) => console.log(`note: ${n}`));

const results = [];
let npmCi = null;
const helloServer = await startHelloWorld();
try {
  for (const dialect of dialects) {
    console.log(`\n[${dialect}] preparing a database with the demo data...`);
    const dataset = await createDataset(dialect);
    try {
      console.log(`[${dialect}] startup × ${starts}...`);
      const startup = await benchStartup(dataset, starts);
      const server = await startDaicho(dataset);
      try {
        console.log(`[${dialect}] ${logins} sequential logins...`);
        const login = await benchLogins(server, logins);
        console.log(`[${dialect}] load ${load.duration} s × ${load.connections} connections: /api/organisations, /api/health, then hello-world...`);
        results.push({ dialect, startup, login, ...(await loadAll(server, helloServer, load)) });
      } finally {
        await server.stop();
      }
    } finally {
      await dataset.dispose();
    }
  }
  await helloServer.stop();
  if (flags['with-npm-ci']) {
    console.log('\n[npm ci] temp copy, empty cache, then warm cache (minutes)...');
    npmCi = await benchNpmCi();
  }
} finally {
  await helloServer.stop();
  await cleanupAll();
}
const argon2 = await benchArgon2Verify();
header.push(`load average after the run: ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} (${os.cpus().length} cores; figures are comparable only on an otherwise idle machine)`);

const sections = [];
const add = (title, explanation, tableHeader, rows, after = []) => sections.push({ title, explanation, ...table(tableHeader, rows), after });
add(
  'Requests/second of an authenticated read, next to bare Fastify',
  `GET /api/organisations with the demo editor's session cookie; autocannon in a second process, ${load.connections} connections, ${load.duration} s after a 2 s warm-up, 127.0.0.1; server LOG_LEVEL=warn. Latency has autocannon's 1 ms resolution. "vs hello-world" is req/s as a share of the bare Fastify server's (the figure to quote). Peak RSS = VmHWM of the server process after its logins and the signed-in load. The /api/health row (no auth, one "select 1") shows the floor of Daicho's own stack (helmet, auth hook, zod serializer) on the same server. Each dialect's rows are followed by a hello-world load run right after them, and the ratio is against that one, so that drift from other work on the machine cancels out as far as it can.`,
  LOAD_HEADER,
  loadRows(results),
);
add('Login latency', `POST /api/auth/login, ${logins} sequential sign-ins of the demo editor (no MFA), each a full argon2id verify plus a session insert and an audit entry.`, LOGIN_HEADER, loginRows(results), [argon2Line(argon2)]);
add('Time to ready', `\`node bin/daicho.js serve\` spawned until GET /api/health answers 200, on an existing database with the demo data, ${starts} starts after one uncounted warm-up start (tsx's transpile cache). "in-process" is the server's own "ready in N ms" (after Node and tsx have loaded the code).`, STARTUP_HEADER, startupRows(results));
if (npmCi) add('Fresh npm ci', 'A temp copy of package.json, package-lock.json and .npmrc; first with an empty npm cache, then again with that cache warm. Both compile better-sqlite3 from source (no prebuilt binary can be downloaded here), which is most of the time, so a warm cache saves little.', NPM_CI_HEADER, npmCiRows(npmCi));
else sections.push({ title: 'Fresh npm ci', explanation: 'Not measured in this run (slow): `npm run bench -- --with-npm-ci` or `node bench/npm-ci.mjs`. The last measurement, if any, is in bench/results/npm-ci.md.', text: '', md: '', after: [] });

console.log('\n━━━ Daicho platform figures ━━━');
console.log(header.join('\n'));
for (const s of sections) {
  console.log(`\n${s.title}\n${s.explanation}`);
  if (s.text) console.log(s.text);
  s.after.forEach((line) => console.log(line));
}
notes.forEach((n) => console.log(`note: ${n}`));

if (!flags['no-write']) {
  const md = [
    '# Daicho platform figures',
    '',
    'Written by `npm run bench` (bench/run-all.mjs). Printed figures, never pass/fail.',
    '',
    ...header.map((l) => `- ${l}`),
    ...notes.map((n) => `- note: ${n}`),
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', s.explanation, '', ...(s.md ? [s.md, ''] : []), ...s.after.flatMap((l) => [l, ''])]),
  ].join('\n');
  const file = path.join(ROOT, 'bench', 'results', 'latest.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, md);
  console.log(`\nwritten to ${path.relative(ROOT, file)}`);
  if (npmCi) {
    // Kept apart so that a later run without --with-npm-ci does not lose it.
    const section = sections.find((s) => s.title === 'Fresh npm ci');
    const npmFile = path.join(ROOT, 'bench', 'results', 'npm-ci.md');
    fs.writeFileSync(npmFile, ['# Daicho: fresh npm ci', '', ...header.map((l) => `- ${l}`), '', section.explanation, '', section.md, ''].join('\n'));
    console.log(`written to ${path.relative(ROOT, npmFile)}`);
  }
}

// The register benchmarks (issue 3) run in their own processes and write bench/results/register.md.
if (!flags['skip-register']) {
  console.log('\n━━━ Register figures (bench/register.ts) ━━━');
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'register.ts')], { stdio: 'inherit', cwd: ROOT });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}

// The web app's first load over a slow link (issue 12) runs in its own process, on dist/web as built,
// and writes bench/results/first-load.md.
if (!flags['skip-first-load']) {
  console.log('\n━━━ First load of the web app (bench/first-load.ts) ━━━');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'web', 'index.html'))) console.log('skipped: dist/web is not built (npm run build:web first)');
  else {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'first-load.ts')], { stdio: 'inherit', cwd: ROOT });
    if (run.status !== 0) process.exitCode = run.status ?? 1;
  }
}

// The register as a PDF (issue 12) runs in its own process and writes bench/results/pdf.md.
if (!flags['skip-pdf']) {
  console.log('\n━━━ Register PDF (bench/pdf.ts) ━━━');
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'pdf.ts')], { stdio: 'inherit', cwd: ROOT });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}
