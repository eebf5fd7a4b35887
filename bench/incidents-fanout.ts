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
import { setUpLinkedService } from './linked-fixture.ts';
import { startMailSender } from '../src/server/jobs/mail-sender.ts';

// Benchmarks listen only on ports 3300–3399; lib.mjs hands them out.
const { freePort } = (await import(new URL('./lib.mjs', import.meta.url).href)) as { freePort(): Promise<number> };

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const RUNS = arg('runs', 3);
const MUNICIPALITIES = arg('municipalities', 1000);
const CONCURRENCY = arg('concurrency', 5);

const lines: string[] = [];
const out = (line: string) => {
  console.log(line);
  lines.push(line);
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values: number[], digits = 0) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

type Bench = Awaited<ReturnType<typeof openBench>>;

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
  const { member, serviceId } = await setUpLinkedService(bench, MUNICIPALITIES);
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
