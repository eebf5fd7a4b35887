import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { idParams, okResponse } from '../../shared/schemas/common.ts';
import {
  assessmentDetail,
  assessmentList,
  assessmentListQuery,
  commentBody,
  commentResponse,
  entryAssessments,
  entryParams,
  evidenceItem,
  evidenceParams,
  historyEntry,
  itemParams,
  itemPatchBody,
  migrateResponse,
  reviewerOption,
  startBody,
} from '../../shared/schemas/assessments.ts';
import { startAssessment, listEntryAssessments } from '../services/assessments/start.ts';
import { getAssessment } from '../services/assessments/detail.ts';
import { addItemComment, itemHistory, listItemComments, reviewerOptions, updateAssessmentItem } from '../services/assessments/items.ts';
import { attachEvidence, readEvidence, removeEvidence } from '../services/assessments/evidence.ts';
import { migrateAssessment, migrateAssessmentItem } from '../services/assessments/migrate.ts';
import { listOrganisationAssessments } from '../services/assessments/list.ts';
import { exportAssessment } from '../services/assessments/export.ts';
import { IMPORT_MAX_BYTES } from '../services/register-io/read-file.ts';
import { UPLOAD_LIMITS, uploaded } from './register-io.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';
import { sendStoredFile, sendXlsx } from './downloads.ts';

// Assessments of register entries against catalogues (full paths under /api).

const tags = ['assessments'];

export const assessmentRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(multipart, UPLOAD_LIMITS);

  app.get('/register/entries/:id/assessments', { schema: { tags, summary: 'The entry’s assessments with progress, and catalogues not yet started (those its rules apply marked)', params: entryParams, response: { 200: entryAssessments } } }, async (request) =>
    listEntryAssessments(deps, actorOf(request), request.params.id),
  );
  app.post('/register/entries/:id/assessments', { schema: { tags, summary: 'Start an assessment of the entry against a catalogue (one unconfirmed item per catalogue item)', params: entryParams, body: startBody, response: { 201: assessmentDetail } } }, async (request, reply) =>
    reply.status(201).send(await startAssessment(deps, actorOf(request), request.params.id, request.body.catalogue_urn)),
  );
  app.get('/assessments', { schema: { tags, summary: 'The organisation’s assessments with progress, overdue items and next due date; totals per status', querystring: assessmentListQuery, response: { 200: assessmentList } } }, async (request) =>
    listOrganisationAssessments(deps, actorOf(request), request.query),
  );
  app.get('/assessments/reviewers', { schema: { tags, summary: 'Active users of the organisation who can be named reviewer', response: { 200: z.object({ items: z.array(reviewerOption) }) } } }, async (request) =>
    reviewerOptions(deps, actorOf(request)),
  );
  app.get('/assessments/evidence/:attachmentId', { schema: { tags, summary: 'Download an evidence file', params: evidenceParams } }, async (request, reply) => {
    const { meta, content } = await readEvidence(deps, actorOf(request), request.params.attachmentId);
    return sendStoredFile(reply, meta, content);
  });
  app.delete('/assessments/evidence/:attachmentId', { schema: { tags, summary: 'Delete an evidence file', params: evidenceParams, response: { 200: okResponse } } }, async (request) => {
    await removeEvidence(deps, actorOf(request), request.params.attachmentId);
    return { ok: true as const };
  });
  app.get('/assessments/:id', { schema: { tags, summary: 'One assessment: entry, catalogue version, categories with progress, items with their state', params: idParams, response: { 200: assessmentDetail } } }, async (request) =>
    getAssessment(deps, actorOf(request), request.params.id),
  );
  app.get('/assessments/:id/export.xlsx', { schema: { tags, summary: 'The assessment as .xlsx: summary, every item, evidence with sha256', params: idParams } }, async (request, reply) => {
    const { buffer, filenames } = await exportAssessment(deps, actorOf(request), request.params.id);
    return sendXlsx(reply, filenames, buffer);
  });
  app.post('/assessments/:id/migrate', { schema: { tags, summary: 'Move every item to the current catalogue version (new items added, removed ones archived)', params: idParams, response: { 200: migrateResponse } } }, async (request) =>
    migrateAssessment(deps, actorOf(request), request.params.id),
  );
  app.patch('/assessments/:id/items/:key', { schema: { tags, summary: 'Change an item at the revision the caller saw (stale revision: 409)', params: itemParams, body: itemPatchBody, response: { 200: assessmentDetail } } }, async (request) =>
    updateAssessmentItem(deps, actorOf(request), request.params.id, request.params.key, request.body),
  );
  app.post('/assessments/:id/items/:key/migrate', { schema: { tags, summary: 'Move one item to the current catalogue version (kept if its key remains, archived if not)', params: itemParams, response: { 200: migrateResponse } } }, async (request) =>
    migrateAssessmentItem(deps, actorOf(request), request.params.id, request.params.key),
  );
  app.get('/assessments/:id/items/:key/comments', { schema: { tags, params: itemParams, response: { 200: z.object({ items: z.array(commentResponse) }) } } }, async (request) =>
    listItemComments(deps, actorOf(request), request.params.id, request.params.key),
  );
  app.post('/assessments/:id/items/:key/comments', { schema: { tags, params: itemParams, body: commentBody, response: { 201: commentResponse } } }, async (request, reply) =>
    reply.status(201).send(await addItemComment(deps, actorOf(request), request.params.id, request.params.key, request.body.body)),
  );
  app.get('/assessments/:id/items/:key/history', { schema: { tags, summary: 'Every recorded change of the item, newest first', params: itemParams, response: { 200: z.object({ items: z.array(historyEntry), names: z.record(z.string(), z.string()) }) } } }, async (request) =>
    itemHistory(deps, actorOf(request), request.params.id, request.params.key),
  );
  app.post(
    '/assessments/:id/items/:key/evidence',
    { bodyLimit: IMPORT_MAX_BYTES + 1024 * 1024, schema: { tags, summary: 'Attach evidence (pdf, images, Office, csv, txt; 10 MB), encrypted under the organisation key', consumes: ['multipart/form-data'], params: itemParams, response: { 201: evidenceItem } } },
    async (request, reply) => {
      const { filename, buffer } = await uploaded(request);
      return reply.status(201).send(await attachEvidence(deps, actorOf(request), request.params.id, request.params.key, filename, buffer));
    },
  );
};
