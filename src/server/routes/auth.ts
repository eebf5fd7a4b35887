import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePasswordBody, loginBody, meResponse, mfaCodeBody } from '../../shared/schemas/auth.ts';
import { okResponse } from '../../shared/schemas/common.ts';
import { changeOwnPassword, login, logout, logoutEverywhere, verifyMfa } from '../services/auth.ts';
import { describeSession } from '../services/sessions.ts';
import type { Deps } from '../services/deps.ts';
import { SESSION_COOKIE, sessionOf, setSessionCookie } from '../plugins/auth.ts';

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const loginLimit = { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' };

  app.post(
    '/login',
    {
      config: { auth: 'none', rateLimit: loginLimit },
      schema: { tags: ['auth'], summary: 'Sign in with e-mail and password', body: loginBody, response: { 200: meResponse } },
    },
    async (request, reply) => {
      const result = await login(deps, request.body.email, request.body.password, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      setSessionCookie(deps, request, reply, result.token);
      return describeSession(deps, result);
    },
  );

  app.post(
    '/mfa',
    {
      config: { auth: 'pending', rateLimit: loginLimit },
      schema: { tags: ['auth'], summary: 'Second step: a TOTP code or a recovery code', body: mfaCodeBody, response: { 200: meResponse } },
    },
    async (request, reply) => {
      const result = await verifyMfa(deps, sessionOf(request), request.body.code);
      setSessionCookie(deps, request, reply, result.token);
      return describeSession(deps, result);
    },
  );

  app.get(
    '/me',
    { config: { auth: 'pending' }, schema: { tags: ['auth'], summary: 'The current session, and what it still needs', response: { 200: meResponse } } },
    async (request) => describeSession(deps, sessionOf(request)),
  );

  app.post(
    '/logout',
    { config: { auth: 'pending' }, schema: { tags: ['auth'], summary: 'End this session', response: { 200: okResponse } } },
    async (request, reply) => {
      await logout(deps, sessionOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/logout-everywhere',
    { schema: { tags: ['auth'], summary: 'End every session of this user on every device', response: { 200: z.object({ sessions_ended: z.number() }) } } },
    async (request, reply) => {
      const ended = await logoutEverywhere(deps, sessionOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { sessions_ended: ended };
    },
  );

  app.post(
    '/password',
    {
      config: { auth: 'pending', rateLimit: loginLimit },
      schema: { tags: ['auth'], summary: 'Change my password', body: changePasswordBody, response: { 200: meResponse } },
    },
    async (request, reply) => {
      const result = await changeOwnPassword(deps, sessionOf(request), request.body.current_password, request.body.new_password);
      setSessionCookie(deps, request, reply, result.token);
      return describeSession(deps, result);
    },
  );
};
