import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../shared/schemas/common.ts';
import {
  organisationCreateBody,
  organisationListQuery,
  organisationListResponse,
  organisationResponse,
  organisationUpdateBody,
} from '../../shared/schemas/organisations.ts';
import { createOrganisation, getOrganisation, listVisibleOrganisations, updateOrganisationDetails } from '../services/organisations.ts';
import type { Deps } from '../services/deps.ts';
import { actorOf } from '../plugins/auth.ts';

export const organisationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/',
    { schema: { tags: ['organisations'], summary: 'Organisations I can see (mine and those I coordinate)', querystring: organisationListQuery, response: { 200: organisationListResponse } } },
    async (request) => ({ items: await listVisibleOrganisations(deps, actorOf(request), request.query.kind) }),
  );
  app.get(
    '/:id',
    { schema: { tags: ['organisations'], summary: 'One organisation', params: idParams, response: { 200: organisationResponse } } },
    async (request) => getOrganisation(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/',
    { schema: { tags: ['organisations'], summary: 'Register an organisation (operator)', body: organisationCreateBody, response: { 201: organisationResponse } } },
    async (request, reply) => reply.status(201).send(await createOrganisation(deps, actorOf(request), request.body)),
  );
  app.patch(
    '/:id',
    { schema: { tags: ['organisations'], summary: 'Edit an organisation', params: idParams, body: organisationUpdateBody, response: { 200: organisationResponse } } },
    async (request) => updateOrganisationDetails(deps, actorOf(request), request.params.id, request.body),
  );
};
