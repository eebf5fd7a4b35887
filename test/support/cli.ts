// Runs the real `daicho` command (node bin/daicho.js) against a scratch database.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScratchDatabase } from './databases.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/daicho.js ...args` with DAICHO_DATA_DIR (and DAICHO_DATABASE_URL for PostgreSQL) set. */
export function runCli(scratch: ScratchDatabase, args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  // Start from a clean environment for Daicho, so a developer's own settings never leak into the test.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DAICHO_')));
  env.DAICHO_DATA_DIR = scratch.dataDir;
  if (scratch.databaseUrl) env.DAICHO_DATABASE_URL = scratch.databaseUrl;
  env.LOG_LEVEL = 'silent';
  Object.assign(env, extraEnv);
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO_ROOT, 'bin/daicho.js'), ...args], { cwd: REPO_ROOT, env, timeout: 5 * 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
