import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { localeBody, mfaCodeBody, mfaDisableBody, mfaSetupResponse, mfaStatusResponse, recoveryCodesResponse } from '../../shared/schemas/auth.ts';
import { okResponse } from '../../shared/schemas/common.ts';
import { disableMfa, enableMfa, mfaStatus, regenerateRecoveryCodes, startMfaSetup } from '../services/mfa.ts';
import { setOwnLocale } from '../services/users.ts';
import type { Deps } from '../services/deps.ts';
import { sessionOf, setSessionCookie } from '../plugins/auth.ts';

/** The signed-in user's own settings: MFA enrolment and recovery codes, language. */
export const meRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/mfa',
    { config: { auth: 'pending' }, schema: { tags: ['me'], summary: 'My MFA status', response: { 200: mfaStatusResponse } } },
    async (request) => mfaStatus(deps, sessionOf(request)),
  );
  app.post(
    '/mfa/setup',
    { config: { auth: 'pending' }, schema: { tags: ['me'], summary: 'Start TOTP enrolment (returns the secret once)', response: { 200: mfaSetupResponse } } },
    async (request) => startMfaSetup(deps, sessionOf(request)),
  );
  app.post(
    '/mfa/enable',
    { config: { auth: 'pending' }, schema: { tags: ['me'], summary: 'Confirm enrolment with a code; returns recovery codes once', body: mfaCodeBody, response: { 200: recoveryCodesResponse } } },
    async (request, reply) => {
      const { token, recovery_codes } = await enableMfa(deps, sessionOf(request), request.body.code);
      setSessionCookie(deps, request, reply, token);
      return { recovery_codes };
    },
  );
  app.post(
    '/mfa/recovery-codes',
    { schema: { tags: ['me'], summary: 'Replace my recovery codes', response: { 200: recoveryCodesResponse } } },
    async (request) => regenerateRecoveryCodes(deps, sessionOf(request)),
  );
  app.post(
    '/mfa/disable',
    { schema: { tags: ['me'], summary: 'Turn MFA off (not allowed for administrators)', body: mfaDisableBody, response: { 200: okResponse } } },
    async (request) => {
      await disableMfa(deps, sessionOf(request), request.body.password, request.body.code);
      return { ok: true as const };
    },
  );
  app.put(
    '/locale',
    { config: { auth: 'pending' }, schema: { tags: ['me'], summary: 'My display language', body: localeBody, response: { 200: okResponse } } },
    async (request) => {
      await setOwnLocale(deps, sessionOf(request), request.body.locale);
      return { ok: true as const };
    },
  );
};
