import { z } from 'zod';
import { bi } from '../messages.ts';

// Japanese messages for zod's built-in checks, on server and web alike.
z.config(z.locales.ja());

export const idSchema = z.string().uuid({ error: bi('IDの形式が正しくありません', 'The ID is malformed') });
export const idParams = z.object({ id: idSchema });
export const isoDateTime = z.string();
export const okResponse = z.object({ ok: z.literal(true) });

/** A stored (encrypted) file as it leaves the server: attachments, evidence. */
export const storedFile = z.object({
  id: z.string(),
  filename: z.string(),
  content_type: z.string(),
  size_bytes: z.number(),
  sha256: z.string(),
  uploaded_label: z.string(),
  created_at: z.string(),
});

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    message_en: z.string(),
    details: z.array(z.object({ field: z.string(), reason: z.string(), reason_en: z.string().optional() })),
  }),
});

/** Trimmed non-empty text with a maximum length and a Japanese message naming the limit. */
export function text(max: number) {
  return z
    .string()
    .trim()
    .min(1, { error: bi('入力してください', 'Enter a value') })
    .max(max, { error: bi(`${max}文字以内で入力してください`, `Use at most ${max} characters`) });
}
