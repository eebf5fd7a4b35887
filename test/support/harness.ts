// One fresh application per test file and dialect: its own database (a copy of a migrated template), a random master key,
// a temporary data folder and a clock the tests move by hand (session timeouts, lockouts, expiry).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig, type Config } from '../../src/server/config.ts';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/connect.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import type { Database } from '../../src/server/db/schema.ts';
import type { Deps } from '../../src/server/services/deps.ts';
import { createMigratedDatabase, type ScratchDatabase, type TestDialect } from './databases.ts';

export interface TestClock {
  now(): Date;
  advanceMinutes(minutes: number): void;
  advanceHours(hours: number): void;
  advanceDays(days: number): void;
}

/** A clock that stands still until a test moves it. */
export function createClock(start = new Date()): TestClock {
  let current = start.getTime();
  const advance = (ms: number) => {
    current += ms;
  };
  return {
    now: () => new Date(current),
    advanceMinutes: (minutes) => advance(minutes * 60_000),
    advanceHours: (hours) => advance(hours * 3_600_000),
    advanceDays: (days) => advance(days * 86_400_000),
  };
}

export interface TestApp {
  dialect: TestDialect;
  app: FastifyInstance;
  deps: Deps;
  db: Kysely<Database>;
  config: Config;
  clock: TestClock;
  scratch: ScratchDatabase;
  /** Another app on the same database and clock with some settings changed; closed with the harness. */
  buildSibling(overrides: Partial<Config>): Promise<FastifyInstance>;
}

/** The configuration of a test app: production defaults, except where a test needs otherwise. */
export function testConfig(scratch: ScratchDatabase, overrides: Partial<Config> = {}): Config {
  return loadConfig(
    {},
    {
      dataDir: scratch.dataDir,
      databaseUrl: scratch.databaseUrl,
      masterKey: randomBytes(32).toString('base64'),
      secureCookies: 'never',
      logLevel: 'silent',
      // Tests sign in far more often than a person does; the rate-limit test builds a sibling with a low limit.
      loginRateLimitPerMinute: 100_000,
      ...overrides,
    },
  );
}

/**
 * Registers beforeAll/afterAll hooks that build the app on a fresh database for this file and dialect.
 * The returned object is filled in by beforeAll, so read its fields inside tests and hooks only.
 */
export function useTestApp(dialect: TestDialect, options: { config?: Partial<Config> } = {}): TestApp {
  const context = {} as TestApp;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const scratch = await createMigratedDatabase(dialect);
    cleanups.push(() => scratch.drop());
    const config = testConfig(scratch, options.config);
    const database: DatabaseHandle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    cleanups.push(() => database.close());
    // The copy is already migrated; this only confirms that it is current.
    await migrateToLatest(database.db);
    const clock = createClock();
    const { app, deps } = await buildApp({ config, database, now: clock.now, logger: false });
    cleanups.push(() => app.close());
    await app.ready();

    const buildSibling = async (overrides: Partial<Config>) => {
      const sibling = await buildApp({ config: { ...config, ...overrides }, database, now: clock.now, logger: false });
      cleanups.push(() => sibling.app.close());
      await sibling.app.ready();
      return sibling.app;
    };
    Object.assign(context, { dialect, app, deps, db: database.db, config, clock, scratch, buildSibling });
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  return context;
}
