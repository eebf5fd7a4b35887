// Notifications (issue #6): the fan-out of one announcement to every active user of the organisations
// concerned (in-app, and mail in the outbox by each user's preferences), the in-app list, and the
// per-user mail preferences.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildApiToken, buildMunicipality, buildOperator, buildUser, type TestOrganisation, type TestUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { notifyOrganisations, type NotificationInput } from '../../src/server/services/notifications/notify.ts';
import { NOTIFICATION_KINDS } from '../../src/shared/incidents.ts';

const PUBLIC_URL = 'https://daicho.example.jp';

describe.each(dialects)('notifications on %s', (dialect) => {
  const t = useTestApp(dialect, { config: { publicUrl: PUBLIC_URL } });
  let cityA: TestOrganisation;
  let cityB: TestOrganisation;
  let cityC: TestOrganisation;
  const users = {} as Record<'adminA' | 'editorA' | 'viewerA' | 'auditorA' | 'disabledA' | 'quietEditorA' | 'keenViewerA' | 'editorB' | 'viewerB' | 'editorC', TestUser>;
  const sessions = {} as Record<'editorA' | 'viewerA' | 'quietEditorA' | 'keenViewerA' | 'editorB', Session>;
  let keyCount = 0;

  function announcement(overrides: Partial<NotificationInput> = {}): NotificationInput {
    keyCount++;
    return {
      kind: 'incident_reported',
      title: `障害のお知らせ ${keyCount}`,
      titleEn: `Incident notice ${keyCount}`,
      body: '住民記録システムで障害が発生しました。',
      bodyEn: 'The resident records system has an outage.',
      link: `/incidents/test-${keyCount}`,
      dedupeKey: `incident:test-${keyCount}:reported`,
      ...overrides,
    };
  }

  function notify(organisationIds: string[], input: NotificationInput) {
    return t.db.transaction().execute((trx) => notifyOrganisations(trx, t.deps, organisationIds, input));
  }

  const notificationsOf = (link: string) => t.db.selectFrom('notifications').selectAll().where('link', '=', link).execute();
  const mailsOf = (prefix: string) => t.db.selectFrom('mail_outbox').selectAll().where('dedupe_key', 'like', `${prefix}:%`).execute();

  beforeAll(async () => {
    cityA = await buildMunicipality(t);
    cityB = await buildMunicipality(t);
    cityC = await buildMunicipality(t);
    users.adminA = await buildUser(t, { organisation: cityA, role: 'org_admin' });
    users.editorA = await buildUser(t, { organisation: cityA, role: 'editor' });
    users.viewerA = await buildUser(t, { organisation: cityA, role: 'viewer' });
    users.auditorA = await buildUser(t, { organisation: cityA, role: 'auditor' });
    users.disabledA = await buildUser(t, { organisation: cityA, role: 'editor' });
    users.quietEditorA = await buildUser(t, { organisation: cityA, role: 'editor' });
    users.keenViewerA = await buildUser(t, { organisation: cityA, role: 'viewer' });
    users.editorB = await buildUser(t, { organisation: cityB, role: 'editor' });
    users.viewerB = await buildUser(t, { organisation: cityB, role: 'viewer' });
    users.editorC = await buildUser(t, { organisation: cityC, role: 'editor' });
    for (const name of ['editorA', 'viewerA', 'quietEditorA', 'keenViewerA', 'editorB'] as const) sessions[name] = await signInFully(t.app, users[name]);
    await t.db.updateTable('users').set({ disabled: 1 }).where('id', '=', users.disabledA.id).execute();
    // editorB reads in English (the language switch keeps the choice in the profile).
    expectStatus(await api(t.app, sessions.editorB).put('/api/me/locale', { locale: 'en' }), 200);
    // One editor turns incident mail off, one viewer turns it on (through the API, as a person would).
    expectStatus(await api(t.app, sessions.quietEditorA).put('/api/notifications/preferences', { items: [{ kind: 'incident_reported', email: false }] }), 200);
    expectStatus(await api(t.app, sessions.keenViewerA).put('/api/notifications/preferences', { items: [{ kind: 'incident_reported', email: true }] }), 200);
  });

  describe('notifyOrganisations', () => {
    it('notifies every active user of the listed organisations, and mails those whose preferences ask for it', async () => {
      const input = announcement();
      const result = await notify([cityA.id, cityB.id], input);

      const notified = await notificationsOf(input.link);
      const activeA = [users.adminA, users.editorA, users.viewerA, users.auditorA, users.quietEditorA, users.keenViewerA];
      expect(notified.map((n) => n.user_id).sort()).toEqual([...activeA, users.editorB, users.viewerB].map((u) => u.id).sort());
      expect(result.notifications).toBe(8);
      for (const n of notified) {
        expect(n.kind).toBe('incident_reported');
        expect(n.title).toBe(input.title);
        expect(n.read_at).toBeNull();
        expect(n.organisation_id).toBe(n.user_id === users.editorB.id || n.user_id === users.viewerB.id ? cityB.id : cityA.id);
        // Both languages kept apart, each whole: each person reads the one they chose.
        expect(n.body).toBe(input.body);
        expect(n.title_en).toBe(input.titleEn);
        expect(n.body_en).toBe(input.bodyEn);
      }

      // Mail by default for administrators and editors, not for viewers and auditors; stored choices win.
      const mails = await mailsOf(input.dedupeKey);
      const mailed = [users.adminA, users.editorA, users.keenViewerA, users.editorB];
      expect(mails.map((m) => m.to_address).sort()).toEqual(mailed.map((u) => u.email).sort());
      expect(result.mails).toBe(4);
      for (const mail of mails) {
        // In the recipient's language only: editorB chose English.
        const english = mail.user_id === users.editorB.id;
        expect(mail.subject).toBe(`[Daicho] ${english ? input.titleEn : input.title}`);
        expect(mail.status).toBe('pending');
        expect(Number(mail.attempts)).toBe(0);
        expect(mail.dedupe_key).toBe(`${input.dedupeKey}:${mail.user_id}`);
        expect(mail.next_attempt_at).toBe(t.clock.now().toISOString());
        expect(mail.body_text.includes(input.bodyEn)).toBe(english);
        expect(mail.body_text.includes(input.body)).toBe(!english);
        expect(/[ぁ-んァ-ン]/.test(mail.body_text)).toBe(!english);
        expect(mail.body_text).toContain(`${PUBLIC_URL}${input.link}`);
      }
      // The inbox speaks the reader's language.
      const inbox = async (session: Session) => (await api(t.app, session).get('/api/notifications')).json().items.find((n: { link: string }) => n.link === input.link);
      expect(await inbox(sessions.editorB)).toMatchObject({ title: input.titleEn, body: input.bodyEn });
      expect(await inbox(sessions.editorA)).toMatchObject({ title: input.title, body: input.body });
    });

    it('never reaches disabled users or organisations that were not listed', async () => {
      const input = announcement();
      await notify([cityA.id], input);
      const reached = (await notificationsOf(input.link)).map((n) => n.user_id);
      expect(reached).not.toContain(users.disabledA.id);
      expect(reached).not.toContain(users.editorC.id);
      expect(reached).not.toContain(users.editorB.id);
      expect((await mailsOf(input.dedupeKey)).map((m) => m.user_id)).not.toContain(users.disabledA.id);
    });

    it('adds nothing when the same announcement is made again (same dedupe key)', async () => {
      const input = announcement();
      const first = await notify([cityA.id, cityB.id], input);
      const again = await notify([cityA.id, cityB.id, cityA.id], { ...input, title: '再送' });
      expect(first).toMatchObject({ notifications: 8, mails: 4 });
      expect(again).toMatchObject({ notifications: 0, mails: 0 });
      expect(await notificationsOf(input.link)).toHaveLength(8);
      expect(await mailsOf(input.dedupeKey)).toHaveLength(4);
      // A newly listed organisation still hears about it; those already told do not hear twice.
      expect(await notify([cityA.id, cityC.id], input)).toMatchObject({ notifications: 1, mails: 1 });
    });

    it('writes nothing when the caller’s transaction rolls back', async () => {
      const input = announcement();
      await expect(
        t.db.transaction().execute(async (trx) => {
          const result = await notifyOrganisations(trx, t.deps, [cityA.id, cityB.id], input);
          expect(result.notifications).toBe(8);
          throw new Error('the event failed');
        }),
      ).rejects.toThrow('the event failed');
      expect(await notificationsOf(input.link)).toHaveLength(0);
      expect(await mailsOf(input.dedupeKey)).toHaveLength(0);
    });

    it('handles no organisations, and refuses a link outside the web app', async () => {
      expect(await notify([], announcement())).toMatchObject({ notifications: 0, mails: 0 });
      await expect(notify([cityA.id], announcement({ link: 'https://elsewhere.example/' }))).rejects.toThrow(/link/);
    });
  });

  describe('the in-app list', () => {
    let viewer: Session;
    let links: string[];

    beforeAll(async () => {
      const user = await buildUser(t, { organisation: cityB, role: 'viewer' });
      viewer = await signInFully(t.app, user);
      links = [];
      for (let i = 0; i < 3; i++) {
        const input = announcement({ kind: i === 2 ? 'incident_updated' : 'incident_reported' });
        links.push(input.link);
        await notify([cityB.id], input);
        t.clock.advanceMinutes(1);
      }
    });

    it('lists my notifications newest first with the unread count, and pages', async () => {
      const res = await api(t.app, viewer).get('/api/notifications');
      expectStatus(res, 200);
      const body = res.json();
      expect(body.total).toBe(3);
      expect(body.unread_count).toBe(3);
      expect(body.items.map((n: { link: string }) => n.link)).toEqual([...links].reverse());
      expect(Object.keys(body.items[0]).sort()).toEqual(['body', 'count', 'created_at', 'id', 'kind', 'latest_at', 'link', 'read_at', 'title']);
      expect(body.items[0].kind).toBe('incident_updated');

      const page2 = (await api(t.app, viewer).get('/api/notifications?page=2&page_size=2')).json();
      expect(page2.items.map((n: { link: string }) => n.link)).toEqual([links[0]]);
      expect(page2.total).toBe(3);
    });

    it('marks one read, lists unread only, then marks all read', async () => {
      const items = (await api(t.app, viewer).get('/api/notifications')).json().items;
      const read = await api(t.app, viewer).post(`/api/notifications/${items[1].id}/read`);
      expectStatus(read, 200);
      expect(read.json().read_at).toBe(t.clock.now().toISOString());

      const unread = (await api(t.app, viewer).get('/api/notifications?unread=true')).json();
      expect(unread.total).toBe(2);
      expect(unread.unread_count).toBe(2);
      expect(unread.items.map((n: { id: string }) => n.id)).toEqual([items[0].id, items[2].id]);

      // Reading again keeps the first reading time.
      const firstReadAt = read.json().read_at;
      t.clock.advanceMinutes(5);
      expect((await api(t.app, viewer).post(`/api/notifications/${items[1].id}/read`)).json().read_at).toBe(firstReadAt);

      const all = await api(t.app, viewer).post('/api/notifications/read-all');
      expectStatus(all, 200);
      expect(all.json()).toEqual({ updated: 2, unread_count: 0 });
      const after = (await api(t.app, viewer).get('/api/notifications')).json();
      expect(after.unread_count).toBe(0);
      expect(after.items.every((n: { read_at: string | null }) => n.read_at !== null)).toBe(true);
      expect((await api(t.app, viewer).get('/api/notifications?unread=true')).json().items).toEqual([]);
    });

    it('does not mark or show someone else’s notification (404), even in the same organisation', async () => {
      const mine = (await api(t.app, viewer).get('/api/notifications')).json().items[0];
      expectError(await api(t.app, sessions.editorB).post(`/api/notifications/${mine.id}/read`), 404, 'not_found');
      expectError(await api(t.app, sessions.editorA).post(`/api/notifications/${mine.id}/read`), 404, 'not_found');
      expectError(await api(t.app, viewer).post('/api/notifications/0190a3c2-7a8b-7c00-8a00-000000000000/read'), 404, 'not_found');
      expectError(await api(t.app, viewer).post('/api/notifications/not-an-id/read'), 400, 'validation_failed', ['id']);
      const theirs = (await api(t.app, sessions.editorB).get('/api/notifications')).json().items;
      expect(theirs.map((n: { id: string }) => n.id)).not.toContain(mine.id);
    });

    it('is not audited, refuses anonymous callers and API tokens', async () => {
      const before = await auditEntries(t, { actorUserId: users.editorB.id });
      await api(t.app, sessions.editorB).get('/api/notifications');
      await api(t.app, sessions.editorB).post('/api/notifications/read-all');
      expect(await auditEntries(t, { actorUserId: users.editorB.id })).toHaveLength(before.length);

      expectError(await api(t.app).get('/api/notifications'), 401, 'unauthenticated');
      const admin = await buildUser(t, { organisation: cityB, role: 'org_admin' });
      const token = await buildApiToken(t, { organisation: cityB, issuer: admin, role: 'editor' });
      expectError(await api(t.app, { token: token.secret }).get('/api/notifications'), 403, 'forbidden', ['authorization']);
    });

    it('rejects a malformed query naming the field', async () => {
      expectError(await api(t.app, viewer).get('/api/notifications?unread=yes'), 400, 'validation_failed', ['unread']);
      expectError(await api(t.app, viewer).get('/api/notifications?page_size=1000'), 400, 'validation_failed', ['page_size']);
    });
  });

  describe('preferences', () => {
    it('answers every kind with the role’s defaults filled in', async () => {
      const editor = (await api(t.app, sessions.editorA).get('/api/notifications/preferences')).json();
      expect(editor.items).toEqual(NOTIFICATION_KINDS.map((kind) => ({ kind, email: true })));
      const viewer = (await api(t.app, sessions.viewerA).get('/api/notifications/preferences')).json();
      expect(viewer.items).toEqual(NOTIFICATION_KINDS.map((kind) => ({ kind, email: false })));
    });

    it('stores changes (others keep their value), audits them, and the next announcement follows them', async () => {
      const res = await api(t.app, sessions.viewerA).put('/api/notifications/preferences', {
        items: [
          { kind: 'incident_updated', email: true },
          { kind: 'contact_reverify_due', email: true },
        ],
      });
      expectStatus(res, 200);
      const expected = NOTIFICATION_KINDS.map((kind) => ({ kind, email: kind === 'incident_updated' || kind === 'contact_reverify_due' }));
      expect(res.json().items).toEqual(expected);
      expect((await api(t.app, sessions.viewerA).get('/api/notifications/preferences')).json().items).toEqual(expected);

      const [entry] = await auditEntries(t, { action: 'notification_preferences.update', actorUserId: users.viewerA.id });
      expect(entry).toMatchObject({ organisation_id: cityA.id, target_type: 'user', target_id: users.viewerA.id, outcome: 'ok' });
      // A viewer gets no mail by default, of any kind; the audit entry holds every kind before and after.
      expect(entry!.before).toEqual(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, false])));
      expect(entry!.after).toEqual(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, kind === 'incident_updated' || kind === 'contact_reverify_due'])));

      // Turning one back off is stored as a choice too.
      expectStatus(await api(t.app, sessions.viewerA).put('/api/notifications/preferences', { items: [{ kind: 'contact_reverify_due', email: false }] }), 200);

      const updated = announcement({ kind: 'incident_updated' });
      await notify([cityA.id], updated);
      expect((await mailsOf(updated.dedupeKey)).map((m) => m.user_id)).toContain(users.viewerA.id);
      const reverify = announcement({ kind: 'contact_reverify_due' });
      await notify([cityA.id], reverify);
      expect((await mailsOf(reverify.dedupeKey)).map((m) => m.user_id)).not.toContain(users.viewerA.id);
      // …while the in-app notification always arrives.
      expect((await notificationsOf(reverify.link)).map((n) => n.user_id)).toContain(users.viewerA.id);
    });

    it('rejects bad settings with the field named, and changes nothing', async () => {
      const put = (body: unknown) => api(t.app, sessions.editorB).put('/api/notifications/preferences', body);
      expectError(await put({ items: [{ kind: 'weekly_digest', email: true }] }), 400, 'validation_failed', ['items.0.kind']);
      expectError(await put({ items: [{ kind: 'incident_reported', email: 'yes' }] }), 400, 'validation_failed', ['items.0.email']);
      expectError(await put({ items: [{ kind: 'incident_reported' }] }), 400, 'validation_failed', ['items.0.email']);
      const duplicated = expectError(
        await put({
          items: [
            { kind: 'incident_reported', email: false },
            { kind: 'incident_reported', email: true },
          ],
        }),
        400,
        'validation_failed',
        ['items.1.kind'],
      );
      expect(duplicated.error.details[0]!.reason).toBe('同じ種類が重複しています');
      expectError(await put({ items: [] }), 400, 'validation_failed', ['items']);
      expectError(await put({}), 400, 'validation_failed', ['items']);
      expect((await api(t.app, sessions.editorB).get('/api/notifications/preferences')).json().items.every((i: { email: boolean }) => i.email)).toBe(true);
      expect(await auditEntries(t, { action: 'notification_preferences.update', actorUserId: users.editorB.id })).toEqual([]);
    });
  });

  describe('the outbox for administrators', () => {
    it('shows organisation administrators their own organisation’s mails, operators all, others nothing', async () => {
      const input = announcement();
      await notify([cityA.id, cityB.id], input);
      const adminA = await signInFully(t.app, users.adminA);
      const res = await api(t.app, adminA).get('/api/notifications/outbox?status=pending&page_size=200');
      expectStatus(res, 200);
      const body = res.json();
      expect(body.items.length).toBeGreaterThan(0);
      expect(body.items.every((m: { organisation_id: string; status: string }) => m.organisation_id === cityA.id && m.status === 'pending')).toBe(true);
      expect(body.items[0]).not.toHaveProperty('body_text');
      expect(body.items.map((m: { to_address: string }) => m.to_address)).toContain(users.adminA.email);
      expect(body.items.map((m: { to_address: string }) => m.to_address)).not.toContain(users.editorB.email);
      expect((await api(t.app, adminA).get('/api/notifications/outbox?status=failed')).json()).toMatchObject({ items: [], total: 0 });
      expectError(await api(t.app, adminA).get('/api/notifications/outbox?status=lost'), 400, 'validation_failed', ['status']);

      expectError(await api(t.app, sessions.editorA).get('/api/notifications/outbox'), 403, 'forbidden');

      const operator = await buildOperator(t);
      const operatorAdmin = await signInFully(t.app, await buildUser(t, { organisation: operator, role: 'operator_admin' }));
      const all = (await api(t.app, operatorAdmin).get('/api/notifications/outbox?page_size=200')).json();
      const organisations = new Set(all.items.map((m: { organisation_id: string }) => m.organisation_id));
      expect(organisations.has(cityA.id) && organisations.has(cityB.id)).toBe(true);
    });
  });
});
