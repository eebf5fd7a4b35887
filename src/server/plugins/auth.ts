import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Deps } from '../services/deps.ts';
import { resolveApiToken, resolveSession, type ResolvedSession } from '../services/sessions.ts';
import { sendError } from './errors.ts';
import { AppError } from '../services/app-error.ts';
import { bi } from '../../shared/messages.ts';

export const SESSION_COOKIE = 'daicho_session';

/**
 * How much sign-in a route needs: 'none' (public), 'pending' (a session that may still owe an MFA
 * code, an MFA enrolment or a password change), or 'full' (the default).
 */
export type AuthLevel = 'none' | 'pending' | 'full';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthLevel;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: ResolvedSession | null;
  }
}

function secureCookie(deps: Deps, request: FastifyRequest): boolean {
  if (deps.config.secureCookies === 'always') return true;
  if (deps.config.secureCookies === 'never') return false;
  return request.protocol === 'https';
}

/** Sets the session cookie (a new session, or one renewed under a new token). */
export function setSessionCookie(deps: Deps, request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: secureCookie(deps, request) });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const STEP_ERRORS = { mfa: 'mfa_required', mfa_setup: 'mfa_setup_required', change_password: 'password_change_required' } as const;

/** The signed-in actor of a route that requires one (the auth hook guarantees it is there). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('route without auth');
  return request.actor;
}

/** The signed-in session; routes about a person's own account refuse API tokens with 403. */
export function sessionOf(request: FastifyRequest): ResolvedSession {
  if (!request.session) throw new AppError('forbidden', [{ field: 'authorization', reason: bi('この操作はAPIトークンでは行えません', 'This cannot be done with an API token') }]);
  return request.session;
}

export function registerAuth(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const level: AuthLevel = request.routeOptions.config?.auth ?? 'full';
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.actor = await resolveApiToken(deps, header.slice(7).trim(), request.ip);
      if (!request.actor && level !== 'none') return sendError(reply, 'unauthenticated', [{ field: 'authorization', reason: bi('APIトークンが無効か期限切れです', 'The API token is invalid or expired') }]);
      // Tokens act for automation: they never reach the session-only routes (MFA, password).
      if (request.actor && level === 'pending') return sendError(reply, 'forbidden', [{ field: 'authorization', reason: bi('この操作はAPIトークンでは行えません', 'This cannot be done with an API token') }]);
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    const resolved = cookie ? await resolveSession(deps, cookie, request.ip) : null;
    if (resolved) {
      request.session = resolved;
      request.actor = resolved.actor;
    }
    if (level === 'none') return;
    if (!resolved) return sendError(reply, 'unauthenticated');
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== resolved.session.csrf_token) return sendError(reply, 'csrf_failed');
    if (level === 'full' && resolved.nextStep !== 'none') return sendError(reply, STEP_ERRORS[resolved.nextStep]);
  });
}
