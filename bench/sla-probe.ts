// SLA probe scheduler benchmark (issue #5), printed not asserted: 1,000 monitors at 60 s intervals on
// SQLite, all pointing at one local HTTP server (bare Fastify in its own process, so that its CPU is not
// counted here). Measures this process's CPU time ÷ wall time ("CPU share", 100 % = one core fully busy):
//   - baseline: the app built, no scheduler;
//   - idle: scheduler running, 1,000 monitors none of which is due (one indexed query per poll);
//   - steady: checks spread evenly over the minute, as in normal operation (SLA_BENCH_ACTIVE_S, default 70 s);
//   - burst: all 1,000 due at once (as right after they were created), time to check them all.
// Run: npx tsx bench/sla-probe.ts   (env: SLA_BENCH_ACTIVE_S=70 SLA_BENCH_IDLE_S=20 SLA_BENCH_MONITORS=1000)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBench, peakRssMb } from './register-fixture.ts';
import { startProbeScheduler } from '../src/server/jobs/probe-scheduler.ts';

// The shared plumbing is untyped JavaScript: imported by URL and given the types used here.
const { cleanupAll, freePort, sleep, startNodeServer } = (await import(new URL('./lib.mjs', import.meta.url).href)) as {
  cleanupAll(): Promise<void>;
  freePort(): Promise<number>;
  sleep(ms: number): Promise<void>;
  startNodeServer(options: { script: string; env: NodeJS.ProcessEnv; port: number; readyPath: string }): Promise<{ base: string; stop(): Promise<void> }>;
};

const MONITORS = Number(process.env.SLA_BENCH_MONITORS ?? 1000);
const ACTIVE_S = Number(process.env.SLA_BENCH_ACTIVE_S ?? 70);
const IDLE_S = Number(process.env.SLA_BENCH_IDLE_S ?? 20);
const BASELINE_S = Number(process.env.SLA_BENCH_BASELINE_S ?? 5);
const INTERVAL_S = 60;

const lines: string[] = [];
const out = (line: string) => {
  console.log(line);
  lines.push(line);
};

/** CPU time of this process over a stretch of wall time, as a share of one core. */
async function measure<T>(during: () => Promise<T>): Promise<{ result: T; wallS: number; cpuShare: number; cpuS: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await during();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { result, wallS: wallMs / 1000, cpuS: cpuMs / 1000, cpuShare: cpuMs / wallMs };
}
const pct = (share: number) => `${(share * 100).toFixed(2)} %`;

const port = await freePort();
const target = await startNodeServer({ script: path.join(import.meta.dirname, 'hello-server.mjs'), env: { ...process.env, PORT: String(port) }, port, readyPath: '/' });
const bench = await openBench('sqlite');
// The target listens on loopback, which monitors may reach only when the operator allows it.
bench.deps.config.probeAllowPrivate = true;
const { app, deps, cookie, csrf } = bench;
const headers = { cookie, 'x-csrf-token': csrf };

try {
  console.log(`creating ${MONITORS} register entries with a monitor each (through the API)...`);
  const categoryId = (await app.inject({ method: 'GET', url: '/api/register/options', headers })).json().categories[0].id;
  for (let i = 0; i < MONITORS; i++) {
    const entry = await app.inject({
      method: 'POST',
      url: '/api/register/entries',
      headers,
      payload: {
        name: `ベンチ監視サービス${i + 1}`,
        service_model: 'saas',
        category_id: categoryId,
        department: '情報政策課',
        network_zone: 'internet',
        data_location: 'domestic',
        status: 'in_use',
        contract_form: 'standard_terms',
        data_kinds: ['name'],
        classification: { scheme_id: 'urn:daicho:scheme:mic-2024', confidentiality: '2', resident_impact: 2 },
      },
    });
    if (entry.statusCode !== 201) throw new Error(entry.body.slice(0, 300));
    const monitor = await app.inject({ method: 'PUT', url: `/api/sla/entries/${entry.json().id}/monitor`, headers, payload: { url: `${target.base}/?monitor=${i}`, interval_seconds: INTERVAL_S, timeout_ms: 5000 } });
    if (monitor.statusCode !== 200) throw new Error(monitor.body.slice(0, 300));
  }
  const checksSoFar = async () => Number((await deps.db.selectFrom('sla_probe_hourly').select((eb) => eb.fn.sum<number>('checks').as('n')).executeTakeFirst())?.n ?? 0);
  const failuresSoFar = async () => Number((await deps.db.selectFrom('sla_probe_hourly').select((eb) => eb.fn.sum<number>('failures').as('n')).executeTakeFirst())?.n ?? 0);
  const dueAt = async (offsetMs: (i: number) => number) => {
    const monitors = await deps.db.selectFrom('sla_monitors').select('id').orderBy('id').execute();
    const now = Date.now();
    await deps.db.transaction().execute(async (trx) => {
      for (const [i, m] of monitors.entries()) await trx.updateTable('sla_monitors').set({ next_check_at: new Date(now + offsetMs(i)).toISOString(), lease_until: null }).where('id', '=', m.id).execute();
    });
  };

  out(`## SLA probe scheduler: ${MONITORS.toLocaleString('en')} monitors at ${INTERVAL_S} s intervals (SQLite, one process)`);
  out('');
  out(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}.`);
  out('Scheduler defaults: poll every 1 s, claim up to 50 per query, 20 checks at once, a fresh connection per check. CPU share = this process’s CPU time (user + system) ÷ wall time; 100 % = one core. The target server runs in its own process and is not counted.');
  out('');
  out('| phase | wall time | checks | CPU time | CPU share |');
  out('|---|---|---|---|---|');

  await sleep(1000); // let the set-up's garbage settle
  const baseline = await measure(() => sleep(BASELINE_S * 1000));
  out(`| baseline: app built, no scheduler | ${baseline.wallS.toFixed(1)} s | – | ${baseline.cpuS.toFixed(3)} s | ${pct(baseline.cpuShare)} |`);

  await dueAt(() => 86_400_000);
  const idle = await measure(async () => {
    const scheduler = startProbeScheduler(deps);
    await sleep(IDLE_S * 1000);
    await scheduler.stop();
  });
  out(`| idle: ${MONITORS} monitors, none due | ${idle.wallS.toFixed(1)} s | 0 | ${idle.cpuS.toFixed(3)} s | ${pct(idle.cpuShare)} |`);

  // Steady state: due times spread evenly over one interval, as they drift to after a while.
  await dueAt((i) => Math.round((i * INTERVAL_S * 1000) / MONITORS));
  const before = await checksSoFar();
  const steady = await measure(async () => {
    const scheduler = startProbeScheduler(deps);
    await sleep(ACTIVE_S * 1000);
    await scheduler.stop();
  });
  const steadyChecks = (await checksSoFar()) - before;
  // Due times are spread evenly over the interval, so this many fall within the run.
  const expected = Math.round((MONITORS * ACTIVE_S) / INTERVAL_S);
  out(`| steady: checks spread over the minute | ${steady.wallS.toFixed(1)} s | ${steadyChecks} (≈ ${expected} due) | ${steady.cpuS.toFixed(3)} s | ${pct(steady.cpuShare)} |`);

  await dueAt(() => 0);
  const beforeBurst = await checksSoFar();
  const burst = await measure(async () => {
    const scheduler = startProbeScheduler(deps);
    const t0 = performance.now();
    while ((await checksSoFar()) - beforeBurst < MONITORS && performance.now() - t0 < 120_000) await sleep(50);
    const drainedS = (performance.now() - t0) / 1000;
    await scheduler.stop();
    return drainedS;
  });
  const burstChecks = (await checksSoFar()) - beforeBurst;
  out(`| burst: all ${MONITORS} due at once | ${burst.wallS.toFixed(1)} s (all checked in ${burst.result.toFixed(1)} s) | ${burstChecks} | ${burst.cpuS.toFixed(3)} s | ${pct(burst.cpuShare)} |`);

  // At most one check per monitor per interval: the most any monitor got within the steady run.
  const perMonitor = await deps.db.selectFrom('sla_probe_hourly').select(['monitor_id', (eb) => eb.fn.sum<number>('checks').as('n')]).groupBy('monitor_id').execute();
  const counts = perMonitor.map((r) => Number(r.n));
  out('');
  out(`Checks per monitor over the whole run: min ${Math.min(...counts)}, max ${Math.max(...counts)}; failed checks: ${await failuresSoFar()}.`);
  out(`Peak RSS of this process (VmHWM, including the built app and SQLite): ${peakRssMb()} MB.`);
  out(`Idle cost: ${pct(idle.cpuShare)} of one core (${(idle.cpuShare - baseline.cpuShare) * 100 >= 0 ? '+' : ''}${((idle.cpuShare - baseline.cpuShare) * 100).toFixed(2)} points over the baseline).`);
} finally {
  await bench.close();
  await target.stop();
  await cleanupAll();
}

const file = path.join(import.meta.dirname, 'results', 'sla-probe.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `# SLA probe benchmark (${new Date().toISOString()})\n\nWritten by \`npx tsx bench/sla-probe.ts\`. Figures only, never pass/fail.\n\n${lines.join('\n')}\n`);
console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
