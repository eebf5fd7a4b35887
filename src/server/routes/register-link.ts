import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../shared/schemas/common.ts';
import { entryVendorServiceBody, entryVendorServiceResponse } from '../../shared/schemas/incidents.ts';
import { linkEntryToService } from '../services/incidents/link.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';

/** The link from a register entry to the vendor's service profile (incidents fan out along it). */
export const registerLinkRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.put(
    '/entries/:id/vendor-service',
    { schema: { tags: ['register'], summary: "Link the entry to a vendor's service profile (null unlinks); joins the service's open incidents", params: idParams, body: entryVendorServiceBody, response: { 200: entryVendorServiceResponse } } },
    async (request) => linkEntryToService(deps, actorOf(request), request.params.id, request.body.vendor_service_id),
  );
};
