// A user's own in-app notifications: always scoped to the caller, never audited (reading is not a change
// of anything anyone else sees).
import { bi } from '../../../shared/messages.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../shared/incidents.ts';
import { countByKind, countNotifications, findNotification, listNotifications, markNotificationsRead } from '../../repositories/notifications.ts';
import { nowIso } from '../../security/ids.ts';
import { AppError, notFound } from '../app-error.ts';
import type { Actor, Deps } from '../deps.ts';
import { presentNotification } from './present.ts';
import { localeOf, type Locale } from './mail.ts';
import { findUserById } from '../../repositories/users.ts';

export type PersonalActor = Actor & { userId: string };

/** The language the person chose in their profile (the language switch keeps it there). */
async function readerLocale(deps: Deps, actor: PersonalActor): Promise<Locale> {
  return localeOf((await findUserById(deps.db, actor.userId))?.locale);
}

/** Notifications and their settings belong to a person: API tokens (automation) are refused. */
export function personalActor(actor: Actor): PersonalActor {
  if (actor.via !== 'session' || !actor.userId) throw new AppError('forbidden', [{ field: 'authorization', reason: bi('この操作はAPIトークンでは行えません', 'This cannot be done with an API token') }]);
  return actor as PersonalActor;
}

/** A page of the caller's notices (of one kind, when asked), with the unread count and the kinds they hold. */
export async function listMyNotifications(deps: Deps, actor: PersonalActor, query: { unread?: 'true' | 'false'; kind?: NotificationKind; page: number; page_size: number }) {
  const mine = { organisationId: actor.organisationId, userId: actor.userId };
  const filter = { ...mine, unreadOnly: query.unread === 'true', kind: query.kind };
  const [rows, total, unreadCount, kinds, locale] = await Promise.all([
    listNotifications(deps.db, filter, { limit: query.page_size, offset: (query.page - 1) * query.page_size }),
    countNotifications(deps.db, filter),
    countNotifications(deps.db, { ...mine, unreadOnly: true }),
    countByKind(deps.db, actor.organisationId, actor.userId),
    readerLocale(deps, actor),
  ]);
  const order = new Map<string, number>(NOTIFICATION_KINDS.map((kind, index) => [kind, index]));
  return {
    items: rows.map((row) => presentNotification(row, locale)),
    unread_count: unreadCount,
    kinds: kinds.filter((k) => order.has(k.kind)).sort((a, b) => order.get(a.kind)! - order.get(b.kind)!) as { kind: NotificationKind; total: number; unread: number }[],
    total,
    page: query.page,
    page_size: query.page_size,
  };
}

/** Marks one of the caller's notifications read (again is fine: the first reading time stays). */
export async function markMyNotificationRead(deps: Deps, actor: PersonalActor, id: string) {
  await markNotificationsRead(deps.db, actor.organisationId, actor.userId, nowIso(deps.now()), id);
  const row = await findNotification(deps.db, actor.organisationId, actor.userId, id);
  if (!row) throw notFound();
  return presentNotification(row, await readerLocale(deps, actor));
}

export async function markAllMyNotificationsRead(deps: Deps, actor: PersonalActor) {
  const updated = await markNotificationsRead(deps.db, actor.organisationId, actor.userId, nowIso(deps.now()));
  return { updated, unread_count: await countNotifications(deps.db, { organisationId: actor.organisationId, userId: actor.userId, unreadOnly: true }) };
}
