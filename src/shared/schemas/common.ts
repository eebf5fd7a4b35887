import { z } from 'zod';

// Japanese messages for zod's built-in checks, on server and web alike.
z.config(z.locales.ja());

export const idSchema = z.string().uuid({ error: 'IDの形式が正しくありません' });
export const idParams = z.object({ id: idSchema });
export const isoDateTime = z.string();
export const okResponse = z.object({ ok: z.literal(true) });

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    message_en: z.string(),
    details: z.array(z.object({ field: z.string(), reason: z.string() })),
  }),
});

/** Trimmed non-empty text with a maximum length and a Japanese message naming the limit. */
export function text(max: number) {
  return z
    .string()
    .trim()
    .min(1, { error: '入力してください' })
    .max(max, { error: `${max}文字以内で入力してください` });
}
