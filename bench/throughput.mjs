// (c) Requests/second and latency of an authenticated read endpoint (GET /api/organisations as the
// demo editor, session cookie) under load from a second process on loopback (autocannon), next to a
// bare Fastify hello-world started in the same run. The ratio daicho/hello is the figure to quote.
// Also the server's peak RSS (VmHWM) after the load.
//
// usage: node bench/throughput.mjs [--dialect=sqlite|postgres|both] [--duration=10] [--connections=10]
import path from 'node:path';
import {
  ROOT, chooseDialects, cleanupAll, createDataset, fmt, freePort, isMain, login, parseFlags, peakRssMiB, runCommand, startDaicho, startNodeServer, table,
} from './lib.mjs';

const AUTOCANNON = path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');
const WARMUP_SECONDS = 2;

/** One autocannon run in its own process; returns its JSON result. */
export async function autocannon(url, { duration, connections, headers = {} }) {
  const args = [AUTOCANNON, '--json', '--no-progress', '-c', String(connections), '-d', String(duration)];
  for (const [key, value] of Object.entries(headers)) args.push('-H', `${key}=${value}`);
  args.push(url);
  const output = await runCommand(process.execPath, args);
  const json = output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1);
  const result = JSON.parse(json);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx ?? 0,
    errors: result.errors ?? 0,
    timeouts: result.timeouts ?? 0,
  };
}

/** Load on a running Daicho server (warm-up first, not counted). */
export async function loadDaicho(server, options) {
  const cookie = await login(server.base);
  const url = `${server.base}/api/organisations`;
  const probe = await fetch(url, { headers: { cookie } });
  if (probe.status !== 200) throw new Error(`GET /api/organisations answered ${probe.status}: ${await probe.text()}`);
  await autocannon(url, { ...options, duration: WARMUP_SECONDS, headers: { cookie } });
  return autocannon(url, { ...options, headers: { cookie } });
}

/** The same server's unauthenticated GET /api/health (one `select 1`): the floor of Daicho's own stack. */
export async function loadDaichoHealth(server, options) {
  const url = `${server.base}/api/health`;
  await autocannon(url, { ...options, duration: WARMUP_SECONDS });
  return autocannon(url, options);
}

/** The bare Fastify hello-world, started once per run and kept idle between its loads. */
export async function startHelloWorld() {
  const port = await freePort();
  return startNodeServer({ script: path.join(ROOT, 'bench', 'hello-server.mjs'), env: { ...process.env, PORT: String(port) }, port, readyPath: '/' });
}

/**
 * One hello-world load, run right after a Daicho load so that both see the same machine: on a
 * shared 2-core machine the absolute req/s drift with other work, the ratio much less.
 */
export async function loadHelloWorld(helloServer, options) {
  await autocannon(helloServer.base + '/', { ...options, duration: WARMUP_SECONDS });
  const result = await autocannon(helloServer.base + '/', options);
  return { ...result, peakRss: peakRssMiB(helloServer.child.pid) };
}

/** A whole load measurement on one dialect: signed-in read, health, and the paired hello-world. */
export async function loadAll(server, helloServer, options) {
  const load = await loadDaicho(server, options);
  const peakRss = peakRssMiB(server.child.pid);
  const health = await loadDaichoHealth(server, options);
  const hello = await loadHelloWorld(helloServer, options);
  return { load, health, hello, peakRss };
}

export const LOAD_HEADER = ['target', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx/errors', 'vs hello-world', 'peak RSS MiB'];
export function loadRows(results) {
  const rows = [];
  for (const { dialect, load, health, hello, peakRss } of results) {
    const row = (label, r, rss) => [
      label,
      fmt(r.rps, 0), fmt(r.p50, 1), fmt(r.p99, 1), r.total, `${r.non2xx}/${r.errors + r.timeouts}`,
      `${fmt((r.rps / hello.rps) * 100, 1)} %`,
      rss === undefined ? '' : fmt(rss, 0),
    ];
    rows.push(row(`daicho GET /api/organisations, signed in (${dialect})`, load, peakRss));
    rows.push(row(`daicho GET /api/health, no auth (${dialect})`, health));
    rows.push(row(`bare Fastify hello-world (right after ${dialect})`, hello, hello.peakRss));
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const flags = parseFlags(process.argv.slice(2));
  const options = { duration: Number(flags.duration ?? 10), connections: Number(flags.connections ?? 10) };
  const { dialects, notes } = await chooseDialects(flags);
  notes.forEach((n) => console.log(`note: ${n}`));
  const results = [];
  const helloServer = await startHelloWorld();
  try {
    for (const dialect of dialects) {
      const dataset = await createDataset(dialect);
      const server = await startDaicho(dataset);
      try {
        results.push({ dialect, ...(await loadAll(server, helloServer, options)) });
      } finally {
        await server.stop();
        await dataset.dispose();
      }
    }
  } finally {
    await helloServer.stop();
    await cleanupAll();
  }
  console.log(`\nload: autocannon, ${options.connections} connections, ${options.duration} s each (after a ${WARMUP_SECONDS} s warm-up), 127.0.0.1`);
  console.log(table(LOAD_HEADER, loadRows(results)).text);
}
