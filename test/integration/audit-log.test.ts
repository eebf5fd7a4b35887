// The audit log: what gets recorded (and what never does), the hash chain that exposes tampering, and the
// CSV export that administrators open in Excel.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildOperator, buildUser, type TestOrganisation, type TestUser } from '../support/factories.ts';
import { api, enrolMfa, loginRequest, signIn, signInFully, type Session } from '../support/http.ts';
import { auditEntries, auditHead, countRows, expectError, expectStatus } from '../support/assertions.ts';
import { parseCsv } from '../support/csv.ts';
import { categoryIds, entryBody } from '../support/register.ts';
import { verifyAuditChain } from '../../src/server/services/audit-log.ts';
import { auditEntryHash } from '../../src/domain/audit-chain.ts';

const CSV_HEADER = ['連番', '日時（日本時間）', '操作者', '団体ID', '操作', '操作（コード）', '結果', '対象種別', '対象', '対象ID', '変更前', '変更後', 'IPアドレス', 'ハッシュ'];

/** The Japan-time calendar date of an instant, as YYYY-MM-DD. */
function japanDate(instant: Date, plusDays = 0): string {
  return new Date(instant.getTime() + 9 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}

describe.each(dialects)('audit log on %s', (dialect) => {
  const t = useTestApp(dialect);
  let city: TestOrganisation;
  let admin: TestUser;
  let adminSession: Session;
  let operatorSession: Session;

  beforeAll(async () => {
    const operator = await buildOperator(t);
    operatorSession = await signInFully(t.app, await buildUser(t, { organisation: operator, role: 'operator_admin' }));
    city = await buildMunicipality(t, { name: '監査市' });
    admin = await buildUser(t, { organisation: city, role: 'org_admin' });
    adminSession = await signInFully(t.app, admin);
  });

  const asAdmin = () => api(t.app, adminSession);

  describe('what is recorded', () => {
    it('sign-ins and failed sign-ins, with who and why', async () => {
      const editor = await buildUser(t, { organisation: city, role: 'editor' });
      const head = await auditHead(t);
      await loginRequest(t.app, editor.email, 'wrong-password-audit');
      const stranger = `stranger-${editor.id}@it.daicho.example`;
      await loginRequest(t.app, stranger, 'wrong-password-audit');
      await signIn(t.app, editor.email, editor.password);

      const entries = await auditEntries(t, { afterSeq: head });
      expect(entries).toMatchObject([
        { action: 'auth.login', outcome: 'failed', target_type: 'user', target_id: editor.id, organisation_id: city.id, after: { reason: 'wrong_password' } },
        { action: 'auth.login', outcome: 'failed', actor_user_id: null, actor_label: stranger, organisation_id: null, target_id: null, after: { reason: 'unknown_email', failures: 1, wait_seconds: 0 } },
        { action: 'auth.login', outcome: 'ok', actor_user_id: editor.id, target_id: editor.id, organisation_id: city.id },
      ]);
      expect(entries[0].actor_label).toContain(editor.email);

      // The organisation's administrator sees its entries; an unknown e-mail belongs to no organisation, so only the operator sees it.
      const mine = await asAdmin().get(`/api/audit?target_id=${editor.id}&action=auth.login`);
      expect(mine.json().items.map((e: { outcome: string }) => e.outcome)).toEqual(['ok', 'failed']);
      const operatorView = await api(t.app, operatorSession).get(`/api/audit?actor=${encodeURIComponent(stranger)}`);
      expect(operatorView.json().items).toHaveLength(1);
      expect((await asAdmin().get(`/api/audit?actor=${encodeURIComponent(stranger)}`)).json().items).toEqual([]);
    });

    it('every write, with actor, organisation, target, before and after', async () => {
      const head = await auditHead(t);
      const created = await asAdmin().post('/api/users', { email: `kiroku-${head}@it.daicho.example`, display_name: '記録 太郎', role: 'viewer' });
      expectStatus(created, 201);
      const userId = created.json().user.id;
      expectStatus(await asAdmin().patch(`/api/users/${userId}`, { display_name: '記録 次郎', role: 'auditor' }), 200);
      expectStatus(await asAdmin().patch(`/api/organisations/${city.id}`, { population: 98_765 }), 200);
      const token = await asAdmin().post('/api/tokens', { name: '記録用トークン', role: 'viewer' });
      expectStatus(await asAdmin().delete(`/api/tokens/${token.json().token.id}`), 200);

      const entries = await auditEntries(t, { afterSeq: head });
      expect(entries.map((e) => e.action)).toEqual(['user.create', 'user.update', 'organisation.update', 'api_token.create', 'api_token.revoke']);
      for (const entry of entries) {
        expect(entry).toMatchObject({ actor_user_id: admin.id, organisation_id: city.id, outcome: 'ok' });
        expect(entry.actor_label).toContain(admin.email);
      }
      expect(entries[0]).toMatchObject({ target_type: 'user', target_id: userId, before: null, after: { display_name: '記録 太郎', role: 'viewer' } });
      expect(entries[1]).toMatchObject({ before: { display_name: '記録 太郎', role: 'viewer' }, after: { display_name: '記録 次郎', role: 'auditor' } });
      expect(entries[2]).toMatchObject({ target_type: 'organisation', target_id: city.id, after: { population: 98_765 } });
      expect(entries[3]).toMatchObject({ target_type: 'api_token', after: { name: '記録用トークン', role: 'viewer' } });
      expect(entries[4]).toMatchObject({ target_id: token.json().token.id, before: { name: '記録用トークン', revoked_at: null } });
      const ip = (await t.db.selectFrom('audit_log').select('ip').where('seq', '=', entries[0].seq).executeTakeFirstOrThrow()).ip;
      expect(ip).toBe('127.0.0.1');
    });

    it('MFA changes', async () => {
      const editor = await buildUser(t, { organisation: city, role: 'editor' });
      const head = await auditHead(t);
      await enrolMfa(t.app, await signIn(t.app, editor.email, editor.password), editor);
      expectStatus(await asAdmin().post(`/api/users/${editor.id}/reset-mfa`), 200);
      const actions = (await auditEntries(t, { afterSeq: head, targetId: editor.id })).map((e) => `${e.action} by ${e.actor_user_id === admin.id ? 'admin' : 'self'}`);
      expect(actions).toEqual(['auth.login by self', 'mfa.setup_started by self', 'mfa.enable by self', 'mfa.reset_by_admin by admin']);
    });

    it('permission denials, with the permission that was missing and the target', async () => {
      const viewer = await buildUser(t, { organisation: city, role: 'viewer' });
      const session = await signIn(t.app, viewer.email, viewer.password);
      const head = await auditHead(t);
      expectError(await api(t.app, session).get('/api/users'), 403, 'forbidden');
      expectError(await api(t.app, session).patch(`/api/users/${admin.id}`, { display_name: '乗っ取り' }), 403, 'forbidden');
      const entries = await auditEntries(t, { afterSeq: head });
      expect(entries).toMatchObject([
        { action: 'permission.denied', outcome: 'denied', actor_user_id: viewer.id, organisation_id: city.id, after: { permission: 'user:read' } },
        { action: 'permission.denied', outcome: 'denied', actor_user_id: viewer.id, target_type: 'user', target_id: admin.id, after: { permission: 'user:manage' } },
      ]);
    });

    it('never a secret: passwords, TOTP seeds, recovery codes, token secrets, CSRF tokens and session cookies stay out', async () => {
      const secrets: string[] = [];
      const created = await asAdmin().post('/api/users', { email: `himitsu-${Date.now()}@it.daicho.example`, display_name: '秘密 花子', role: 'editor' });
      const temporary: string = created.json().temporary_password;
      secrets.push(temporary);
      const user: TestUser = { id: created.json().user.id, email: created.json().user.email, password: temporary, role: 'editor', organisationId: city.id, displayName: '秘密 花子' };
      const session = await signIn(t.app, user.email, temporary);
      secrets.push(session.cookie, session.csrf);
      const newPassword = 'Himitsu-no-Kotoba-2026';
      secrets.push(newPassword);
      expectStatus(await api(t.app, session).post('/api/auth/password', { current_password: temporary, new_password: newPassword }), 200);
      const resetTo = 'Kari-no-Kotoba-2027';
      secrets.push(resetTo);
      expectStatus(await asAdmin().post(`/api/users/${user.id}/reset-password`, { temporary_password: resetTo }), 200);
      const again = await signIn(t.app, user.email, resetTo);
      expectStatus(await api(t.app, again).post('/api/auth/password', { current_password: resetTo, new_password: 'Mou-Ichido-Kotoba-2028' }), 200);
      secrets.push('Mou-Ichido-Kotoba-2028');
      const recovery = await enrolMfa(t.app, again, user);
      secrets.push(user.authenticator!.secret, ...recovery);
      const token = await asAdmin().post('/api/tokens', { name: 'secret check', role: 'editor' });
      secrets.push(token.json().secret, token.json().secret.slice(4));
      await loginRequest(t.app, user.email, 'Typo-in-the-Password-2026');
      secrets.push('Typo-in-the-Password-2026');

      const log = JSON.stringify(await t.db.selectFrom('audit_log').selectAll().execute());
      for (const secret of secrets) expect(log, 'a secret in the audit log').not.toContain(secret);
      // Through the API as well.
      const listed = (await api(t.app, operatorSession).get('/api/audit?limit=500')).body;
      for (const secret of secrets) expect(listed).not.toContain(secret);
    });
  });

  describe('browsing', () => {
    it('filters by action prefix, outcome and Japan-time date, newest first, a page at a time', async () => {
      const userActions = (await asAdmin().get('/api/audit?action=user.&limit=500')).json().items as { action: string; seq: number }[];
      expect(userActions.length).toBeGreaterThan(2);
      for (const item of userActions) expect(item.action.startsWith('user.')).toBe(true);
      const seqs = userActions.map((i) => i.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

      const failed = (await asAdmin().get('/api/audit?outcome=failed&limit=500')).json().items as { outcome: string }[];
      expect(failed.length).toBeGreaterThan(0);
      expect(new Set(failed.map((i) => i.outcome))).toEqual(new Set(['failed']));

      const today = japanDate(t.clock.now());
      expect((await asAdmin().get(`/api/audit?from=${today}&to=${today}`)).json().items.length).toBeGreaterThan(0);
      expect((await asAdmin().get(`/api/audit?from=${japanDate(t.clock.now(), 1)}`)).json().items).toEqual([]);
      expectError(await asAdmin().get('/api/audit?from=2026-13-45'), 400, 'validation_failed', ['from']);

      const first = (await asAdmin().get('/api/audit?limit=2')).json();
      expect(first.items).toHaveLength(2);
      expect(first.next_before_seq).toBe(first.items[1].seq);
      const second = (await asAdmin().get(`/api/audit?limit=2&before_seq=${first.next_before_seq}`)).json();
      expect(second.items[0].seq).toBeLessThan(first.items[1].seq);
    });
  });

  describe('in words', () => {
    it("names each entry's target and the ids its change holds, only as far as the organisation may see them", async () => {
      const editor = await buildUser(t, { organisation: city, role: 'editor', displayName: '記録 太郎' });
      const editorSession = await signIn(t.app, editor.email, editor.password);
      const vendor = (await api(t.app, editorSession).post('/api/register/vendors', { name: '言葉株式会社' })).json();
      const categories = await categoryIds(t.app, editorSession);
      const entry = (await api(t.app, editorSession).post('/api/register/entries', entryBody(Object.values(categories)[0], { name: '言葉で読むシステム', vendor_id: vendor.id }))).json();
      expectStatus(await api(t.app, editorSession).patch(`/api/register/entries/${entry.id}`, { vendor_id: null, department: '総務課' }), 200);

      const page = (await asAdmin().get(`/api/audit?target_id=${entry.id}`)).json();
      expect(page.items.map((i: { action: string }) => i.action)).toEqual(['register_entry.update', 'register_entry.create']);
      for (const item of page.items) expect(item.target_label).toBe('言葉で読むシステム');
      expect(page.items[0].before).toMatchObject({ vendor_id: vendor.id, department: '市民課' });
      expect(page.names[vendor.id]).toBe('言葉株式会社');
      expect(page.names[entry.id]).toBe('言葉で読むシステム');

      // The entry's own history carries the same names.
      const history = (await api(t.app, editorSession).get(`/api/register/entries/${entry.id}/history`)).json();
      expect(history.names[vendor.id]).toBe('言葉株式会社');

      // Another body's user and entry never get a name here, even when an entry of ours holds their ids.
      const elsewhere = await buildMunicipality(t, { name: '別市' });
      const stranger = await buildUser(t, { organisation: elsewhere, role: 'org_admin', displayName: '他団体 花子' });
      const strangerSession = await signInFully(t.app, stranger);
      const theirCategories = await categoryIds(t.app, strangerSession);
      const theirs = (await api(t.app, strangerSession).post('/api/register/entries', entryBody(Object.values(theirCategories)[0], { name: '他団体のシステム' }))).json();
      await t.db.updateTable('audit_log').set({ after_json: JSON.stringify({ entry_id: theirs.id, reviewer_user_id: stranger.id }) }).where('target_id', '=', entry.id).where('action', '=', 'register_entry.create').execute();
      const crossed = (await asAdmin().get(`/api/audit?target_id=${entry.id}&action=register_entry.create`)).json();
      expect(crossed.items).toHaveLength(1);
      expect(crossed.names[theirs.id]).toBeUndefined();
      expect(crossed.names[stranger.id]).toBeUndefined();
      // Put the tampered entry back so that the chain verifies for the tests that follow.
      await t.db.updateTable('audit_log').set({ after_json: page.items[1].after === null ? null : JSON.stringify(page.items[1].after) }).where('target_id', '=', entry.id).where('action', '=', 'register_entry.create').execute();
    });
  });

  describe('hash chain', () => {
    const verifyViaApi = async () => {
      const res = await api(t.app, operatorSession).get('/api/audit/verify');
      expectStatus(res, 200);
      return res.json();
    };

    it('verifies an intact log, in the service and through the API', async () => {
      const entries = await countRows(t, 'audit_log');
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, entries, problem: null });
      const viaApi = await verifyViaApi();
      expect(viaApi.ok).toBe(true);
      expect(viaApi.entries).toBeGreaterThanOrEqual(entries); // the request itself may add nothing, but never less
    });

    /** An entry in the middle of the chain that has an after snapshot, to tamper with. */
    async function victimEntry() {
      const withAfter = (await auditEntries(t)).filter((e) => e.after !== null);
      expect(withAfter.length).toBeGreaterThan(3);
      return withAfter[Math.floor(withAfter.length / 2)];
    }

    it('detects an after_json edited directly in SQL, at that entry', async () => {
      const victim = await victimEntry();
      const original = await t.db.selectFrom('audit_log').select('after_json').where('seq', '=', victim.seq).executeTakeFirstOrThrow();
      const forged = JSON.stringify({ ...JSON.parse(original.after_json!), role: 'org_admin' });
      expect(forged).not.toBe(original.after_json);
      await t.db.updateTable('audit_log').set({ after_json: forged }).where('seq', '=', victim.seq).execute();
      try {
        expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, problem: { seq: victim.seq, problem: 'hash_mismatch' } });
        expect(await verifyViaApi()).toMatchObject({ ok: false, problem: { seq: victim.seq, problem: 'hash_mismatch' } });
      } finally {
        await t.db.updateTable('audit_log').set({ after_json: original.after_json }).where('seq', '=', victim.seq).execute();
      }
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    });

    it('detects an edit whose forger also recomputed that entry’s hash: the next entry no longer links', async () => {
      const victim = await victimEntry();
      const row = await t.db.selectFrom('audit_log').selectAll().where('seq', '=', victim.seq).executeTakeFirstOrThrow();
      const forgedAfter = JSON.stringify({ ...JSON.parse(row.after_json!), population: 1 });
      const forgedHash = auditEntryHash({ ...row, seq: Number(row.seq), after_json: forgedAfter });
      await t.db.updateTable('audit_log').set({ after_json: forgedAfter, hash: forgedHash }).where('seq', '=', victim.seq).execute();
      try {
        expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, problem: { seq: victim.seq + 1, problem: 'broken_link' } });
      } finally {
        await t.db.updateTable('audit_log').set({ after_json: row.after_json, hash: row.hash }).where('seq', '=', victim.seq).execute();
      }
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    });

    it('detects a row deleted from the middle, and one deleted from the end', async () => {
      const middle = await victimEntry();
      const lastSeq = await auditHead(t);
      for (const seq of [middle.seq, lastSeq]) {
        const row = await t.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
        await t.db.deleteFrom('audit_log').where('seq', '=', seq).execute();
        try {
          const result = await verifyAuditChain(t.db);
          expect(result.ok).toBe(false);
          expect(result.problem).toEqual(seq === lastSeq ? { seq: seq - 1, problem: 'head_mismatch' } : { seq, problem: 'gap' });
          expect((await verifyViaApi()).ok).toBe(false);
        } finally {
          await t.db.insertInto('audit_log').values(row).execute();
        }
      }
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    });

    it('concurrent writers never fork the chain: every entry gets its own seq, with no gaps', async () => {
      const viewer = await buildUser(t, { organisation: city, role: 'viewer' });
      const sessions = await Promise.all([1, 2, 3, 4].map(() => signIn(t.app, viewer.email, viewer.password)));
      const before = await auditHead(t);
      const requests = Array.from({ length: 24 }, (_, i) => {
        const session = sessions[i % sessions.length];
        return i % 2 ? api(t.app, session).get('/api/users') : api(t.app, session).put('/api/me/locale', { locale: i % 4 ? 'en' : 'ja' });
      });
      const answers = await Promise.all(requests);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([...Array(12).fill(200), ...Array(12).fill(403)].sort());
      const entries = await auditEntries(t, { afterSeq: before });
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 24 }, (_, i) => before + 1 + i));
      expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, problem: null });
    });

    it('a request that fails leaves no audit entry behind and the chain intact', async () => {
      // A request that fails after authorisation (duplicate e-mail) must not leave a half-written entry behind.
      const before = await auditHead(t);
      const res = await asAdmin().post('/api/users', { email: admin.email, display_name: '重複', role: 'viewer' });
      expectError(res, 409, 'conflict', ['email']);
      expect(await auditHead(t)).toBe(before);
      const count = await sql<{ n: number }>`select count(*) as n from audit_log`.execute(t.db);
      expect(Number(count.rows[0].n)).toBe(before);
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    });
  });

  describe('CSV export', () => {
    it('opens in Excel: BOM, Japanese header, CRLF rows that parse back, formulas neutralised', async () => {
      const formulaName = '=HYPERLINK("http://evil.example","クリック")';
      const atName = '@SUM(A1:A9)';
      const trickster = await buildUser(t, { organisation: city, role: 'editor', displayName: formulaName });
      const other = await buildUser(t, { organisation: city, role: 'editor', displayName: atName });
      await signIn(t.app, trickster.email, trickster.password);
      await signIn(t.app, other.email, other.password);

      const res = await asAdmin().get(`/api/audit/export.csv?action=auth.login`);
      expectStatus(res, 200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(res.body.startsWith('\uFEFF')).toBe(true);

      const rows = parseCsv(res.body.slice(1));
      expect(rows[0]).toEqual(CSV_HEADER);
      const records = rows.slice(1).map((cells) => Object.fromEntries(CSV_HEADER.map((name, i) => [name, cells[i]])));
      for (const record of records) {
        expect(Object.keys(record)).toHaveLength(CSV_HEADER.length);
        expect(record['操作']).toBe('ログイン');
        expect(record['操作（コード）']).toBe('auth.login');
        expect(['成功', '失敗', '拒否']).toContain(record['結果']);
        expect(record['日時（日本時間）']).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
        expect(record['ハッシュ']).toMatch(/^[0-9a-f]{64}$/);
      }
      const byTarget = (id: string) => records.find((r) => r['対象ID'] === id && r['結果'] === '成功')!;
      expect(byTarget(other.id)['対象種別']).toBe('利用者');
      expect(byTarget(other.id)['対象']).toBe(`'${atName}`);
      expect(byTarget(trickster.id)['操作者']).toBe(`'${formulaName} <${trickster.email}>`);
      expect(byTarget(other.id)['操作者']).toBe(`'${atName} <${other.email}>`);
      expect(JSON.parse(byTarget(other.id)['変更後'])).toEqual({ mfa: 'not_enrolled' });

      // Japanese round-trips: the organisation's own creation entry carries its name.
      const creation = await asAdmin().get(`/api/audit/export.csv?target_id=${city.id}&action=organisation.create`);
      const [, row] = parseCsv(creation.body.slice(1));
      expect(JSON.parse(row[CSV_HEADER.indexOf('変更後')]).name).toBe('監査市');
    });
  });
});
