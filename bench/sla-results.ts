// SLA benchmark (issue 5), printed not asserted. 5,000 services with 10 years of outages: the
// monthly results of every service — for one month (the month report), for a year (the trend) and
// for all 120 months (a full recomputation, 600,000 results) — wall time and peak memory, each in a
// fresh process; plus the month view and one service's 10 years through the API.
// Run: node --import tsx bench/sla-results.ts [--runs 3]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateRegisterXlsx, multipart, openBench, percentile, postgresReachable } from './register-fixture.ts';
import { monthsBetween } from '../src/shared/sla.ts';
import { fillSlaDataset } from './sla-fixture.ts';

const SERVICES = 5_000;
const FROM = '2016-12';
const TO = '2026-11';
const LOAD_AT_START = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const dialects: ('sqlite' | 'postgres')[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
const lines: string[] = [];
const out = (line: string) => {
  console.log(line);
  lines.push(line);
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-bench-sla-'));
const xlsx = await generateRegisterXlsx(SERVICES);
const months = monthsBetween(FROM, TO);
out(`## SLA monthly results: ${SERVICES.toLocaleString()} services with ${months.length} months of outages (${FROM} … ${TO}), ${runs} runs each, fresh process per run (load + compute)`);
out('| dialect | outages | vendor figures | months computed | results | median wall time | min–max | median peak RSS | target |');
out('|---|---|---|---|---|---|---|---|---|');
const PERIODS: [string, string, string][] = [['2026-10', '2026-10', '< 2 s'], ['2025-11', '2026-10', ''], [FROM, TO, '']];
const apiLines: string[] = [];
for (const dialect of dialects) {
  const bench = await openBench(dialect);
  const { contentType, payload } = multipart('bench.xlsx', xlsx);
  const imported = await bench.app.inject({ method: 'POST', url: '/api/register/import/commit', headers: { cookie: bench.cookie, 'x-csrf-token': bench.csrf, 'content-type': contentType }, payload });
  if (imported.statusCode !== 200) throw new Error(imported.body.slice(0, 300));
  const { organisationId, entries, outageCount, reportCount } = await fillSlaDataset(bench, months);

  const config = bench.deps.config;
  for (const [from, to, target] of PERIODS) {
    const results: { wallMs: number; peakRssMb: number; baselineRssMb: number; results: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const stdout = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'sla-results-run.ts'), organisationId, from, to], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
        env: { ...process.env, DAICHO_DATA_DIR: config.dataDir, DAICHO_DATABASE_URL: config.databaseUrl ?? '', DAICHO_MASTER_KEY: config.masterKey ?? '', LOG_LEVEL: 'silent' },
      });
      results.push(JSON.parse(stdout.trim().split('\n').pop()!));
    }
    const walls = results.map((r) => r.wallMs).sort((a, b) => a - b);
    const rss = results.map((r) => r.peakRssMb).sort((a, b) => a - b);
    const count = monthsBetween(from, to).length;
    // Months outside a service's contract period have no result, so fewer than services × months.
    if (results.some((r) => r.results !== results[0].results)) throw new Error('runs disagree on the number of results');
    out(`| ${dialect} | ${outageCount.toLocaleString()} | ${reportCount.toLocaleString()} | ${count} (${from} … ${to}) | ${results[0].results.toLocaleString()} | ${(walls[Math.floor(runs / 2)] / 1000).toFixed(2)} s | ${(walls[0] / 1000).toFixed(2)}–${(walls[runs - 1] / 1000).toFixed(2)} s | ${rss[Math.floor(runs / 2)]} MB (idle process ${results[0].baselineRssMb} MB) | ${target} |`);
  }

  // The screens: one month for all 5,000 services, and one service's 10 years.
  const timed = async (url: string, n: number) => {
    const times: number[] = [];
    for (let i = 0; i < n + 3; i++) {
      const s = performance.now();
      const res = await bench.app.inject({ method: 'GET', url, headers: { cookie: bench.cookie } });
      if (res.statusCode !== 200) throw new Error(res.body.slice(0, 300));
      if (i >= 3) times.push(performance.now() - s);
    }
    return times.sort((a, b) => a - b);
  };
  const month = await timed('/api/sla/results?month=2026-10', 20);
  apiLines.push(`| ${dialect} | GET /api/sla/results?month=2026-10 (5,000 services) | ${percentile(month, 50).toFixed(0)} ms | ${percentile(month, 95).toFixed(0)} ms |`);
  const one = await timed(`/api/sla/entries/${entries[0].id}/results?from=${FROM}&to=${TO}`, 50);
  apiLines.push(`| ${dialect} | GET one service's 120 months | ${percentile(one, 50).toFixed(1)} ms | ${percentile(one, 95).toFixed(1)} ms |`);
  await bench.close();
}
out('');
out('## SLA screens through the API (in-process inject)');
out('| dialect | request | p50 | p95 |');
out('|---|---|---|---|');
apiLines.forEach(out);
fs.rmSync(tmp, { recursive: true, force: true });
fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'sla-results.md'), `# SLA results benchmark (${new Date().toISOString()}, ${os.cpus().length} cores, load average at the start ${LOAD_AT_START})\n\n${lines.join('\n')}\n`);
