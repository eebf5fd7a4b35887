import type { Executor } from '../../repositories/executor.ts';
import { insertNotifications, listRecipients, type NotificationRow } from '../../repositories/notifications.ts';
import { insertMails, type MailRow } from '../../repositories/mail-outbox.ts';
import { newId, nowIso } from '../../security/ids.ts';
import type { Deps } from '../deps.ts';
import { mailSubject, renderMailText } from '../notifications/mail.ts';
import { mailDedupeKey, notificationId, type NotificationInput } from '../notifications/notify.ts';
import { wantsMail } from '../notifications/preferences.ts';

/**
 * notifyOrganisations with a link of each organisation's own (its assessment or its entry): one
 * recipients query per 500 organisations and multi-row inserts, so an answer seen by hundreds of
 * municipalities is announced in a handful of statements, inside the caller's transaction.
 */
export async function notifyWithOwnLinks(trx: Executor, deps: Deps, links: Map<string, string>, input: Omit<NotificationInput, 'link'>): Promise<{ notifications: number; mails: number }> {
  if (links.size === 0) return { notifications: 0, mails: 0 };
  const recipients = (await listRecipients(trx, [...links.keys()], input.kind)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (recipients.length === 0) return { notifications: 0, mails: 0 };
  const at = nowIso(deps.now());
  const title = input.title.slice(0, 300);
  const english = [input.titleEn, input.bodyEn].filter((part) => part.trim() !== '').join('\n');
  const body = [input.body, english].filter((part) => part.trim() !== '').join('\n\n');
  const texts = new Map<string, string>();
  const textFor = (link: string) => {
    let text = texts.get(link);
    if (!text) texts.set(link, (text = renderMailText({ ...input, link }, deps.config.publicUrl)));
    return text;
  };
  const notifications: NotificationRow[] = recipients.map((user) => ({
    id: notificationId(input.dedupeKey, user.id),
    organisation_id: user.organisation_id,
    user_id: user.id,
    kind: input.kind,
    title,
    body,
    link: links.get(user.organisation_id)!.slice(0, 500),
    created_at: at,
    read_at: null,
  }));
  const subject = mailSubject(input.title);
  const mails: MailRow[] = recipients
    .filter((user) => wantsMail(user.role, user.email_pref))
    .map((user) => ({
      id: newId(),
      organisation_id: user.organisation_id,
      user_id: user.id,
      to_address: user.email,
      subject,
      body_text: textFor(links.get(user.organisation_id)!),
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
