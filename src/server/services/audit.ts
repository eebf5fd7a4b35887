import { appendAuditEntries, appendAuditEntry, type AuditInput } from '../repositories/audit-log.ts';
import type { Executor } from '../repositories/executor.ts';
import { newId, nowIso } from '../security/ids.ts';
import type { Actor, Deps } from './deps.ts';

export interface AuditEvent {
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  targetType?: string;
  targetId?: string;
  /** Organisation the event belongs to; defaults to the actor's. */
  organisationId?: string | null;
  before?: unknown;
  after?: unknown;
}

// Secrets never enter the log, whatever a caller passes.
const REDACTED_KEYS = new Set(['password', 'password_hash', 'totp_secret_enc', 'totp_pending_enc', 'token', 'token_hash', 'csrf_token', 'secret', 'code']);

function snapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v) => (REDACTED_KEYS.has(key) ? '[redacted]' : v));
}

function auditInput(actor: Actor | null, event: AuditEvent, at: Date): AuditInput {
  return {
    id: newId(),
    at: nowIso(at),
    actor_user_id: actor?.userId ?? null,
    actor_label: actor?.label ?? 'anonymous',
    organisation_id: event.organisationId !== undefined ? event.organisationId : (actor?.organisationId ?? null),
    action: event.action,
    outcome: event.outcome ?? 'ok',
    target_type: event.targetType ?? null,
    target_id: event.targetId ?? null,
    before_json: snapshot(event.before),
    after_json: snapshot(event.after),
    ip: actor?.ip ?? null,
  };
}

/** Records an event in the caller's transaction, so the change and its audit entry commit together. */
export async function recordAudit(trx: Executor, actor: Actor | null, event: AuditEvent, at: Date): Promise<void> {
  await appendAuditEntry(trx, auditInput(actor, event, at));
}

/** Records many events of one actor at once (imports), in the caller's transaction. */
export async function recordAuditBatch(trx: Executor, actor: Actor, events: AuditEvent[], at: Date): Promise<void> {
  await appendAuditEntries(trx, events.map((event) => auditInput(actor, event, at)));
}

/** Records an event that has no business transaction of its own (denials, failed logins). */
export async function recordAuditAlone(deps: Deps, actor: Actor | null, event: AuditEvent): Promise<void> {
  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, event, deps.now()));
}
