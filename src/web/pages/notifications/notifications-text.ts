// The notification screens' words in both languages; en mirrors ja key for key (the type checker enforces it).
// Kind labels come from src/shared/incidents.ts (INCIDENT_LABELS.notification).
import { INCIDENT_LABELS, type NotificationKind } from '../../../shared/incidents.ts';
import { useLabels, fillTemplate } from '../../lib/labels.ts';

const ja = {
  title: 'お知らせ',
  lead: 'インシデントの報告や連絡体制の再確認など、あなた宛てのお知らせです。メールでも受け取る種類は個人設定で選べます。',
  toSettings: 'メール通知の設定',
  all: 'すべて',
  unreadOnly: '未読のみ（{{count}}件）',
  filterLabel: '表示するお知らせ',
  unread: '未読',
  read: '既読',
  markRead: '既読にする',
  markAllRead: 'すべて既読にする',
  markedAllRead: 'すべて既読にしました',
  open: '開く',
  more: '続きを表示',
  less: '折りたたむ',
  receivedAt: '受信 {{at}}',
  empty: 'お知らせはありません',
  emptyHint: '関係する外部サービスでインシデントが報告されたときなどに、ここに表示されます。',
  emptyUnread: '未読のお知らせはありません',
  emptyUnreadHint: '「すべて」を選ぶと、既読のお知らせも表示されます。',
  bell: 'お知らせ',
  bellUnread: 'お知らせ（未読{{count}}件）',
  preferencesTitle: '通知の設定',
  preferencesLead: '画面内のお知らせ（ヘッダーのベル）は常に届きます。メールでも受け取る種類を選んでください。',
  kind: '種類',
  inApp: '画面内',
  email: 'メール',
  always: '常に受け取る',
  emailOn: 'メールで受け取る',
  saved: '通知の設定を保存しました',
  kindFilter: '種類',
  allKinds: 'すべての種類',
  kindOption: '{{label}}（未読{{unread}}／{{total}}件）',
  groupHeading: '{{label}}（未読{{unread}}件）',
  times: '{{count}}回の更新',
  timesHint: '同じ対象のお知らせが未読のあいだに{{count}}回届き、1件にまとめています（最新の内容を表示）',
  updatedAt: '最新 {{at}}（最初 {{first}}）',
  deliveryTitle: 'メールの受け取り方',
  deliveryInstant: 'お知らせごとにすぐ送る',
  deliveryDigest: '1日1通のまとめ（毎日{{hour}}時ごろ）',
  deliveryHint: 'まとめを選ぶと、前日からの未読のお知らせを種類ごとにまとめて1通で送ります（メールで受け取る種類だけ）。',
  deliverySaved: 'メールの受け取り方を保存しました',
};

type Text = { [Key in keyof typeof ja]: string };

const en: Text = {
  title: 'Notifications',
  lead: 'Notices for you, such as incident reports and contacts due for re-verification. Choose in your profile which kinds you also get by mail.',
  toSettings: 'Mail settings',
  all: 'All',
  unreadOnly: 'Unread ({{count}})',
  filterLabel: 'Notifications to show',
  unread: 'Unread',
  read: 'Read',
  markRead: 'Mark read',
  markAllRead: 'Mark all read',
  markedAllRead: 'All notifications marked read',
  open: 'Open',
  more: 'Show more',
  less: 'Show less',
  receivedAt: 'Received {{at}}',
  empty: 'No notifications',
  emptyHint: 'They appear here when, for example, an incident is reported for a service you use.',
  emptyUnread: 'No unread notifications',
  emptyUnreadHint: 'Choose “All” to see the ones you have read.',
  bell: 'Notifications',
  bellUnread: 'Notifications ({{count}} unread)',
  preferencesTitle: 'Notifications',
  preferencesLead: 'In-app notifications (the bell in the header) always arrive. Choose which kinds you also get by mail.',
  kind: 'Kind',
  inApp: 'In the app',
  email: 'Mail',
  always: 'Always',
  emailOn: 'Get by mail',
  saved: 'Notification settings saved',
  kindFilter: 'Kind',
  allKinds: 'All kinds',
  kindOption: '{{label}} ({{unread}} unread of {{total}})',
  groupHeading: '{{label}} ({{unread}} unread)',
  times: '{{count}} updates',
  timesHint: 'The same subject was announced {{count}} times while this notice was unread; they are kept together (latest shown)',
  updatedAt: 'Latest {{at}} (first {{first}})',
  deliveryTitle: 'How mail arrives',
  deliveryInstant: 'Each notification at once',
  deliveryDigest: 'One summary a day (around {{hour}}:00)',
  deliveryHint: 'With the summary, the unread notifications since the day before come in one mail, grouped by kind (only the kinds you get by mail).',
  deliverySaved: 'Mail delivery saved',
};

/** The notification screens' text in the display language, with {{name}} interpolation, and kind labels. */
export function useNotificationText() {
  const { lang } = useLabels();
  const text = lang === 'en' ? en : ja;
  const fill = fillTemplate;
  const kindLabel = (kind: NotificationKind) => INCIDENT_LABELS.notification[kind]?.[lang] ?? kind;
  return { text, lang, fill, kindLabel };
}
