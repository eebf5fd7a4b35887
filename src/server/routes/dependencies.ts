import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, okResponse } from '../../shared/schemas/common.ts';
import {
  dependencyPatchBody,
  entryDependenciesView,
  entryDependencyBody,
  entryDependencyItem,
  reachResponse,
  serviceDependenciesView,
  serviceDependencyBody,
  serviceDependencyItem,
  whatIfQuery,
  whatIfResponse,
  whatIfTargets,
} from '../../shared/schemas/dependencies.ts';
import { addEntryDependency, getEntryDependencies, removeEntryDependency, updateEntryDependency } from '../services/dependencies/entry-dependencies.ts';
import { addServiceDependency, getServiceDependencies, removeServiceDependency } from '../services/dependencies/service-dependencies.ts';
import { serviceReach, whatIf, whatIfTargets as listTargets } from '../services/dependencies/what-if.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';

const tags = ['dependencies'];

/** What runs on what, "what stops if X fails", and a vendor service's reach (mounted under /api). */
export const dependencyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/register/entries/:id/dependencies', { schema: { tags, summary: 'What the entry runs on and what runs on it', params: idParams, response: { 200: entryDependenciesView } } }, async (request) =>
    getEntryDependencies(deps, actorOf(request), request.params.id),
  );
  app.post('/register/entries/:id/dependencies', { schema: { tags, summary: 'Record that the entry runs on another entry or a vendor service (a cycle is refused)', params: idParams, body: entryDependencyBody, response: { 201: entryDependencyItem } } }, async (request, reply) =>
    reply.status(201).send(await addEntryDependency(deps, actorOf(request), request.params.id, request.body)),
  );
  app.patch('/dependencies/:id', { schema: { tags, summary: "Change a dependency's note", params: idParams, body: dependencyPatchBody, response: { 200: entryDependencyItem } } }, async (request) =>
    updateEntryDependency(deps, actorOf(request), request.params.id, request.body),
  );
  app.delete('/dependencies/:id', { schema: { tags, summary: 'Remove a dependency of an entry', params: idParams, response: { 200: okResponse } } }, async (request) => {
    await removeEntryDependency(deps, actorOf(request), request.params.id);
    return { ok: true as const };
  });
  app.get('/vendor-services/:id/dependencies', { schema: { tags, summary: 'What a vendor service runs on (and, for its vendor, what runs on it)', params: idParams, response: { 200: serviceDependenciesView } } }, async (request) =>
    getServiceDependencies(deps, actorOf(request), request.params.id),
  );
  app.post('/vendor-services/:id/dependencies', { schema: { tags, summary: "Declare that the vendor's service runs on another service (a cycle is refused)", params: idParams, body: serviceDependencyBody, response: { 201: serviceDependencyItem } } }, async (request, reply) =>
    reply.status(201).send(await addServiceDependency(deps, actorOf(request), request.params.id, request.body)),
  );
  app.delete('/vendor-service-dependencies/:id', { schema: { tags, summary: "Remove a declaration of what the vendor's service runs on", params: idParams, response: { 200: okResponse } } }, async (request) => {
    await removeServiceDependency(deps, actorOf(request), request.params.id);
    return { ok: true as const };
  });
  app.get('/what-if', { schema: { tags, summary: 'What stops if the target fails: every affected entry of the organisation, ranked, with the way it is reached', querystring: whatIfQuery, response: { 200: whatIfResponse } } }, async (request) =>
    whatIf(deps, actorOf(request), request.query.target_type, request.query.target_id),
  );
  app.get('/what-if/targets', { schema: { tags, summary: 'What the what-if picker offers, grouped (data centres, carriers, clouds, services, vendors, entries)', response: { 200: whatIfTargets } } }, async (request) =>
    listTargets(deps, actorOf(request)),
  );
  app.get('/vendor-services/:id/reach', { schema: { tags, summary: "The vendor's reach of its service: organisations affected directly or through a dependency, with counts", params: idParams, response: { 200: reachResponse } } }, async (request) =>
    serviceReach(deps, actorOf(request), request.params.id),
  );
};
