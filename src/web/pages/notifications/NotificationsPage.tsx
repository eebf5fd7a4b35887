import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Flex, List, Segmented, Select, Tag, Tooltip, Typography } from 'antd';
import { useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import type { NotificationKind } from '../../../shared/incidents.ts';
import { useMarkAllRead, useMarkRead, useNotifications, type Notification, type NotificationList } from './notifications-api.ts';
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
          {notification.count > 1 && (
            <Tooltip title={fill(text.timesHint, { count: notification.count })}>
              <Tag color="blue" data-testid="notification-count">
                {fill(text.times, { count: notification.count })}
              </Tag>
            </Tooltip>
          )}
          <h3 style={{ fontSize: 15, margin: 0, fontWeight: unread ? 700 : 400 }}>
            {notification.link ? (
              <Link to={notification.link} onClick={() => unread && read()}>
                {notification.title}
              </Link>
            ) : (
              notification.title
            )}
          </h3>
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
          {notification.latest_at !== notification.created_at
            ? fill(text.updatedAt, { at: formatDateTime(notification.latest_at), first: formatDateTime(notification.created_at) })
            : fill(text.receivedAt, { at: formatDateTime(notification.created_at) })}
        </Typography.Text>
      </div>
    </List.Item>
  );
}

/** The page's notices come grouped by kind: a heading where a kind starts. */
function startsGroup(items: Notification[], index: number): boolean {
  return index === 0 || items[index - 1]!.kind !== items[index]!.kind;
}

function GroupHeading({ kind, kinds }: { kind: NotificationKind; kinds: NotificationList['kinds'] }) {
  const { text, fill, kindLabel } = useNotificationText();
  const unread = kinds.find((k) => k.kind === kind)?.unread ?? 0;
  return (
    <li style={{ listStyle: 'none', padding: '12px 12px 4px', borderBottom: '1px solid #f0f0f0' }}>
      <h2 style={{ fontSize: 16, margin: 0 }} data-testid="notification-group">
        {fill(text.groupHeading, { label: kindLabel(kind), unread })}
      </h2>
    </li>
  );
}

/** Notices of one page in groups by kind (the order of the kinds as the newest notice of each). */
function groupedByKind(items: Notification[]): Notification[] {
  const order: NotificationKind[] = [];
  for (const item of items) if (!order.includes(item.kind)) order.push(item.kind);
  return order.flatMap((kind) => items.filter((item) => item.kind === kind));
}

export default function NotificationsPage() {
  const { text, fill, kindLabel } = useNotificationText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [kind, setKind] = useState<NotificationKind | undefined>(undefined);
  const [page, setPage] = useState(1);
  const list = useNotifications({ unreadOnly, kind, page, pageSize: PAGE_SIZE });
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
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
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
        />
        <Select
          aria-label={text.kindFilter}
          style={{ minWidth: 320 }}
          value={kind ?? 'all'}
          onChange={(value: NotificationKind | 'all') => {
            setKind(value === 'all' ? undefined : value);
            setPage(1);
          }}
          options={[
            { value: 'all', label: text.allKinds },
            ...(list.data?.kinds ?? []).map((k) => ({ value: k.kind, label: fill(text.kindOption, { label: kindLabel(k.kind), unread: k.unread, total: k.total }) })),
          ]}
          data-testid="notification-kind-filter"
        />
      </Flex>
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <List
          loading={list.isPending}
          dataSource={groupedByKind(list.data?.items ?? [])}
          rowKey="id"
          renderItem={(notification, index) => (
            <>
              {startsGroup(groupedByKind(list.data?.items ?? []), index) && <GroupHeading kind={notification.kind} kinds={list.data?.kinds ?? []} />}
              <NotificationItem notification={notification} />
            </>
          )}
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
