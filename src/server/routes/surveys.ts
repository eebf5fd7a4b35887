import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../shared/schemas/common.ts';
import { surveyAnswersBody, surveyCreateBody, surveyDetail as surveyDetailSchema, surveyListItem, surveyOptions as surveyOptionsSchema, surveyResults as surveyResultsSchema } from '../../shared/schemas/surveys.ts';
import { closeSurvey, createSurvey, listSurveys, surveyDetail, surveyOptions } from '../services/surveys/surveys.ts';
import { saveAnswers } from '../services/surveys/answers.ts';
import { surveyResults } from '../services/surveys/results.ts';
import { exportSurveyResults } from '../services/surveys/export.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';
import { sendXlsx } from './downloads.ts';

const tags = ['surveys'];

/** The importance survey (重要度調査): run by a prefecture or association, answered by its municipalities. Full paths under /api. */
export const surveyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/surveys', { schema: { tags, summary: "The owner's surveys with response counts, or the surveys a municipality is asked to answer with its own state", response: { 200: z.object({ items: z.array(surveyListItem) }) } } }, async (request) =>
    listSurveys(deps, actorOf(request)),
  );
  app.get('/surveys/options', { schema: { tags, summary: 'What a new survey may use: catalogues and the member municipalities (survey:run)', response: { 200: surveyOptionsSchema } } }, async (request) =>
    surveyOptions(deps, actorOf(request)),
  );
  app.post('/surveys', { schema: { tags, summary: 'Open a survey on a catalogue for member municipalities (notifies them)', body: surveyCreateBody, response: { 201: surveyDetailSchema } } }, async (request, reply) =>
    reply.status(201).send(await createSurvey(deps, actorOf(request), request.body)),
  );
  app.get('/surveys/:id', { schema: { tags, summary: 'A survey: its items, the own answers (participant) or the participants (owner)', params: idParams, response: { 200: surveyDetailSchema } } }, async (request) =>
    surveyDetail(deps, actorOf(request), request.params.id),
  );
  app.put('/surveys/:id/responses', { schema: { tags, summary: "Save the participant's whole set of answers, as a draft or handed in (submit)", params: idParams, body: surveyAnswersBody, response: { 200: surveyDetailSchema } } }, async (request) =>
    saveAnswers(deps, actorOf(request), request.params.id, request.body),
  );
  app.get('/surveys/:id/results', { schema: { tags, summary: 'Counts, shares and reasons per item (owner: any time, with names; participants: after the close, anonymised)', params: idParams, response: { 200: surveyResultsSchema } } }, async (request) =>
    surveyResults(deps, actorOf(request), request.params.id),
  );
  app.post('/surveys/:id/close', { schema: { tags, summary: 'Close the survey (owner)', params: idParams, response: { 200: surveyDetailSchema } } }, async (request) =>
    closeSurvey(deps, actorOf(request), request.params.id),
  );
  app.get('/surveys/:id/results.xlsx', { schema: { tags, summary: 'The results as .xlsx: counts per item and reasons (owner)', params: idParams } }, async (request, reply) => {
    const { buffer, filename } = await exportSurveyResults(deps, actorOf(request), request.params.id);
    return sendXlsx(reply, filename, buffer);
  });
};
