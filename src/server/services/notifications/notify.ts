import { createHash } from 'node:crypto';
import type { Executor } from '../../repositories/executor.ts';
import { insertNotifications, listRecipients, type NotificationRow } from '../../repositories/notifications.ts';
import { insertMails, type MailRow } from '../../repositories/mail-outbox.ts';
import type { NotificationKind } from '../../../shared/incidents.ts';
import { newId, nowIso } from '../../security/ids.ts';
import type { Deps } from '../deps.ts';
import { localeOf, mailSubject, renderMailText, type Locale } from './mail.ts';
import { wantsMail } from './preferences.ts';

export interface NotificationInput {
  kind: NotificationKind;
  /** Both languages are kept; each person reads the one they chose (in the app and in the mail). */
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  /** Path inside the web app, e.g. /incidents/<id>. */
  link: string;
  /** Same key, same announcement: a retried request never notifies twice. */
  dedupeKey: string;
}

/**
 * The id of one user's notification of one announcement, derived from the dedupe key (a UUID of
 * version 8 over sha256), so that announcing again inserts nothing: the notifications table has no
 * dedupe column, its primary key serves as one.
 */
export function notificationId(dedupeKey: string, userId: string): string {
  const bytes = createHash('sha256').update(`notification\u0000${dedupeKey}\u0000${userId}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The outbox's dedupe key of one user's mail (a long announcement key is hashed to fit the column). */
export function mailDedupeKey(dedupeKey: string, userId: string): string {
  const base = dedupeKey.length <= 160 ? dedupeKey : `sha256:${createHash('sha256').update(dedupeKey).digest('hex')}`;
  return `${base}:${userId}`;
}


/**
 * Notifies every active user of the given organisations: an in-app notification each, and a mail in
 * the outbox for those whose preferences ask for mail — all inside the caller's transaction, so the
 * announcement exists exactly when the event does. Returns how many of each were added (0 and 0
 * when the same dedupe key was announced before).
 */
export function notifyOrganisations(trx: Executor, deps: Deps, organisationIds: string[], input: NotificationInput): Promise<{ notifications: number; mails: number }> {
  return notifyWithLinks(trx, deps, new Map(organisationIds.map((id) => [id, input.link])), input);
}

/**
 * notifyOrganisations with a link of each organisation's own (its assessment or its entry, say):
 * one recipients query per 500 organisations and multi-row inserts, so an announcement to hundreds
 * of organisations takes a handful of statements.
 */
export async function notifyWithLinks(trx: Executor, deps: Deps, links: ReadonlyMap<string, string>, input: Omit<NotificationInput, 'link'>): Promise<{ notifications: number; mails: number }> {
  for (const link of links.values()) if (!link.startsWith('/')) throw new Error(`notifyOrganisations: link must be a path inside the web app (got "${link}")`);
  // In id order, so two transactions announcing the same key insert in the same order (no deadlock on PostgreSQL).
  const recipients = (await listRecipients(trx, [...links.keys()], input.kind)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (recipients.length === 0) return { notifications: 0, mails: 0 };
  const at = nowIso(deps.now());
  // One mail text per distinct link and language (usually two, or two per organisation).
  const texts = new Map<string, string>();
  const textFor = (link: string, locale: Locale) => {
    const key = `${locale} ${link}`;
    let text = texts.get(key);
    if (text === undefined) texts.set(key, (text = renderMailText({ ...input, link }, deps.config.publicUrl, locale)));
    return text;
  };

  const notifications: NotificationRow[] = recipients.map((user) => ({
    id: notificationId(input.dedupeKey, user.id),
    organisation_id: user.organisation_id,
    user_id: user.id,
    kind: input.kind,
    title: input.title.slice(0, 300),
    title_en: input.titleEn.slice(0, 300),
    body: input.body,
    body_en: input.bodyEn,
    link: links.get(user.organisation_id)!.slice(0, 500),
    created_at: at,
    read_at: null,
  }));

  const mails: MailRow[] = recipients
    .filter((user) => wantsMail(user.role, user.email_pref))
    .map((user) => ({
      id: newId(),
      organisation_id: user.organisation_id,
      user_id: user.id,
      to_address: user.email,
      subject: mailSubject(localeOf(user.locale) === 'en' ? input.titleEn : input.title),
      body_text: textFor(links.get(user.organisation_id)!, localeOf(user.locale)),
      dedupe_key: mailDedupeKey(input.dedupeKey, user.id),
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      lease_until: null,
      last_error: null,
      message_id: null,
      created_at: at,
      sent_at: null,
    }));

  return { notifications: await insertNotifications(trx, notifications), mails: await insertMails(trx, mails) };
}
