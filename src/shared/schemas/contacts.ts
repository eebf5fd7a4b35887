// 連絡体制 (contact structure) of a register entry: who to call in normal times, during an incident
// and after it, the vendor's first-report commitment, re-verification, and drills (訓練).
import { z } from 'zod';
import { bi } from '../messages.ts';
import { CONTACT_PHASES, CONTACT_SIDES, type ContactPhase } from '../incidents.ts';
import { idSchema, text } from './common.ts';
import type { ErrorDetail } from '../errors.ts';

/** At most this many contacts in one structure (all phases together). */
export const MAX_CONTACTS = 50;
/** Re-verification falls "due soon" this many days before its date. */
export const REVERIFY_DUE_SOON_DAYS = 30;
export const DEFAULT_REVERIFY_MONTHS = 6;

/** Digits with +, -, spaces and parentheses, at least three digits (an empty string means none). */
export const PHONE_PATTERN = /^(?:|(?=(?:[^0-9]*[0-9]){3})[0-9+\-() ]+)$/;
const EMAIL_PATTERN = z.regexes.email;

const optionalText = (max: number) => z.string().trim().max(max, { error: bi(`${max}文字以内で入力してください`, `Use at most ${max} characters`) }).nullish();
const isoDate = z.iso.date({ error: bi('日付はYYYY-MM-DDで入力してください', 'Enter the date as YYYY-MM-DD') });

export const contactBody = z.object({
  phase: z.enum(CONTACT_PHASES, { error: bi('連絡体制の段階（平常時・障害発生時・障害発生後）を選んでください', 'Choose the phase (normal times, during or after an incident)') }),
  side: z.enum(CONTACT_SIDES, { error: bi('事業者側か自団体側かを選んでください', 'Choose vendor or our organisation') }),
  escalation_order: z
    .number({ error: bi('連絡順を数値で入力してください', 'Enter the escalation order as a number') })
    .int({ error: bi('連絡順は整数で入力してください', 'Use a whole number for the escalation order') })
    .min(1, { error: bi('連絡順は1以上で入力してください', 'The escalation order starts at 1') })
    .max(99, { error: bi('連絡順は99以下で入力してください', 'Use an escalation order of at most 99') }),
  name: text(100),
  role_title: optionalText(100),
  phone: z
    .string()
    .trim()
    .max(40, { error: bi('40文字以内で入力してください', 'Use at most 40 characters') })
    .regex(PHONE_PATTERN, { error: bi('電話番号は数字・+・-・空白・括弧で入力してください（例 03-1234-5678）', 'Use digits, +, -, spaces and parentheses for the phone number (e.g. 03-1234-5678)') })
    .nullish(),
  email: z
    .string()
    .trim()
    .max(254, { error: bi('254文字以内で入力してください', 'Use at most 254 characters') })
    .refine((v) => v === '' || EMAIL_PATTERN.test(v), { error: bi('メールアドレスの形式が正しくありません', 'The e-mail address is malformed') })
    .nullish(),
  notes: optionalText(500),
  /** The party of the entry (責任分界) this contact belongs to, mostly for vendor-side contacts. */
  party_id: idSchema.nullish(),
});

export const contactsBody = z.object({
  first_report_minutes: z
    .number({ error: bi('第一報の期限を分で入力してください', 'Enter the first-report deadline in minutes') })
    .int({ error: bi('分は整数で入力してください', 'Use whole minutes') })
    .min(1, { error: bi('1分以上で入力してください', 'Enter at least 1 minute') })
    .max(10_080, { error: bi('第一報の期限は7日（10080分）以内で入力してください', 'The first-report deadline is at most 7 days (10,080 minutes)') })
    .nullish(),
  reverify_interval_months: z
    .number({ error: bi('再確認の間隔を数値で入力してください', 'Enter the re-verification interval as a number') })
    .int({ error: bi('か月は整数で入力してください', 'Use whole months') })
    .min(1, { error: bi('再確認の間隔は1〜12か月で入力してください', 'Enter 1 to 12 months') })
    .max(12, { error: bi('再確認は少なくとも年1回です（1〜12か月）', 'Re-verify at least yearly (1 to 12 months)') })
    .default(DEFAULT_REVERIFY_MONTHS),
  notes: optionalText(2000),
  contacts: z.array(contactBody).max(MAX_CONTACTS, { error: bi(`連絡先は${MAX_CONTACTS}件までです`, `At most ${MAX_CONTACTS} contacts`) }),
});

/**
 * The rules across fields that the schema alone cannot see: each contact can be reached (a phone or an
 * e-mail), and no two contacts of one phase share an escalation order. Server and web use the same check.
 */
export function checkContacts(contacts: readonly { phase: ContactPhase; escalation_order: number; phone?: string | null; email?: string | null }[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Map<string, number>();
  contacts.forEach((c, i) => {
    if (!c.phone?.trim() && !c.email?.trim()) problems.push({ field: `contacts.${i}.phone`, reason: bi('電話番号かメールアドレスのどちらかを入力してください', 'Enter a phone number or an e-mail address') });
    const key = `${c.phase}:${c.escalation_order}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else
      problems.push({
        field: `contacts.${i}.escalation_order`,
        reason: bi(`同じ段階に連絡順${c.escalation_order}が重複しています（${first + 1}件目と同じ）`, `Escalation order ${c.escalation_order} is used twice in this phase (same as contact ${first + 1})`),
      });
  });
  return problems;
}

export const contactResponse = z.object({
  id: z.string(),
  phase: z.enum(CONTACT_PHASES),
  side: z.enum(CONTACT_SIDES),
  escalation_order: z.number(),
  name: z.string(),
  role_title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  party_id: z.string().nullable(),
});

export const contactSettingsResponse = z.object({
  first_report_minutes: z.number().nullable(),
  last_verified_on: z.string().nullable(),
  reverify_interval_months: z.number(),
  notes: z.string().nullable(),
  updated_at: z.string(),
  updated_by_label: z.string(),
});

export const REVERIFY_STATES = ['ok', 'due_soon', 'overdue', 'never'] as const;
export type ReverifyState = (typeof REVERIFY_STATES)[number];

export const reverifyStatus = z.object({
  /** null while the structure has never been verified. */
  next_due: z.string().nullable(),
  state: z.enum(REVERIFY_STATES),
});

export const drillBody = z.object({
  held_on: isoDate,
  scenario: text(2000),
  participants: optionalText(500),
  findings: optionalText(4000),
});

export const drillResponse = z.object({
  id: z.string(),
  held_on: z.string(),
  scenario: z.string(),
  participants: z.string().nullable(),
  findings: z.string().nullable(),
  created_at: z.string(),
  created_by_label: z.string(),
});

export const contactsView = z.object({
  settings: contactSettingsResponse.nullable(),
  contacts: z.object({ normal: z.array(contactResponse), incident: z.array(contactResponse), after: z.array(contactResponse) }),
  drills: z.array(drillResponse),
  reverify: reverifyStatus.nullable(),
  can_edit: z.boolean(),
});

export const reverifyDueItem = z.object({
  entry_id: z.string(),
  entry_name: z.string(),
  external_key: z.string(),
  department: z.string(),
  last_verified_on: z.string().nullable(),
  next_due: z.string().nullable(),
  state: z.enum(['due_soon', 'overdue', 'never']),
  /** false: a service in use with no contact structure at all. */
  has_structure: z.boolean(),
});
