import { ERROR_CODES, type ErrorCode, type ErrorDetail } from '../../shared/errors.ts';

/** An error meant for the client: a stable code, and the field-level details that explain it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  readonly status: number;
  /** Seconds the client should wait, sent as Retry-After. */
  retryAfter?: number;

  constructor(code: ErrorCode, details: ErrorDetail[] = [], message?: string) {
    super(message ?? ERROR_CODES[code].en);
    this.code = code;
    this.details = details;
    this.status = ERROR_CODES[code].status;
  }
}

export function invalid(field: string, reason: string): AppError {
  return new AppError('validation_failed', [{ field, reason }]);
}

export function notFound(): AppError {
  return new AppError('not_found');
}
