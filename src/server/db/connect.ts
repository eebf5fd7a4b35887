import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for logs (never includes a password). */
  describe: string;
  close(): Promise<void>;
}

// int8 (count(*), sum) arrive from pg as strings; the values Daicho counts fit in a JS number.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens the database: PostgreSQL when a URL is given, otherwise the SQLite file in dataDir. */
export function openDatabase(options: { databaseUrl: string | null; dataDir: string; sqliteFile?: string; onIdleConnectionError?: (error: Error) => void }): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle pooled connection that the server closes (restart, failover, admin termination) emits
    // 'error' on the pool; unhandled, it would crash the process. The pool replaces the connection
    // on next use, so logging is enough.
    pool.on('error', (error) => {
      const log = options.onIdleConnectionError ?? ((e: Error) => console.error(`PostgreSQL idle connection lost: ${e.message}`));
      log(error);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    return { db, dialect: 'postgres', describe: `postgresql://${url.host}${url.pathname}`, close: () => db.destroy() };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = options.sqliteFile ?? path.join(options.dataDir, 'daicho.sqlite');
  const sqlite = new SQLite(file);
  // WAL keeps readers off the writer's back; synchronous=NORMAL is durable across process crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', describe: file, close: () => db.destroy() };
}
