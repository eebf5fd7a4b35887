// Helpers for register tests: a valid entry body, and multipart uploads through app.inject.
import type { FastifyInstance } from 'fastify';
import { api, SESSION_COOKIE, type Session } from './http.ts';

export const SCHEME_2024 = 'urn:daicho:scheme:mic-2024';

/** A valid create body; tests override what they exercise. */
export function entryBody(categoryId: string, overrides: Record<string, unknown> = {}) {
  const { classification, ...rest } = overrides as { classification?: Record<string, unknown> };
  return {
    name: '住民基本台帳システム',
    service_model: 'shared_system',
    category_id: categoryId,
    department: '市民課',
    network_zone: 'my_number',
    data_location: 'domestic',
    status: 'in_use',
    contract_form: 'individual',
    data_kinds: ['name', 'address', 'birth_date'],
    residents_held: 1000,
    ...rest,
    classification: { scheme_id: SCHEME_2024, confidentiality: '3A', resident_impact: 3, ...classification },
  };
}

export async function categoryIds(app: FastifyInstance, session: Session): Promise<Record<string, string>> {
  const res = await api(app, session).get('/api/register/options');
  return Object.fromEntries((res.json().categories as { id: string; name: string }[]).map((c) => [c.name, c.id]));
}

/** Posts one file as multipart/form-data, the way the browser's upload does. */
export function uploadFile(app: FastifyInstance, session: Session, url: string, filename: string, content: Buffer, options: { csrf?: boolean } = {}) {
  const boundary = `----daicho${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const headers: Record<string, string> = { cookie: `${SESSION_COOKIE}=${session.cookie}`, 'content-type': `multipart/form-data; boundary=${boundary}` };
  if (options.csrf !== false) headers['x-csrf-token'] = session.csrf;
  return app.inject({ method: 'POST', url, headers, payload });
}
