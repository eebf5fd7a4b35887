// (d) Login latency with the chosen argon2id parameters: sequential POST /api/auth/login as the demo
// editor (median and p95), and the raw argon2 verify time in this process for comparison.
//
// usage: node bench/login.mjs [--dialect=sqlite|postgres|both] [--logins=30]
import { hash, verify } from '@node-rs/argon2';
import {
  DEMO_EDITOR, argon2Parameters, chooseDialects, cleanupAll, createDataset, fmt, isMain, median, parseFlags, percentile, startDaicho, table,
} from './lib.mjs';

export async function benchLogins(server, count = 30) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${server.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_EDITOR),
    });
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`login ${i + 1} answered ${response.status}`);
  }
  return { count, medianMs: median(times), p95Ms: percentile(times, 95) };
}

/** argon2id verify alone, with the server's parameters (median of 20). */
export async function benchArgon2Verify() {
  const p = argon2Parameters();
  const stored = await hash(DEMO_EDITOR.password, { algorithm: 2, memoryCost: p.memoryKiB, timeCost: p.timeCost, parallelism: p.parallelism });
  const times = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await verify(stored, DEMO_EDITOR.password);
    times.push(performance.now() - started);
  }
  return { ...p, verifyMedianMs: median(times) };
}

export const LOGIN_HEADER = ['database', 'logins', 'median ms', 'p95 ms'];
export const loginRows = (results) => results.map(({ dialect, login }) => [dialect, login.count, fmt(login.medianMs, 1), fmt(login.p95Ms, 1)]);
export const argon2Line = (a) => `argon2id m=${a.memoryKiB} KiB (${fmt(a.memoryKiB / 1024, 0)} MiB), t=${a.timeCost}, p=${a.parallelism}: one verify alone takes ${fmt(a.verifyMedianMs, 1)} ms (median of 20, in the benchmark process)`;

if (isMain(import.meta.url)) {
  const flags = parseFlags(process.argv.slice(2));
  const { dialects, notes } = await chooseDialects(flags);
  notes.forEach((n) => console.log(`note: ${n}`));
  const results = [];
  try {
    for (const dialect of dialects) {
      const dataset = await createDataset(dialect);
      const server = await startDaicho(dataset);
      try {
        results.push({ dialect, login: await benchLogins(server, Number(flags.logins ?? 30)) });
      } finally {
        await server.stop();
        await dataset.dispose();
      }
    }
  } finally {
    await cleanupAll();
  }
  const argon2 = await benchArgon2Verify();
  console.log('\nlogin: POST /api/auth/login, sequential, demo editor (no MFA)');
  console.log(table(LOGIN_HEADER, loginRows(results)).text);
  console.log(argon2Line(argon2));
}
