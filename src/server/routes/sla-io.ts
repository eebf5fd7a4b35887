import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { yearMonth } from '../../shared/schemas/sla.ts';
import { importVendorReport, latestReportImports, reportTemplate } from '../services/sla/report-import.ts';
import { exportMonthlyReport } from '../services/sla/report-export.ts';
import { IMPORT_MAX_BYTES } from '../services/register-io/read-file.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';
import { UPLOAD_LIMITS, uploaded } from './register-io.ts';
import { sendXlsx, contentDisposition, XLSX } from './downloads.ts';

const tags = ['sla'];

const importQuery = z.object({
  mode: z.enum(['dry_run', 'commit']).default('dry_run'),
  replace: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

const importResponse = z.object({
  mode: z.enum(['dry_run', 'commit']),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  import_id: z.string().nullable(),
  rows: z.array(
    z.object({
      row: z.number(),
      external_key: z.string(),
      entry_name: z.string().nullable(),
      month: z.string().nullable(),
      kind: z.enum(['outage', 'summary']),
      occurred_at: z.string().nullable(),
      recovered_at: z.string().nullable(),
      minutes: z.number().nullable(),
      status: z.enum(['ok', 'error']),
    }),
  ),
  service_months: z.array(
    z.object({
      external_key: z.string(),
      entry_name: z.string(),
      month: z.string(),
      action: z.enum(['create', 'replace']),
      outages: z.number(),
      reported_availability: z.number().nullable(),
      reported_outage_minutes: z.number().nullable(),
      replaced_outages: z.number(),
    }),
  ),
  errors: z.array(z.object({ row: z.number(), column: z.string(), value: z.string(), reason: z.string(), reason_en: z.string().optional() })),
  summary: z.object({ rows: z.number(), services: z.number(), months: z.number(), service_months: z.number(), outages: z.number(), replaced: z.number(), errors: z.number() }),
});

const importItem = z.object({ id: z.string(), filename: z.string(), sha256: z.string(), row_count: z.number(), created_at: z.string(), created_by_label: z.string() });


/** The vendor's monthly operation report (import, template) and the monthly SLA report (export). */
export const slaIoRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(multipart, UPLOAD_LIMITS);

  app.get(
    '/report-template',
    { schema: { tags, summary: 'Template of the vendor monthly report import (header row and two examples, Japanese)', querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }) } },
    async (request, reply) => {
      const { format } = request.query;
      const content = await reportTemplate(deps, actorOf(request), format);
      return reply
        .header('content-type', format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(`sla-report-template.${format}`))
        .send(content);
    },
  );

  app.post(
    '/reports/import',
    {
      bodyLimit: IMPORT_MAX_BYTES + 1024 * 1024,
      schema: {
        tags,
        summary: 'Import a vendor monthly report (.xlsx/.csv): dry_run shows every row and error; commit writes all or nothing; replace=true replaces months imported before',
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        response: { 200: importResponse },
      },
    },
    async (request) => {
      const { filename, buffer } = await uploaded(request);
      return importVendorReport(deps, actorOf(request), filename, buffer, request.query);
    },
  );

  app.get('/reports/imports', { schema: { tags, summary: 'The latest vendor report imports', response: { 200: z.object({ items: z.array(importItem) }) } } }, async (request) => ({
    items: await latestReportImports(deps, actorOf(request)),
  }));

  app.get('/results/export', { schema: { tags, summary: 'The monthly SLA report as .xlsx (results per service, outage details)', querystring: z.object({ month: yearMonth }) } }, async (request, reply) => {
    const { buffer, filename } = await exportMonthlyReport(deps, actorOf(request), request.query.month);
    return sendXlsx(reply, filename, buffer);
  });
};
