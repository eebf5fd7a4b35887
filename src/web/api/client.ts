import { ERROR_CODES, type ErrorBody, type ErrorDetail } from '../../shared/errors.ts';

/** An API refusal in the one error shape, or a network failure (code 'network'). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly messageJa: string;
  readonly messageEn: string;
  readonly details: ErrorDetail[];

  constructor(status: number, body: ErrorBody['error'] | { code: string; message: string; message_en: string; details: ErrorDetail[] }) {
    super(body.message_en);
    this.code = body.code;
    this.status = status;
    this.messageJa = body.message;
    this.messageEn = body.message_en;
    this.details = body.details ?? [];
  }

  /** The message in the display language. */
  localized(lang: 'ja' | 'en'): string {
    return lang === 'en' ? this.messageEn : this.messageJa;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | null = null;

/** The session's CSRF token, from GET /api/auth/me or any response that describes the session. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

function networkError(): ApiError {
  return new ApiError(0, { code: 'network', message: 'サーバーに接続できません。ネットワークを確認してください', message_en: 'Cannot reach the server', details: [] });
}

function unexpected(status: number): ApiError {
  const internal = ERROR_CODES.internal;
  return new ApiError(status, { code: 'internal', message: internal.ja, message_en: internal.en, details: [] });
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw networkError();
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    throw unexpected(response.status);
  }
  if (!response.ok) {
    const error = (parsed as Partial<ErrorBody> | null)?.error;
    throw error ? new ApiError(response.status, error) : unexpected(response.status);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Builds `path?key=value` from the filled-in values only. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
