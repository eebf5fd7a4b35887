import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okResponse } from '../../shared/schemas/common.ts';
import { monthlyResult, monthRangeQuery, outageBody, outageResponse, reviewBody, reviewResponse, reviewStatus, slaFlag, slaTermsBody, slaTermsResponse, yearMonth } from '../../shared/schemas/sla.ts';
import { getSla, saveTerms } from '../services/sla/terms.ts';
import { changeOutage, entryOutages, recordOutage, removeOutage } from '../services/sla/outages.ts';
import { entryResults, organisationMonthResults } from '../services/sla/results.ts';
import { entryReviews, recordReview, reviewsDue } from '../services/sla/reviews.ts';
import { requireRegister } from '../services/register.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';

const tags = ['sla'];

const slaView = z.object({
  entry: z.object({ id: z.string(), name: z.string(), external_key: z.string(), department: z.string() }),
  terms: slaTermsResponse.nullable(),
  flags: z.array(slaFlag),
  can_edit: z.boolean(),
  review: reviewStatus.nullable(),
  holidays_known_until: z.number(),
});

const entryMonth = monthlyResult.extend({ entry_id: z.string(), entry_name: z.string(), external_key: z.string(), department: z.string() });

export const slaRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/catalogue', { schema: { tags, summary: 'SLA items and the grades recommended for municipal clouds' } }, async (request) => {
    await requireRegister(deps, actorOf(request), false);
    const catalogue = deps.catalogues.slaItems;
    return { version: catalogue.data.version, items: catalogue.data.items };
  });

  app.get('/entries/:id', { schema: { tags, summary: 'SLA terms of a register entry, flags against the recommended grades, review status', params: idParams, response: { 200: slaView } } }, async (request) =>
    getSla(deps, actorOf(request), request.params.id),
  );
  app.put('/entries/:id/terms', { schema: { tags, summary: 'Record the SLA terms and counting rules', params: idParams, body: slaTermsBody, response: { 200: slaView } } }, async (request) =>
    saveTerms(deps, actorOf(request), request.params.id, request.body),
  );

  app.get('/entries/:id/outages', { schema: { tags, params: idParams, querystring: monthRangeQuery, response: { 200: z.object({ items: z.array(outageResponse) }) } } }, async (request) =>
    entryOutages(deps, actorOf(request), request.params.id, request.query),
  );
  app.post('/entries/:id/outages', { schema: { tags, summary: 'Record an outage by hand', params: idParams, body: outageBody, response: { 201: outageResponse } } }, async (request, reply) =>
    reply.status(201).send(await recordOutage(deps, actorOf(request), request.params.id, request.body)),
  );
  app.put('/outages/:id', { schema: { tags, summary: 'Correct a hand-entered outage', params: idParams, body: outageBody, response: { 200: outageResponse } } }, async (request) =>
    changeOutage(deps, actorOf(request), request.params.id, request.body),
  );
  app.delete('/outages/:id', { schema: { tags, summary: 'Remove a hand-entered outage or a monitor’s false alarm', params: idParams, response: { 200: okResponse } } }, async (request) => {
    await removeOutage(deps, actorOf(request), request.params.id);
    return { ok: true as const };
  });

  app.get('/entries/:id/results', { schema: { tags, summary: 'Monthly results three ways (contract rules, own measurement, vendor report)', params: idParams, querystring: monthRangeQuery, response: { 200: z.object({ items: z.array(monthlyResult) }) } } }, async (request) =>
    entryResults(deps, actorOf(request), request.params.id, request.query),
  );
  app.get('/results', { schema: { tags, summary: 'One month for every service with SLA terms', querystring: z.object({ month: yearMonth }), response: { 200: z.object({ month: z.string(), items: z.array(entryMonth), summary: z.object({ services: z.number(), met: z.number(), breached: z.number(), differs: z.number(), credit_yen_total: z.number() }) }) } } }, async (request) =>
    organisationMonthResults(deps, actorOf(request), request.query.month),
  );

  app.get('/entries/:id/reviews', { schema: { tags, params: idParams, response: { 200: z.object({ status: reviewStatus.nullable(), items: z.array(reviewResponse) }) } } }, async (request) =>
    entryReviews(deps, actorOf(request), request.params.id),
  );
  app.post('/entries/:id/reviews', { schema: { tags, summary: 'Record an SLA review', params: idParams, body: reviewBody, response: { 201: reviewResponse } } }, async (request, reply) =>
    reply.status(201).send(await recordReview(deps, actorOf(request), request.params.id, request.body)),
  );
  app.get('/reviews/due', { schema: { tags, summary: 'Reminders: reviews overdue or due within 30 days', response: { 200: z.object({ items: z.array(reviewStatus.extend({ entry_id: z.string(), entry_name: z.string(), external_key: z.string(), department: z.string() })) }) } } }, async (request) =>
    reviewsDue(deps, actorOf(request)),
  );
};
