// One measured import in its own process, so the peak memory is the import's: prints a JSON line.
// Usage: node --import tsx bench/register-import-run.ts <sqlite|postgres> <file.xlsx>
import fs from 'node:fs';
import { multipart, openBench, peakRssMb } from './register-fixture.ts';

const [dialect, file] = process.argv.slice(2) as ['sqlite' | 'postgres', string];
const bench = await openBench(dialect);
const content = fs.readFileSync(file);
const baselineMb = peakRssMb();
const { contentType, payload } = multipart('bench.xlsx', content);
// Another body saves one entry after another while the import runs: how long does each save wait?
const otherHeaders = { cookie: bench.other.cookie, 'x-csrf-token': bench.other.csrf };
const options = (await bench.app.inject({ method: 'GET', url: '/api/register/options', headers: otherHeaders })).json();
const categoryId = options.categories[0].id as string;
const probeBody = (n: number) => ({
  name: `別団体の登録 ${n}`, service_model: 'saas', category_id: categoryId, department: '総務課', network_zone: 'internet', data_location: 'domestic', status: 'in_use',
  contract_form: 'standard_terms', data_kinds: [], residents_held: 0, classification: { scheme_id: 'urn:daicho:scheme:mic-2024', confidentiality: '2', resident_impact: 1 },
});
let importDone = false;
const probeMs: number[] = [];
// The longest stretch in which another body could not finish a save (a blocked event loop shows here, not in the wait of one save).
let worstGapMs = 0;
const probes = (async () => {
  await new Promise((resolve) => setTimeout(resolve, 200));
  let lastDone = performance.now();
  for (let n = 0; !importDone; n++) {
    const at = performance.now();
    const probe = await bench.app.inject({ method: 'POST', url: '/api/register/entries', headers: otherHeaders, payload: probeBody(n) });
    if (probe.statusCode !== 201) throw new Error(`probe write failed: ${probe.statusCode} ${probe.body.slice(0, 300)}`);
    const done = performance.now();
    probeMs.push(done - at);
    worstGapMs = Math.max(worstGapMs, done - lastDone);
    lastDone = done;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
})();
const started = performance.now();
const res = await bench.app.inject({ method: 'POST', url: '/api/register/import/commit', headers: { cookie: bench.cookie, 'x-csrf-token': bench.csrf, 'content-type': contentType }, payload });
const wallMs = performance.now() - started;
importDone = true;
await probes;
const sortedProbes = [...probeMs].sort((a, b) => a - b);
if (res.statusCode !== 200) throw new Error(`import failed: ${res.statusCode} ${res.body.slice(0, 500)}`);
const summary = res.json().summary;
console.log(JSON.stringify({ dialect, rows: summary.create, wallMs: Math.round(wallMs), peakRssMb: peakRssMb(), baselineMb, fileMb: +(content.length / 1048576).toFixed(2), otherWrites: probeMs.length, otherWriteMedianMs: Math.round(sortedProbes[Math.floor(sortedProbes.length / 2)] ?? 0), otherWriteMaxMs: Math.round(sortedProbes.at(-1) ?? 0), otherWorstGapMs: Math.round(worstGapMs) }));
await bench.close();
