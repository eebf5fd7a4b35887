import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchQuery, searchResponse } from '../../shared/schemas/search.ts';
import { searchEverything } from '../services/search/search.ts';
import type { Deps } from '../services/deps.ts';
import { actorOf } from '../plugins/auth.ts';

/** GET /api/search?q=: the header search over everything the caller's lists show, in groups. */
export const searchRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['search'],
        summary: 'Search register entries, assessments, vendors, incidents, a vendor’s services and requests, and catalogue items at once (Japanese matching as the register list; within the caller’s scope)',
        querystring: searchQuery,
        response: { 200: searchResponse },
      },
    },
    async (request) => searchEverything(deps, actorOf(request), request.query),
  );
};
