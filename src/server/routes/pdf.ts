import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../shared/schemas/common.ts';
import { registerExportQuery } from '../../shared/schemas/register.ts';
import { yearMonth } from '../../shared/schemas/sla.ts';
import { japanToday } from '../../domain/japan-time.ts';
import { assessmentPdf } from '../services/pdf/assessment.ts';
import { incidentReportPdf } from '../services/pdf/incident.ts';
import { registerPdf } from '../services/pdf/register.ts';
import { slaMonthPdf } from '../services/pdf/sla-month.ts';
import type { Deps } from '../services/deps.ts';
import { actorOf } from '../plugins/auth.ts';
import { sendPdf } from './downloads.ts';

// The formal documents as PDFs (Japanese font embedded, 決裁欄, page numbers): each follows the same
// query, permission and tenancy as its .xlsx export and is audited as it is.
export const pdfRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/register/export.pdf', { schema: { tags: ['register'], summary: "The register as PDF (A4 landscape): the list's filters, sort and columns (without columns, the main ones)", querystring: registerExportQuery } }, async (request, reply) =>
    sendPdf(reply, `register-${japanToday(deps.now())}.pdf`, await registerPdf(deps, actorOf(request), request.query)),
  );
  app.get('/assessments/:id/export.pdf', { schema: { tags: ['assessments'], summary: "An assessment's result as PDF: entry, progress and every item by category", params: idParams } }, async (request, reply) => {
    const { buffer, filenames } = await assessmentPdf(deps, actorOf(request), request.params.id);
    return sendPdf(reply, filenames, buffer);
  });
  app.get('/sla/results/export.pdf', { schema: { tags: ['sla'], summary: 'The monthly SLA report as PDF (results per service with totals, outage details)', querystring: z.object({ month: yearMonth }) } }, async (request, reply) => {
    const { buffer, filename } = await slaMonthPdf(deps, actorOf(request), request.query.month);
    return sendPdf(reply, filename, buffer);
  });
  app.get('/incidents/:id/report.pdf', { schema: { tags: ['incidents'], summary: 'The closing report as PDF: summary with figures, timeline, own impact and actions', params: idParams } }, async (request, reply) => {
    const { buffer, filenames } = await incidentReportPdf(deps, actorOf(request), request.params.id);
    return sendPdf(reply, filenames, buffer);
  });
};
