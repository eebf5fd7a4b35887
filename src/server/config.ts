import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Base64 of 32 bytes; when absent a key file in dataDir is used (created on first start). */
  masterKey: string | null;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** 'auto' sets Secure on cookies when the request came over HTTPS (directly or via a trusted proxy). */
  secureCookies: 'auto' | 'always' | 'never';
  trustProxy: boolean;
  loginMaxFailures: number;
  /** The longest wait between sign-in attempts of an account after repeated failures (src/domain/login-backoff.ts). */
  lockoutMinutes: number;
  loginRateLimitPerMinute: number;
  /** A signed checkpoint of the audit chain head after this many new entries (and by the daily job). */
  auditCheckpointEvery: number;
  logLevel: string;
  webDir: string;
  /** Runs the SLA probe scheduler in `serve` (DAICHO_PROBE=off turns it off). */
  probeEnabled: boolean;
  /** Lets monitors check loopback, private and link-local addresses (refused by default: SSRF). */
  probeAllowPrivate: boolean;
  /** Runs the mail sender in `serve` (DAICHO_MAIL=off turns it off; mails then wait in the outbox). */
  mailEnabled: boolean;
  /** Where mail is handed over, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@mail.example.jp; none: mails wait in the outbox. */
  smtpUrl: string | null;
  /** The From of every mail. */
  mailFrom: string;
  /** The address users reach the web app at, without a trailing slash: links in mails start with it. */
  publicUrl: string;
  /** The Japan-time hour (0–23) from which the daily digest mail goes to those who chose it. */
  digestHour: number;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return value;
}

function switchFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['on', 'true', '1'].includes(raw)) return true;
  if (['off', 'false', '0'].includes(raw)) return false;
  throw new Error(`${name} must be on/off, true/false or 1/0 (got "${env[name]}")`);
}

function urlFrom(env: NodeJS.ProcessEnv, name: string, schemes: string[], fallback: string | null): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be a URL (got "${raw}")`);
  }
  if (!schemes.includes(url.protocol.replace(/:$/, ''))) throw new Error(`${name} must start with ${schemes.map((s) => `${s}://`).join(' or ')} (got "${raw}")`);
  return raw;
}

/** Reads the configuration from the environment; every variable is documented in docs/operations.md. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const secure = env.DAICHO_SECURE_COOKIES ?? 'auto';
  if (!['auto', 'always', 'never'].includes(secure)) throw new Error('DAICHO_SECURE_COOKIES must be auto, always or never');
  return {
    port: intFrom(env, 'PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DAICHO_DATA_DIR ?? 'data'),
    databaseUrl: env.DAICHO_DATABASE_URL || null,
    masterKey: env.DAICHO_MASTER_KEY || null,
    sessionIdleMinutes: intFrom(env, 'DAICHO_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: intFrom(env, 'DAICHO_SESSION_ABSOLUTE_HOURS', 12),
    secureCookies: secure as Config['secureCookies'],
    trustProxy: env.DAICHO_TRUST_PROXY === 'true' || env.DAICHO_TRUST_PROXY === '1',
    loginMaxFailures: intFrom(env, 'DAICHO_LOGIN_MAX_FAILURES', 5),
    lockoutMinutes: intFrom(env, 'DAICHO_LOCKOUT_MINUTES', 15),
    loginRateLimitPerMinute: intFrom(env, 'DAICHO_LOGIN_RATE_LIMIT', 20),
    auditCheckpointEvery: intFrom(env, 'DAICHO_AUDIT_CHECKPOINT_EVERY', 100),
    logLevel: env.LOG_LEVEL ?? 'info',
    webDir: path.resolve(env.DAICHO_WEB_DIR ?? 'dist/web'),
    probeEnabled: switchFrom(env, 'DAICHO_PROBE', true),
    probeAllowPrivate: switchFrom(env, 'DAICHO_PROBE_ALLOW_PRIVATE', false),
    mailEnabled: switchFrom(env, 'DAICHO_MAIL', true),
    smtpUrl: urlFrom(env, 'DAICHO_SMTP_URL', ['smtp', 'smtps'], null),
    mailFrom: env.DAICHO_MAIL_FROM || 'Daicho <no-reply@daicho.invalid>',
    publicUrl: urlFrom(env, 'DAICHO_PUBLIC_URL', ['http', 'https'], 'http://127.0.0.1:3000')!.replace(/\/+$/, ''),
    digestHour: hourFrom(env, 'DAICHO_DIGEST_HOUR', 8),
    ...overrides,
  };
}

function hourFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 23) throw new Error(`${name} must be an hour from 0 to 23 (got "${raw}")`);
  return value;
}
