import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { commitImport, previewImport } from '../services/register-io/import.ts';
import { exportRegisterCsv, exportRegisterXlsx, registerTemplateXlsx } from '../services/register-io/export.ts';
import { IMPORT_MAX_BYTES } from '../services/register-io/read-file.ts';
import { AppError } from '../services/app-error.ts';
import { attachToEntry, listEntryAttachments, readAttachment, removeAttachment } from '../services/attachments.ts';
import { idParams, okResponse, storedFile } from '../../shared/schemas/common.ts';
import { registerExportQuery } from '../../shared/schemas/register.ts';
import { japanToday } from '../../domain/japan-time.ts';
import type { Deps } from '../services/deps.ts';
import { actorOf } from '../plugins/auth.ts';
import { bi } from '../../shared/messages.ts';
import { sendStoredFile, XLSX } from './downloads.ts';

const tags = ['register'];

const importResponse = z.object({
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  rows: z.array(z.object({ row: z.number(), external_key: z.string(), name: z.string(), action: z.enum(['create', 'update', 'unchanged']), changed_fields: z.array(z.string()) })),
  errors: z.array(z.object({ row: z.number(), column: z.string(), value: z.string(), reason: z.string(), reason_en: z.string().optional() })),
  vendors_to_create: z.array(z.string()),
  summary: z.object({ rows: z.number(), create: z.number(), update: z.number(), unchanged: z.number(), errors: z.number() }),
});

/** Multipart limits of spreadsheet and attachment uploads (one file of at most 10 MB). */
export const UPLOAD_LIMITS = { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5 } };

const TOO_LARGE_10MB = () => bi('10MB以内のファイルにしてください', 'The file must be 10 MB or smaller');

/**
 * The one uploaded file of a multipart request (field `file`), read whole; too large or missing is a clear
 * error. A file cut at the size limit is refused (413) whether the parser threw or only marked it
 * truncated, so a cut file is never imported or stored.
 */
export async function uploaded(request: FastifyRequest, tooLarge: () => string = TOO_LARGE_10MB) {
  const file = await request.file();
  if (!file) throw new AppError('validation_failed', [{ field: 'file', reason: bi('ファイルを選んでください', 'Choose a file') }]);
  const buffer = await file.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', [{ field: 'file', reason: tooLarge() }]);
    throw error;
  });
  if (file.file.truncated) throw new AppError('payload_too_large', [{ field: 'file', reason: tooLarge() }]);
  return { filename: file.filename, buffer };
}

/** File names carry the date in Japan (an export at 08:00 JST is dated today, not yesterday). */
function stamp(deps: Deps) {
  return japanToday(deps.now());
}

/** Spreadsheet import (dry run, then all-or-nothing commit) and export of the register. */
export const registerIoRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(multipart, UPLOAD_LIMITS);

  app.post('/import/preview', { bodyLimit: IMPORT_MAX_BYTES + 1024 * 1024, schema: { tags, summary: 'Dry run of an .xlsx/.csv import: every row and every error, nothing written', consumes: ['multipart/form-data'], response: { 200: importResponse } } }, async (request) => {
    const { filename, buffer } = await uploaded(request);
    return previewImport(deps, actorOf(request), filename, buffer);
  });
  app.post('/import/commit', { bodyLimit: IMPORT_MAX_BYTES + 1024 * 1024, schema: { tags, summary: 'Import all rows in one transaction, or none', consumes: ['multipart/form-data'], response: { 200: importResponse } } }, async (request) => {
    const { filename, buffer } = await uploaded(request);
    return commitImport(deps, actorOf(request), filename, buffer);
  });
  const attachment = storedFile;
  app.get('/entries/:id/attachments', { schema: { tags, summary: 'Files attached to an entry', params: idParams, response: { 200: z.object({ items: z.array(attachment) }) } } }, async (request) => ({
    items: await listEntryAttachments(deps, actorOf(request), request.params.id),
  }));
  app.post('/entries/:id/attachments', { bodyLimit: IMPORT_MAX_BYTES + 1024 * 1024, schema: { tags, summary: 'Attach a file (pdf, images, Office, csv, txt; 10 MB), stored encrypted', consumes: ['multipart/form-data'], params: idParams, response: { 201: attachment } } }, async (request, reply) => {
    const { filename, buffer } = await uploaded(request);
    return reply.status(201).send(await attachToEntry(deps, actorOf(request), request.params.id, filename, buffer));
  });
  app.get('/attachments/:id', { schema: { tags, summary: 'Download an attachment', params: idParams } }, async (request, reply) => {
    const { meta, content } = await readAttachment(deps, actorOf(request), request.params.id);
    return sendStoredFile(reply, meta, content);
  });
  app.delete('/attachments/:id', { schema: { tags, summary: 'Delete an attachment', params: idParams, response: { 200: okResponse } } }, async (request) => {
    await removeAttachment(deps, actorOf(request), request.params.id);
    return { ok: true as const };
  });
  app.get('/template.xlsx', { schema: { tags, summary: 'Import template with Japanese headers and allowed values' } }, async (request, reply) =>
    reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="register-template.xlsx"`).send(await registerTemplateXlsx(deps, actorOf(request))),
  );
  app.get('/export.xlsx', { schema: { tags, summary: "The register as .xlsx: the list's filters and sort; with columns, the list's columns, else every column (imports back unchanged)", querystring: registerExportQuery } }, async (request, reply) =>
    reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="register-${stamp(deps)}.xlsx"`).send(await exportRegisterXlsx(deps, actorOf(request), request.query)),
  );
  app.get('/export.csv', { schema: { tags, summary: "The register as CSV (UTF-8 with BOM): the list's filters and sort; with columns, the list's columns, else every column", querystring: registerExportQuery } }, async (request, reply) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="register-${stamp(deps)}.csv"`).send(await exportRegisterCsv(deps, actorOf(request), request.query)),
  );
};
