// Grouped notifications and the daily digest (issue 12): a repeat of the same kind and subject updates
// the unread notice; the daily reminders bring one notice per kind listing their subjects (checked on
// the demo data, where about twenty subjects are overdue at start); a person may take one digest mail
// a day instead of each mail at once — queued once however many processes run it, in their language,
// delivered over real SMTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, type TestOrganisation, type TestUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { MailCatcher } from '../support/mail-catcher.ts';
import { notifyOrganisations, type NotificationInput } from '../../src/server/services/notifications/notify.ts';
import { queueDigests } from '../../src/server/services/notifications/digest.ts';
import { runReminders, REMINDERS } from '../../src/server/jobs/reminders.ts';
import { startMailSender } from '../../src/server/jobs/mail-sender.ts';
import { loadDemoData } from '../../src/server/demo/seed.ts';
import { japanToday, startOfJapanDate } from '../../src/domain/japan-time.ts';

const PUBLIC_URL = 'https://daicho.example.jp';
const REMINDER_KINDS = ['contact_reverify_due', 'sla_review_due', 'assessment_item_overdue', 'answer_request_overdue'];

describe.each(dialects)('grouped notifications and the daily digest on %s', (dialect) => {
  const t = useTestApp(dialect, { config: { publicUrl: PUBLIC_URL, digestHour: 8 } });
  let city: TestOrganisation;
  let editor: TestUser;
  let session: Session;
  let n = 0;

  function announcement(overrides: Partial<NotificationInput> = {}): NotificationInput {
    n++;
    return {
      kind: 'incident_updated',
      title: `経過が更新されました ${n}`,
      titleEn: `Timeline updated ${n}`,
      body: `本文 ${n}`,
      bodyEn: `Body ${n}`,
      link: '/incidents/grouped-1',
      dedupeKey: `incident:grouped-1:event-${n}`,
      ...overrides,
    };
  }
  const notify = (organisationIds: string[], input: NotificationInput) => t.db.transaction().execute((trx) => notifyOrganisations(trx, t.deps, organisationIds, input));

  beforeAll(async () => {
    city = await buildMunicipality(t);
    editor = await buildUser(t, { organisation: city, role: 'editor' });
    session = await signInFully(t.app, editor);
  });

  describe('grouping', () => {
    it('updates the unread notice of the same kind and subject (count, latest time and text), and starts a new one once it is read', async () => {
      await notify([city.id], announcement());
      t.clock.advanceMinutes(5);
      const second = announcement();
      expect(await notify([city.id], second)).toMatchObject({ notifications: 1 });
      // The same announcement again (a retried request) adds nothing, not even to the count.
      expect(await notify([city.id], second)).toMatchObject({ notifications: 0, mails: 0 });
      let list = (await api(t.app, session).get('/api/notifications?kind=incident_updated')).json();
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ title: second.title, body: second.body, count: 2, link: '/incidents/grouped-1' });
      expect(list.items[0].latest_at > list.items[0].created_at).toBe(true);
      // Another subject of the same kind is a notice of its own.
      await notify([city.id], announcement({ link: '/incidents/grouped-2', dedupeKey: 'incident:grouped-2:event' }));
      list = (await api(t.app, session).get('/api/notifications?kind=incident_updated')).json();
      expect(list.items.map((i: { link: string }) => i.link)).toEqual(['/incidents/grouped-2', '/incidents/grouped-1']);
      expect(list.kinds).toEqual([{ kind: 'incident_updated', total: 2, unread: 2 }]);

      const grouped = list.items[1];
      expectStatus(await api(t.app, session).post(`/api/notifications/${grouped.id}/read`), 200);
      t.clock.advanceMinutes(5);
      await notify([city.id], announcement());
      list = (await api(t.app, session).get('/api/notifications?kind=incident_updated')).json();
      expect(list.items).toHaveLength(3);
      expect(list.items[0]).toMatchObject({ link: '/incidents/grouped-1', count: 1, read_at: null });
      expect(list.kinds).toEqual([{ kind: 'incident_updated', total: 3, unread: 2 }]);
      expectError(await api(t.app, session).get('/api/notifications?kind=nonsense'), 400, 'validation_failed');
    });
  });

  describe('the daily reminders on the demo data', () => {
    it('bring each person one notice per reminder kind that lists the subjects, however often they run', async () => {
      await loadDemoData(t.deps);
      const counts = await runReminders(t.deps);
      const subjects = Object.values(counts).reduce((sum, count) => sum + count, 0);
      expect(Object.keys(counts).sort()).toEqual(REMINDERS.map((r) => r.name).sort());
      expect(subjects).toBeGreaterThanOrEqual(5);
      const rows = await t.db.selectFrom('notifications').select(['user_id', 'kind', 'title', 'body', 'link']).where('kind', 'in', REMINDER_KINDS).execute();
      const perPersonAndKind = new Map<string, number>();
      for (const row of rows) perPersonAndKind.set(`${row.user_id} ${row.kind}`, (perPersonAndKind.get(`${row.user_id} ${row.kind}`) ?? 0) + 1);
      expect(Math.max(...perPersonAndKind.values())).toBe(1);
      // Before grouping each person got one notice per subject; now one per kind.
      const audited = await auditEntries(t, { action: 'assessment_item.overdue_notified' });
      const summary = rows.find((row) => row.kind === 'assessment_item_overdue' && /確認期限を過ぎた項目が\d+件あります/.test(row.title));
      expect(summary).toBeDefined();
      expect(summary!.link).toBe('/assessments');
      expect(summary!.body!.split('\n').filter((line) => line.startsWith('・')).length).toBe(Number(/(\d+)件/.exec(summary!.title)![1]));
      expect(audited.length).toBeGreaterThanOrEqual(2);

      // Run again (another process, or the next run of the day): nothing new.
      expect(Object.values(await runReminders(t.deps)).every((count) => count === 0)).toBe(true);
      expect(await t.db.selectFrom('notifications').select('id').where('kind', 'in', REMINDER_KINDS).execute()).toHaveLength(rows.length);
    });
  });

  describe('the daily digest', () => {
    const catcher = new MailCatcher();
    let other: TestOrganisation;
    let digestJa: TestUser;
    let digestEn: TestUser;
    let instant: TestUser;

    beforeAll(async () => {
      await catcher.listen();
      other = await buildMunicipality(t);
      digestJa = await buildUser(t, { organisation: other, role: 'editor' });
      digestEn = await buildUser(t, { organisation: other, role: 'org_admin' });
      instant = await buildUser(t, { organisation: other, role: 'editor' });
      const ja = await signInFully(t.app, digestJa);
      const en = await signInFully(t.app, digestEn);
      expectStatus(await api(t.app, en).put('/api/me/locale', { locale: 'en' }), 200);
      expect((await api(t.app, ja).get('/api/notifications/delivery')).json()).toEqual({ mail_delivery: 'instant', digest_hour: 8 });
      for (const person of [ja, en]) expect((await api(t.app, person).put('/api/notifications/delivery', { mail_delivery: 'digest' })).json()).toEqual({ mail_delivery: 'digest', digest_hour: 8 });
      expectError(await api(t.app, ja).put('/api/notifications/delivery', { mail_delivery: 'weekly' }), 400, 'validation_failed');
      expect(await auditEntries(t, { action: 'notification_delivery.update', targetId: digestJa.id })).toHaveLength(1);
    });
    afterAll(() => catcher.close());

    it('mails instant users at once, and digest users one summary a day in their language, once', async () => {
      // Start the day before 8:00 Japan time.
      const today = japanToday(t.clock.now());
      const sevenAm = startOfJapanDate(today).getTime() + 7 * 3_600_000;
      t.clock.advanceMinutes(Math.ceil((sevenAm - t.clock.now().getTime()) / 60_000) + 24 * 60);
      const day = japanToday(t.clock.now());
      const first = announcement({ kind: 'incident_reported', link: '/incidents/digest-1', title: '住民記録システムの障害', titleEn: 'Resident records outage', dedupeKey: 'incident:digest-1:reported' });
      const result = await notify([other.id], first);
      expect(result).toMatchObject({ notifications: 3, mails: 1 });
      const outbox = await t.db.selectFrom('mail_outbox').select(['user_id', 'dedupe_key']).where('organisation_id', '=', other.id).execute();
      expect(outbox.map((m) => m.user_id)).toEqual([instant.id]);
      await notify([other.id], announcement({ kind: 'incident_updated', link: '/incidents/digest-1', title: '経過: 暫定復旧', titleEn: 'Timeline: interim recovery', dedupeKey: 'incident:digest-1:e1' }));
      await notify([other.id], announcement({ kind: 'incident_updated', link: '/incidents/digest-1', title: '経過: 完全復旧', titleEn: 'Timeline: full recovery', dedupeKey: 'incident:digest-1:e2' }));

      // Before the hour: nothing. After it: one digest each, however many processes look at once.
      expect(await queueDigests(t.deps)).toBe(0);
      t.clock.advanceHours(1);
      const runs = await Promise.all([queueDigests(t.deps), queueDigests(t.deps), queueDigests(t.deps)]);
      expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
      expect(await queueDigests(t.deps)).toBe(0);
      const digests = await t.db.selectFrom('mail_outbox').selectAll().where('dedupe_key', 'like', `digest:${day}:%`).execute();
      expect(digests.map((m) => m.user_id).sort()).toEqual([digestJa.id, digestEn.id].sort());

      const sender = startMailSender({ ...t.deps, config: { ...t.deps.config, smtpUrl: catcher.url } }, { loop: false });
      await sender.tick();
      await sender.stop();
      const mailTo = (user: TestUser) => catcher.received.filter((m) => m.to.includes(user.email));
      expect(mailTo(digestJa)).toHaveLength(1);
      expect(mailTo(digestEn)).toHaveLength(1);
      // Instant mail is unchanged: each announcement at once (the report and both updates).
      expect(mailTo(instant)).toHaveLength(3);
      const decode = (raw: string) => {
        const [head, ...rest] = raw.split(/\r?\n\r?\n/);
        const body = rest.join('\n\n');
        return /base64/i.test(head!) ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : /quoted-printable/i.test(head!) ? Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8') : body;
      };
      const ja = decode(mailTo(digestJa)[0]!.raw);
      expect(ja).toContain('住民記録システムの障害');
      expect(ja).toContain('経過: 完全復旧（2回）');
      expect(ja).toContain(`${PUBLIC_URL}/incidents/digest-1`);
      expect(ja).toContain('【インシデントの報告】');
      const en = decode(mailTo(digestEn)[0]!.raw);
      expect(en).toContain('Resident records outage');
      expect(en).toContain('Timeline: full recovery (2 times)');
      expect(/[ぁ-んァ-ン一-龥]/.test(en)).toBe(false);
      expect(mailTo(instant).map((m) => decode(m.raw)).some((text) => text.includes('住民記録システムの障害'))).toBe(true);
    });
  });
});
