// Which database dialects the integration tier runs on, and scratch databases for one test file.
//
// SQLite always runs. PostgreSQL runs when the server answers; outside CI a missing server skips the
// PostgreSQL variant with a loud warning, in CI (CI=true) it fails the run, because nothing may be skipped there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
