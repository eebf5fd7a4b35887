// The register as a PDF (issue 12), printed not asserted: 1,000 entries through GET /api/register/export.pdf
// (in-process inject, SQLite), laid out in the PDF worker thread. Prints the median wall time (the first,
// cold request — thread start, font load — apart), the process's peak RSS (the worker thread included),
// the longest the event loop was held meanwhile, and the document's pages and size.
// Run: node --import tsx bench/pdf.ts [--runs 5]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generateRegisterXlsx, multipart, openBench, peakRssMb } from './register-fixture.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const ENTRIES = 1_000;
const lines: string[] = [];
const out = (line: string) => {
  console.log(line);
  lines.push(line);
};

const bench = await openBench('sqlite');
try {
  const { contentType, payload } = multipart('bench.xlsx', await generateRegisterXlsx(ENTRIES));
  const imported = await bench.app.inject({ method: 'POST', url: '/api/register/import/commit', headers: { cookie: bench.cookie, 'x-csrf-token': bench.csrf, 'content-type': contentType }, payload });
  if (imported.statusCode !== 200) throw new Error(imported.body.slice(0, 300));

  const rssBefore = peakRssMb();
  const once = async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const t0 = performance.now();
    const res = await bench.app.inject({ method: 'GET', url: '/api/register/export.pdf?sort=external_key', headers: { cookie: bench.cookie } });
    const ms = performance.now() - t0;
    delay.disable();
    if (res.statusCode !== 200) throw new Error(res.body.slice(0, 300));
    const pages = (res.rawPayload.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    return { ms, bytes: res.rawPayload.length, pages, loopMaxMs: delay.max / 1e6 };
  };
  const cold = await once();
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await once());
  const sorted = warm.map((r) => r.ms).sort((a, b) => a - b);
  const loop = Math.max(...warm.map((r) => r.loopMaxMs));
  out(`## Register PDF: ${ENTRIES.toLocaleString('en')} entries, A4 landscape, 10 columns (SQLite, in-process, ${runs} runs after a cold one)`);
  out('| cold request | median | min–max | pages / size | peak RSS of the process (before → after) | longest event-loop stall meanwhile |');
  out('|---|---|---|---|---|---|');
  out(`| ${(cold.ms / 1000).toFixed(2)} s | ${(sorted[Math.floor(runs / 2)] / 1000).toFixed(2)} s | ${(sorted[0] / 1000).toFixed(2)}–${(sorted[runs - 1] / 1000).toFixed(2)} s | ${warm[0].pages} / ${(warm[0].bytes / 1024).toFixed(0)} KB | ${rssBefore} → ${peakRssMb()} MB | ${loop.toFixed(0)} ms |`);
} finally {
  await bench.close();
}
out('');
out(`load average (1/5/15 min) at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'pdf.md'), `# PDF benchmark (${new Date().toISOString()}, ${os.cpus().length} cores)\n\n${lines.join('\n')}\n`);
process.exit(0);
