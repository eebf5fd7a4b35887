import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { Link } from 'react-router';
import { useUnreadCount } from '../pages/notifications/notifications-api.ts';
import { useNotificationText } from '../pages/notifications/notifications-text.ts';

const BELL_STYLE = {
  display: 'inline-flex',
  alignItems: 'center',
  justifyContent: 'center',
  width: 36,
  height: 36,
  borderRadius: '50%',
  border: '1px solid #d9d9d9',
  color: '#1f1f1f',
  fontSize: 18,
} as const;

/** The header bell: a link to the notifications, with the number of unread ones. */
export function NotificationBell() {
  const { text, fill } = useNotificationText();
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  const label = count > 0 ? fill(text.bellUnread, { count }) : text.bell;
  return (
    <Badge count={count} overflowCount={99} offset={[-4, 4]}>
      <Link to="/notifications" aria-label={label} title={label} style={BELL_STYLE} data-testid="notification-bell">
        <BellOutlined aria-hidden />
      </Link>
    </Badge>
  );
}
