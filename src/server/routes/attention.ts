import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attentionQuery, attentionResponse } from '../../shared/schemas/attention.ts';
import { attentionList } from '../services/attention/attention.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';

/** 要対応: what needs the caller's organisation, from every feature, most urgent first. Full paths under /api. */
export const attentionRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/attention',
    {
      schema: {
        tags: ['attention'],
        summary: 'What needs attention: open incidents, overdue and due confirmation items, vendor answers to review, SLA breaches and reviews, contacts to re-verify, surveys, answer requests (vendors); mine=true keeps my items',
        querystring: attentionQuery,
        response: { 200: attentionResponse },
      },
    },
    async (request) => attentionList(deps, actorOf(request), request.query),
  );
};
