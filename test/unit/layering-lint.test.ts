import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering rules of eslint.config.js, proved on snippets linted as if they lived at a given path:
// each rule fires on the violation at the path it guards and stays quiet on what is allowed there.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The layering rules that fire on `code` at `file` (relative to the repository). */
async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId)).map((m) => `${m.ruleId}: ${m.message}`);
}

async function expectViolation(file: string, code: string, rule: string) {
  const errors = await layeringErrors(file, code);
  expect(errors.length, `${file}: ${code}`).toBeGreaterThan(0);
  expect(errors.every((e) => e.startsWith(`${rule}:`)), errors.join('\n')).toBe(true);
}

async function expectAllowed(file: string, code: string) {
  expect(await layeringErrors(file, code), `${file}: ${code}`).toEqual([]);
}

describe('the domain stays pure at every depth', () => {
  const files = ['src/domain/codes.ts', 'src/domain/sla/calendar.ts', 'src/domain/sla/deeper/nested/x.ts'];
  const io = ["import fs from 'fs';", "import { readFile } from 'fs/promises';", "import fs from 'node:fs';", "import { readFile } from 'node:fs/promises';", "import net from 'net';", "import http from 'http';", "import https from 'node:https';", "import { spawn } from 'child_process';", "import { spawn } from 'node:child_process';", "import { DatabaseSync } from 'node:sqlite';", "import os from 'node:os';"];
  for (const file of files) {
    for (const code of io) it(`${file}: ${code}`, () => expectViolation(file, code, 'no-restricted-imports'));
    for (const code of ["import { Kysely } from 'kysely';", "import Fastify from 'fastify';", "import { useState } from 'react';"]) it(`${file}: ${code}`, () => expectViolation(file, code, 'no-restricted-imports'));
  }
  it('relative imports reaching src/server or src/web are refused from any depth', async () => {
    await expectViolation('src/domain/codes.ts', "import { x } from '../server/config.ts';", 'no-restricted-imports');
    await expectViolation('src/domain/sla/calendar.ts', "import { x } from '../../server/services/deps.ts';", 'no-restricted-imports');
    await expectViolation('src/domain/sla/calendar.ts', "import { x } from '../../web/routes.tsx';", 'no-restricted-imports');
    await expectViolation('src/domain/sla/a/b.ts', "import type { Deps } from '../../../server/services/deps.ts';", 'no-restricted-imports');
  });
  it('allows pure built-ins, shared code and its own modules', async () => {
    for (const file of files) {
      await expectAllowed(file, "import { createHash } from 'node:crypto';\nimport { x } from './intervals.ts';\nexport const y = [createHash, x];");
    }
    await expectAllowed('src/domain/sla/calendar.ts', "import { x } from '../../shared/messages.ts';\nimport { y } from '../japan-time.ts';\nexport const z = [x, y];");
  });
});

describe('only repositories build queries', () => {
  const guarded = ['src/server/services/catalogues/registry.ts', 'src/server/services/register.ts', 'src/server/routes/register.ts', 'src/server/jobs/mail-sender.ts', 'src/server/policies/index.ts', 'src/server/presenters/index.ts', 'src/cli/main.ts', 'src/server/demo/seed.ts'];
  const queries = [
    "export const f = (db: any) => db.selectFrom('users').selectAll().execute();",
    "export const f = (trx: any) => trx.insertInto('users').values({}).execute();",
    "export const f = (deps: any) => deps.db.updateTable('users').set({}).execute();",
    "export const f = (db: any) => db.deleteFrom('users').execute();",
    "declare const sql: any;\nexport const f = (db: any) => sql`select 1`.execute(db);",
    "declare const sql: any;\nexport const f = () => sql.raw('select 1');",
  ];
  for (const file of guarded) {
    for (const code of queries) it(`${file}: ${code.split('\n').at(-1)}`, () => expectViolation(file, code, 'no-restricted-syntax'));
  }
  it('refuses importing sql from kysely outside the repositories', async () => {
    await expectViolation('src/server/services/register.ts', "import { sql } from 'kysely';\nexport const s = sql;", 'no-restricted-imports');
    await expectViolation('src/server/jobs/mail-sender.ts', "import { sql } from 'kysely';\nexport const s = sql;", 'no-restricted-imports');
  });
  it('lets services open a transaction, pass it on and name Kysely types', async () => {
    await expectAllowed(
      'src/server/services/register.ts',
      "import type { Kysely } from 'kysely';\nimport { insertEntries } from '../repositories/register-entries.ts';\nexport const f = (db: Kysely<any>) => db.transaction().execute((trx) => insertEntries(trx, []));",
    );
  });
  it('lets repositories and the db layer build queries', async () => {
    const code = "import { sql } from 'kysely';\nexport const f = (db: any) => db.selectFrom('users').where(sql`1 = 1`).execute();";
    await expectAllowed('src/server/repositories/users.ts', code);
    await expectAllowed('src/server/repositories/nested/anything.ts', code);
    await expectAllowed('src/server/db/migrations/0001_initial.ts', code);
  });
});

describe('routes go through services', () => {
  it('refuses repositories in routes, however the path is written', async () => {
    await expectViolation('src/server/routes/health.ts', "import { pingDatabase } from '../repositories/executor.ts';\nexport const x = pingDatabase;", 'no-restricted-imports');
    await expectViolation('src/server/routes/me.ts', "import type { UserRow } from '../repositories/users.ts';\nexport type X = UserRow;", 'no-restricted-imports');
    await expectViolation('src/server/routes/sub/x.ts', "import { x } from '../../repositories/users.ts';\nexport const y = x;", 'no-restricted-imports');
    await expectViolation('src/server/routes/register.ts', "import { Kysely } from 'kysely';\nexport const y = Kysely;", 'no-restricted-imports');
  });
  it('allows services, presenters and shared code in routes; services may import repositories', async () => {
    await expectAllowed('src/server/routes/health.ts', "import { checkDatabase } from '../services/health.ts';\nimport { presentUser } from '../presenters/index.ts';\nimport { bi } from '../../shared/messages.ts';\nexport const x = [checkDatabase, presentUser, bi];");
    await expectAllowed('src/server/services/health.ts', "import { pingDatabase } from '../repositories/executor.ts';\nexport const x = pingDatabase;");
  });
});
