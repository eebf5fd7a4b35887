// Confirmation benchmarks (issue 4), printed not asserted.
//   1. The assessment page's API (GET /api/assessments/:id) for a 12-item confirmation-items
//      assessment in which every item has an evidence file, a comment, a due date and a status:
//      p50 / p95 / p99 over many sequential requests, with the vendor fixture below in the database.
//   2. A vendor answers an item once and 500 linked municipalities see it: one vendor save through the
//      API (a new answer revision, and the in-app/mail announcement to every linked body, in one
//      transaction), then every municipality's own view of the vendor's answers
//      (GET /api/assessments/:id/vendor-answers, with its own session, 10 at a time) until all 500
//      (besides the bench city, whose own page is part 1)
//      show the new revision. "All see it" is the time from the vendor pressing save until the last
//      municipality's view showed the new answer.
// Run: npx tsx bench/confirmation.ts [--runs 5] [--municipalities 500] [--requests 300]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { multipart, openBench, peakRssMb, percentile, postgresReachable } from './register-fixture.ts';
import { setUpLinkedService } from './linked-fixture.ts';
import { createSession } from '../src/server/services/sessions.ts';

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const RUNS = arg('runs', 5);
const MUNICIPALITIES = arg('municipalities', 500);
const REQUESTS = arg('requests', 300);
const CATALOGUE = 'urn:daicho:catalogue:confirmation-items';

const lines: string[] = [];
const out = (line: string) => {
  console.log(line);
  lines.push(line);
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

type Bench = Awaited<ReturnType<typeof openBench>>;
type Headers = { cookie: string; 'x-csrf-token': string };

/** A minimal valid PDF (the upload check reads the bytes). */
function pdf(label: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${label}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}

async function call(bench: Bench, headers: Headers, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  const res = await bench.app.inject({ method, url, headers, payload: payload as never });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.json();
}

/** A signed-in session for a user, without the cost of a password check (bench set-up only). */
async function sessionOf(bench: Bench, userId: string): Promise<Headers> {
  const user = await bench.deps.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const { token, row } = await createSession(bench.deps.db, bench.deps, user, { ip: null, userAgent: 'bench', mfaPassed: false });
  return { cookie: `daicho_session=${token}`, 'x-csrf-token': row.csrf_token };
}

async function assessmentPage(bench: Bench, editor: Headers, entryId: string) {
  const assessment = await call(bench, editor, 'POST', `/api/register/entries/${entryId}/assessments`, { catalogue_urn: CATALOGUE });
  const detail = await call(bench, editor, 'GET', `/api/assessments/${assessment.id}`);
  const items = (detail.categories as { items: { key: string; revision: number }[] }[]).flatMap((c) => c.items);
  const statuses = ['confirmed', 'in_progress', 'action_required', 'unconfirmed'];
  for (const [i, item] of items.entries()) {
    const upload = multipart(`証跡-${item.key}.pdf`, pdf(item.key));
    const res = await bench.app.inject({ method: 'POST', url: `/api/assessments/${assessment.id}/items/${item.key}/evidence`, headers: { ...editor, 'content-type': upload.contentType }, payload: upload.payload });
    if (res.statusCode !== 201) throw new Error(`evidence: ${res.statusCode} ${res.body.slice(0, 300)}`);
    await call(bench, editor, 'POST', `/api/assessments/${assessment.id}/items/${item.key}/comments`, { body: `事業者に確認中（${item.key}）` });
    await call(bench, editor, 'PATCH', `/api/assessments/${assessment.id}/items/${item.key}`, { revision: item.revision, status: statuses[i % 4], due_date: '2027-03-31', policy_defined: 'defined', confirmed_before_use: i % 2 === 0 });
  }
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const s = performance.now();
    const res = await bench.app.inject({ method: 'GET', url: `/api/assessments/${assessment.id}`, headers: editor });
    times.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(res.body.slice(0, 300));
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { items: items.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

const dialects: ('sqlite' | 'postgres')[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
const pageRows: string[] = [];
const fanRows: string[] = [];
for (const dialect of dialects) {
  const bench = await openBench(dialect);
  const editor = { cookie: bench.cookie, 'x-csrf-token': bench.csrf };
  const { member, serviceId, entryId } = await setUpLinkedService(bench, MUNICIPALITIES + 1);

  // Every linked municipality starts its assessment, as its editor would (set-up, not timed).
  const t0 = performance.now();
  const readers: { headers: Headers; assessmentId: string }[] = [];
  const rows = await bench.deps.db
    .selectFrom('register_entries as e')
    .innerJoin('users as u', (join) => join.onRef('u.organisation_id', '=', 'e.organisation_id').on('u.role', '=', 'editor'))
    .select(['e.id as entry_id', 'u.id as user_id'])
    .where('e.vendor_service_id', '=', serviceId)
    .where('e.id', '!=', entryId)
    .execute();
  await pool(rows, 4, async (row) => {
    const headers = await sessionOf(bench, row.user_id);
    const assessment = await call(bench, headers, 'POST', `/api/register/entries/${row.entry_id}/assessments`, { catalogue_urn: CATALOGUE });
    readers.push({ headers, assessmentId: assessment.id });
  });
  console.log(`[${dialect}] ${readers.length} municipalities started their assessments in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const page = await assessmentPage(bench, editor, entryId);
  console.log(`[${dialect}] assessment page: p50 ${page.p50.toFixed(1)} ms, p95 ${page.p95.toFixed(1)} ms`);
  pageRows.push(`| ${dialect} | ${page.items} | ${REQUESTS} | ${page.p50.toFixed(1)} ms | ${page.p95.toFixed(1)} ms | ${page.p99.toFixed(1)} ms |`);

  const save: number[] = [];
  const allSee: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const text = `24時間365日の受付窓口と、障害時の第一報30分以内を契約に定めています（版 ${run + 1}）`;
    const started = performance.now();
    const saved = await call(bench, member, 'PUT', `/api/vendor-portal/services/${serviceId}/answers/1-1?catalogue=${encodeURIComponent(CATALOGUE)}`, { answer: text, note: null, sharing: 'linked' });
    save.push(performance.now() - started);
    const revision = saved.revision as number;
    let seen = 0;
    await pool(readers, 10, async (reader) => {
      const view = await call(bench, reader.headers, 'GET', `/api/assessments/${reader.assessmentId}/vendor-answers`);
      const item = (view.items as { item_key: string; answer: { revision: number } | null }[]).find((i) => i.item_key === '1-1');
      if (item?.answer?.revision !== revision) throw new Error(`a municipality does not see revision ${revision}: ${JSON.stringify(item).slice(0, 300)}`);
      seen++;
    });
    allSee.push(performance.now() - started);
    if (seen !== readers.length) throw new Error(`${seen} of ${readers.length} saw the answer`);
    console.log(`[${dialect}] run ${run + 1}: save ${save[run].toFixed(0)} ms, all ${seen} municipalities saw it after ${allSee[run].toFixed(0)} ms`);
  }
  const notified = await bench.deps.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'vendor_answer_updated').executeTakeFirstOrThrow();
  fanRows.push(`| ${dialect} | ${readers.length} | ${median(save).toFixed(0)} ms (${range(save)}) | ${median(allSee).toFixed(0)} ms (${range(allSee)}) | ${Number(notified.n).toLocaleString()} | ${peakRssMb()} MB |`);
  await bench.close();
}

out(`## Confirmation (${new Date().toISOString()})`);
out('');
out(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}. Requests are in-process (Fastify inject), so they include routing, session check, validation, queries and serialisation, not the network.`);
out('');
out(`### Assessment page API: a 12-item assessment, every item with an evidence file, a comment, a due date and a status (${REQUESTS} sequential requests; ${MUNICIPALITIES} municipalities' assessments in the same database)`);
out('');
out('| dialect | items | requests | p50 | p95 | p99 |');
out('|---|---|---|---|---|---|');
pageRows.forEach(out);
out('');
out(`### A vendor answers once; ${MUNICIPALITIES} linked municipalities see it (${RUNS} runs, median and min–max; target: all see it in under 1 s)`);
out('');
out('"Save" is the vendor\'s request (new revision + announcement rows to every linked body, one transaction). "All see it" runs from the start of the save until the last municipality\'s own view (its session, 10 views at a time) showed the new revision.');
out('');
out('| dialect | municipalities reading | save | all see it | notifications written (all runs) | peak RSS |');
out('|---|---|---|---|---|---|');
fanRows.forEach(out);
fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'confirmation.md'), `# Confirmation benchmark\n\nWritten by \`npx tsx bench/confirmation.ts\`. Figures only, never pass/fail.\n\n${lines.join('\n')}\n`);
