// Register benchmarks (issue 3), printed not asserted:
//  1. import of a generated 10,000-row .xlsx: wall time and peak memory, in a fresh process each run;
//  2. the register list API with 5,000 entries: p50/p95 of a filtered, sorted page (in-process inject).
// Run: node --import tsx bench/register.ts [--runs 3]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateRegisterXlsx, multipart, openBench, percentile, postgresReachable } from './register-fixture.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const dialects: ('sqlite' | 'postgres')[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
if (dialects.length === 1) console.warn('PostgreSQL not reachable: PostgreSQL figures skipped');
const lines: string[] = [];
const out = (line: string) => {
  console.log(line);
  lines.push(line);
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-bench-xlsx-'));
const file10k = path.join(tmp, 'register-10000.xlsx');
fs.writeFileSync(file10k, await generateRegisterXlsx(10_000));
out(`## Register import: 10,000-row .xlsx (${(fs.statSync(file10k).size / 1048576).toFixed(2)} MB), ${runs} runs each, fresh process per run`);
out("| dialect | median wall time | min–max | median peak RSS (process) | another body's saves during the import: median wait / longest stretch without a save | target |");
out('|---|---|---|---|---|---|');
for (const dialect of dialects) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'register-import-run.ts'), dialect, file10k], { encoding: 'utf8', maxBuffer: 1 << 20 });
    results.push(JSON.parse(stdout.trim().split('\n').pop()!));
  }
  const walls = results.map((r) => r.wallMs).sort((a, b) => a - b);
  const rss = results.map((r) => r.peakRssMb).sort((a, b) => a - b);
  const otherMedian = results.map((r) => r.otherWriteMedianMs).sort((a, b) => a - b)[Math.floor(runs / 2)];
  const otherWorst = Math.max(...results.map((r) => r.otherWorstGapMs));
  out(`| ${dialect} | ${(walls[Math.floor(runs / 2)] / 1000).toFixed(2)} s | ${(walls[0] / 1000).toFixed(2)}–${(walls[runs - 1] / 1000).toFixed(2)} s | ${rss[Math.floor(runs / 2)]} MB | ${otherMedian} ms / ${otherWorst} ms | < 5 s, < 500 MB |`);
}

out('');
out('## Register list API with 5,000 entries: filtered, sorted page of 50 (in-process, 300 requests after 30 warm-up)');
out('| dialect | query | p50 | p95 | target p95 |');
out('|---|---|---|---|---|');
const file5k = path.join(tmp, 'register-5000.xlsx');
fs.writeFileSync(file5k, await generateRegisterXlsx(5_000));
for (const dialect of dialects) {
  const bench = await openBench(dialect);
  const { contentType, payload } = multipart('bench.xlsx', fs.readFileSync(file5k));
  const imported = await bench.app.inject({ method: 'POST', url: '/api/register/import/commit', headers: { cookie: bench.cookie, 'x-csrf-token': bench.csrf, 'content-type': contentType }, payload });
  if (imported.statusCode !== 200) throw new Error(imported.body.slice(0, 300));
  const categories = (await bench.app.inject({ method: 'GET', url: '/api/register/options', headers: { cookie: bench.cookie } })).json().categories;
  const queries = {
    'category + status, sort by impact': `category_id=${categories[0].id}&status=in_use&sort=administrative_impact&order=desc&page=2&page_size=50`,
    'text search 「課」 + zone, sort by name': `q=${encodeURIComponent('福祉課')}&network_zone=lgwan&sort=name&order=asc&page_size=50`,
  };
  for (const [label, query] of Object.entries(queries)) {
    const times: number[] = [];
    for (let i = 0; i < 330; i++) {
      const t0 = performance.now();
      const res = await bench.app.inject({ method: 'GET', url: `/api/register/entries?${query}`, headers: { cookie: bench.cookie } });
      if (res.statusCode !== 200) throw new Error(res.body);
      if (i >= 30) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out(`| ${dialect} | ${label} | ${percentile(times, 50).toFixed(1)} ms | ${percentile(times, 95).toFixed(1)} ms | < 100 ms |`);
  }
  await bench.close();
}
fs.rmSync(tmp, { recursive: true, force: true });
fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'register.md'), `# Register benchmarks (${new Date().toISOString()}, ${os.cpus().length} cores)\n\n${lines.join('\n')}\n`);
