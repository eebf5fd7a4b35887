import type { FastifyReply } from 'fastify';

// How every file leaves the server: one Content-Disposition (an ASCII name for old clients, the real
// name as RFC 5987 UTF-8), and stored files always with nosniff so a browser never second-guesses the type.

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with an ASCII fallback name and the UTF-8 name. */
export function contentDisposition(filename: string, ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_')): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A stored (decrypted) file for download. */
export function sendStoredFile(reply: FastifyReply, meta: { filename: string; content_type: string }, content: Buffer) {
  return reply.header('content-type', meta.content_type).header('content-disposition', contentDisposition(meta.filename, 'download')).header('x-content-type-options', 'nosniff').send(content);
}

/** A generated .xlsx; `filename` may carry its own ASCII fallback. */
export function sendXlsx(reply: FastifyReply, filename: string | { ascii: string; utf8: string }, buffer: Buffer, contentType = XLSX) {
  const disposition = typeof filename === 'string' ? contentDisposition(filename) : contentDisposition(filename.utf8, filename.ascii);
  return reply.header('content-type', contentType).header('content-disposition', disposition).send(buffer);
}

/** A generated PDF, named as sendXlsx names a workbook. */
export function sendPdf(reply: FastifyReply, filename: string | { ascii: string; utf8: string }, buffer: Buffer) {
  return sendXlsx(reply, filename, buffer, 'application/pdf');
}
