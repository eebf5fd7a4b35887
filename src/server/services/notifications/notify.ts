import { createHash } from 'node:crypto';
import type { Executor } from '../../repositories/executor.ts';
import { findUnreadOfGroups, insertEvents, insertNotifications, listRecipients, updateGroupedNotifications, type NotificationRow } from '../../repositories/notifications.ts';
import { insertMails, type MailRow } from '../../repositories/mail-outbox.ts';
import type { NotificationKind } from '../../../shared/incidents.ts';
import { newId, nowIso } from '../../security/ids.ts';
import type { Deps } from '../deps.ts';
import { localeOf, mailSubject, pendingMail, renderMailText, type Locale } from './mail.ts';
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
  /**
   * The notice's group (kind and subject): while a person has an unread notice of the group, this
   * announcement updates it (latest text, time, one more counted) instead of adding another. By
   * default the kind and the link, which names the subject (the incident, the assessment …).
   */
  groupKey?: string;
  /**
   * The subjects announced, each with its own dedupe key (a summary of several overdue items): a
   * person is notified when at least one of them is new to them. By default the one dedupeKey.
   */
  eventKeys?: readonly string[];
}

/** What an announcement did: notices added or updated, mails queued, and the event keys that were new to someone. */
export interface NotifyResult {
  notifications: number;
  mails: number;
  newEventKeys: Set<string>;
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
export function notifyOrganisations(trx: Executor, deps: Deps, organisationIds: string[], input: NotificationInput): Promise<NotifyResult> {
  return notifyWithLinks(trx, deps, new Map(organisationIds.map((id) => [id, input.link])), input);
}

/**
 * notifyOrganisations with a link of each organisation's own (its assessment or its entry, say):
 * one recipients query per 500 organisations and multi-row inserts, so an announcement to hundreds
 * of organisations takes a handful of statements.
 */
export async function notifyWithLinks(trx: Executor, deps: Deps, links: ReadonlyMap<string, string>, input: Omit<NotificationInput, 'link'>): Promise<NotifyResult> {
  for (const link of links.values()) if (!link.startsWith('/')) throw new Error(`notifyOrganisations: link must be a path inside the web app (got "${link}")`);
  // In id order, so two transactions announcing the same key insert in the same order (no deadlock on PostgreSQL).
  const everyone = (await listRecipients(trx, [...links.keys()], input.kind)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (everyone.length === 0) return { notifications: 0, mails: 0, newEventKeys: new Set() };
  const at = nowIso(deps.now());
  const eventKeys = input.eventKeys ?? [input.dedupeKey];
  // Who hears of something new: the events table answers only the (person, key) pairs not recorded before.
  const added = await insertEvents(
    trx,
    everyone.flatMap((user) => eventKeys.map((key) => ({ user_id: user.id, dedupe_key: key.slice(0, 200), created_at: at }))),
  );
  const reached = new Set(added.map((row) => row.user_id));
  const recipients = everyone.filter((user) => reached.has(user.id));
  const newEventKeys = new Set(added.map((row) => row.dedupe_key));
  if (recipients.length === 0) return { notifications: 0, mails: 0, newEventKeys };

  const groupOf = (organisationId: string) => (input.groupKey ?? `${input.kind}|${links.get(organisationId)!}`).slice(0, 400);
  const text = { title: input.title.slice(0, 300), title_en: input.titleEn.slice(0, 300), body: input.body, body_en: input.bodyEn };
  // Unread notices of the same group take the repeat; per link, as the link is part of what they show.
  const open = await findUnreadOfGroups(trx, recipients.map((user) => user.id), [...new Set(recipients.map((user) => groupOf(user.organisation_id)))]);
  const openByUser = new Map(open.map((row) => [`${row.user_id} ${row.group_key}`, row.id]));
  const toUpdate = new Map<string, string[]>();
  const fresh: typeof recipients = [];
  for (const user of recipients) {
    const id = openByUser.get(`${user.id} ${groupOf(user.organisation_id)}`);
    if (id === undefined) fresh.push(user);
    else {
      const link = links.get(user.organisation_id)!.slice(0, 500);
      toUpdate.set(link, [...(toUpdate.get(link) ?? []), id]);
    }
  }
  let updated = 0;
  for (const [link, ids] of toUpdate) updated += await updateGroupedNotifications(trx, ids, { ...text, link, updated_at: at });

  // One mail text per distinct link and language (usually two, or two per organisation).
  const texts = new Map<string, string>();
  const textFor = (link: string, locale: Locale) => {
    const key = `${locale} ${link}`;
    let mailText = texts.get(key);
    if (mailText === undefined) texts.set(key, (mailText = renderMailText({ ...input, link }, deps.config.publicUrl, locale)));
    return mailText;
  };

  const notifications: NotificationRow[] = fresh.map((user) => ({
    id: newId(),
    organisation_id: user.organisation_id,
    user_id: user.id,
    kind: input.kind,
    ...text,
    link: links.get(user.organisation_id)!.slice(0, 500),
    created_at: at,
    read_at: null,
    group_key: groupOf(user.organisation_id),
    event_count: 1,
    updated_at: null,
  }));

  // Mail at once for those who want this kind by mail, unless they take one digest a day (jobs/mail-digest.ts).
  const mails: MailRow[] = recipients
    .filter((user) => wantsMail(user.role, user.email_pref) && user.mail_delivery !== 'digest')
    .map((user) =>
      pendingMail(
        {
          organisation_id: user.organisation_id,
          user_id: user.id,
          to_address: user.email,
          subject: mailSubject(localeOf(user.locale) === 'en' ? input.titleEn : input.title),
          body_text: textFor(links.get(user.organisation_id)!, localeOf(user.locale)),
          dedupe_key: mailDedupeKey(input.dedupeKey, user.id),
        },
        at,
      ),
    );

  return { notifications: updated + (await insertNotifications(trx, notifications)), mails: await insertMails(trx, mails), newEventKeys };
}
