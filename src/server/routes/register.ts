import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okResponse } from '../../shared/schemas/common.ts';
import {
  categoryBody,
  categoryResponse,
  classificationBody,
  entryCreateBody,
  entryListQuery,
  entryListResponse,
  entryResponse,
  entryUpdateBody,
  savedViewBody,
  savedViewResponse,
  vendorBody,
  vendorResponse,
} from '../../shared/schemas/register.ts';
import {
  createEntry,
  entryHistory,
  getEntry,
  listRegister,
  reclassifyEntry,
  registerOptions,
  registerOverview,
  removeEntry,
  updateRegisterEntry,
} from '../services/register.ts';
import { createCategory, listOrganisationCategories, removeCategory, renameCategory } from '../services/register-categories.ts';
import { createVendor, getVendor, listOrganisationVendors, removeVendor, updateVendorDetails } from '../services/vendors.ts';
import { createSavedView, listMySavedViews, removeSavedView } from '../services/saved-views.ts';
import { bulkRegisterAction } from '../services/register-bulk.ts';
import { bulkActionBody, bulkActionResponse } from '../../shared/schemas/register-bulk.ts';
import type { Deps } from '../services/deps.ts';
import { actorOf } from '../plugins/auth.ts';

const tags = ['register'];

export const registerRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/entries', { schema: { tags, summary: 'The register: filter, sort, search (Japanese partial match), page', querystring: entryListQuery, response: { 200: entryListResponse } } }, async (request) =>
    listRegister(deps, actorOf(request), request.query),
  );
  app.get('/overview', { schema: { tags, summary: 'Counts by category, impact band, zone, status; heat maps', querystring: entryListQuery.partial() } }, async (request) =>
    registerOverview(deps, actorOf(request), request.query),
  );
  app.get('/options', { schema: { tags, summary: 'Choices for forms: categories, vendors, departments, schemes, data kinds' } }, async (request) => registerOptions(deps, actorOf(request)));
  app.get('/entries/:id', { schema: { tags, params: idParams, response: { 200: entryResponse } } }, async (request) => getEntry(deps, actorOf(request), request.params.id));
  app.post('/entries', { schema: { tags, summary: 'Register an external service', body: entryCreateBody, response: { 201: entryResponse } } }, async (request, reply) =>
    reply.status(201).send(await createEntry(deps, actorOf(request), request.body)),
  );
  app.patch('/entries/:id', { schema: { tags, params: idParams, body: entryUpdateBody, response: { 200: entryResponse } } }, async (request) =>
    updateRegisterEntry(deps, actorOf(request), request.params.id, request.body),
  );
  app.post('/entries/bulk', { schema: { tags, summary: 'One action on several entries (status, department, start an assessment): all or none, each entry audited', body: bulkActionBody, response: { 200: bulkActionResponse } } }, async (request) =>
    bulkRegisterAction(deps, actorOf(request), request.body),
  );
  app.put('/entries/:id/classification', { schema: { tags, summary: 'Reclassify with a reason (kept in history)', params: idParams, body: classificationBody, response: { 200: entryResponse } } }, async (request) =>
    reclassifyEntry(deps, actorOf(request), request.params.id, request.body),
  );
  app.delete('/entries/:id', { schema: { tags, summary: 'Delete an entry (organisation admin)', params: idParams, response: { 200: okResponse } } }, async (request) => {
    await removeEntry(deps, actorOf(request), request.params.id);
    return { ok: true as const };
  });
  app.get('/entries/:id/history', { schema: { tags, summary: 'Classification history and change trail', params: idParams } }, async (request) => entryHistory(deps, actorOf(request), request.params.id));

  app.get('/vendors', { schema: { tags, querystring: z.object({ q: z.string().max(100).optional() }), response: { 200: z.object({ items: z.array(vendorResponse) }) } } }, async (request) => ({
    items: await listOrganisationVendors(deps, actorOf(request), request.query.q),
  }));
  app.get('/vendors/:id', { schema: { tags, params: idParams, response: { 200: vendorResponse } } }, async (request) => getVendor(deps, actorOf(request), request.params.id));
  app.post('/vendors', { schema: { tags, body: vendorBody, response: { 201: vendorResponse } } }, async (request, reply) => reply.status(201).send(await createVendor(deps, actorOf(request), request.body)));
  app.put('/vendors/:id', { schema: { tags, params: idParams, body: vendorBody, response: { 200: vendorResponse } } }, async (request) => updateVendorDetails(deps, actorOf(request), request.params.id, request.body));
  app.delete('/vendors/:id', { schema: { tags, params: idParams, response: { 200: okResponse } } }, async (request) => {
    await removeVendor(deps, actorOf(request), request.params.id);
    return { ok: true as const };
  });

  app.get('/categories', { schema: { tags, response: { 200: z.object({ items: z.array(categoryResponse) }) } } }, async (request) => ({ items: await listOrganisationCategories(deps, actorOf(request)) }));
  app.post('/categories', { schema: { tags, body: categoryBody, response: { 201: categoryResponse } } }, async (request, reply) => reply.status(201).send(await createCategory(deps, actorOf(request), request.body)));
  app.put('/categories/:id', { schema: { tags, params: idParams, body: categoryBody, response: { 200: categoryResponse } } }, async (request) => renameCategory(deps, actorOf(request), request.params.id, request.body));
  app.delete('/categories/:id', { schema: { tags, params: idParams, response: { 200: okResponse } } }, async (request) => {
    await removeCategory(deps, actorOf(request), request.params.id);
    return { ok: true as const };
  });

  app.get('/views', { schema: { tags, summary: 'My saved views of the register list', response: { 200: z.object({ items: z.array(savedViewResponse) }) } } }, async (request) => ({ items: await listMySavedViews(deps, actorOf(request)) }));
  app.post('/views', { schema: { tags, body: savedViewBody, response: { 201: savedViewResponse } } }, async (request, reply) => reply.status(201).send(await createSavedView(deps, actorOf(request), request.body)));
  app.delete('/views/:id', { schema: { tags, params: idParams, response: { 200: okResponse } } }, async (request) => {
    await removeSavedView(deps, actorOf(request), request.params.id);
    return { ok: true as const };
  });
};
