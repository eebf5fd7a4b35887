// What leaves the server about notifications and the outbox: explicit field lists.
import type { NotificationKind } from '../../../shared/incidents.ts';
import type { NotificationRow } from '../../repositories/notifications.ts';
import type { MailRow, MailStatus } from '../../repositories/mail-outbox.ts';

/** A notification in the reader's language (rows from before English was kept read in Japanese). */
export function presentNotification(row: NotificationRow, locale: 'ja' | 'en') {
  const english = locale === 'en' && row.title_en !== null;
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    title: english ? row.title_en! : row.title,
    body: english ? row.body_en : row.body,
    link: row.link,
    created_at: row.created_at,
    latest_at: row.updated_at ?? row.created_at,
    count: Number(row.event_count),
    read_at: row.read_at,
  };
}

type OutboxListRow = Omit<MailRow, 'body_text' | 'dedupe_key' | 'lease_until'>;

/** An outbox row for administrators; the body stays in the database. */
export function presentOutboxRow(row: OutboxListRow) {
  return {
    id: row.id,
    organisation_id: row.organisation_id,
    user_id: row.user_id,
    to_address: row.to_address,
    subject: row.subject,
    status: row.status as MailStatus,
    attempts: Number(row.attempts),
    next_attempt_at: row.next_attempt_at,
    last_error: row.last_error,
    message_id: row.message_id,
    created_at: row.created_at,
    sent_at: row.sent_at,
  };
}
