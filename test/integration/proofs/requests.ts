// Sending a fixture's request as a given actor: path, query, JSON body or multipart upload.
import type { LightMyRequestResponse } from 'fastify';
import { SESSION_COOKIE } from '../../support/http.ts';
import { fillPath, type Operation } from './openapi.ts';
import { resolve, resolveParams, type OperationFixture } from './fixtures/types.ts';
import type { ActorKey, World } from './world.ts';

export interface Request {
  url: string;
  body?: unknown;
  upload?: { filename: string; content: Buffer };
}

/** The request a fixture describes, with its path parameters (or others in their place). */
export function requestOf(operation: Operation, fixture: OperationFixture, world: World, params = resolveParams(fixture.params, world)): Request {
  const missing = operation.pathParams.filter((name) => params[name] === undefined);
  if (missing.length) throw new Error(`${operation.key}: the fixture gives no value for ${missing.map((m) => `{${m}}`).join(', ')}`);
  const query = fixture.query ? new URLSearchParams(resolve(fixture.query, world)).toString() : '';
  return { url: fillPath(operation.path, params) + (query ? `?${query}` : ''), body: fixture.body === undefined ? undefined : resolve(fixture.body, world), upload: fixture.upload };
}

/** A multipart/form-data body with one file in the field "file", as the browser sends it. */
function multipart(upload: { filename: string; content: Buffer }) {
  const boundary = `----daichoproof${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(upload.filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    upload.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Sends the request as the actor (session cookie and CSRF header), or with raw JSON text when given. */
export async function send(world: World, actor: ActorKey, operation: Operation, request: Request, rawBody?: string): Promise<LightMyRequestResponse> {
  const session = await world.session(actor);
  const headers: Record<string, string> = { cookie: `${SESSION_COOKIE}=${session.cookie}`, 'x-csrf-token': session.csrf };
  if (request.upload) {
    const { payload, contentType } = multipart(request.upload);
    return world.t.app.inject({ method: operation.method, url: request.url, headers: { ...headers, 'content-type': contentType }, payload });
  }
  if (rawBody !== undefined) return world.t.app.inject({ method: operation.method, url: request.url, headers: { ...headers, 'content-type': 'application/json' }, payload: rawBody });
  if (request.body === undefined) return world.t.app.inject({ method: operation.method, url: request.url, headers });
  return world.t.app.inject({ method: operation.method, url: request.url, headers, payload: request.body as object });
}
