// The text of a notification mail, in the recipient's language, with the absolute link.
import { INCIDENT_LABELS, type NotificationKind } from '../../../shared/incidents.ts';
import type { MailRow } from '../../repositories/mail-outbox.ts';
import { newId } from '../../security/ids.ts';

export interface MailContent {
  kind: NotificationKind;
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  link: string;
}

/** The subject is kept within the outbox column (300 characters). */
export function mailSubject(title: string): string {
  return `[Daicho] ${title}`.slice(0, 300);
}

/** An absolute address in the web app from a path inside it. */
export function absoluteLink(publicUrl: string, link: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${link}`;
}

export type Locale = 'ja' | 'en';

/** A user's display language; anything but English reads Japanese. */
export function localeOf(value: string | null | undefined): Locale {
  return value === 'en' ? 'en' : 'ja';
}

/** Plain text, so every mail client shows it the same; in the recipient's language only. */
export function renderMailText(content: MailContent, publicUrl: string, locale: Locale = 'ja'): string {
  const url = absoluteLink(publicUrl, content.link);
  const settings = absoluteLink(publicUrl, '/profile');
  const label = INCIDENT_LABELS.notification[content.kind];
  if (locale === 'en')
    return [
      `[${label.en}] ${content.titleEn}`,
      '',
      content.bodyEn,
      '',
      `Details: ${url}`,
      '',
      '--',
      'Sent automatically by Daicho (register of external services). Replies are not read.',
      `Change which notifications you receive by mail in your profile: ${settings}`,
      '',
    ].join('\n');
  return [
    `【${label.ja}】${content.title}`,
    '',
    content.body,
    '',
    `詳細: ${url}`,
    '',
    '--',
    'このメールは Daicho（外部サービス台帳）から自動で送信しています。返信はできません。',
    `メール通知の設定は個人設定で変更できます: ${settings}`,
    '',
  ].join('\n');
}

export interface DigestNotice {
  kind: NotificationKind;
  title: string;
  link: string | null;
  count: number;
}

/** The daily digest's subject, in the recipient's language. */
export function digestSubject(count: number, date: string, locale: Locale): string {
  const day = date.replaceAll('-', '/');
  return mailSubject(locale === 'en' ? `Daily summary ${day}: ${count} unread notification${count === 1 ? '' : 's'}` : `${day} のお知らせのまとめ（未読${count}件）`);
}

/** One mail a day: the day's unread notices grouped by kind, each with its link; in the recipient's language only. */
export function renderDigestText(notices: readonly DigestNotice[], date: string, publicUrl: string, locale: Locale): string {
  const en = locale === 'en';
  const day = date.replaceAll('-', '/');
  const lines = [en ? `Unread notifications of the last day (${day}, Japan time): ${notices.length}` : `${day} までの1日に届いた未読のお知らせ: ${notices.length}件`, ''];
  const kinds = [...new Set(notices.map((notice) => notice.kind))];
  for (const kind of kinds) {
    const label = INCIDENT_LABELS.notification[kind];
    lines.push(en ? `[${label.en}]` : `【${label.ja}】`);
    for (const notice of notices.filter((n) => n.kind === kind)) {
      const times = notice.count > 1 ? (en ? ` (${notice.count} times)` : `（${notice.count}回）`) : '';
      lines.push(`・${notice.title}${times}`);
      if (notice.link) lines.push(`  ${absoluteLink(publicUrl, notice.link)}`);
    }
    lines.push('');
  }
  const inbox = absoluteLink(publicUrl, '/notifications');
  const settings = absoluteLink(publicUrl, '/profile');
  lines.push(
    en ? `All notifications: ${inbox}` : `お知らせの一覧: ${inbox}`,
    '',
    '--',
    en ? 'Sent automatically by Daicho (register of external services). Replies are not read.' : 'このメールは Daicho（外部サービス台帳）から自動で送信しています。返信はできません。',
    en ? `You chose one summary mail a day; change it in your profile: ${settings}` : `1日1通のまとめメールを選択しています。個人設定で変更できます: ${settings}`,
    '',
  );
  return lines.join('\n');
}

/** A mail for the outbox, due at once (`at`), not yet tried. */
export function pendingMail(mail: Pick<MailRow, 'organisation_id' | 'user_id' | 'to_address' | 'subject' | 'body_text' | 'dedupe_key'>, at: string): MailRow {
  return { id: newId(), ...mail, status: 'pending', attempts: 0, next_attempt_at: at, lease_until: null, last_error: null, message_id: null, created_at: at, sent_at: null };
}
