import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../shared/schemas/common.ts';
import { entryInvitationParams, invitationAccepted, invitationAcceptBody, invitationBody, invitationItem, publicInvitation, tokenParams } from '../../shared/schemas/vendor-portal.ts';
import { acceptInvitation, describeInvitation, inviteVendor, listInvitations, revokeInvitation } from '../services/vendor-portal/invitations.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';

const tags = ['invitations'];

// Paths are full paths under /api. Inviting is a register write; reading and accepting an invitation
// is public (no session), rate-limited like sign-in.
export const invitationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const limit = { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' };

  app.get('/register/entries/:id/vendor-invitations', { schema: { tags, summary: 'Invitations sent from the entry', params: idParams, response: { 200: z.object({ items: z.array(invitationItem) }) } } }, async (request) =>
    listInvitations(deps, actorOf(request), request.params.id),
  );
  app.post('/register/entries/:id/vendor-invitations', { schema: { tags, summary: 'Invite a vendor not yet on the platform (a single-use link is mailed, valid 14 days)', params: idParams, body: invitationBody, response: { 201: invitationItem } } }, async (request, reply) =>
    reply.status(201).send(await inviteVendor(deps, actorOf(request), request.params.id, request.body)),
  );
  app.post('/register/entries/:id/vendor-invitations/:invitationId/revoke', { schema: { tags, summary: 'Revoke a pending invitation', params: entryInvitationParams, response: { 200: invitationItem } } }, async (request) =>
    revokeInvitation(deps, actorOf(request), request.params.id, request.params.invitationId),
  );

  app.get('/invitations/:token', { config: { auth: 'none', rateLimit: limit }, schema: { tags, summary: 'What an invitation is about (unknown, expired, used or revoked: 404 alike)', params: tokenParams, response: { 200: publicInvitation } } }, async (request) =>
    describeInvitation(deps, request.params.token),
  );
  app.post('/invitations/:token/accept', { config: { auth: 'none', rateLimit: limit }, schema: { tags, summary: 'Create the vendor organisation, its first user and the service from the invitation', params: tokenParams, body: invitationAcceptBody, response: { 201: invitationAccepted } } }, async (request, reply) =>
    reply.status(201).send(await acceptInvitation(deps, request.params.token, request.body, request.ip)),
  );
};
