import { z } from 'zod';
import { bi } from '../messages.ts';
import { ORGANISATION_KINDS, ROLES, type Permission } from '../roles.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../password.ts';
import { isoDateTime } from './common.ts';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: bi('254文字以内で入力してください', 'Use at most 254 characters') })
  .pipe(z.email({ error: bi('メールアドレスの形式が正しくありません', 'The e-mail address is malformed') }));

/** A new password: checked against the shared rules so the form and the server agree. */
export const newPasswordSchema = z
  .string()
  .max(PASSWORD_MAX_LENGTH * 4)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: PASSWORD_PROBLEM_MESSAGES[problem].ja });
  });

export const loginBody = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: bi('パスワードを入力してください', 'Enter the password') }).max(1024),
});

export const mfaCodeBody = z.object({
  code: z
    .string()
    .trim()
    .min(6, { error: bi('6桁のコードまたはリカバリーコードを入力してください', 'Enter the 6-digit code or a recovery code') })
    .max(32),
});

export const changePasswordBody = z.object({
  current_password: z.string().min(1, { error: bi('現在のパスワードを入力してください', 'Enter your current password') }).max(1024),
  new_password: newPasswordSchema,
});

export const mfaDisableBody = z.object({
  password: z.string().min(1, { error: bi('パスワードを入力してください', 'Enter the password') }).max(1024),
  code: z.string().trim().min(6).max(32),
});

export const sessionUser = z.object({
  id: z.string(),
  email: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  locale: z.string(),
  department: z.string().nullable(),
  mfa_enabled: z.boolean(),
  must_change_password: z.boolean(),
});

export const meResponse = z.object({
  user: sessionUser,
  organisation: z.object({ id: z.string(), name: z.string(), name_en: z.string().nullable(), kind: z.enum(ORGANISATION_KINDS), is_demo: z.boolean() }),
  /** What the session still needs before the app opens: nothing, an MFA code, MFA setup, or a new password. */
  next_step: z.enum(['none', 'mfa', 'mfa_setup', 'change_password']),
  permissions: z.array(z.string()) as z.ZodType<Permission[]>,
  csrf_token: z.string(),
  session_expires_at: isoDateTime,
});

export const mfaSetupResponse = z.object({ secret: z.string(), otpauth_uri: z.string() });
export const recoveryCodesResponse = z.object({ recovery_codes: z.array(z.string()) });
export const mfaStatusResponse = z.object({ mfa_enabled: z.boolean(), recovery_codes_left: z.number(), required: z.boolean() });
export const localeBody = z.object({ locale: z.enum(['ja', 'en']) });
