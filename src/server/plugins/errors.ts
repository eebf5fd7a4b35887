import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_CODES, type ErrorBody, type ErrorCode, type ErrorDetail } from '../../shared/errors.ts';
import { AppError } from '../services/app-error.ts';
import { bi, englishOf } from '../../shared/messages.ts';

export function errorBody(code: ErrorCode, details: ErrorDetail[] = []): ErrorBody {
  const bilingual = details.map((d) => ({ field: d.field, reason: d.reason, reason_en: d.reason_en ?? englishOf(d.reason) ?? d.reason }));
  return { error: { code, message: ERROR_CODES[code].ja, message_en: ERROR_CODES[code].en, details: bilingual } };
}

export function sendError(reply: FastifyReply, code: ErrorCode, details: ErrorDetail[] = []) {
  return reply.status(ERROR_CODES[code].status).send(errorBody(code, details));
}

function fieldOf(instancePath: string, context: string | undefined): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  return path || context || 'body';
}

/** Maps every error to the one error shape; never sends a stack trace. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
      return sendError(reply, error.code, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => {
        const reason = v.message ?? '不正な値です';
        return { field: fieldOf(v.instancePath, error.validationContext), reason, reason_en: englishOf(reason, { code: v.keyword, ...v.params }) ?? 'Invalid value' };
      });
      return sendError(reply, 'validation_failed', details);
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) return sendError(reply, 'payload_too_large');
    if (error.statusCode === 429) return sendError(reply, 'rate_limited');
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error.statusCode === 400 && error.code?.startsWith('FST_')))
      return sendError(reply, 'bad_request', [{ field: 'body', reason: bi('JSONとして読み取れません', 'The body is not valid JSON') }]);
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 'internal');
  });
}
