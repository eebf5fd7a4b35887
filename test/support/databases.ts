// Which database dialects the integration tier runs on, and scratch databases for one test file.
//
// SQLite always runs. PostgreSQL runs when the server answers; outside CI a missing server skips the
// PostgreSQL variant with a loud warning, in CI (CI=true) it fails the run, because nothing may be skipped there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/connect.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

export type TestDialect = 'sqlite' | 'postgres';

/** The maintenance database of the machine's PostgreSQL (trust auth); scratch databases are made through it. */
export const POSTGRES_ADMIN_URL = process.env.DAICHO_TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

const START_HINT = 'start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postgresProblem(): Promise<string | null> {
  try {
    await withAdminClient((client) => client.query('select 1'));
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparsable DAICHO_TEST_POSTGRES_URL)';
  }
}

async function detectDialects(): Promise<TestDialect[]> {
  // npm test sets this when it found no PostgreSQL outside CI (scripts/test-all.mjs); it never gets here in CI.
  if (process.env.DAICHO_TEST_SKIP_POSTGRES === '1' && process.env.CI !== 'true') {
    console.warn('\n!! DAICHO_TEST_SKIP_POSTGRES=1: the PostgreSQL variant of these integration tests is SKIPPED; only SQLite runs.\n');
    return ['sqlite'];
  }
  const problem = await postgresProblem();
  if (problem === null) return ['sqlite', 'postgres'];
  const message = `PostgreSQL at ${hostOf(POSTGRES_ADMIN_URL)} is not reachable (${problem})`;
  if (process.env.CI === 'true') {
    throw new Error(`${message}. CI=true, so the PostgreSQL variant of the integration tests may not be skipped; ${START_HINT}`);
  }
  const bar = '!'.repeat(100);
  console.warn(`\n${bar}\n!! ${message}.\n!! SKIPPING the PostgreSQL variant of these integration tests; only SQLite runs.\n!! ${START_HINT}\n${bar}\n`);
  return ['sqlite'];
}

/** The dialects every integration test runs on (use with describe.each). */
export const dialects: TestDialect[] = await detectDialects();

export interface ScratchDatabase {
  dialect: TestDialect;
  /** A temporary data folder (the SQLite file lives here as daicho.sqlite; master key files too). */
  dataDir: string;
  /** Set for PostgreSQL: a fresh database named daicho_it_<random>. */
  databaseUrl: string | null;
  drop(): Promise<void>;
}

/** A fresh, empty database (not migrated) and data folder for one test file. */
export async function createScratchDatabase(dialect: TestDialect): Promise<ScratchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-it-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') return { dialect, dataDir, databaseUrl: null, drop: async () => removeDir() };

  const name = `daicho_it_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database "${name}"`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      await withAdminClient((client) => client.query(`drop database if exists "${name}" with (force)`));
      removeDir();
    },
  };
}

// ---- migrated databases from a template ----------------------------------------------------------
//
// Migrating from scratch costs most of a second per file on PostgreSQL. Each dialect gets one template,
// migrated once per version of the migrations (its name carries a hash of their source), and every test
// file gets a copy: PostgreSQL `CREATE DATABASE … TEMPLATE`, SQLite a file copy.

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/server/db');

/** A short hash of the migration sources: a changed migration gets a new template. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  const files = ['migrate.ts', ...fs.readdirSync(path.join(MIGRATIONS_DIR, 'migrations')).sort().map((f) => `migrations/${f}`)];
  for (const file of files) hash.update(file).update('\0').update(fs.readFileSync(path.join(MIGRATIONS_DIR, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

const TEMPLATE_HASH = migrationsHash();
const TEMPLATE_LOCK = 0x6461_6963; // pg_advisory_lock key shared by every test process on this server

async function migrateFresh(scratch: ScratchDatabase): Promise<void> {
  const handle = openDatabase({ databaseUrl: scratch.databaseUrl, dataDir: scratch.dataDir });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
}

function urlOf(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates the PostgreSQL template if missing and clones it, all under one advisory lock (a template may not be in use while cloned). */
async function clonePostgresTemplate(name: string): Promise<void> {
  const template = `daicho_tpl_${TEMPLATE_HASH}`;
  await withAdminClient(async (client) => {
    await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const { rows } = await client.query('select datname from pg_database where datname like $1', ['daicho_tpl_%']);
      if (!rows.some((r: { datname: string }) => r.datname === template)) {
        await client.query(`create database "${template}"`);
        try {
          await migrateFresh({ dialect: 'postgres', dataDir: os.tmpdir(), databaseUrl: urlOf(template), drop: async () => {} });
        } catch (error) {
          await client.query(`drop database if exists "${template}"`);
          throw error;
        }
        // Templates of older migrations: dropped when nobody uses them (another run may still be cloning one).
        for (const { datname } of rows as { datname: string }[]) await client.query(`drop database if exists "${datname}"`).catch(() => {});
      }
      await client.query(`create database "${name}" template "${template}"`);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
}

/** The SQLite template file: migrated once, written under a temporary name and renamed (atomic), WAL folded in. */
async function sqliteTemplate(): Promise<string> {
  const file = path.join(os.tmpdir(), `daicho-tpl-${TEMPLATE_HASH}.sqlite`);
  if (fs.existsSync(file)) return file;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-tpl-'));
  try {
    await migrateFresh({ dialect: 'sqlite', dataDir: dir, databaseUrl: null, drop: async () => {} });
    const { default: SQLite } = await import('better-sqlite3');
    const sqlite = new SQLite(path.join(dir, 'daicho.sqlite'));
    sqlite.pragma('journal_mode = DELETE');
    sqlite.close();
    fs.renameSync(path.join(dir, 'daicho.sqlite'), `${file}.${process.pid}`);
    fs.renameSync(`${file}.${process.pid}`, file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return file;
}

/** A fresh database with the current schema (a copy of the dialect's template) and data folder for one test file. */
export async function createMigratedDatabase(dialect: TestDialect): Promise<ScratchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-it-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    fs.copyFileSync(await sqliteTemplate(), path.join(dataDir, 'daicho.sqlite'));
    return { dialect, dataDir, databaseUrl: null, drop: async () => removeDir() };
  }
  const name = `daicho_it_${randomBytes(6).toString('hex')}`;
  await clonePostgresTemplate(name);
  return {
    dialect,
    dataDir,
    databaseUrl: urlOf(name),
    drop: async () => {
      await withAdminClient((client) => client.query(`drop database if exists "${name}" with (force)`));
      removeDir();
    },
  };
}
