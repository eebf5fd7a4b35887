// Starts the real app for the browser tests: builds the web app when its sources are newer than
// dist/web, runs `daicho serve --demo-if-empty` on a fresh data directory and a free port, and
// hands the base URL to the tests (inject('baseUrl')). A local SMTP server takes the app's mail and
// writes each message (raw, .eml) to a folder the tests read (inject('mailDir'), see support/mail.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** Where the e2e SMTP server writes every message the app sends, one .eml file each. */
    mailDir: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const WEB_INPUTS = ['src/web', 'src/shared', 'src/domain', 'vite.config.ts', 'package-lock.json'];
const BUILT_INDEX = path.join(ROOT, 'dist/web/index.html');

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function buildWebIfStale(): void {
  const built = fs.statSync(BUILT_INDEX, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...WEB_INPUTS.map((p) => newestMtime(path.join(ROOT, p))));
  if (built > sources) return;
  // Vitest sets NODE_ENV=test, which Vite would carry into a development-mode bundle.
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error('vite build failed');
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port in 3200-3299, starting at a random offset so parallel runs rarely collide. */
async function freePort(): Promise<number> {
  const offset = Math.floor(Math.random() * 100);
  for (let i = 0; i < 100; i++) {
    const port = 3200 + ((offset + i) % 100);
    if (await portIsFree(port)) return port;
  }
  throw new Error('no free port in 3200-3299');
}

/** An SMTP server on 127.0.0.1 that accepts everything and writes each message to `dir`. */
async function startMailCatcher(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  fs.mkdirSync(dir, { recursive: true });
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const name = `${Date.now()}-${String(++received).padStart(4, '0')}.eml`;
        const envelope = `X-Envelope-To: ${session.envelope.rcptTo.map((r) => r.address).join(', ')}\r\n`;
        // Written under a temporary name and renamed, so a reader never sees half a message.
        fs.writeFileSync(path.join(dir, `${name}.part`), Buffer.concat([Buffer.from(envelope), ...chunks]));
        fs.renameSync(path.join(dir, `${name}.part`), path.join(dir, name));
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

export default async function setup(project: TestProject) {
  buildWebIfStale();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-e2e-'));
  const mailDir = path.join(dataDir, 'mail');
  const smtp = await startMailCatcher(mailDir);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.join(ROOT, 'bin/daicho.js'), 'serve', '--demo-if-empty'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DAICHO_DATA_DIR: dataDir,
      DAICHO_DATABASE_URL: '',
      DAICHO_SMTP_URL: smtp.url,
      DAICHO_MAIL: 'on',
      // Links in mails (a vendor's invitation) point at this server.
      DAICHO_PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  try {
    await waitForHealth(baseUrl, server, () => log);
  } catch (error) {
    server.kill('SIGKILL');
    await smtp.close();
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('mailDir', mailDir);

  return async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
