// The mail outbox and its sender (issue #6) against a real SMTP server on 127.0.0.1 started here: it
// accepts, refuses for a while (451), refuses for good (550), holds mails mid-delivery, or is not there
// at all. The clock is moved by hand past the backoff; delivery must happen exactly once per mail.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { MailCatcher } from '../support/mail-catcher.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, type TestOrganisation, type TestUser } from '../support/factories.ts';
import { api, signInFully } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { notifyOrganisations } from '../../src/server/services/notifications/notify.ts';
import { startMailSender, type MailSender, type MailSenderOptions } from '../../src/server/jobs/mail-sender.ts';
import { claimMails, listDueMailIds } from '../../src/server/repositories/mail-outbox.ts';

/** A port that nothing listens on (taken from the system, then let go). */
async function closedPort(): Promise<number> {
  const probe = new MailCatcher();
  await probe.listen();
  const port = probe.port;
  await probe.close();
  return port;
}

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 120_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(dialects)('mail outbox on %s', (dialect) => {
  const t = useTestApp(dialect, { config: { mailFrom: 'Daicho テスト <daicho@it.daicho.example>', publicUrl: 'https://daicho.example.jp', sessionIdleMinutes: 1_000_000, sessionAbsoluteHours: 100_000 } });
  const catcher = new MailCatcher();
  const senders: MailSender[] = [];
  const extraCatchers: MailCatcher[] = [];
  let cityA: TestOrganisation;
  let cityB: TestOrganisation;
  let admin: TestUser;
  let recipients: TestUser[];
  let announcements = 0;

  function sender(options: MailSenderOptions = {}, smtpUrl = catcher.url): MailSender {
    const started = startMailSender({ ...t.deps, config: { ...t.deps.config, smtpUrl } }, { loop: false, ...options });
    senders.push(started);
    return started;
  }

  /** One announcement to both cities: a mail to each editor and administrator (their default). */
  async function enqueue(): Promise<number> {
    const n = ++announcements;
    const result = await t.db.transaction().execute((trx) =>
      notifyOrganisations(trx, t.deps, [cityA.id, cityB.id], {
        kind: 'incident_reported',
        title: `障害のお知らせ ${n}`,
        titleEn: `Incident notice ${n}`,
        body: '住民記録システムで障害が発生しました。',
        bodyEn: 'The resident records system has an outage.',
        link: `/incidents/mail-${n}`,
        dedupeKey: `incident:mail-${n}:reported`,
      }),
    );
    return result.mails;
  }

  const outbox = () => t.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();

  /** Every row sent, each received exactly once under its own Message-ID, by the right recipient. */
  async function expectEachDeliveredOnce(expected: number) {
    const rows = await outbox();
    expect(rows).toHaveLength(expected);
    expect(rows.every((row) => row.status === 'sent' && row.lease_until === null && row.sent_at !== null)).toBe(true);
    expect(catcher.received).toHaveLength(expected);
    expect([...catcher.messageIds()].sort()).toEqual(rows.map((row) => `<${row.id}@daicho>`).sort());
    for (const row of rows) {
      expect(row.message_id).toBe(`<${row.id}@daicho>`);
      expect(catcher.received.find((r) => r.messageId === row.message_id)!.to).toEqual([row.to_address]);
    }
  }

  beforeAll(async () => {
    await catcher.listen();
    cityA = await buildMunicipality(t);
    cityB = await buildMunicipality(t);
    admin = await buildUser(t, { organisation: cityA, role: 'org_admin' });
    recipients = [admin];
    for (let i = 0; i < 4; i++) recipients.push(await buildUser(t, { organisation: cityA, role: 'editor' }));
    for (let i = 0; i < 3; i++) recipients.push(await buildUser(t, { organisation: cityB, role: 'editor' }));
    // Viewers get no mail by default: they must never appear at the SMTP server.
    await buildUser(t, { organisation: cityA, role: 'viewer' });
  });

  afterEach(async () => {
    for (const running of senders.splice(0)) await running.stop();
    for (const extra of extraCatchers.splice(0)) await extra.close();
    catcher.release();
    catcher.mode = 'accept';
    catcher.received.length = 0;
    catcher.refusals = 0;
    // Each test sends only its own mails: a tick delivers every due row of the database.
    await t.db.deleteFrom('mail_outbox').execute();
  });

  it('delivers each mail once, with its Message-ID from the row, the configured From, and records it', async () => {
    const mails = await enqueue();
    expect(mails).toBe(recipients.length);
    const mailer = sender();
    expect(await mailer.tick()).toBe(mails);
    await expectEachDeliveredOnce(mails);
    expect(catcher.received.map((r) => r.to[0]).sort()).toEqual(recipients.map((u) => u.email).sort());
    expect(catcher.received.every((r) => r.from === 'daicho@it.daicho.example')).toBe(true);
    for (const row of await outbox()) {
      expect(Number(row.attempts)).toBe(1);
      expect(row.sent_at).toBe(t.clock.now().toISOString());
      expect(row.last_error).toBeNull();
    }
    // The link in the body is absolute (the body is plain text in the reader's language, base64 or quoted-printable).
    expect(decodedBody(catcher.received[0]!.raw)).toContain('https://daicho.example.jp/incidents/mail-');
    // Nothing more is due: ticking again sends nothing.
    expect(await mailer.tick()).toBe(0);
    expect(catcher.received).toHaveLength(mails);
  });

  it('retries after a temporary refusal (451) with backoff, and delivers each mail once when the server recovers', async () => {
    const mails = await enqueue();
    const mailer = sender();
    catcher.mode = 'tempfail';
    expect(await mailer.tick()).toBe(mails);
    expect(catcher.received).toHaveLength(0);
    let rows = await outbox();
    const now = t.clock.now().getTime();
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'pending', lease_until: null });
      expect(Number(row.attempts)).toBe(1);
      expect(row.last_error).toMatch(/451/);
      // 30 s after the first failure, plus at most 10 % jitter.
      const wait = Date.parse(row.next_attempt_at) - now;
      expect(wait).toBeGreaterThanOrEqual(30_000);
      expect(wait).toBeLessThanOrEqual(33_000);
    }
    // Not due yet: nothing is tried.
    expect(await mailer.tick()).toBe(0);
    expect(catcher.refusals).toBe(mails);

    t.clock.advanceMinutes(1);
    expect(await mailer.tick()).toBe(mails);
    rows = await outbox();
    for (const row of rows) {
      expect(Number(row.attempts)).toBe(2);
      const wait = Date.parse(row.next_attempt_at) - t.clock.now().getTime();
      expect(wait).toBeGreaterThanOrEqual(60_000);
      expect(wait).toBeLessThanOrEqual(66_000);
    }

    catcher.mode = 'accept';
    t.clock.advanceMinutes(2);
    expect(await mailer.tick()).toBe(mails);
    await expectEachDeliveredOnce(mails);
    for (const row of await outbox()) expect(Number(row.attempts)).toBe(3);
    t.clock.advanceHours(2);
    expect(await mailer.tick()).toBe(0);
    expect(catcher.received).toHaveLength(mails);
  });

  it('gives up after the maximum attempts, or at once on a permanent refusal (550), and lists the failures for the administrator', async () => {
    const mails = await enqueue();
    catcher.mode = 'tempfail';
    const mailer = sender({ maxAttempts: 2 });
    await mailer.tick();
    t.clock.advanceMinutes(1);
    await mailer.tick();
    let rows = await outbox();
    expect(rows.every((row) => row.status === 'failed' && Number(row.attempts) === 2)).toBe(true);
    t.clock.advanceHours(3);
    catcher.mode = 'accept';
    expect(await mailer.tick()).toBe(0);
    expect(catcher.received).toHaveLength(0);

    const session = await signInFully(t.app, admin);
    const res = await api(t.app, session).get('/api/notifications/outbox?status=failed');
    expectStatus(res, 200);
    expect(res.json().total).toBe(4 + 1); // cityA's administrator and four editors
    expect(res.json().items.every((m: { organisation_id: string; last_error: string }) => m.organisation_id === cityA.id && /451/.test(m.last_error))).toBe(true);

    // The administrator sends one failed mail again once the server is fixed: delivered once, audited.
    const failed = res.json().items[0] as { id: string };
    const retried = await api(t.app, session).post(`/api/notifications/outbox/${failed.id}/retry`);
    expectStatus(retried, 200);
    expect(retried.json()).toMatchObject({ id: failed.id, status: 'pending', attempts: 0 });
    expectError(await api(t.app, session).post(`/api/notifications/outbox/${failed.id}/retry`), 409, 'conflict', ['status']);
    const otherCityMail = rows.find((row) => row.organisation_id === cityB.id)!;
    expectError(await api(t.app, session).post(`/api/notifications/outbox/${otherCityMail.id}/retry`), 404, 'not_found');
    expect(await mailer.tick()).toBe(1);
    expect(catcher.received.map((r) => r.messageId)).toEqual([`<${failed.id}@daicho>`]);
    expect(await auditEntries(t, { action: 'mail_outbox.retry', targetId: failed.id })).toHaveLength(1);

    await t.db.deleteFrom('mail_outbox').execute();
    await enqueue();
    catcher.mode = 'permfail';
    expect(await sender().tick()).toBe(mails);
    rows = await outbox();
    expect(rows.every((row) => row.status === 'failed' && Number(row.attempts) === 1 && /550/.test(row.last_error ?? ''))).toBe(true);
  });

  it('keeps mails while the server is down and delivers them once it is up', async () => {
    const port = await closedPort();
    const mails = await enqueue();
    const mailer = sender({}, `smtp://127.0.0.1:${port}`);
    expect(await mailer.tick()).toBe(mails);
    let rows = await outbox();
    expect(rows.every((row) => row.status === 'pending' && Number(row.attempts) === 1 && row.last_error)).toBe(true);

    const late = new MailCatcher();
    extraCatchers.push(late);
    await late.listen(port);
    t.clock.advanceMinutes(1);
    expect(await mailer.tick()).toBe(mails);
    rows = await outbox();
    expect(rows.every((row) => row.status === 'sent' && Number(row.attempts) === 2)).toBe(true);
    expect(late.received).toHaveLength(mails);
    expect(new Set(late.messageIds()).size).toBe(mails);
  });

  it('loses and repeats nothing when a sender stops mid-batch and another starts', async () => {
    const mails = (await enqueue()) + (await enqueue());
    catcher.mode = 'hold';
    const first = sender({ concurrency: 2 });
    const ticking = first.tick();
    await until(() => catcher.held.length === 2, 'two mails in delivery');
    const stopping = first.stop();
    catcher.mode = 'accept';
    catcher.release();
    expect(await ticking).toBe(2);
    await stopping;
    // The two under way were recorded; the rest were given back without waiting for their lease.
    const rows = await outbox();
    expect(rows.filter((row) => row.status === 'sent')).toHaveLength(2);
    expect(rows.filter((row) => row.status === 'pending' && row.lease_until === null)).toHaveLength(mails - 2);

    expect(await sender().tick()).toBe(mails - 2);
    await expectEachDeliveredOnce(mails);
  });

  it('takes over the mails of a process that died holding their lease, once the lease runs out', async () => {
    const mails = await enqueue();
    // A process claims every due mail, then dies without sending or releasing anything.
    const nowIso = t.clock.now().toISOString();
    const leaseUntil = new Date(t.clock.now().getTime() + 10 * 60_000).toISOString();
    expect(await claimMails(t.db, await listDueMailIds(t.db, nowIso, 100), nowIso, leaseUntil)).toHaveLength(mails);

    const survivor = sender();
    expect(await survivor.tick()).toBe(0);
    t.clock.advanceMinutes(9);
    expect(await survivor.tick()).toBe(0);
    t.clock.advanceMinutes(2);
    expect(await survivor.tick()).toBe(mails);
    await expectEachDeliveredOnce(mails);
  });

  it('never sends a mail twice when two senders tick at the same time', async () => {
    let mails = 0;
    for (let i = 0; i < 5; i++) mails += await enqueue();
    const a = sender({ batchSize: 3, concurrency: 2 });
    const b = sender({ batchSize: 3, concurrency: 2 });
    const c = sender({ batchSize: 5, concurrency: 3 });
    const attempts = await Promise.all([a.tick(), b.tick(), c.tick()]);
    expect(attempts.reduce((sum, n) => sum + n, 0)).toBe(mails);
    await expectEachDeliveredOnce(mails);
  });
});

/** The text of a single-part mail as its reader sees it: headers dropped, base64 or quoted-printable undone. */
function decodedBody(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split);
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}
