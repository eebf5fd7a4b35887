// "What stops if X fails" benchmark (issue 13), printed not asserted. One IaaS service that 500
// municipalities' 20,000 entries depend on, directly and through a second level:
//   - per municipality 40 entries: 15 run on the IaaS (entry_dependencies), 15 are linked to one of
//     20 SaaS services that run on the IaaS (vendor_service_dependencies), 10 run on another entry of
//     the municipality (entry on entry);
//   1. one municipality's what-if for the IaaS through the API (GET /api/what-if), target < 100 ms;
//   2. the vendor's reach of the IaaS through the API (GET /api/vendor-services/{id}/reach), target < 1 s;
//   3. the incident fan-out's walk to all (affectedEntriesOfService: every entry, one participant per body).
// Run: npx tsx bench/what-if.ts [--runs 30] [--municipalities 500] [--entries 40]
import fs from 'node:fs';
import path from 'node:path';
import { openBench, peakRssMb, percentile, postgresReachable } from './register-fixture.ts';
import { PASSWORD, signIn } from './linked-fixture.ts';
import { createOrganisation } from '../src/server/services/organisations.ts';
import { createUser } from '../src/server/services/users.ts';
import { systemActor } from '../src/server/services/deps.ts';
import { insertEntries } from '../src/server/repositories/register-entries.ts';
import { newId } from '../src/server/security/ids.ts';
import { affectedEntriesOfService } from '../src/server/services/dependencies/graph.ts';

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const RUNS = arg('runs', 30);
const MUNICIPALITIES = arg('municipalities', 500);
const PER_BODY = arg('entries', 40);
const SAAS = 20;

const lines: string[] = [];
const out = (line: string) => {
  console.log(line);
  lines.push(line);
};
type Bench = Awaited<ReturnType<typeof openBench>>;

async function timed(runs: number, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function setUp(bench: Bench) {
  const { deps, app } = bench;
  const db = deps.db;
  const editor = { cookie: bench.cookie, 'x-csrf-token': bench.csrf };
  const vendor = await createOrganisation(deps, systemActor('', 'bench'), { kind: 'vendor', name: 'ベンチIaaS株式会社', corporate_number: '7999902000005' });
  await createUser(deps, systemActor(vendor.id, 'bench'), { organisation_id: vendor.id, email: 'member@iaas.bench.daicho.example', display_name: 'ベンチ IaaS', role: 'vendor_member', locale: 'ja', temporary_password: PASSWORD }, { mustChangePassword: false });
  const member = await signIn(bench, 'member@iaas.bench.daicho.example');
  const iaas = (await app.inject({ method: 'POST', url: '/api/vendor-services', headers: member, payload: { name: 'ベンチ自治体IaaS' } })).json().id as string;

  const options = (await app.inject({ method: 'GET', url: '/api/register/options', headers: editor })).json();
  const categoryId = options.categories.find((c: { name: string }) => c.name === '基幹系サービス').id;
  const created = await app.inject({
    method: 'POST',
    url: '/api/register/entries',
    headers: editor,
    payload: { name: '住民基本台帳システム', service_model: 'shared_system', category_id: categoryId, department: '市民課', network_zone: 'my_number', data_location: 'domestic', status: 'in_use', contract_form: 'individual', data_kinds: ['name', 'address'], residents_held: 10_000, classification: { scheme_id: 'urn:daicho:scheme:mic-2024', confidentiality: '3A', resident_impact: 3 } },
  });
  const template = await db.selectFrom('register_entries').selectAll().where('id', '=', created.json().id).executeTakeFirstOrThrow();
  const category = await db.selectFrom('register_categories').selectAll().where('id', '=', template.category_id).executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  const t0 = performance.now();

  const saasVendor = { id: newId(), kind: 'vendor', name: 'ベンチSaaS株式会社', name_en: null, local_government_code: null, corporate_number: null, prefecture_id: null, population: null, is_demo: 0, subcontract_max_depth: 2, created_at: at, updated_at: at };
  const saas = Array.from({ length: SAAS }, (_, i) => ({ id: newId(), organisation_id: saasVendor.id, name: `ベンチSaaS${i + 1}`, description: null, answer_terms: null, created_at: at, updated_at: at }));
  const saasOnIaas = saas.map((s) => ({ id: newId(), organisation_id: saasVendor.id, service_id: s.id, depends_on_service_id: iaas, note: null, created_at: at, created_by_label: 'bench' }));
  const organisations = Array.from({ length: MUNICIPALITIES - 1 }, (_, i) => ({
    id: newId(), kind: 'municipality', name: `ベンチ自治体${String(i + 1).padStart(4, '0')}`, name_en: null, local_government_code: null, corporate_number: null,
    prefecture_id: null, population: 10_000, is_demo: 0, subcontract_max_depth: 2, created_at: at, updated_at: at,
  }));
  const categories = new Map([[template.organisation_id, template.category_id], ...organisations.map((o) => [o.id, newId()] as [string, string])]);
  const entries: (typeof template)[] = [];
  const dependencies: { id: string; organisation_id: string; entry_id: string; depends_on_entry_id: string | null; depends_on_service_id: string | null; note: null; created_at: string; created_by_label: string }[] = [];
  for (const [organisationId, categoryOf] of categories) {
    const own = Array.from({ length: PER_BODY }, (_, i) => ({
      ...template, id: newId(), organisation_id: organisationId, category_id: categoryOf, vendor_id: null, vendor_service_id: null as string | null,
      external_key: `W-${String(i + 1).padStart(3, '0')}`, name: `業務システム${i + 1}`,
      administrative_impact: [81, 36, 27, 12, 9, 4, 2, 1][i % 8], residents_held: (i * 997) % 120_000,
    }));
    const direct = Math.round(PER_BODY * 0.375);
    const viaSaas = Math.round(PER_BODY * 0.375);
    own.forEach((e, i) => {
      if (i < direct) dependencies.push({ id: newId(), organisation_id: organisationId, entry_id: e.id, depends_on_entry_id: null, depends_on_service_id: iaas, note: null, created_at: at, created_by_label: 'bench' });
      else if (i < direct + viaSaas) e.vendor_service_id = saas[i % SAAS].id;
      else dependencies.push({ id: newId(), organisation_id: organisationId, entry_id: e.id, depends_on_entry_id: own[i % direct].id, depends_on_service_id: null, note: null, created_at: at, created_by_label: 'bench' });
    });
    entries.push(...own);
  }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('organisations').values(saasVendor).execute();
    await trx.insertInto('vendor_services').values(saas).execute();
    await trx.insertInto('vendor_service_dependencies').values(saasOnIaas).execute();
    for (let i = 0; i < organisations.length; i += 500) await trx.insertInto('organisations').values(organisations.slice(i, i + 500)).execute();
    const cats = organisations.map((o) => ({ ...category, id: categories.get(o.id)!, organisation_id: o.id }));
    for (let i = 0; i < cats.length; i += 500) await trx.insertInto('register_categories').values(cats.slice(i, i + 500)).execute();
    await insertEntries(trx, entries);
    for (let i = 0; i < dependencies.length; i += 1000) await trx.insertInto('entry_dependencies').values(dependencies.slice(i, i + 1000)).execute();
  });
  console.log(`[${bench.deps.dialect}] ${MUNICIPALITIES} municipalities, ${entries.length} entries, ${dependencies.length} entry dependencies, ${SAAS} SaaS on the IaaS, set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { iaas, member, editor, entries: entries.length };
}

const dialects: ('sqlite' | 'postgres')[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
const rows: string[] = [];
for (const dialect of dialects) {
  const bench = await openBench(dialect);
  try {
    const { iaas, member, editor, entries } = await setUp(bench);
    let affected = 0;
    const whatIf = await timed(RUNS, async () => {
      const res = await bench.app.inject({ method: 'GET', url: `/api/what-if?target_type=vendor_service&target_id=${iaas}`, headers: editor });
      if (res.statusCode !== 200) throw new Error(res.body);
      affected = res.json().summary.total;
    });
    let reachedOrgs = 0;
    const reach = await timed(Math.max(5, Math.round(RUNS / 3)), async () => {
      const res = await bench.app.inject({ method: 'GET', url: `/api/vendor-services/${iaas}/reach`, headers: member });
      if (res.statusCode !== 200) throw new Error(res.body);
      reachedOrgs = res.json().summary.organisations;
    });
    let fanned = 0;
    const fanOut = await timed(Math.max(5, Math.round(RUNS / 3)), async () => {
      fanned = new Set((await affectedEntriesOfService(bench.deps.db, iaas)).map((a) => a.organisation_id)).size;
    });
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    rows.push(`| ${dialect} | ${entries.toLocaleString()} | ${affected} | ${ms(whatIf.p50)} / ${ms(whatIf.p95)} | ${reachedOrgs} | ${ms(reach.p50)} / ${ms(reach.p95)} | ${fanned} | ${ms(fanOut.p50)} / ${ms(fanOut.p95)} | ${peakRssMb()} MB |`);
    console.log(rows[rows.length - 1]);
  } finally {
    await bench.close();
  }
}

out(`${MUNICIPALITIES} municipalities × ${PER_BODY} entries on one IaaS (directly, through ${SAAS} SaaS services running on it, and through another entry); ${RUNS} what-if runs after one warm-up.`);
out('Targets: one municipality\'s what-if < 100 ms (p95); the vendor\'s reach / the fan-out walk to all < 1 s.');
out('');
out('| dialect | entries | one body\'s affected entries | what-if p50 / p95 | organisations reached | reach p50 / p95 | fan-out bodies | fan-out walk p50 / p95 | peak RSS |');
out('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) out(row);
fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'what-if.md'), `# What-if benchmark (${new Date().toISOString()})\n\nWritten by \`npx tsx bench/what-if.ts\`. Figures only, never pass/fail.\n\n${lines.join('\n')}\n`);
