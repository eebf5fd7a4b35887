// Types and queries of the notification screens, inferred from the shared zod schemas
// (src/shared/schemas/notifications.ts).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { deliveryResponse, notificationListResponse, notificationResponse, preferencesResponse, readAllResponse } from '../../../shared/schemas/notifications.ts';
import type { NotificationKind } from '../../../shared/incidents.ts';
import { api, withQuery } from '../../api/client.ts';

export type Notification = z.infer<typeof notificationResponse>;
export type NotificationList = z.infer<typeof notificationListResponse>;
export type Preferences = z.infer<typeof preferencesResponse>;
export type Delivery = z.infer<typeof deliveryResponse>;

const KEY = ['notifications'] as const;
const PREFERENCES_KEY = ['notification-preferences'] as const;
const DELIVERY_KEY = ['notification-delivery'] as const;

export function useNotifications(query: { unreadOnly: boolean; kind?: NotificationKind; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...KEY, 'list', query],
    queryFn: () => api.get<NotificationList>(withQuery('/api/notifications', { unread: query.unreadOnly ? 'true' : undefined, kind: query.kind, page: query.page, page_size: query.pageSize })),
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

export function useDelivery() {
  return useQuery({ queryKey: DELIVERY_KEY, queryFn: () => api.get<Delivery>('/api/notifications/delivery') });
}

export function useSaveDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mailDelivery: Delivery['mail_delivery']) => api.put<Delivery>('/api/notifications/delivery', { mail_delivery: mailDelivery }),
    onSuccess: (saved) => queryClient.setQueryData(DELIVERY_KEY, saved),
    onError: () => queryClient.invalidateQueries({ queryKey: DELIVERY_KEY }),
  });
}
