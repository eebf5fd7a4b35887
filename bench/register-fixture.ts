// Shared setup of the register benchmarks: a fresh database (SQLite file or a scratch PostgreSQL
// database), a municipality with an editor, and a signed-in session.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { buildApp } from '../src/server/app.ts';
import { createOrganisation } from '../src/server/services/organisations.ts';
import { createUser } from '../src/server/services/users.ts';
import { systemActor } from '../src/server/services/deps.ts';

export const PG_ADMIN = process.env.DAICHO_TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function openBench(dialect: 'sqlite' | 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-bench-'));
  let databaseUrl: string | null = null;
  let dropDatabase = async () => {};
  if (dialect === 'postgres') {
    const name = `daicho_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const config = loadConfig({}, { dataDir, databaseUrl, masterKey: randomBytes(32).toString('base64'), logLevel: 'silent', loginRateLimitPerMinute: 1_000_000 });
  const database = openDatabase(config);
  await migrateToLatest(database.db);
  const { app, deps } = await buildApp({ config, database, logger: false });
  await app.ready();
  const city = await createOrganisation(deps, systemActor('', 'bench'), { kind: 'municipality', name: 'ベンチ市', local_government_code: '992011', population: 120_000 });
  const email = 'bench-editor@bench.daicho.example';
  await createUser(deps, systemActor(city.id, 'bench'), { organisation_id: city.id, email, display_name: 'ベンチ 編集者', role: 'editor', locale: 'ja', temporary_password: 'bench-password-2026' }, { mustChangePassword: false });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'bench-password-2026' } });
  const cookie = `daicho_session=${login.cookies.find((c) => c.name === 'daicho_session')!.value}`;
  const csrf = login.json().csrf_token as string;
  // A second body's editor, for measuring how one body's import holds another's writes.
  const town = await createOrganisation(deps, systemActor('', 'bench'), { kind: 'municipality', name: 'ベンチ町', local_government_code: '992020', population: 20_000 });
  const otherEmail = 'bench-other@bench.daicho.example';
  await createUser(deps, systemActor(town.id, 'bench'), { organisation_id: town.id, email: otherEmail, display_name: 'ベンチ 別団体', role: 'editor', locale: 'ja', temporary_password: 'bench-password-2026' }, { mustChangePassword: false });
  const otherLogin = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: otherEmail, password: 'bench-password-2026' } });
  const other = { cookie: `daicho_session=${otherLogin.cookies.find((c) => c.name === 'daicho_session')!.value}`, csrf: otherLogin.json().csrf_token as string };
  return {
    app,
    deps,
    cookie,
    csrf,
    other,
    async close() {
      await app.close();
      await database.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const CATEGORIES = ['基幹系サービス', '申請系サービス', '内部情報系サービス', '情報公開・提供系サービス', '情報発信系サービス'];
const ZONES = ['マイナンバー利用事務系', 'LGWAN接続系', 'インターネット接続系'];
const KINDS = ['氏名、住所、生年月日', '氏名、メールアドレス', '氏名、住所、本籍', '', '氏名、口座番号と暗証番号'];
const CONF = ['3A', '3B', '3C', '2', '1'];
const HEADERS = ['管理番号', 'サービス名', '事業者名', 'サービス形態', '区分', '所管課', 'ネットワーク区分', 'データの保管場所', '状態', '契約形態', '契約開始日', '契約終了日', '年額費用（円）', '扱う個人データ', '保有する住民数', '分類体系', '機密性', '住民影響', '備考'];

/** A register spreadsheet of `rows` realistic rows (varied categories, zones, data kinds, vendors). */
export async function generateRegisterXlsx(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('外部サービス台帳');
  sheet.addRow(HEADERS);
  for (let i = 0; i < rows; i++) {
    sheet.addRow([
      `B-${String(i + 1).padStart(5, '0')}`, `業務システム${i + 1}（${CATEGORIES[i % 5]}）`, `ベンチ事業者${i % 40}株式会社`, ['SaaS', 'IaaS', '共同利用型システム', 'ホスティング'][i % 4],
      CATEGORIES[i % 5], `${['市民', '税務', '福祉', '会計', '広報', '情報政策'][i % 6]}課`, ZONES[i % 3], i % 7 === 0 ? '国外' : '国内', ['利用中', '検討中', '終了予定'][i % 3],
      i % 2 ? '約款' : '個別契約', '2024-04-01', '2029-03-31', 100_000 + (i % 50) * 10_000, KINDS[i % 5], (i * 37) % 120_000, 'mic-2024', CONF[i % 5], (i % 3) + 1, `ベンチマーク用の架空データ ${i}`,
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function multipart(filename: string, content: Buffer) {
  const boundary = '----daichobench';
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

export function peakRssMb(): number {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
