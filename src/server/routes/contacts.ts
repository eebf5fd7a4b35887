import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../shared/schemas/common.ts';
import { contactsBody, contactsView, drillBody, drillResponse, reverifyDueItem } from '../../shared/schemas/contacts.ts';
import { getContacts, recordDrill, reverifyDue, saveContacts, verifyContacts } from '../services/contacts.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';

const tags = ['contacts'];

/** 連絡体制: contact structures of register entries (mounted under /api/register). */
export const contactRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/entries/:id/contacts', { schema: { tags, summary: 'Contact structure of a register entry (three phases), re-verification status and drills', params: idParams, response: { 200: contactsView } } }, async (request) =>
    getContacts(deps, actorOf(request), request.params.id),
  );
  app.put('/entries/:id/contacts', { schema: { tags, summary: 'Replace the contact structure (settings and every contact)', params: idParams, body: contactsBody, response: { 200: contactsView } } }, async (request) =>
    saveContacts(deps, actorOf(request), request.params.id, request.body),
  );
  app.post('/entries/:id/contacts/verify', { schema: { tags, summary: 'Record that the contact structure was verified today (Japan time)', params: idParams, response: { 200: contactsView } } }, async (request) =>
    verifyContacts(deps, actorOf(request), request.params.id),
  );
  app.post('/entries/:id/drills', { schema: { tags, summary: 'Record a drill (訓練) of the contact structure', params: idParams, body: drillBody, response: { 201: drillResponse } } }, async (request, reply) =>
    reply.status(201).send(await recordDrill(deps, actorOf(request), request.params.id, request.body)),
  );
  app.get('/contacts/reverify-due', { schema: { tags, summary: 'Reminders: structures to re-verify (overdue, due within 30 days, never verified) and services in use without one', response: { 200: z.object({ items: z.array(reverifyDueItem) }) } } }, async (request) =>
    reverifyDue(deps, actorOf(request)),
  );
};
