import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okResponse } from '../../shared/schemas/common.ts';
import { vendorServiceBody, vendorServiceItem, vendorServiceMine, vendorServiceQuery } from '../../shared/schemas/incidents.ts';
import { createService, myServices, removeService, searchServices, updateService } from '../services/incidents/vendor-services.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';

const tags = ['vendor-services'];

/** Vendors' service profiles: searched by the bodies that use them, kept by the vendor. */
export const vendorServiceRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/', { schema: { tags, summary: 'Search vendor services (a vendor gets its own, with how many organisations link to each)', querystring: vendorServiceQuery, response: { 200: z.object({ items: z.array(vendorServiceItem) }) } } }, async (request) =>
    searchServices(deps, actorOf(request), request.query.q),
  );
  app.get('/mine', { schema: { tags, summary: "The vendor's services and the organisations linked to each", response: { 200: z.object({ items: z.array(vendorServiceMine) }) } } }, async (request) =>
    myServices(deps, actorOf(request)),
  );
  app.post('/', { schema: { tags, summary: 'Add a service profile (vendor users)', body: vendorServiceBody, response: { 201: vendorServiceItem } } }, async (request, reply) =>
    reply.status(201).send(await createService(deps, actorOf(request), request.body)),
  );
  app.put('/:id', { schema: { tags, summary: 'Rename or describe a service profile', params: idParams, body: vendorServiceBody, response: { 200: vendorServiceItem } } }, async (request) =>
    updateService(deps, actorOf(request), request.params.id, request.body),
  );
  app.delete('/:id', { schema: { tags, summary: 'Delete a service profile (refused while linked or with incidents)', params: idParams, response: { 200: okResponse } } }, async (request) => {
    await removeService(deps, actorOf(request), request.params.id);
    return { ok: true as const };
  });
};
