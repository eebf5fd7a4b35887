import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { idParams, okResponse } from '../../shared/schemas/common.ts';
import {
  answerBody,
  answerSaved,
  answerParams,
  answerRequestBody,
  answerRevision,
  assessmentVendorAnswers,
  catalogueQuery,
  entryRequest,
  entryRequestParams,
  entryRequests,
  evidenceItem,
  evidenceParams,
  requestSummary,
  reviewParams,
  reviewResponse,
  serviceAnswers as serviceAnswersSchema,
  serviceEvidenceParams,
  serviceParams,
  termsBody,
  vendorPortalService,
  vendorReviewBody,
} from '../../shared/schemas/vendor-portal.ts';
import { itemRevisions, listPortalServices, saveAnswer, serviceAnswers, setAnswerTerms, vendorRequests } from '../services/vendor-portal/answers.ts';
import { addEvidence, readEvidence, removeEvidence } from '../services/vendor-portal/evidence.ts';
import { acceptTerms, createRequest, listEntryRequests, withdrawRequest } from '../services/vendor-portal/requests.ts';
import { assessmentVendorAnswers as readAssessmentVendorAnswers, reviewVendorAnswer } from '../services/vendor-portal/review.ts';
import { IMPORT_MAX_BYTES } from '../services/register-io/read-file.ts';
import { UPLOAD_LIMITS, uploaded } from './register-io.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';
import { sendStoredFile } from './downloads.ts';

const tags = ['vendor-portal'];

// Paths are full paths under /api: the vendor's portal, the municipality's requests on a register
// entry, and the vendor answers inside a municipality's assessment.
export const vendorPortalRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(multipart, UPLOAD_LIMITS);

  // ---- the vendor's side (vendor_service:manage)
  app.get('/vendor-portal/services', { schema: { tags, summary: 'The vendor’s services with answer progress per catalogue, linked organisations and pending requests', response: { 200: z.object({ items: z.array(vendorPortalService) }) } } }, async (request) =>
    listPortalServices(deps, actorOf(request)),
  );
  app.get('/vendor-portal/services/:id/answers', { schema: { tags, summary: 'Every item of the catalogue with the service’s current answer, evidence and the requests', params: serviceParams, querystring: catalogueQuery, response: { 200: serviceAnswersSchema } } }, async (request) =>
    serviceAnswers(deps, actorOf(request), request.params.id, request.query.catalogue),
  );
  app.put('/vendor-portal/services/:id/answers/:key', { schema: { tags, summary: 'Answer an item (a new revision; announced to the municipalities that may read it)', params: answerParams, querystring: catalogueQuery, body: answerBody, response: { 200: answerSaved } } }, async (request) =>
    saveAnswer(deps, actorOf(request), request.params.id, request.params.key, request.query.catalogue, request.body),
  );
  app.get('/vendor-portal/services/:id/answers/:key/revisions', { schema: { tags, summary: 'Every revision of one answer, newest first', params: answerParams, querystring: catalogueQuery, response: { 200: z.object({ items: z.array(answerRevision) }) } } }, async (request) =>
    itemRevisions(deps, actorOf(request), request.params.id, request.params.key, request.query.catalogue),
  );
  app.post(
    '/vendor-portal/services/:id/answers/:key/evidence',
    { bodyLimit: IMPORT_MAX_BYTES + 1024 * 1024, schema: { tags, summary: 'Attach evidence to the current answer (pdf, images, Office, csv, txt; 10 MB), encrypted under the vendor’s key', consumes: ['multipart/form-data'], params: answerParams, querystring: catalogueQuery, response: { 201: evidenceItem } } },
    async (request, reply) => {
      const { filename, buffer } = await uploaded(request);
      return reply.status(201).send(await addEvidence(deps, actorOf(request), request.params.id, request.params.key, request.query.catalogue, filename, buffer));
    },
  );
  app.delete('/vendor-portal/services/:id/evidence/:attachmentId', { schema: { tags, summary: 'Delete an evidence file of the service', params: serviceEvidenceParams, response: { 200: okResponse } } }, async (request) => {
    await removeEvidence(deps, actorOf(request), request.params.id, request.params.attachmentId);
    return { ok: true as const };
  });
  app.put('/vendor-portal/services/:id/terms', { schema: { tags, summary: 'The terms a municipality accepts before reading answers shared on terms', params: serviceParams, body: termsBody, response: { 200: z.object({ id: z.string(), name: z.string(), answer_terms: z.string().nullable() }) } } }, async (request) =>
    setAnswerTerms(deps, actorOf(request), request.params.id, request.body.answer_terms),
  );
  app.get('/vendor-portal/requests', { schema: { tags, summary: 'Which municipalities asked for which answers, with status, due date and pending items', response: { 200: z.object({ items: z.array(requestSummary) }) } } }, async (request) =>
    vendorRequests(deps, actorOf(request)),
  );
  app.get('/vendor-portal/evidence/:attachmentId', { schema: { tags, summary: 'Download vendor evidence: the vendor itself, or a municipality that may read the answer', params: evidenceParams } }, async (request, reply) => {
    const { meta, content } = await readEvidence(deps, actorOf(request), request.params.attachmentId);
    return sendStoredFile(reply, meta, content);
  });

  // ---- the municipality's side (register:read to read, register:write to request and review)
  app.get('/register/entries/:id/answer-requests', { schema: { tags, summary: 'The linked vendor service, its answer terms and the organisation’s requests to it', params: idParams, response: { 200: entryRequests } } }, async (request) =>
    listEntryRequests(deps, actorOf(request), request.params.id),
  );
  app.post('/register/entries/:id/answer-requests', { schema: { tags, summary: 'Request the vendor’s answers to a catalogue (the entry must be linked to a vendor service)', params: idParams, body: answerRequestBody, response: { 201: entryRequest } } }, async (request, reply) =>
    reply.status(201).send(await createRequest(deps, actorOf(request), request.params.id, request.body)),
  );
  app.post('/register/entries/:id/answer-requests/:requestId/accept-terms', { schema: { tags, summary: 'Accept the service’s answer terms', params: entryRequestParams, response: { 200: entryRequest } } }, async (request) =>
    acceptTerms(deps, actorOf(request), request.params.id, request.params.requestId),
  );
  app.post('/register/entries/:id/answer-requests/:requestId/withdraw', { schema: { tags, summary: 'Withdraw a request', params: entryRequestParams, response: { 200: entryRequest } } }, async (request) =>
    withdrawRequest(deps, actorOf(request), request.params.id, request.params.requestId),
  );
  app.get('/assessments/:id/vendor-answers', { schema: { tags, summary: 'Per item of the assessment: the vendor answer the organisation may read (or why none) and its review', params: idParams, response: { 200: assessmentVendorAnswers } } }, async (request) =>
    readAssessmentVendorAnswers(deps, actorOf(request), request.params.id),
  );
  app.post('/assessments/:id/items/:key/vendor-review', { schema: { tags, summary: 'Accept or flag the vendor’s current answer in the assessment', params: reviewParams, body: vendorReviewBody, response: { 200: reviewResponse } } }, async (request) =>
    reviewVendorAnswer(deps, actorOf(request), request.params.id, request.params.key, request.body),
  );
};
