import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okResponse } from '../../shared/schemas/common.ts';
import {
  chainQuery,
  chainsView,
  partiesView,
  partyCreateBody,
  partyResponse,
  partyUpdateBody,
  subcontractPolicyBody,
  subcontractPolicyResponse,
  vendorOrganisationItem,
  vendorOrganisationQuery,
} from '../../shared/schemas/parties.ts';
import { addParty, changeParty, getParties, platformVendors, removeParty } from '../services/parties/parties.ts';
import { exportSubcontractChains, getSubcontractPolicy, setSubcontractPolicy, subcontractChains } from '../services/parties/chains.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';
import { sendXlsx } from './downloads.ts';

const tags = ['parties'];

/** 責任分界と委託先: the parties of register entries, the subcontract chains and the allowed depth. */
export const partyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/register/entries/:id/parties', { schema: { tags, summary: 'The parties of a register entry as a tree (depth, approval, flags) and the allowed subcontract depth', params: idParams, response: { 200: partiesView } } }, async (request) =>
    getParties(deps, actorOf(request), request.params.id),
  );
  app.post('/register/entries/:id/parties', { schema: { tags, summary: 'Add a party (a vendor of our list or on the platform, or our organisation) with its role', params: idParams, body: partyCreateBody, response: { 201: partyResponse } } }, async (request, reply) =>
    reply.status(201).send(await addParty(deps, actorOf(request), request.params.id, request.body)),
  );
  app.patch('/parties/:id', { schema: { tags, summary: 'Change a party (only the fields sent)', params: idParams, body: partyUpdateBody, response: { 200: partyResponse } } }, async (request) =>
    changeParty(deps, actorOf(request), request.params.id, request.body),
  );
  app.delete('/parties/:id', { schema: { tags, summary: 'Remove a party with its matrix cells and fault roles (refused while it has subcontractors)', params: idParams, response: { 200: okResponse } } }, async (request) => {
    await removeParty(deps, actorOf(request), request.params.id);
    return { ok: true as const };
  });
  app.get('/register/platform-vendors', { schema: { tags, summary: 'Vendor organisations on the platform and their services (for choosing a party)', querystring: vendorOrganisationQuery, response: { 200: z.object({ items: z.array(vendorOrganisationItem) }) } } }, async (request) =>
    platformVendors(deps, actorOf(request), request.query.q),
  );
  app.get('/register/subcontract-chains', { schema: { tags, summary: 'Every entry with parties: its subcontract chain as a tree, approvals and flags (flagged=true: only flagged entries)', querystring: chainQuery, response: { 200: chainsView } } }, async (request) =>
    subcontractChains(deps, actorOf(request), request.query.flagged === 'true'),
  );
  app.get('/register/subcontract-chains.xlsx', { schema: { tags, summary: 'The subcontract chains as .xlsx (one row per party, with its depth)' } }, async (request, reply) => {
    const { buffer, filenames } = await exportSubcontractChains(deps, actorOf(request));
    return sendXlsx(reply, filenames, buffer);
  });
  app.get('/organisation/subcontract-policy', { schema: { tags, summary: 'How deep a subcontract chain may go before it is flagged', response: { 200: subcontractPolicyResponse } } }, async (request) =>
    getSubcontractPolicy(deps, actorOf(request)),
  );
  app.put('/organisation/subcontract-policy', { schema: { tags, summary: 'Set the allowed subcontract depth (organisation administrators)', body: subcontractPolicyBody, response: { 200: subcontractPolicyResponse } } }, async (request) =>
    setSubcontractPolicy(deps, actorOf(request), request.body.max_depth),
  );
};
