// In-app notifications, preferences and the mail outbox.

export interface NotificationTable {
  id: string;
  organisation_id: string;
  user_id: string;
  kind: string;
  /** Japanese; the English beside it (null on rows written before 0008). */
  title: string;
  title_en: string | null;
  body: string | null;
  body_en: string | null;
  link: string | null;
  created_at: string;
  read_at: string | null;
  /** Kind and subject (0009): an unread notice of the group takes the repeats. */
  group_key: string | null;
  /** How many announcements the notice holds. */
  event_count: number;
  /** The latest announcement it took (null: only the first, at created_at). */
  updated_at: string | null;
}

/** Which announcements reached which person (0009): a retried one adds nothing. */
export interface NotificationEventTable {
  user_id: string;
  dedupe_key: string;
  created_at: string;
}

/** A person's mail delivery (0009): `instant` (also when no row exists) or one `digest` a day. */
export interface NotificationSettingsTable {
  user_id: string;
  mail_delivery: string;
  updated_at: string;
}

export interface NotificationPreferenceTable {
  user_id: string;
  kind: string;
  email: number;
  updated_at: string;
}

export interface MailOutboxTable {
  id: string;
  organisation_id: string;
  user_id: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  dedupe_key: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

/** The tables of this feature, as the Database of db/schema.ts sees them. */
export interface NotificationsTables {
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  notification_events: NotificationEventTable;
  notification_settings: NotificationSettingsTable;
  mail_outbox: MailOutboxTable;
}
