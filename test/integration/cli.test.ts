// The `daicho` command on a real database: migrate, demo (only into an empty database), create-admin, and
// `audit verify`, which must exit 0 on an intact log and 1 once an entry was edited behind the app's back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { dialects, createScratchDatabase, type ScratchDatabase } from '../support/databases.ts';
import { runCli } from '../support/cli.ts';
import { createClock } from '../support/harness.ts';
import { api, enrolMfa, loginRequest, signIn } from '../support/http.ts';
import type { TestUser } from '../support/factories.ts';
import { expectStatus } from '../support/assertions.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/connect.ts';
import { DEMO_PASSWORD } from '../../src/server/demo/seed.ts';

describe.each(dialects)('the daicho command on %s', (dialect) => {
  let scratch: ScratchDatabase;
  let database: DatabaseHandle | null = null;
  let app: FastifyInstance | null = null;

  beforeAll(async () => {
    scratch = await createScratchDatabase(dialect);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await scratch?.drop();
  });

  /** The same database as the command uses, opened the way `daicho serve` would (master key from the data folder). */
  async function openApp() {
    if (app) return { app, db: database!.db };
    const config = loadConfig({}, { dataDir: scratch.dataDir, databaseUrl: scratch.databaseUrl, logLevel: 'silent' });
    database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    app = (await buildApp({ config, database, now: createClock().now, logger: false })).app;
    return { app, db: database.db };
  }

  // Every command migrates before it works, so `demo` below also shows that migrating twice is harmless.
  it('migrate creates the schema', async () => {
    const result = await runCli(scratch, ['migrate']);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(`schema up to date (${dialect}`);
  });

  it('demo loads the fictional organisations and users into the empty database', async () => {
    const result = await runCli(scratch, ['demo']);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(DEMO_PASSWORD);
    expect(result.stdout).toContain('ciso@city.demo.daicho.example');

    const { app, db } = await openApp();
    const organisations = await db.selectFrom('organisations').select(['name', 'kind', 'is_demo']).execute();
    expect(organisations.map((o) => o.name).sort()).toEqual(
      ['Daicho 運用管理（デモ）', 'サンプル県', 'サンプル市', 'サンプル町', 'サンプル県自治体クラウド協議会', 'デモ自治体クラウド株式会社', 'サンプル情報システム株式会社', '架空クラウド基盤株式会社'].sort(),
    );
    expect(organisations.every((o) => Number(o.is_demo) === 1)).toBe(true);
    const roles = (await db.selectFrom('users').select('role').execute()).map((u) => u.role);
    expect(new Set(roles)).toEqual(new Set(['operator_admin', 'org_admin', 'editor', 'viewer', 'auditor', 'vendor_member']));

    // The demo logins printed at start-up work: an editor goes straight in, an administrator must enrol MFA.
    const editor = await signIn(app, 'editor@city.demo.daicho.example', DEMO_PASSWORD);
    expect(editor.me.next_step).toBe('none');
    expect(editor.me.organisation.name).toBe('サンプル市');
    const listed = await api(app, editor).get('/api/organisations');
    expect(listed.json().items.map((o: { name: string }) => o.name)).toEqual(['サンプル市']);
    const ciso = await signIn(app, 'ciso@city.demo.daicho.example', DEMO_PASSWORD);
    expect(ciso.me.next_step).toBe('mfa_setup');
    // The prefecture sees both of its municipalities.
    const prefecture = await signIn(app, 'viewer@pref.demo.daicho.example', DEMO_PASSWORD);
    const seen = (await api(app, prefecture).get('/api/organisations')).json().items.map((o: { name: string }) => o.name);
    expect(seen.sort()).toEqual(['サンプル市', 'サンプル町', 'サンプル県'].sort());
  });

  it('demo refuses a database that is not empty (exit 1) and changes nothing', async () => {
    const { db } = await openApp();
    const count = async () => (await db.selectFrom('users').select('id').execute()).length;
    const before = await count();
    const result = await runCli(scratch, ['demo']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not empty');
    expect(await count()).toBe(before);
  });

  it('create-admin makes an operator administrator with a temporary password to change', async () => {
    const result = await runCli(scratch, ['create-admin', '--email', 'new-operator@it.daicho.example', '--name', '新任 運用者']);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    const temporary = /temporary password: (\S+)/.exec(result.stdout)?.[1];
    expect(temporary).toBeDefined();
    const { app } = await openApp();
    const session = await signIn(app, 'new-operator@it.daicho.example', temporary!);
    expect(session.me).toMatchObject({ next_step: 'change_password', user: { role: 'operator_admin' } });
    // The first sign-in journey: a new password first, then MFA enrolment, then the app.
    const changed = await api(app, session).post('/api/auth/password', { current_password: temporary, new_password: 'Unyou-Kanri-Sha-2026' });
    expect(changed.json().next_step).toBe('mfa_setup');
    const operator: TestUser = { id: session.me.user.id, email: 'new-operator@it.daicho.example', password: 'Unyou-Kanri-Sha-2026', role: 'operator_admin', organisationId: session.me.organisation.id, displayName: '新任 運用者' };
    await enrolMfa(app, session, operator);
    expect(session.me.next_step).toBe('none');
    expect((await api(app, session).get('/api/organisations')).json().items).toHaveLength(8);
  });

  it('audit verify exits 0 on an intact log and 1 after an entry is edited directly in the database', async () => {
    const { app, db } = await openApp();
    expectStatus(await loginRequest(app, 'editor@town.demo.daicho.example', 'a wrong password'), 401); // one more entry, from the app

    const intact = await runCli(scratch, ['audit', 'verify']);
    expect(intact, intact.stderr).toMatchObject({ code: 0 });
    const entries = (await db.selectFrom('audit_log').select('seq').execute()).length;
    expect(intact.stdout).toContain(`${entries} entries`);

    const victim = await db.selectFrom('audit_log').select(['seq', 'after_json']).where('action', '=', 'user.create').orderBy('seq').executeTakeFirstOrThrow();
    const forged = victim.after_json!.replace('"viewer"', '"org_admin"').replace('"editor"', '"org_admin"');
    await db.updateTable('audit_log').set({ after_json: forged === victim.after_json ? `${forged} ` : forged }).where('seq', '=', victim.seq).execute();
    const broken = await runCli(scratch, ['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`seq ${victim.seq}: hash_mismatch`);
  });
});
