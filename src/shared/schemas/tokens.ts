import { z } from 'zod';
import { bi } from '../messages.ts';
import { ROLES } from '../roles.ts';
import { text } from './common.ts';

export const tokenCreateBody = z.object({
  name: text(100),
  role: z.enum(ROLES, { error: bi('役割を選んでください', 'Choose a role') }),
  expires_in_days: z.number().int().min(1).max(730).nullish(),
});

export const tokenResponse = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  token_prefix: z.string(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export const tokenListResponse = z.object({ items: z.array(tokenResponse) });
export const tokenCreatedResponse = z.object({ token: tokenResponse, secret: z.string() });
