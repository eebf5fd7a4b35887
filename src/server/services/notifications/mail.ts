// The text of a notification mail, in the recipient's language, with the absolute link.
import { INCIDENT_LABELS, type NotificationKind } from '../../../shared/incidents.ts';

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
