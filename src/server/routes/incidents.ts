import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { idParams, idSchema, okResponse } from '../../shared/schemas/common.ts';
import {
  actionBody,
  actionParams,
  actionResponse,
  actionUpdateBody,
  entryParams,
  eventBody,
  eventResponse,
  impactBody,
  incidentCreateBody,
  incidentAttachment,
  incidentDetail,
  incidentListItem,
  incidentListQuery,
  incidentSummaryItem,
  incidentUpdateBody,
  participantResponse,
  vendorFiguresItem,
} from '../../shared/schemas/incidents.ts';
import { requireIncidents } from '../services/incidents/access.ts';
import { closeIncident, incidentSummary, listEntryIncidents, listIncidents, updateIncidentDetails } from '../services/incidents/incidents.ts';
import { reportIncident } from '../services/incidents/report.ts';
import { getIncident } from '../services/incidents/detail.ts';
import { postEvent } from '../services/incidents/events.ts';
import { recordImpact } from '../services/incidents/impacts.ts';
import { addAction, changeAction } from '../services/incidents/actions.ts';
import { vendorFigures } from '../services/incidents/figures.ts';
import { exportIncidentReport } from '../services/incidents/report-export.ts';
import { attachToIncident, listIncidentAttachments, readIncidentAttachment, removeIncidentAttachment } from '../services/incidents/attachments.ts';
import { IMPORT_MAX_BYTES } from '../services/register-io/read-file.ts';
import { UPLOAD_LIMITS, uploaded } from './register-io.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';
import { sendStoredFile, sendXlsx } from './downloads.ts';

const tags = ['incidents'];
const list = z.object({ items: z.array(incidentListItem) });
const attachmentParams = z.object({ id: idSchema, attachmentId: idSchema });

export const incidentRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(multipart, UPLOAD_LIMITS);

  app.get('/', { schema: { tags, summary: 'Incidents the caller takes part in, reported to it as vendor, or of its bodies (prefecture, association)', querystring: incidentListQuery, response: { 200: list } } }, async (request) =>
    listIncidents(deps, actorOf(request), request.query),
  );
  app.post('/', { schema: { tags, summary: 'Report an incident: a vendor on its service (reaches every linked municipality), a municipality on its register entry', body: incidentCreateBody, response: { 201: incidentDetail } } }, async (request, reply) =>
    reply.status(201).send(await reportIncident(deps, actorOf(request), request.body)),
  );
  app.get('/data-kinds', { schema: { tags, summary: 'Kinds of personal data (JNSA model) for describing a leak; readable by vendors too', response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.object({ ja: z.string(), en: z.string() }) })) }) } } }, async (request) => {
    await requireIncidents(deps, actorOf(request), false);
    return { items: deps.catalogues.dataKinds.data.kinds.map((k) => ({ code: k.code, name: k.name })) };
  });
  app.get('/summary', { schema: { tags, summary: 'Per incident: how many of the bodies take part and how each stands (prefecture, association, vendor)', response: { 200: z.object({ items: z.array(incidentSummaryItem) }) } } }, async (request) =>
    incidentSummary(deps, actorOf(request)),
  );
  app.get('/vendor-figures', { schema: { tags, summary: 'Per vendor used: incidents, median minutes to first report and recovery, late first reports', response: { 200: z.object({ items: z.array(vendorFiguresItem) }) } } }, async (request) =>
    vendorFigures(deps, actorOf(request)),
  );
  app.get('/entries/:entryId', { schema: { tags, summary: 'Incidents touching one of the caller’s register entries', params: entryParams, response: { 200: list } } }, async (request) =>
    listEntryIncidents(deps, actorOf(request), request.params.entryId),
  );
  app.get('/:id', { schema: { tags, params: idParams, response: { 200: incidentDetail } } }, async (request) => getIncident(deps, actorOf(request), request.params.id));
  app.patch('/:id', { schema: { tags, summary: 'Change the incident (the reporting organisation)', params: idParams, body: incidentUpdateBody, response: { 200: incidentDetail } } }, async (request) =>
    updateIncidentDetails(deps, actorOf(request), request.params.id, request.body),
  );
  app.post('/:id/events', { schema: { tags, summary: 'Add a moment to the timeline (a vendor’s are shared and announced to every participant)', params: idParams, body: eventBody, response: { 201: eventResponse } } }, async (request, reply) =>
    reply.status(201).send(await postEvent(deps, actorOf(request), request.params.id, request.body)),
  );
  app.put('/:id/impact', { schema: { tags, summary: 'Record the caller’s own impact (participants)', params: idParams, body: impactBody, response: { 200: participantResponse } } }, async (request) =>
    recordImpact(deps, actorOf(request), request.params.id, request.body),
  );
  app.post('/:id/actions', { schema: { tags, summary: 'Add a recurrence-prevention action', params: idParams, body: actionBody, response: { 201: actionResponse } } }, async (request, reply) =>
    reply.status(201).send(await addAction(deps, actorOf(request), request.params.id, request.body)),
  );
  app.patch('/:id/actions/:actionId', { schema: { tags, summary: 'Progress of an action', params: actionParams, body: actionUpdateBody, response: { 200: actionResponse } } }, async (request) =>
    changeAction(deps, actorOf(request), request.params.id, request.params.actionId, request.body),
  );
  app.post('/:id/close', { schema: { tags, summary: 'Close the caller’s handling (needs a prevention action); the reporter closes the incident', params: idParams, response: { 200: incidentDetail } } }, async (request) =>
    closeIncident(deps, actorOf(request), request.params.id),
  );
  app.get('/:id/attachments', { schema: { tags, summary: 'Files on the incident: the reporter’s (shared with everyone who sees it) and the caller’s own', params: idParams, response: { 200: z.object({ items: z.array(incidentAttachment) }) } } }, async (request) =>
    listIncidentAttachments(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/:id/attachments',
    { bodyLimit: IMPORT_MAX_BYTES + 1024 * 1024, schema: { tags, summary: 'Attach a file (pdf, images, Office, csv, txt; 10 MB), encrypted under the caller’s organisation key', consumes: ['multipart/form-data'], params: idParams, response: { 201: incidentAttachment } } },
    async (request, reply) => {
      const { filename, buffer } = await uploaded(request);
      return reply.status(201).send(await attachToIncident(deps, actorOf(request), request.params.id, filename, buffer));
    },
  );
  app.get('/:id/attachments/:attachmentId', { schema: { tags, summary: 'Download a file', params: attachmentParams } }, async (request, reply) => {
    const { meta, content } = await readIncidentAttachment(deps, actorOf(request), request.params.id, request.params.attachmentId);
    return sendStoredFile(reply, meta, content);
  });
  app.delete('/:id/attachments/:attachmentId', { schema: { tags, summary: 'Delete one of the caller’s files', params: attachmentParams, response: { 200: okResponse } } }, async (request) => {
    await removeIncidentAttachment(deps, actorOf(request), request.params.id, request.params.attachmentId);
    return { ok: true as const };
  });
  app.get('/:id/report.xlsx', { schema: { tags, summary: 'The closing report (.xlsx): summary with figures, timeline, own impact and actions', params: idParams } }, async (request, reply) => {
    const { buffer, filenames } = await exportIncidentReport(deps, actorOf(request), request.params.id);
    return sendXlsx(reply, filenames, buffer);
  });
};
