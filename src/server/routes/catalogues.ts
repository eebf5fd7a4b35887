import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { idParams } from '../../shared/schemas/common.ts';
import {
  assessmentRulesBody,
  assessmentRulesResponse,
  catalogueDetail,
  catalogueHistoryQuery,
  catalogueHistoryResponse,
  catalogueImportQuery,
  catalogueImportResponse,
  catalogueListResponse,
  referenceParams,
  referenceResponse,
} from '../../shared/schemas/catalogues.ts';
import { bi } from '../../shared/messages.ts';
import { actorOf } from '../plugins/auth.ts';
import { catalogueDetailOf, catalogueTemplateXlsx, exportCatalogueXlsx, historyOf, listCatalogues, referenceCatalogue } from '../services/catalogues/browse.ts';
import { CATALOGUE_IMPORT_MAX_BYTES, importQuestionnaire } from '../services/catalogues/import.ts';
import { assessmentRulesOf, replaceAssessmentRules } from '../services/catalogues/rules.ts';
import type { Deps } from '../services/deps.ts';
import { sendXlsx } from './downloads.ts';
import { uploaded } from './register-io.ts';

const tags = ['catalogues'];


/** Catalogues: the browser (list, one version with its mappings, history, reference catalogues), the import of an organisation's questionnaire and the assessment rules. */
export const catalogueRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(multipart, { limits: { fileSize: CATALOGUE_IMPORT_MAX_BYTES, files: 1, fields: 2 } });

  app.get('/catalogues', { schema: { tags, summary: 'Current catalogues the caller can use (own imported and shipped) and the reference catalogues', response: { 200: catalogueListResponse } } }, async (request) =>
    listCatalogues(deps, actorOf(request)),
  );
  app.get('/catalogues/template.xlsx', { schema: { tags, summary: 'The .xlsx template of an organisation questionnaire (with an example)' } }, async (request, reply) => {
    const buffer = await catalogueTemplateXlsx(deps, actorOf(request));
    return sendXlsx(reply, 'questionnaire-template.xlsx', buffer);
  });
  app.get('/catalogues/rules', { schema: { tags, summary: 'Which catalogues apply to an entry by its administrative impact (default: the confirmation items for every entry)', response: { 200: assessmentRulesResponse } } }, async (request) =>
    assessmentRulesOf(deps, actorOf(request)),
  );
  app.put('/catalogues/rules', { schema: { tags, summary: 'Replace the assessment rules (org admins); an empty list returns to the default', body: assessmentRulesBody, response: { 200: assessmentRulesResponse } } }, async (request) =>
    replaceAssessmentRules(deps, actorOf(request), request.body),
  );
  app.get('/catalogues/history', { schema: { tags, summary: 'Every recorded version of a catalogue, with its sha256', querystring: catalogueHistoryQuery, response: { 200: catalogueHistoryResponse } } }, async (request) =>
    historyOf(deps, actorOf(request), request.query.urn),
  );
  app.get('/catalogues/reference/:name', { schema: { tags, summary: 'A reference catalogue (failure patterns, responsibility layers, disposal methods, SLA items, classification schemes)', params: referenceParams, response: { 200: referenceResponse } } }, async (request) =>
    referenceCatalogue(deps, actorOf(request), request.params.name),
  );
  app.get('/catalogues/versions/:id', { schema: { tags, summary: 'One catalogue version: categories, items, guidance, evidence, mappings both ways', params: idParams, response: { 200: catalogueDetail } } }, async (request) =>
    catalogueDetailOf(deps, actorOf(request), request.params.id),
  );
  app.get('/catalogues/versions/:id/export.xlsx', { schema: { tags, summary: 'A catalogue version as .xlsx in the import layout', params: idParams } }, async (request, reply) => {
    const { buffer, filename } = await exportCatalogueXlsx(deps, actorOf(request), request.params.id);
    return sendXlsx(reply, filename, buffer);
  });
  app.post(
    '/catalogues/import',
    {
      bodyLimit: CATALOGUE_IMPORT_MAX_BYTES + 512 * 1024,
      schema: {
        tags,
        summary: "Import an organisation's questionnaire (.yaml/.yml/.xlsx, 2 MB): dry_run=true lists every problem with its place; dry_run=false records the version or nothing",
        consumes: ['multipart/form-data'],
        querystring: catalogueImportQuery,
        response: { 200: catalogueImportResponse },
      },
    },
    async (request) => {
      const { filename, buffer } = await uploaded(request, () => bi('2MB以内のファイルにしてください', 'The file must be 2 MB or smaller'));
      return importQuestionnaire(deps, actorOf(request), filename, buffer, request.query.dry_run);
    },
  );
};
