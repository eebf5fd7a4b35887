import { z } from 'zod';
import { bi } from '../messages.ts';
import { NOTIFICATION_KINDS } from '../incidents.ts';

const kind = z.enum(NOTIFICATION_KINDS, { error: bi('通知の種類が正しくありません', 'Unknown notification kind') });

export const notificationListQuery = z.object({
  unread: z.enum(['true', 'false'], { error: bi('true か false を指定してください', 'Use true or false') }).optional(),
  kind: kind.optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});

export const notificationResponse = z.object({
  id: z.string(),
  kind,
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  created_at: z.string(),
  /** The latest announcement the notice holds (its first: created_at). */
  latest_at: z.string(),
  /** How many announcements of the same kind and subject it holds while unread. */
  count: z.number(),
  read_at: z.string().nullable(),
});

export const notificationListResponse = z.object({
  items: z.array(notificationResponse),
  unread_count: z.number(),
  /** The inbox's groups: every kind the reader has notices of, with how many and how many unread. */
  kinds: z.array(z.object({ kind, total: z.number(), unread: z.number() })),
  total: z.number(),
  page: z.number(),
  page_size: z.number(),
});

export const readAllResponse = z.object({ updated: z.number(), unread_count: z.number() });

const preferenceItem = z.object({
  kind,
  email: z.boolean({ error: bi('メール通知の有無を true か false で指定してください', 'email must be true or false') }),
});

export const preferencesBody = z
  .object({
    items: z
      .array(preferenceItem)
      .min(1, { error: bi('設定を1件以上指定してください', 'Give at least one setting') })
      .max(NOTIFICATION_KINDS.length, { error: bi(`設定は${NOTIFICATION_KINDS.length}件までです`, `At most ${NOTIFICATION_KINDS.length} settings`) }),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.items.forEach((item, index) => {
      if (seen.has(item.kind)) ctx.addIssue({ code: 'custom', path: ['items', index, 'kind'], message: bi('同じ種類が重複しています', 'This kind is listed twice') });
      seen.add(item.kind);
    });
  });

export const preferencesResponse = z.object({ items: z.array(preferenceItem) });

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

export const outboxQuery = z.object({
  status: z.enum(OUTBOX_STATUSES, { error: bi('状態は pending・sent・failed のいずれかです', 'status is pending, sent or failed') }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

export const outboxItem = z.object({
  id: z.string(),
  organisation_id: z.string(),
  user_id: z.string().nullable(),
  to_address: z.string(),
  subject: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number(),
  next_attempt_at: z.string(),
  last_error: z.string().nullable(),
  message_id: z.string().nullable(),
  created_at: z.string(),
  sent_at: z.string().nullable(),
});

export const outboxResponse = z.object({ items: z.array(outboxItem), total: z.number(), page: z.number(), page_size: z.number() });

export const MAIL_DELIVERIES = ['instant', 'digest'] as const;

/** How a person gets notification mail: each at once, or one digest a day (Japan time, at the hour given). */
export const deliveryBody = z.object({
  mail_delivery: z.enum(MAIL_DELIVERIES, { error: bi('instant か digest を指定してください', 'mail_delivery is instant or digest') }),
});

export const deliveryResponse = z.object({
  mail_delivery: z.enum(MAIL_DELIVERIES),
  /** The Japan-time hour the digest goes out (the server's setting). */
  digest_hour: z.number(),
});
