// The operations of the app, read once when a proof file is collected: the OpenAPI document does not
// depend on data, so an app on an empty SQLite file in a temporary folder describes them all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { buildApp } from '../../../src/server/app.ts';
import { loadConfig } from '../../../src/server/config.ts';
import { openDatabase } from '../../../src/server/db/connect.ts';
import { operationsOf, type Operation } from './openapi.ts';

async function readOperations(): Promise<Operation[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-openapi-'));
  const database = openDatabase({ databaseUrl: null, dataDir });
  try {
    const config = loadConfig({}, { dataDir, databaseUrl: null, masterKey: randomBytes(32).toString('base64'), logLevel: 'silent', secureCookies: 'never' });
    const { app } = await buildApp({ config, database, logger: false });
    await app.ready();
    const operations = operationsOf(app);
    await app.close();
    return operations;
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export const OPERATIONS: readonly Operation[] = await readOperations();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same parameters with every id replaced by one that names nothing. */
export function withUnknownIds(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, UUID.test(value) ? randomUUID() : value]));
}

export function hasIdParameter(params: Record<string, string>): boolean {
  return Object.values(params).some((value) => UUID.test(value));
}
