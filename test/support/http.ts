// Talking to the API the way the web app and automation do: a session cookie plus the CSRF header, or a
// Bearer token. Every call goes through app.inject, so no port is opened.
import { expect } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestUser } from './factories.ts';
import { Authenticator } from './totp.ts';

export const SESSION_COOKIE = 'daicho_session';

export interface Session {
  /** The value of the daicho_session cookie. */
  cookie: string;
  /** The CSRF token the server expects in x-csrf-token on unsafe requests. */
  csrf: string;
  /** The last /api/auth/* answer for this session (user, next_step, permissions...). */
  me: MeBody;
}

export interface MeBody {
  user: { id: string; email: string; role: string; mfa_enabled: boolean; must_change_password: boolean };
  organisation: { id: string; kind: string; name: string };
  next_step: 'none' | 'mfa' | 'mfa_setup' | 'change_password';
  permissions: string[];
  csrf_token: string;
  session_expires_at: string;
}

export type Credentials = Session | { token: string } | null;

interface CallOptions {
  body?: unknown;
  /** false leaves the CSRF header out; a string sends that value instead of the session's. */
  csrf?: false | string;
  headers?: Record<string, string>;
}

export interface Caller {
  get(url: string, options?: CallOptions): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, options?: CallOptions): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, options?: CallOptions): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, options?: CallOptions): Promise<LightMyRequestResponse>;
  delete(url: string, options?: CallOptions): Promise<LightMyRequestResponse>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Keeps a session the way a browser does: a session renewed under a new token (MFA passed, password
 * changed) answers with a new cookie and, when it describes itself, a new CSRF token.
 */
function followSession(session: Session, res: LightMyRequestResponse): LightMyRequestResponse {
  const renewed = res.cookies.find((c) => c.name === SESSION_COOKIE && c.value);
  if (renewed) {
    session.cookie = renewed.value;
    const body = (() => {
      try {
        return res.json() as Partial<MeBody>;
      } catch {
        return {};
      }
    })();
    if (typeof body?.csrf_token === 'string') session.csrf = body.csrf_token;
  }
  return res;
}

/** An API client acting with the given session or token (or anonymously with null). */
export function api(app: FastifyInstance, credentials: Credentials = null): Caller {
  const call = (method: Method, url: string, options: CallOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (credentials && 'token' in credentials) headers.authorization = `Bearer ${credentials.token}`;
    if (credentials && 'cookie' in credentials) {
      headers.cookie = `${SESSION_COOKIE}=${credentials.cookie}`;
      if (options.csrf !== false) headers['x-csrf-token'] = options.csrf ?? credentials.csrf;
    }
    return app
      .inject({ method, url, headers, ...(options.body !== undefined ? { payload: options.body as object } : {}) })
      .then((res) => (credentials && 'cookie' in credentials ? followSession(credentials, res) : res));
  };
  return {
    get: (url, options) => call('GET', url, options),
    post: (url, body, options) => call('POST', url, { ...options, body: body ?? options?.body }),
    patch: (url, body, options) => call('PATCH', url, { ...options, body: body ?? options?.body }),
    put: (url, body, options) => call('PUT', url, { ...options, body: body ?? options?.body }),
    delete: (url, options) => call('DELETE', url, options),
  };
}

export function loginRequest(app: FastifyInstance, email: string, password: string) {
  return api(app).post('/api/auth/login', { email, password });
}

/** Signs in with e-mail and password; the session may still owe an MFA code, enrolment or a new password. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<Session> {
  const res = await loginRequest(app, email, password);
  expect(res.statusCode, `login of ${email}: ${res.body}`).toBe(200);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  expect(cookie, 'the login answer sets the session cookie').toBeDefined();
  const me = res.json() as MeBody;
  return { cookie: cookie!.value, csrf: me.csrf_token, me };
}

/** Updates the session's view of itself from an /api/auth/* answer. */
function refreshed(session: Session, res: LightMyRequestResponse): Session {
  expect(res.statusCode, res.body).toBe(200);
  session.me = res.json() as MeBody;
  return session;
}

/** Enrols TOTP through the API (setup, then enable with a code); the user gets an authenticator and recovery codes. */
export async function enrolMfa(app: FastifyInstance, session: Session, user: TestUser): Promise<string[]> {
  const setup = await api(app, session).post('/api/me/mfa/setup');
  expect(setup.statusCode, setup.body).toBe(200);
  const authenticator = new Authenticator(setup.json().secret);
  const enabled = await api(app, session).post('/api/me/mfa/enable', { code: await authenticator.nextCode() });
  expect(enabled.statusCode, enabled.body).toBe(200);
  user.authenticator = authenticator;
  user.recoveryCodes = enabled.json().recovery_codes;
  refreshed(session, await api(app, session).get('/api/auth/me'));
  return user.recoveryCodes!;
}

/** Sends the second factor of a session that is at next_step 'mfa'. */
export async function passMfa(app: FastifyInstance, session: Session, user: TestUser): Promise<Session> {
  if (!user.authenticator) throw new Error(`${user.email} has no authenticator`);
  return refreshed(session, await api(app, session).post('/api/auth/mfa', { code: await user.authenticator.nextCode() }));
}

/**
 * Signs in all the way to a working session: enrols MFA the first time an administrator signs in,
 * answers the MFA step when the user has it. (A forced password change is left to the test.)
 */
export async function signInFully(app: FastifyInstance, user: TestUser): Promise<Session> {
  const session = await signIn(app, user.email, user.password);
  if (session.me.next_step === 'mfa_setup') await enrolMfa(app, session, user);
  else if (session.me.next_step === 'mfa') await passMfa(app, session, user);
  expect(session.me.next_step, `${user.email} is fully signed in`).toBe('none');
  return session;
}
