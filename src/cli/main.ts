import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../server/config.ts';
import { openDatabase } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { buildApp } from '../server/app.ts';
import { DEMO_PASSWORD, isDatabaseEmpty, loadDemoData, type DemoLogin } from '../server/demo/seed.ts';
import fs from 'node:fs';
import { exportAuditCheckpoints, parseCheckpointFile, verifyAuditLog, writeAuditCheckpoint } from '../server/services/audit-checkpoints.ts';
import { loadMasterKey } from '../server/security/secret-box.ts';
import { deriveAuditKey } from '../server/security/audit-key.ts';
import { createUser } from '../server/services/users.ts';
import { systemActor } from '../server/services/deps.ts';
import { startProbeScheduler } from '../server/jobs/probe-scheduler.ts';
import { startMailSender } from '../server/jobs/mail-sender.ts';
import { startDailyReminders } from '../server/jobs/daily-reminders.ts';
import { listOrganisations } from '../server/repositories/organisations.ts';
import { ROLE_LABELS } from '../shared/roles.ts';

const HELP = `daicho — 外部サービス台帳 / the register of external services

使い方 / usage: daicho <command> [options]

  serve [--demo-if-empty]     マイグレーションしてサーバーを起動 / migrate and start the server
  migrate                     データベースを最新にする / bring the schema up to date
  demo                        デモデータを投入（空のDBのみ）/ load demo data into an empty database
  create-admin --email E --name N [--organisation ID]
                              運用管理者を作成（仮パスワードを表示）/ create an operator admin
  audit verify [--checkpoints FILE]
                              監査ログのハッシュ連鎖と署名付きチェックポイントを検証（FILE: 書き出したチェックポイント）
                              / verify the audit hash chain and its signed checkpoints (and those of an exported file)
  audit checkpoint            いまの連鎖の先頭に署名したチェックポイントを記録 / sign the current chain head now
  audit checkpoints --export FILE
                              先頭に署名してから全チェックポイントを FILE に書き出す（DBの外に保管）
                              / sign the head, then export every checkpoint to FILE (keep it outside the database)

環境変数 / environment: PORT, HOST, DAICHO_DATA_DIR, DAICHO_DATABASE_URL, DAICHO_MASTER_KEY, DAICHO_SMTP_URL (docs/operations.md)
`;

async function withDatabase<T>(config: Config, fn: (handle: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

function printDemoLogins(url: string, logins: DemoLogin[]) {
  const lines = [
    '',
    '━━━ Daicho デモ環境 / demo (架空のデータ / fictional data) ━━━',
    `URL: ${url}`,
    `パスワード / password (全員共通 / all accounts): ${DEMO_PASSWORD}`,
    ...logins.map((l) => `  ${l.email.padEnd(40)} ${ROLE_LABELS[l.role].ja}（${l.organisation}）${l.mfa === 'required' ? ' ※初回ログイン時に多要素認証を設定 / MFA setup at first sign-in' : ''}`),
    '',
  ];
  console.log(lines.join('\n'));
}

async function serve(config: Config, demoIfEmpty: boolean): Promise<number> {
  const started = Date.now();
  const handle = openDatabase(config);
  await migrateToLatest(handle.db);
  const { app, deps } = await buildApp({ config, database: handle });
  let logins: DemoLogin[] | null = null;
  if (demoIfEmpty && (await isDatabaseEmpty(deps))) logins = await loadDemoData(deps);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  if (logins) printDemoLogins(url, logins);
  else if (demoIfEmpty && (await listOrganisations(deps.db, { ids: 'all' })).some((o) => o.is_demo)) printDemoLogins(url, []);
  console.log(`Daicho ready at ${url} (${handle.dialect}: ${handle.describe}) in ${Date.now() - started} ms`);
  // Every process runs the SLA probe; claims in the database keep them from checking a monitor twice.
  const probe = config.probeEnabled ? startProbeScheduler(deps) : null;
  // Every process may send mail too: leases in the outbox keep two processes from sending one mail.
  const mail = config.mailEnabled && config.smtpUrl ? startMailSender(deps) : null;
  if (!config.mailEnabled) deps.log.info('mail: DAICHO_MAIL=off, this process sends no mail (the outbox keeps what is written)');
  else if (!config.smtpUrl) deps.log.warn('mail: DAICHO_SMTP_URL is not set, mails wait in the outbox until a process with it runs');
  const reminders = startDailyReminders(deps);
  const stop = async () => {
    await probe?.stop();
    await mail?.stop();
    await reminders.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => {});
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { 'demo-if-empty': { type: 'boolean', default: false } } });
      return serve(config, Boolean(values['demo-if-empty']));
    }
    case 'migrate':
      return withDatabase(config, async (handle) => {
        console.log(`schema up to date (${handle.dialect}: ${handle.describe})`);
        return 0;
      });
    case 'demo':
      return withDatabase(config, async (handle) => {
        const { deps, app } = await buildApp({ config, database: handle, logger: false });
        try {
          if (!(await isDatabaseEmpty(deps))) {
            console.error('データベースが空ではないため、デモデータは投入しません / database is not empty; demo data not loaded');
            return 1;
          }
          printDemoLogins(`http://127.0.0.1:${config.port}`, await loadDemoData(deps));
          return 0;
        } finally {
          await app.close();
        }
      });
    case 'create-admin': {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, organisation: { type: 'string' } } });
      if (!values.email || !values.name) {
        console.error('--email と --name が必要です / --email and --name are required');
        return 2;
      }
      return withDatabase(config, async (handle) => {
        const { deps, app } = await buildApp({ config, database: handle, logger: false });
        try {
          let organisationId = values.organisation;
          if (!organisationId) {
            const operator = (await listOrganisations(deps.db, { ids: 'all', kind: 'operator' }))[0];
            organisationId = operator?.id;
          }
          if (!organisationId) {
            const { createOrganisation } = await import('../server/services/organisations.ts');
            organisationId = (await createOrganisation(deps, systemActor('', 'cli'), { kind: 'operator', name: 'Daicho 運用管理' })).id;
          }
          const created = await createUser(deps, systemActor(organisationId, 'cli'), { organisation_id: organisationId, email: values.email!, display_name: values.name!, role: 'operator_admin', locale: 'ja' });
          console.log(`作成しました / created: ${created.user.email}`);
          console.log(`仮パスワード / temporary password: ${created.temporary_password}`);
          console.log('初回ログインでパスワード変更と多要素認証の設定が必要です / change the password and enrol MFA at first sign-in');
          return 0;
        } finally {
          await app.close();
        }
      });
    }
    case 'audit': {
      const [sub, ...auditArgs] = rest;
      const { values } = parseArgs({ args: auditArgs, options: { checkpoints: { type: 'string' }, export: { type: 'string' } } });
      if (!['verify', 'checkpoint', 'checkpoints'].includes(sub ?? '') || (sub === 'checkpoints' && !values.export)) {
        console.error(HELP);
        return 2;
      }
      // The checkpoint key comes from the master key (environment or data folder), never the database.
      const auditKey = deriveAuditKey(loadMasterKey(config.masterKey, config.dataDir));
      return withDatabase(config, async (handle) => {
        const deps = { db: handle.db, auditKey, now: () => new Date() };
        if (sub === 'checkpoint') {
          const written = await writeAuditCheckpoint(deps);
          console.log(written ? `チェックポイントを記録しました / checkpoint signed at seq ${written.seq}` : '新しい記録はありません / nothing new to sign');
          return 0;
        }
        if (sub === 'checkpoints') {
          await writeAuditCheckpoint(deps);
          const file = await exportAuditCheckpoints(deps);
          fs.writeFileSync(values.export!, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
          console.log(`${file.checkpoints.length} 件を書き出しました / exported ${file.checkpoints.length} checkpoints to ${values.export}`);
          return 0;
        }
        let fileCheckpoints;
        if (values.checkpoints) {
          try {
            fileCheckpoints = parseCheckpointFile(fs.readFileSync(values.checkpoints, 'utf8'));
          } catch (error) {
            console.error(`チェックポイントのファイルを読めません / cannot read the checkpoint file: ${(error as Error).message}`);
            return 2;
          }
        }
        const result = await verifyAuditLog(deps, { fileCheckpoints });
        if (result.ok) {
          console.log(`監査ログは改ざんされていません / audit log intact: ${result.entries} entries, ${result.checkpoints} signed checkpoints`);
          return 0;
        }
        console.error(`監査ログの不整合 / audit log broken at seq ${result.problem!.seq}: ${result.problem!.problem} (${result.entries} entries checked)`);
        return 1;
      });
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(HELP);
      return command ? 0 : 2;
    default:
      console.error(`unknown command: ${command}\n\n${HELP}`);
      return 2;
  }
}

