import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../shared/schemas/common.ts';
import { resetPasswordBody, userCreateBody, userListQuery, userListResponse, userResponse, userUpdateBody, userWithPasswordResponse } from '../../shared/schemas/users.ts';
import { createUser, getUser, listOrganisationUsers, resetUserMfa, resetUserPassword, updateUserAccount } from '../services/users.ts';
import type { Deps } from '../services/deps.ts';
import { actorOf } from '../plugins/auth.ts';

export const userRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/',
    { schema: { tags: ['users'], summary: 'Users of my organisation', querystring: userListQuery, response: { 200: userListResponse } } },
    async (request) => ({ items: await listOrganisationUsers(deps, actorOf(request), request.query) }),
  );
  app.get(
    '/:id',
    { schema: { tags: ['users'], summary: 'One user', params: idParams, response: { 200: userResponse } } },
    async (request) => getUser(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/',
    { schema: { tags: ['users'], summary: 'Create a user (temporary password shown once)', body: userCreateBody, response: { 201: userWithPasswordResponse } } },
    async (request, reply) => reply.status(201).send(await createUser(deps, actorOf(request), request.body)),
  );
  app.patch(
    '/:id',
    { schema: { tags: ['users'], summary: 'Change name, role, language or disable', params: idParams, body: userUpdateBody, response: { 200: userResponse } } },
    async (request) => updateUserAccount(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/:id/reset-password',
    { schema: { tags: ['users'], summary: 'Set a temporary password (must be changed at next sign-in)', params: idParams, body: resetPasswordBody, response: { 200: userWithPasswordResponse } } },
    async (request) => resetUserPassword(deps, actorOf(request), request.params.id, request.body.temporary_password),
  );
  app.post(
    '/:id/reset-mfa',
    { schema: { tags: ['users'], summary: 'Clear a user’s MFA so they can enrol again', params: idParams, response: { 200: userResponse } } },
    async (request) => resetUserMfa(deps, actorOf(request), request.params.id),
  );
};
