// Incident fan-out benchmark (issue 6), printed not asserted. One vendor, one service, 1,000
// municipalities linked to it (each with an editor, who gets mail, and a viewer, who does not):
//   1. one vendor report through the API, timed until the request returns — by then every participant
//      row, in-app notification and outbox row is written (one transaction); the rows are counted after;
//   2. one vendor update (the same fan-out for an event);
//   3. the mail sender (src/server/jobs/mail-sender.ts) delivering the report's mails to a local SMTP
//      server (smtp-server, in this process, on a port in 3300–3399), timed until the server has
//      accepted every one and every outbox row is marked sent.
// Run: npx tsx bench/incidents-fanout.ts [--runs 3] [--municipalities 1000] [--concurrency 5]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { openBench, peakRssMb, postgresReachable } from './register-fixture.ts';
import { createOrganisation } from '../src/server/services/organisations.ts';
import { createUser } from '../src/server/services/users.ts';
import { systemActor } from '../src/server/services/deps.ts';
import { insertEntries } from '../src/server/repositories/register-entries.ts';
import { newId } from '../src/server/security/ids.ts';
import { startMailSender } from '../src/server/jobs/mail-sender.ts';

// Benchmarks listen only on ports 3300–3399; lib.mjs hands them out.
const { freePort } = (await import(new URL('./lib.mjs', import.meta.url).href)) as { freePort(): Promise<number> };

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const RUNS = arg('runs', 3);
const MUNICIPALITIES = arg('municipalities', 1000);
const CONCURRENCY = arg('concurrency', 5);
const PASSWORD = 'bench-password-2026';

const lines: string[] = [];
const out = (line: string) => {
  console.log(line);
  lines.push(line);
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values: number[], digits = 0) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

type Bench = Awaited<ReturnType<typeof openBench>>;

async function signIn(bench: Bench, email: string) {
  const login = await bench.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
  if (login.statusCode !== 200) throw new Error(login.body);
  return { cookie: `daicho_session=${login.cookies.find((c) => c.name === 'daicho_session')!.value}`, 'x-csrf-token': login.json().csrf_token as string };
}

/** The vendor, its service, and MUNICIPALITIES municipalities linked to it (one through the API, the rest copied in bulk). */
async function setUp(bench: Bench) {
  const { deps, app } = bench;
  const system = systemActor('', 'bench');
  const editor = { cookie: bench.cookie, 'x-csrf-token': bench.csrf };
  const vendor = await createOrganisation(deps, system, { kind: 'vendor', name: 'ベンチ自治体クラウド株式会社', corporate_number: '7999901000001' });
  await createUser(deps, systemActor(vendor.id, 'bench'), { organisation_id: vendor.id, email: 'member@vendor.bench.daicho.example', display_name: 'ベンチ 事業者', role: 'vendor_member', locale: 'ja', temporary_password: PASSWORD }, { mustChangePassword: false });
  const member = await signIn(bench, 'member@vendor.bench.daicho.example');
  const service = await app.inject({ method: 'POST', url: '/api/vendor-services', headers: member, payload: { name: '自治体クラウド 住民記録・税' } });
  const serviceId = service.json().id as string;

  const options = (await app.inject({ method: 'GET', url: '/api/register/options', headers: editor })).json();
  const categoryId = options.categories.find((c: { name: string }) => c.name === '基幹系サービス').id;
  const entry = await app.inject({
    method: 'POST',
    url: '/api/register/entries',
    headers: editor,
    payload: { name: '住民基本台帳システム', service_model: 'shared_system', category_id: categoryId, department: '市民課', network_zone: 'my_number', data_location: 'domestic', status: 'in_use', contract_form: 'individual', data_kinds: ['name', 'address'], residents_held: 10_000, classification: { scheme_id: 'urn:daicho:scheme:mic-2024', confidentiality: '3A', resident_impact: 3 } },
  });
  const entryId = entry.json().id as string;
  await app.inject({ method: 'PUT', url: `/api/register/entries/${entryId}/vendor-service`, headers: editor, payload: { vendor_service_id: serviceId } });

  const db = deps.db;
  const template = await db.selectFrom('register_entries').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow();
  const category = await db.selectFrom('register_categories').selectAll().where('id', '=', template.category_id).executeTakeFirstOrThrow();
  const user = await db.selectFrom('users').selectAll().where('organisation_id', '=', template.organisation_id).executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  const t0 = performance.now();
  const organisations = Array.from({ length: MUNICIPALITIES - 1 }, (_, i) => ({
    id: newId(), kind: 'municipality', name: `ベンチ町${String(i + 1).padStart(4, '0')}`, name_en: null, local_government_code: null, corporate_number: null,
    prefecture_id: null, population: 10_000, is_demo: 0, created_at: at, updated_at: at,
  }));
  const categories = organisations.map((o) => ({ ...category, id: newId(), organisation_id: o.id }));
  const users = organisations.flatMap((o, i) => (['editor', 'viewer'] as const).map((role) => ({ ...user, id: newId(), organisation_id: o.id, role, email: `${role}-${i + 1}@fanout.bench.daicho.example`, display_name: `${o.name} ${role}`, last_login_at: null })));
  const entries = organisations.map((o, i) => ({ ...template, id: newId(), organisation_id: o.id, category_id: categories[i].id, vendor_id: null, external_key: 'RE-0001' }));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < organisations.length; i += 500) await trx.insertInto('organisations').values(organisations.slice(i, i + 500)).execute();
    for (let i = 0; i < categories.length; i += 500) await trx.insertInto('register_categories').values(categories.slice(i, i + 500)).execute();
    for (let i = 0; i < users.length; i += 500) await trx.insertInto('users').values(users.slice(i, i + 500)).execute();
    await insertEntries(trx, entries);
  });
  console.log(`[${deps.dialect}] ${MUNICIPALITIES} linked municipalities, ${users.length + 1} of their users, set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { member, serviceId };
}

async function count(bench: Bench, table: 'incident_participants' | 'notifications' | 'mail_outbox', column: 'incident_id' | 'link' | 'dedupe_key', value: string, like = false) {
  const row = await bench.deps.db
    .selectFrom(table as 'mail_outbox')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(column as 'dedupe_key', like ? 'like' : '=', value)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A local SMTP server that accepts everything and counts what it accepted. */
async function smtpServer() {
  let accepted = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        accepted++;
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}`, accepted: () => accepted, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const dialects: ('sqlite' | 'postgres')[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
const rows: string[] = [];
for (const dialect of dialects) {
  const bench = await openBench(dialect);
  const { member, serviceId } = await setUp(bench);
  const smtp = await smtpServer();
  const sender = startMailSender({ ...bench.deps, config: { ...bench.deps.config, smtpUrl: smtp.url } }, { loop: false, concurrency: CONCURRENCY });
  const report: number[] = [];
  const update: number[] = [];
  const delivery: number[] = [];
  let figures = { participants: 0, notifications: 0, mails: 0, updateNotifications: 0 };
  for (let run = 0; run < RUNS; run++) {
    const occurred = new Date(Date.now() - 95 * 60_000).toISOString();
    let s = performance.now();
    const res = await bench.app.inject({ method: 'POST', url: '/api/incidents', headers: member, payload: { vendor_service_id: serviceId, title: `住民記録・税システムの停止（${run + 1}）`, type: 'outage', severity: 'critical', occurred_at: occurred } });
    report.push(performance.now() - s);
    if (res.statusCode !== 201) throw new Error(res.body.slice(0, 300));
    const id = res.json().id as string;
    figures = {
      participants: await count(bench, 'incident_participants', 'incident_id', id),
      notifications: await count(bench, 'notifications', 'link', `/incidents/${id}`),
      mails: await count(bench, 'mail_outbox', 'dedupe_key', `incident:${id}:reported:%`, true),
      updateNotifications: 0,
    };
    if (figures.participants !== MUNICIPALITIES || figures.mails !== MUNICIPALITIES) throw new Error(`fan-out incomplete: ${JSON.stringify(figures)}`);

    s = performance.now();
    const event = await bench.app.inject({ method: 'POST', url: `/api/incidents/${id}/events`, headers: member, payload: { type: 'update', at: new Date().toISOString(), note: '切り戻し中' } });
    update.push(performance.now() - s);
    if (event.statusCode !== 201) throw new Error(event.body.slice(0, 300));
    figures.updateNotifications = (await count(bench, 'notifications', 'link', `/incidents/${id}`)) - figures.notifications;

    // Deliver everything in the outbox (the report's and the update's mails).
    const pending = await bench.deps.db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
    const target = smtp.accepted() + Number(pending.n);
    s = performance.now();
    while (smtp.accepted() < target) await sender.tick();
    delivery.push(performance.now() - s);
    const unsent = await bench.deps.db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll().as('n')).where('status', '!=', 'sent').executeTakeFirstOrThrow();
    if (Number(unsent.n) !== 0) throw new Error(`${unsent.n} mails not marked sent`);
    console.log(`[${dialect}] run ${run + 1}: report ${report[run].toFixed(0)} ms, update ${update[run].toFixed(0)} ms, ${Number(pending.n)} mails accepted in ${(delivery[run] / 1000).toFixed(2)} s`);
  }
  const mailsPerRun = figures.mails * 2;
  rows.push(
    `| ${dialect} | ${figures.participants.toLocaleString()} | ${figures.notifications.toLocaleString()} / ${figures.mails.toLocaleString()} | ${median(report).toFixed(0)} ms (${range(report)}) | ${median(update).toFixed(0)} ms (${range(update)}) | ${mailsPerRun.toLocaleString()} in ${(median(delivery) / 1000).toFixed(2)} s (${range(delivery.map((d) => d / 1000), 2)} s), ${Math.round(mailsPerRun / (median(delivery) / 1000))} mails/s | ${peakRssMb()} MB |`,
  );
  await sender.stop();
  await smtp.close();
  await bench.close();
}

out(`## Fan-out of one vendor report to ${MUNICIPALITIES.toLocaleString()} linked municipalities (${RUNS} runs each, median and min–max)`);
out('');
out(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; load average before the last run: ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}.`);
out(`Each municipality has an editor (mail by default) and a viewer (in-app only). "Report" and "update" are the API requests (in-process inject) of the vendor; when they return, every participant row, notification and outbox row has been written in their one transaction (counted after each run). Delivery: the mail sender with ${CONCURRENCY} SMTP connections, batches of 100, sending the report's and the update's mails to a local smtp-server in the same process, until the server accepted every one and every outbox row was marked sent. Peak RSS is this process's (VmHWM), set-up and SMTP server included. Target: every outbox row written in under 2 s.`);
out('');
out('| dialect | participants | notifications / mails per announcement | report (all rows written) | update (fan-out of an event) | mail delivery | peak RSS |');
out('|---|---|---|---|---|---|---|');
rows.forEach(out);
fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'incidents-fanout.md'), `# Incident fan-out benchmark (${new Date().toISOString()})\n\nWritten by \`npx tsx bench/incidents-fanout.ts\`. Figures only, never pass/fail.\n\n${lines.join('\n')}\n`);
