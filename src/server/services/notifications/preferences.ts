import { NOTIFICATION_KINDS, type NotificationKind } from '../../../shared/incidents.ts';
import type { Role } from '../../../shared/roles.ts';
import { findSettings, listPreferences, upsertPreferences, upsertSettings } from '../../repositories/notifications.ts';
import { nowIso } from '../../security/ids.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';

/** Roles that act on incidents get mail unless they opt out; readers (viewers, auditors, operators) opt in. */
const MAIL_BY_DEFAULT: readonly string[] = ['org_admin', 'editor', 'vendor_member'] satisfies readonly Role[];

export function defaultMail(role: string): boolean {
  return MAIL_BY_DEFAULT.includes(role);
}

/** Whether a user gets a mail: their stored choice (1/0), or their role's default when none is stored. */
export function wantsMail(role: string, stored: number | null | undefined): boolean {
  return stored === null || stored === undefined ? defaultMail(role) : stored === 1;
}

export interface PreferenceItem {
  kind: NotificationKind;
  email: boolean;
}

/** Every kind with the user's effective choice (in-app notifications are always on). */
async function effectivePreferences(deps: Deps, userId: string, role: string): Promise<PreferenceItem[]> {
  const stored = new Map((await listPreferences(deps.db, userId)).map((row) => [row.kind, Number(row.email)]));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, email: wantsMail(role, stored.get(kind)) }));
}

export async function getPreferences(deps: Deps, actor: Actor & { userId: string }): Promise<{ items: PreferenceItem[] }> {
  return { items: await effectivePreferences(deps, actor.userId, actor.role) };
}

/** Stores the kinds given (the others keep their value), audited; answers every kind. */
export async function updatePreferences(deps: Deps, actor: Actor & { userId: string }, items: PreferenceItem[]): Promise<{ items: PreferenceItem[] }> {
  const now = deps.now();
  const before = await effectivePreferences(deps, actor.userId, actor.role);
  await deps.db.transaction().execute(async (trx) => {
    await upsertPreferences(
      trx,
      items.map((item) => ({ user_id: actor.userId, kind: item.kind, email: item.email ? 1 : 0, updated_at: nowIso(now) })),
    );
    const changed = new Map(items.map((item) => [item.kind, item.email]));
    const after = before.map((item) => ({ kind: item.kind, email: changed.get(item.kind) ?? item.email }));
    await recordAudit(trx, actor, { action: 'notification_preferences.update', targetType: 'user', targetId: actor.userId, before: asMap(before), after: asMap(after) }, now);
  });
  return getPreferences(deps, actor);
}

function asMap(items: PreferenceItem[]): Record<string, boolean> {
  return Object.fromEntries(items.map((item) => [item.kind, item.email]));
}

export type MailDelivery = 'instant' | 'digest';

async function deliveryOf(deps: Deps, userId: string): Promise<MailDelivery> {
  return (await findSettings(deps.db, userId))?.mail_delivery === 'digest' ? 'digest' : 'instant';
}

/** Each notice by mail at once (the default), or one digest mail a day at the configured Japan-time hour. */
export async function getDelivery(deps: Deps, actor: Actor & { userId: string }): Promise<{ mail_delivery: MailDelivery; digest_hour: number }> {
  return { mail_delivery: await deliveryOf(deps, actor.userId), digest_hour: deps.config.digestHour };
}

export async function updateDelivery(deps: Deps, actor: Actor & { userId: string }, mailDelivery: MailDelivery): Promise<{ mail_delivery: MailDelivery; digest_hour: number }> {
  const now = deps.now();
  const before = await deliveryOf(deps, actor.userId);
  await deps.db.transaction().execute(async (trx) => {
    await upsertSettings(trx, { user_id: actor.userId, mail_delivery: mailDelivery, updated_at: nowIso(now) });
    await recordAudit(trx, actor, { action: 'notification_delivery.update', targetType: 'user', targetId: actor.userId, before: { mail_delivery: before }, after: { mail_delivery: mailDelivery } }, now);
  });
  return getDelivery(deps, actor);
}
