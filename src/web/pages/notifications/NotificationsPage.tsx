import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Flex, List, Segmented, Tag, Typography } from 'antd';
import { useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useMarkAllRead, useMarkRead, useNotifications, type Notification } from './notifications-api.ts';
import { useNotificationText } from './notifications-text.ts';

const PAGE_SIZE = 20;

/** Long bodies (a vendor's full report) start folded to a few lines; the toggle appears only when something is hidden. */
const FOLDED_STYLE = { display: '-webkit-box', WebkitLineClamp: 4, WebkitBoxOrient: 'vertical', overflow: 'hidden' } as const;

function NotificationItem({ notification }: { notification: Notification }) {
  const { text, fill, kindLabel } = useNotificationText();
  const { reportError } = useFormFeedback();
  const markRead = useMarkRead();
  const [expanded, setExpanded] = useState(false);
  const [overflowing, setOverflowing] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = bodyRef.current;
    if (element && !expanded) setOverflowing(element.scrollHeight > element.clientHeight + 1);
  }, [notification.body, expanded]);
  const unread = notification.read_at === null;
  const read = () => markRead.mutate(notification.id, { onError: (error) => reportError(error) });
  const actions = [
    unread && (
      <Button key="read" size="small" icon={<CheckOutlined aria-hidden />} loading={markRead.isPending} onClick={read}>
        {text.markRead}
      </Button>
    ),
    notification.link && (
      <Link key="open" to={notification.link} onClick={() => unread && read()}>
        {text.open}
      </Link>
    ),
  ].filter(Boolean);
  return (
    <List.Item actions={actions} style={{ paddingInline: 12, alignItems: 'flex-start', ...(unread ? { background: '#f0f7ff' } : {}) }} data-testid="notification-item">
      <div style={{ minWidth: 0, flex: 1 }}>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 4 }}>
          {unread ? <StatusTag tone="info">{text.unread}</StatusTag> : <StatusTag tone="neutral">{text.read}</StatusTag>}
          <Tag>{kindLabel(notification.kind)}</Tag>
          <h2 style={{ fontSize: 15, margin: 0, fontWeight: unread ? 700 : 400 }}>
            {notification.link ? (
              <Link to={notification.link} onClick={() => unread && read()}>
                {notification.title}
              </Link>
            ) : (
              notification.title
            )}
          </h2>
        </Flex>
        {notification.body && (
          <>
            <div ref={bodyRef} style={{ whiteSpace: 'pre-line', ...(expanded ? {} : FOLDED_STYLE) }}>
              {notification.body}
            </div>
            {(overflowing || expanded) && (
              <Button type="link" size="small" style={{ paddingInline: 0 }} aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
                {expanded ? text.less : text.more}
              </Button>
            )}
          </>
        )}
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {fill(text.receivedAt, { at: formatDateTime(notification.created_at) })}
        </Typography.Text>
      </div>
    </List.Item>
  );
}

export default function NotificationsPage() {
  const { text, fill } = useNotificationText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications({ unreadOnly, page, pageSize: PAGE_SIZE });
  const markAll = useMarkAllRead();
  const unreadCount = list.data?.unread_count ?? 0;

  const markAllButton = unreadCount > 0 && (
    <Button
      icon={<CheckOutlined aria-hidden />}
      loading={markAll.isPending}
      onClick={() =>
        markAll.mutate(undefined, {
          onSuccess: () => void message.success(text.markedAllRead),
          onError: (error) => reportError(error),
        })
      }
    >
      {text.markAllRead}
    </Button>
  );

  return (
    <>
      <PageHeading
        title={text.title}
        lead={
          <>
            {text.lead}{' '}
            <Link to="/profile#notification-settings" style={{ textDecoration: 'underline' }}>
              {text.toSettings}
            </Link>
          </>
        }
        extra={markAllButton}
      />
      <Segmented
        aria-label={text.filterLabel}
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(value) => {
          setUnreadOnly(value === 'unread');
          setPage(1);
        }}
        options={[
          { value: 'all', label: text.all },
          { value: 'unread', label: fill(text.unreadOnly, { count: unreadCount }) },
        ]}
        style={{ marginBottom: 16 }}
      />
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <List
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          rowKey="id"
          renderItem={(notification) => <NotificationItem notification={notification} />}
          locale={{ emptyText: unreadOnly ? <EmptyState title={text.emptyUnread} hint={text.emptyUnreadHint} /> : <EmptyState title={text.empty} hint={text.emptyHint} /> }}
          pagination={
            (list.data?.total ?? 0) > PAGE_SIZE && {
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
            }
          }
        />
      )}
    </>
  );
}
