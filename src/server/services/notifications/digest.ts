// The daily digest mail: for each person who chose one mail a day, the unread notices of the last
// day (those announced since the previous digest time), grouped by kind, in their language, through
// the outbox. The outbox's dedupe key `digest:<Japan date>:<user>` is the claim: of several processes
// running this at once, one inserts the mail and the others insert nothing, so it goes out once.
import { japanToday, startOfJapanDate } from '../../../domain/japan-time.ts';
import { existingDedupeKeys, insertMails } from '../../repositories/mail-outbox.ts';
import { listDigestRecipients, listPreferences, listUnreadSince } from '../../repositories/notifications.ts';
import { nowIso } from '../../security/ids.ts';
import type { NotificationKind } from '../../../shared/incidents.ts';
import type { Deps } from '../deps.ts';
import { digestSubject, localeOf, pendingMail, renderDigestText } from './mail.ts';
import { wantsMail } from './preferences.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The outbox key of one person's digest of one Japan date. */
export function digestKey(date: string, userId: string): string {
  return `digest:${date}:${userId}`;
}

/**
 * Queues today's digest for everyone who takes one and has none queued yet, once the configured
 * Japan-time hour has come. Kinds the person does not want by mail are left out; nothing unread, no
 * mail. Returns how many digests were queued by this call.
 */
export async function queueDigests(deps: Deps): Promise<number> {
  const now = deps.now();
  const today = japanToday(now);
  const due = new Date(startOfJapanDate(today).getTime() + deps.config.digestHour * HOUR);
  if (now < due) return 0;
  const since = nowIso(new Date(due.getTime() - DAY));
  const recipients = await listDigestRecipients(deps.db);
  const queued = await existingDedupeKeys(deps.db, recipients.map((user) => digestKey(today, user.id)));
  let added = 0;
  for (const user of recipients) {
    const key = digestKey(today, user.id);
    if (queued.has(key)) continue;
    const stored = new Map((await listPreferences(deps.db, user.id)).map((row) => [row.kind, Number(row.email)]));
    const notices = (await listUnreadSince(deps.db, user.id, since)).filter((row) => wantsMail(user.role, stored.get(row.kind)));
    if (notices.length === 0) continue;
    const locale = localeOf(user.locale);
    const at = nowIso(now);
    const text = renderDigestText(
      notices.map((row) => ({ kind: row.kind as NotificationKind, title: locale === 'en' && row.title_en !== null ? row.title_en : row.title, link: row.link, count: Number(row.event_count) })),
      today,
      deps.config.publicUrl,
      locale,
    );
    const subject = digestSubject(notices.length, today, locale);
    const mail = { organisation_id: user.organisation_id, user_id: user.id, to_address: user.email, subject, body_text: text, dedupe_key: key };
    added += await insertMails(deps.db, [pendingMail(mail, at)]);
  }
  return added;
}
