// The app's own OpenAPI document, read as a list of operations: what the proofs walk, so that an
// endpoint is covered the day it is registered.
import type { FastifyInstance } from 'fastify';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  nullable?: boolean;
  additionalProperties?: boolean | JsonSchema;
  [key: string]: unknown;
}

export interface Operation {
  /** e.g. "PATCH /api/register/entries/{id}" — the key fixtures use. */
  key: string;
  method: HttpMethod;
  path: string;
  pathParams: string[];
  requiredQuery: string[];
  /** The JSON request body schema; undefined for no body or a multipart upload. */
  body?: JsonSchema;
}

/** Every operation of the document, in document order. */
export function operationsOf(app: FastifyInstance): Operation[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const upper = method.toUpperCase() as HttpMethod;
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(upper)) continue;
      const parameters = operation.parameters ?? [];
      operations.push({
        key: `${upper} ${path}`,
        method: upper,
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        requiredQuery: parameters.filter((p) => p.in === 'query' && p.required).map((p) => p.name),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

/** Fills a path template with values, URI-encoded. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}

/** The non-null alternatives of a schema (zod's nullish fields come out as anyOf [T, null]). */
export function variantsOf(schema: JsonSchema): JsonSchema[] {
  const list = schema.anyOf ?? schema.oneOf;
  if (!list) return [schema];
  return list.flatMap(variantsOf).filter((s) => s.type !== 'null' && !(s.enum && s.enum.length === 1 && s.enum[0] === null));
}
