import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../shared/schemas/common.ts';
import { tokenCreateBody, tokenCreatedResponse, tokenListResponse, tokenResponse } from '../../shared/schemas/tokens.ts';
import { createToken, listTokens, revokeToken } from '../services/api-tokens.ts';
import type { Deps } from '../services/deps.ts';
import { actorOf } from '../plugins/auth.ts';

export const tokenRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/',
    { schema: { tags: ['api-tokens'], summary: 'API tokens of my organisation', response: { 200: tokenListResponse } } },
    async (request) => ({ items: await listTokens(deps, actorOf(request)) }),
  );
  app.post(
    '/',
    { schema: { tags: ['api-tokens'], summary: 'Issue a token (the secret is shown once)', body: tokenCreateBody, response: { 201: tokenCreatedResponse } } },
    async (request, reply) => reply.status(201).send(await createToken(deps, actorOf(request), request.body)),
  );
  app.delete(
    '/:id',
    { schema: { tags: ['api-tokens'], summary: 'Revoke a token', params: idParams, response: { 200: tokenResponse } } },
    async (request) => revokeToken(deps, actorOf(request), request.params.id),
  );
};
