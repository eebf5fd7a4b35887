// Crash durability: the real server (`node bin/daicho.js serve`, a child process) is killed with SIGKILL
// while a big write is in flight, then started again on the same database. Nothing the server promises
// as one transaction may be found torn afterwards:
//   1. a 10,000-row register import is all there or not there at all, and the audit chain verifies;
//   2. a vendor's incident report to the 1,000 municipalities linked to its service reaches all of them
//      or none, and once the restarted server has drained the outbox to a local SMTP server, every
//      recipient got each mail exactly once.
// Each scenario kills at several moments: as soon as the server is seen holding an open write
// transaction of that work (PostgreSQL: a backend with a transaction id whose statement touches the
// table; SQLite: the database write lock held over several polls), as soon as that transaction has
// ended (committed, the answer not yet or only just sent), and at fractions of the time the same
// request took when nothing was killed. The outcome of every attempt is printed. Only hangs are
// bounded (the tier's limit); nothing here depends on how fast the machine is.
import { spawn, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp, type TestApp } from '../support/harness.ts';
import { DEFAULT_PASSWORD, buildMunicipality, buildUser, buildVendor } from '../support/factories.ts';
import { api, signInFully } from '../support/http.ts';
import { expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';
import { REPO_ROOT, runCli } from '../support/cli.ts';
import { insertEntries } from '../../src/server/repositories/register-entries.ts';
import { newId } from '../../src/server/security/ids.ts';
import { messageIdOf } from '../../src/server/jobs/mail-sender.ts';

const IMPORT_ROWS = 10_000;
const LINKED = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- the server as a child process ---------------------------------------------------------------

interface Server {
  base: string;
  child: ChildProcess;
  output(): string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

const live = new Set<Server>();

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `daicho serve` on the test's database (same master key), answering /api/health before it returns. */
async function startServer(t: TestApp, extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DAICHO_')));
  Object.assign(env, {
    DAICHO_DATA_DIR: t.scratch.dataDir,
    DAICHO_MASTER_KEY: t.config.masterKey!,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DAICHO_PROBE: 'off',
    DAICHO_MAIL: 'off',
    DAICHO_SECURE_COOKIES: 'never',
    DAICHO_LOGIN_RATE_LIMIT: '100000',
    ...extraEnv,
  });
  if (t.scratch.databaseUrl) env.DAICHO_DATABASE_URL = t.scratch.databaseUrl;
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/daicho.js'), 'serve'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const running = () => child.exitCode === null && child.signalCode === null;
  const server: Server = {
    base,
    child,
    output: () => output,
    kill9: async () => {
      if (running()) child.kill('SIGKILL');
      await exited;
      live.delete(server);
    },
    stop: async () => {
      if (running()) child.kill('SIGTERM');
      await exited;
      live.delete(server);
    },
  };
  live.add(server);
  for (;;) {
    if (!running()) throw new Error(`daicho serve exited (${child.exitCode ?? child.signalCode}) before it answered:\n${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return server;
    } catch {
      /* not listening yet */
    }
    await sleep(50);
  }
}

interface HttpSession {
  cookie: string;
  csrf: string;
}

async function login(server: Server, email: string): Promise<HttpSession> {
  const res = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEFAULT_PASSWORD }) });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('daicho_session='))!.split(';')[0];
  return { cookie, csrf: ((await res.json()) as { csrf_token: string }).csrf_token };
}

type Outcome = { status: number; body: string } | { error: string };

/** Sends the request; its promise never rejects (a killed server is an outcome, not a failure). */
function send(url: string, session: HttpSession, init: { body: FormData | string; json?: boolean }): Promise<Outcome> {
  const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  if (init.json) headers['content-type'] = 'application/json';
  return fetch(url, { method: 'POST', headers, body: init.body }).then(
    async (res) => ({ status: res.status, body: await res.text() }),
    (error: Error) => ({ error: String((error.cause as Error | undefined)?.message ?? error.message) }),
  );
}

// ---- seeing the server inside its write transaction ---------------------------------------------

/**
 * Polls until the server holds an open write transaction of the work (true), or `done()` (false). With
 * `untilCommitted`, then polls on until that transaction has ended (true), or `done()` (false).
 */
async function writeTransactionSeen(t: TestApp, table: string, done: () => boolean, untilCommitted = false): Promise<boolean> {
  let probe: () => Promise<'work' | 'other' | 'none'>;
  let close: () => Promise<void>;
  if (t.dialect === 'postgres') {
    const client = new pg.Client({ connectionString: t.scratch.databaseUrl! });
    await client.connect();
    probe = async () => {
      const { rows } = await client.query(
        `select count(*) filter (where query ilike $1)::int as work, count(*)::int as writing from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null`,
        [`%${table}%`],
      );
      return rows[0].work > 0 ? 'work' : rows[0].writing > 0 ? 'other' : 'none';
    };
    close = () => client.end();
  } else {
    // SQLite: BEGIN IMMEDIATE fails at once (timeout 0) while another connection holds the write lock. A
    // short write (a session's touch) holds it for well under a millisecond; the work holds it throughout,
    // so the lock seen held three polls in a row is the work's.
    const sqlite = new SQLite(path.join(t.scratch.dataDir, 'daicho.sqlite'), { timeout: 0 });
    let busy = 0;
    probe = async () => {
      try {
        sqlite.exec('BEGIN IMMEDIATE');
        sqlite.exec('ROLLBACK');
        busy = 0;
        return 'none';
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        return ++busy >= 3 ? 'work' : 'other';
      }
    };
    close = async () => {
      sqlite.close();
    };
  }
  try {
    let seen = false;
    while (!done()) {
      const state = await probe();
      if (!seen && state === 'work') {
        if (!untilCommitted) return true;
        seen = true;
      } else if (seen && state === 'none') return true;
      await sleep(2);
    }
    return false;
  } finally {
    await close();
  }
}

type KillAt = { at: 'write' } | { at: 'commit' } | { at: 'fraction'; of: number };

interface Attempt {
  label: string;
  killedInFlight: boolean;
  sawWrite: boolean | null;
  outcome: Outcome;
}

/**
 * Starts the request, kills the server (SIGKILL) at the chosen moment, and reports what the client saw.
 * `calibrationMs` is how long the same request took when nothing was killed.
 */
async function killDuring(t: TestApp, server: Server, table: string, killAt: KillAt, calibrationMs: number, request: () => Promise<Outcome>): Promise<Attempt> {
  let answered = false;
  const pending = request().then((outcome) => {
    answered = true;
    return outcome;
  });
  let sawWrite: boolean | null = null;
  if (killAt.at === 'fraction') await sleep(Math.round(calibrationMs * killAt.of));
  else sawWrite = await writeTransactionSeen(t, table, () => answered, killAt.at === 'commit');
  const killedInFlight = !answered;
  await server.kill9();
  const outcome = await pending;
  const label = killAt.at === 'write' ? 'at its first write seen' : killAt.at === 'commit' ? 'as soon as its write transaction ended' : `at ${Math.round(calibrationMs * killAt.of)} ms (${killAt.of} × ${Math.round(calibrationMs)} ms)`;
  return { label, killedInFlight: killedInFlight && 'error' in outcome, sawWrite, outcome };
}

// ---- the local SMTP server ------------------------------------------------------------------------

class MailCatcher {
  readonly received: { messageId: string; to: string[] }[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async listen() {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.received.push({ messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '', to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  async close() {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}

// ---- the register file -----------------------------------------------------------------------------

const HEADERS = ['管理番号', 'サービス名', '事業者名', '事業者の法人番号', 'サービス形態', '区分', '所管課', 'ネットワーク区分', 'データの保管場所', '状態', '契約形態', '契約開始日', '契約終了日', '扱う個人データ', '保有する住民数', '分類体系', '機密性', '住民影響', '備考'];

/** A CSV of `IMPORT_ROWS` new entries whose keys all start with `prefix-`. */
function registerCsv(prefix: string): string {
  const lines = [HEADERS.join(',')];
  for (let i = 1; i <= IMPORT_ROWS; i++) {
    const key = `${prefix}-${String(i).padStart(5, '0')}`;
    lines.push([key, `サービス${key}`, 'デモ取込株式会社', '7000012050002', 'SaaS', '申請系サービス', '市民課', 'LGWAN接続系', '国内', '利用中', '約款', '2024-04-01', '2027/3/31', '氏名、住所', '1200', 'mic-2024', '3C', '2', `試行 ${prefix}`].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvForm(csv: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'register.csv');
  return form;
}

function describeAttempt(a: Attempt, state: string): string {
  const client = 'error' in a.outcome ? `client saw: ${a.outcome.error}` : `client got ${a.outcome.status}`;
  const write = a.sawWrite === null ? '' : a.sawWrite ? (a.label.includes('ended') ? ', write transaction seen open, then ended' : ', write transaction seen open') : ', not seen before the answer';
  return `  kill ${a.label}${write}; ${a.killedInFlight ? 'killed in flight' : 'answered before the kill'} (${client}) → ${state}`;
}

afterAll(async () => {
  for (const server of [...live]) await server.kill9();
});

describe.each(dialects)('crash durability on %s', (dialect) => {
  const t = useTestApp(dialect);

  it(`keeps a ${IMPORT_ROWS.toLocaleString('en')}-row import whole or absent when the server is killed during the commit`, async () => {
    const started = performance.now();
    const city = await buildMunicipality(t);
    const editor = await buildUser(t, { organisation: city, role: 'editor' });
    const keysWith = async (prefix: string) => {
      const row = await t.db.selectFrom('register_entries').select((eb) => eb.fn.countAll().as('n')).where('organisation_id', '=', city.id).where('external_key', 'like', `${prefix}-%`).executeTakeFirstOrThrow();
      return Number(row.n);
    };

    let server = await startServer(t);
    const session = await login(server, editor.email);
    const commit = (prefix: string) => send(`${server.base}/api/register/import/commit`, session, { body: csvForm(registerCsv(prefix)) });

    // Nothing killed: the import as it normally runs, timed for the kills below.
    const s = performance.now();
    const normal = await commit('C0');
    const calibrationMs = performance.now() - s;
    expect('status' in normal && normal.status, JSON.stringify(normal).slice(0, 500)).toBe(200);
    expect(await keysWith('C0')).toBe(IMPORT_ROWS);

    const plan: KillAt[] = [{ at: 'write' }, { at: 'commit' }, { at: 'fraction', of: 0.3 }, { at: 'fraction', of: 0.6 }, { at: 'fraction', of: 0.9 }];
    const lines: string[] = [];
    const states: string[] = [];
    for (const [i, killAt] of plan.entries()) {
      const prefix = `C${i + 1}`;
      const attempt = await killDuring(t, server, 'register_entries', killAt, calibrationMs, () => commit(prefix));
      server = await startServer(t);
      const count = await keysWith(prefix);
      const state = count === IMPORT_ROWS ? 'all' : count === 0 ? 'none' : `TORN: ${count} of ${IMPORT_ROWS}`;
      states.push(state);
      lines.push(describeAttempt(attempt, `${state} after the restart`));
      if ('status' in attempt.outcome && attempt.outcome.status === 200) expect(count, 'an answered import is all there').toBe(IMPORT_ROWS);
      if (killAt.at === 'write' && attempt.sawWrite) expect(count, 'killed inside the write transaction: nothing of it stays').toBe(0);
      if (killAt.at === 'commit' && attempt.sawWrite) expect(count, 'killed after the commit, before or while answering: all of it stays').toBe(IMPORT_ROWS);
    }
    console.log(`[${dialect}] 10,000-row import, killed during the commit (normal commit took ${Math.round(calibrationMs)} ms):\n${lines.join('\n')}`);
    expect(states.every((st) => st === 'all' || st === 'none'), lines.join('\n')).toBe(true);

    // The restarted server works on the same database, and the audit chain holds.
    const after = await fetch(`${server.base}/api/register/entries?limit=1`, { headers: { cookie: session.cookie } });
    expect(after.status).toBe(200);
    await server.stop();
    const verify = await runCli(t.scratch, ['audit', 'verify'], { DAICHO_MASTER_KEY: t.config.masterKey! });
    expect(verify, verify.stderr).toMatchObject({ code: 0 });
    console.log(`[${dialect}] ${verify.stdout.trim()}; scenario took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });

  it(`announces a vendor's incident to all ${LINKED.toLocaleString('en')} linked municipalities or none, and mails each recipient exactly once after a kill during the fan-out`, async () => {
    const started = performance.now();
    // A vendor's service, linked from the first municipality through the API and from 999 copies of it.
    const vendor = await buildVendor(t, { name: '住基クラウド株式会社' });
    const member = await buildUser(t, { organisation: vendor, role: 'vendor_member' });
    const memberInProcess = await signInFully(t.app, member);
    const serviceId = (await api(t.app, memberInProcess).post('/api/vendor-services', { name: '住基クラウド' })).json().id as string;
    const firstCity = await buildMunicipality(t, { name: '連携市0000' });
    const firstEditor = await buildUser(t, { organisation: firstCity, role: 'editor' });
    const first = await signInFully(t.app, firstEditor);
    const categories = await categoryIds(t.app, first);
    const entryId = (await api(t.app, first).post('/api/register/entries', entryBody(categories['基幹系サービス']))).json().id as string;
    expectStatus(await api(t.app, first).put(`/api/register/entries/${entryId}/vendor-service`, { vendor_service_id: serviceId }), 200);
    const entry = await t.db.selectFrom('register_entries').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow();
    const category = await t.db.selectFrom('register_categories').selectAll().where('id', '=', entry.category_id).executeTakeFirstOrThrow();
    const user = await t.db.selectFrom('users').selectAll().where('id', '=', firstEditor.id).executeTakeFirstOrThrow();
    const at = t.clock.now().toISOString();
    const organisations = Array.from({ length: LINKED - 1 }, (_, i) => ({
      id: newId(), kind: 'municipality', name: `連携市${String(i + 1).padStart(4, '0')}`, name_en: null, local_government_code: null, corporate_number: null,
      prefecture_id: null, population: 10_000 + i, is_demo: 0, subcontract_max_depth: 2, created_at: at, updated_at: at,
    }));
    const copiedCategories = organisations.map((o) => ({ ...category, id: newId(), organisation_id: o.id }));
    const users = organisations.flatMap((o, i) =>
      (['editor', 'viewer'] as const).map((role) => ({ ...user, id: newId(), organisation_id: o.id, role, email: `${role}-${i + 1}@crash.daicho.example`, display_name: `${o.name} ${role}`, last_login_at: null })),
    );
    const entries = organisations.map((o, i) => ({ ...entry, id: newId(), organisation_id: o.id, category_id: copiedCategories[i].id, vendor_id: null }));
    await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < organisations.length; i += 500) await trx.insertInto('organisations').values(organisations.slice(i, i + 500)).execute();
      for (let i = 0; i < copiedCategories.length; i += 500) await trx.insertInto('register_categories').values(copiedCategories.slice(i, i + 500)).execute();
      for (let i = 0; i < users.length; i += 500) await trx.insertInto('users').values(users.slice(i, i + 500)).execute();
      await insertEntries(trx, entries);
    });
    const linkedIds = new Set([firstCity.id, ...organisations.map((o) => o.id)]);
    // Editors get mail by default, viewers only the in-app notification.
    const mailRecipients = new Set([firstEditor.email, ...users.filter((u) => u.role === 'editor').map((u) => u.email)]);
    const activeUsers = 1 + users.length;

    async function stateOf(title: string) {
      const incident = await t.db.selectFrom('incidents').select('id').where('title', '=', title).executeTakeFirst();
      const notifications = await t.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('title', 'like', `%${title}%`).executeTakeFirstOrThrow();
      const mails = await t.db.selectFrom('mail_outbox').select(['id', 'to_address']).where('subject', 'like', `%${title}%`).execute();
      const participants = incident ? await t.db.selectFrom('incident_participants').select('organisation_id').where('incident_id', '=', incident.id).execute() : [];
      return { incident: incident?.id ?? null, participants: participants.map((p) => p.organisation_id), notifications: Number(notifications.n), mails };
    }

    let server = await startServer(t);
    const session = await login(server, member.email);
    const report = (title: string) =>
      send(`${server.base}/api/incidents`, session, {
        json: true,
        body: JSON.stringify({ vendor_service_id: serviceId, title, type: 'outage', severity: 'critical', occurred_at: new Date(Date.now() - 30 * 60_000).toISOString() }),
      });

    // Nothing killed: the report as it normally runs, timed for the kills below.
    const s = performance.now();
    const normal = await report('住基クラウドの停止（試行0）');
    const calibrationMs = performance.now() - s;
    expect('status' in normal && normal.status, JSON.stringify(normal).slice(0, 500)).toBe(201);

    const plan: KillAt[] = [{ at: 'write' }, { at: 'commit' }, { at: 'fraction', of: 0.6 }];
    const titles = ['住基クラウドの停止（試行0）'];
    const lines: string[] = [];
    for (const [i, killAt] of plan.entries()) {
      const title = `住基クラウドの停止（試行${i + 1}）`;
      titles.push(title);
      const attempt = await killDuring(t, server, 'notifications', killAt, calibrationMs, () => report(title));
      server = await startServer(t);
      const state = await stateOf(title);
      const whole = state.incident !== null && state.participants.length === LINKED && state.notifications === activeUsers && state.mails.length === mailRecipients.size;
      const absent = state.incident === null && state.participants.length === 0 && state.notifications === 0 && state.mails.length === 0;
      lines.push(describeAttempt(attempt, whole ? 'all' : absent ? 'none' : `TORN: ${JSON.stringify({ ...state, participants: state.participants.length, mails: state.mails.length })}`));
      expect(whole || absent, lines.at(-1)).toBe(true);
      if (whole) expect(new Set(state.participants)).toEqual(linkedIds);
      if ('status' in attempt.outcome && attempt.outcome.status === 201) expect(whole, 'an answered report reached everyone').toBe(true);
      if (killAt.at === 'write' && attempt.sawWrite) expect(absent, 'killed inside the fan-out transaction: nothing of it stays').toBe(true);
      if (killAt.at === 'commit' && attempt.sawWrite) expect(whole, 'killed after the fan-out committed: all of it stays').toBe(true);
    }
    console.log(`[${dialect}] incident report to ${LINKED} municipalities, killed during the fan-out (normal report took ${Math.round(calibrationMs)} ms):\n${lines.join('\n')}`);

    // Restart with mail on: the outbox drains to the local SMTP server.
    await server.stop();
    const catcher = new MailCatcher();
    await catcher.listen();
    try {
      const expected = new Map<string, { to: string; title: string }>();
      for (const title of titles) for (const mail of (await stateOf(title)).mails) expected.set(messageIdOf(mail.id), { to: mail.to_address, title });
      const d = performance.now();
      server = await startServer(t, { DAICHO_MAIL: 'on', DAICHO_SMTP_URL: `smtp://127.0.0.1:${catcher.port}` });
      const unsent = async () => {
        const rows = await t.db.selectFrom('mail_outbox').select(['status', 'last_error']).where('subject', 'like', '%住基クラウドの停止%').where('status', '!=', 'sent').execute();
        const failed = rows.find((r) => r.status === 'failed');
        if (failed) throw new Error(`a mail failed for good: ${failed.last_error}\n${server.output()}`);
        return rows.length;
      };
      while ((await unsent()) > 0 || catcher.received.filter((r) => expected.has(r.messageId)).length < expected.size) await sleep(200);
      const deliveryMs = performance.now() - d;
      await server.stop();

      const ids = catcher.received.map((r) => r.messageId);
      expect(new Set(ids).size, 'no mail arrived twice').toBe(ids.length);
      const got = catcher.received.filter((r) => expected.has(r.messageId));
      expect(got.length).toBe(expected.size);
      for (const mail of got) expect(mail.to).toEqual([expected.get(mail.messageId)!.to]);
      // Per committed report: every editor of the 1,000 municipalities, once.
      for (const title of titles) {
        const to = got.filter((r) => expected.get(r.messageId)!.title === title).map((r) => r.to[0]);
        if (to.length === 0) continue;
        expect(to.length, title).toBe(mailRecipients.size);
        expect(new Set(to), title).toEqual(mailRecipients);
      }
      console.log(`[${dialect}] ${got.length} incident mails delivered exactly once in ${(deliveryMs / 1000).toFixed(1)} s after the restart`);
    } finally {
      await catcher.close();
    }
    const verify = await runCli(t.scratch, ['audit', 'verify'], { DAICHO_MASTER_KEY: t.config.masterKey! });
    expect(verify, verify.stderr).toMatchObject({ code: 0 });
    console.log(`[${dialect}] ${verify.stdout.trim()}; scenario took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
});
