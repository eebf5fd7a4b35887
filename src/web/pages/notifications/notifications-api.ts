// Types and queries of the notification screens, inferred from the shared zod schemas
// (src/shared/schemas/notifications.ts).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { notificationListResponse, notificationResponse, preferencesResponse, readAllResponse } from '../../../shared/schemas/notifications.ts';
import type { NotificationKind } from '../../../shared/incidents.ts';
import { api, withQuery } from '../../api/client.ts';

export type Notification = z.infer<typeof notificationResponse>;
export type NotificationList = z.infer<typeof notificationListResponse>;
export type Preferences = z.infer<typeof preferencesResponse>;

const KEY = ['notifications'] as const;
const PREFERENCES_KEY = ['notification-preferences'] as const;

export function useNotifications(query: { unreadOnly: boolean; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...KEY, 'list', query],
    queryFn: () => api.get<NotificationList>(withQuery('/api/notifications', { unread: query.unreadOnly ? 'true' : undefined, page: query.page, page_size: query.pageSize })),
    placeholderData: keepPreviousData,
  });
}

/** The unread count for the header bell: looked at again every minute and when the window regains focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...KEY, 'unread-count'],
    queryFn: () => api.get<NotificationList>(withQuery('/api/notifications', { unread: 'true', page_size: 1 })),
    select: (list) => list.unread_count,
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Notification>(`/api/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<z.infer<typeof readAllResponse>>('/api/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function usePreferences() {
  return useQuery({ queryKey: PREFERENCES_KEY, queryFn: () => api.get<Preferences>('/api/notifications/preferences') });
}

export function useSavePreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (item: { kind: NotificationKind; email: boolean }) => api.put<Preferences>('/api/notifications/preferences', { items: [item] }),
    onSuccess: (saved) => queryClient.setQueryData(PREFERENCES_KEY, saved),
    onError: () => queryClient.invalidateQueries({ queryKey: PREFERENCES_KEY }),
  });
}
