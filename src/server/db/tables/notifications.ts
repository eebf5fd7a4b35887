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
  mail_outbox: MailOutboxTable;
}
