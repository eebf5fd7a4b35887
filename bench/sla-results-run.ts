// One measured run for bench/sla-results.ts, in a fresh process: open the database the parent
// filled, then load and compute the given months of every service. Prints one JSON line.
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/connect.ts';
import { loadCatalogues } from '../src/server/catalogs/load.ts';
import { listTermsWithEntries } from '../src/server/repositories/sla.ts';
import { computeResults } from '../src/server/services/sla/results.ts';
import { peakRssMb } from './register-fixture.ts';

const [organisationId, from, to] = process.argv.slice(2);
const database = openDatabase(loadConfig());
loadCatalogues();
const baselineRssMb = peakRssMb();
const t0 = performance.now();
const terms = await listTermsWithEntries(database.db, organisationId);
const results = await computeResults(database.db, organisationId, terms, from, to, new Date());
const wallMs = performance.now() - t0;
let count = 0;
for (const months of results.values()) count += months.length;
await database.close();
console.log(JSON.stringify({ wallMs, peakRssMb: peakRssMb(), baselineRssMb, results: count }));
