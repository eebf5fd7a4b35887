import { z } from 'zod';
import { bi } from '../messages.ts';
import { ROLES } from '../roles.ts';
import { idSchema, text } from './common.ts';
import { emailSchema, newPasswordSchema } from './auth.ts';

export const userCreateBody = z.object({
  organisation_id: idSchema.optional(),
  email: emailSchema,
  display_name: text(100),
  role: z.enum(ROLES, { error: bi('役割を選んでください', 'Choose a role') }),
  locale: z.enum(['ja', 'en']).default('ja'),
  /** 所管課: an editor with a department edits only that department's register entries. */
  department: z.string().trim().max(100).nullish(),
  /** Optional temporary password; when absent one is generated and shown once. */
  temporary_password: newPasswordSchema.optional(),
});

export const userUpdateBody = z.object({
  display_name: text(100).optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
  locale: z.enum(['ja', 'en']).optional(),
  department: z.string().trim().max(100).nullish(),
});

export const resetPasswordBody = z.object({ temporary_password: newPasswordSchema.optional() });

export const userResponse = z.object({
  id: z.string(),
  organisation_id: z.string(),
  email: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  locale: z.string(),
  department: z.string().nullable(),
  mfa_enabled: z.boolean(),
  disabled: z.boolean(),
  locked: z.boolean(),
  must_change_password: z.boolean(),
  last_login_at: z.string().nullable(),
  created_at: z.string(),
});

export const userListQuery = z.object({ organisation_id: idSchema.optional(), q: z.string().max(100).optional() });
export const userListResponse = z.object({ items: z.array(userResponse) });
export const userWithPasswordResponse = z.object({ user: userResponse, temporary_password: z.string().nullable() });
