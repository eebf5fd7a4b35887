// One measured import in its own process, so the peak memory is the import's: prints a JSON line.
// Usage: node --import tsx bench/register-import-run.ts <sqlite|postgres> <file.xlsx>
import fs from 'node:fs';
import { multipart, openBench, peakRssMb } from './register-fixture.ts';

const [dialect, file] = process.argv.slice(2) as ['sqlite' | 'postgres', string];
const bench = await openBench(dialect);
const content = fs.readFileSync(file);
const baselineMb = peakRssMb();
const { contentType, payload } = multipart('bench.xlsx', content);
const started = performance.now();
const res = await bench.app.inject({ method: 'POST', url: '/api/register/import/commit', headers: { cookie: bench.cookie, 'x-csrf-token': bench.csrf, 'content-type': contentType }, payload });
const wallMs = performance.now() - started;
if (res.statusCode !== 200) throw new Error(`import failed: ${res.statusCode} ${res.body.slice(0, 500)}`);
const summary = res.json().summary;
console.log(JSON.stringify({ dialect, rows: summary.create, wallMs: Math.round(wallMs), peakRssMb: peakRssMb(), baselineMb, fileMb: +(content.length / 1048576).toFixed(2) }));
await bench.close();
