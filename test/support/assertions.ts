// Assertions on what a user of the API sees: the one error shape, and the audit trail.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './harness.ts';

export interface ErrorBody {
  error: { code: string; message: string; message_en: string; details: { field: string; reason: string; reason_en?: string }[] };
}

/**
 * The answer is the one error shape with this status and code; when fields are given, the details name
 * exactly those fields, each with a non-empty reason. Returns the body for further checks.
 */
export function expectError(res: LightMyRequestResponse, status: number, code: string, fields?: string[]): ErrorBody {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
  const body = res.json() as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/); // Japanese first
  expect(body.error.message_en).toMatch(/[A-Za-z]/);
  expect(Array.isArray(body.error.details)).toBe(true);
  for (const detail of body.error.details) {
    expect(typeof detail.field).toBe('string');
    expect(detail.reason.length).toBeGreaterThan(0);
  }
  if (fields) expect(body.error.details.map((d) => d.field).sort()).toEqual([...fields].sort());
  expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+/); // never a stack trace
  return body;
}

export function expectStatus(res: LightMyRequestResponse, status: number) {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
}

export async function countRows(t: TestApp, table: 'users' | 'organisations' | 'audit_log' | 'api_tokens' | 'sessions' | 'recovery_codes' | 'association_members') {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface AuditEntry {
  seq: number;
  actor_user_id: string | null;
  actor_label: string;
  organisation_id: string | null;
  action: string;
  outcome: string;
  target_type: string | null;
  target_id: string | null;
  before: any;
  after: any;
}

/** Audit entries straight from the table, oldest first, optionally narrowed. */
export async function auditEntries(t: TestApp, filter: { action?: string; actorUserId?: string; targetId?: string; afterSeq?: number } = {}): Promise<AuditEntry[]> {
  let query = t.db.selectFrom('audit_log').selectAll();
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.actorUserId) query = query.where('actor_user_id', '=', filter.actorUserId);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  if (filter.afterSeq !== undefined) query = query.where('seq', '>', filter.afterSeq);
  const rows = await query.orderBy('seq').execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    actor_user_id: row.actor_user_id,
    actor_label: row.actor_label,
    organisation_id: row.organisation_id,
    action: row.action,
    outcome: row.outcome,
    target_type: row.target_type,
    target_id: row.target_id,
    before: row.before_json ? JSON.parse(row.before_json) : null,
    after: row.after_json ? JSON.parse(row.after_json) : null,
  }));
}

/** The seq of the newest audit entry (0 when empty): take it before an action, then read what came after. */
export async function auditHead(t: TestApp): Promise<number> {
  const row = await t.db.selectFrom('audit_head').select('count').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.count);
}
