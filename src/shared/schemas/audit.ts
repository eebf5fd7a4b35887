import { z } from 'zod';
import { bi } from '../messages.ts';

export const auditQuery = z.object({
  action: z.string().max(80).optional(),
  actor: z.string().max(100).optional(),
  target_type: z.string().max(60).optional(),
  target_id: z.string().max(80).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  from: z.iso.date({ error: bi('日付はYYYY-MM-DDで入力してください', 'Enter the date as YYYY-MM-DD') }).optional(),
  to: z.iso.date({ error: bi('日付はYYYY-MM-DDで入力してください', 'Enter the date as YYYY-MM-DD') }).optional(),
  before_seq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditEntryResponse = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actor_user_id: z.string().nullable(),
  actor_label: z.string(),
  organisation_id: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  target_type: z.string().nullable(),
  target_id: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  target_label: z.string().nullable().describe('the name of the target, where the caller may see it'),
});

export const auditListResponse = z.object({
  items: z.array(auditEntryResponse),
  names: z.record(z.string(), z.string()).describe('id → name of the ids the entries hold, where the caller may see them'),
  next_before_seq: z.number().nullable(),
});
export const auditVerifyResponse = z.object({ ok: z.boolean(), entries: z.number(), problem: z.object({ seq: z.number(), problem: z.string() }).nullable(), checkpoints: z.number().optional() });
