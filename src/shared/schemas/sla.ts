import { z } from 'zod';
import { bi } from '../messages.ts';
import { OUTAGE_CAUSES, OUTAGE_SOURCES, REVIEW_KINDS, SLA_AUDIENCES, START_BASES, YEAR_MONTH } from '../sla.ts';
import { text } from './common.ts';

const optionalText = (max: number) => z.string().trim().max(max, { error: bi(`${max}文字以内で入力してください`, `Use at most ${max} characters`) }).nullish();
const isoDate = z.iso.date({ error: bi('日付はYYYY-MM-DDで入力してください', 'Enter the date as YYYY-MM-DD') });
const instant = z.iso.datetime({ offset: true, error: bi('日時の形式が正しくありません（例 2026-11-01T09:30:00+09:00）', 'Enter the time as ISO 8601 (e.g. 2026-11-01T09:30:00+09:00)') });
const percent = z
  .number({ error: bi('数値で入力してください', 'Enter a number') })
  .min(0, { error: bi('0〜100の範囲で入力してください', 'Enter 0 to 100') })
  .max(100, { error: bi('100%を超える値は入力できません', 'A percentage cannot exceed 100') });
const minuteOfDay = (max: number) =>
  z.number().int().min(0, { error: bi('0以上で入力してください', 'Enter 0 or more') }).max(max, { error: bi(`${max}以下で入力してください`, `Enter at most ${max}`) });
export const yearMonth = z.string().regex(YEAR_MONTH, { error: bi('年月はYYYY-MMで入力してください', 'Enter the month as YYYY-MM') });

export const maintenanceWindow = z.object({
  /** 0 = Sunday … 6 = Saturday, Japan time. */
  weekday: z.number().int().min(0).max(6),
  start_minute: minuteOfDay(1439),
  end_minute: minuteOfDay(2880),
});

export const creditBand = z.object({ from: percent, to: percent, credit_percent: percent });

export const slaTermsBody = z.object({
  audience: z.enum(SLA_AUDIENCES, { error: bi('利用者（住民向け／職員向け）を選んでください', 'Choose who uses it (residents or staff)') }),
  calendar_kind: z.enum(['always', 'office'], { error: bi('サービス時間の種類を選んでください', 'Choose the kind of service hours') }),
  weekdays: z.array(z.number().int().min(0).max(6)).max(7).default([1, 2, 3, 4, 5]),
  start_minute: minuteOfDay(1439).default(510),
  end_minute: minuteOfDay(2880).default(1035),
  exclude_holidays: z.boolean().default(true),
  service_hours_note: optionalText(500),
  availability_target: percent.nullish(),
  mttr_target_minutes: z.number().int().min(1, { error: bi('1分以上で入力してください', 'Enter at least 1 minute') }).max(100_000).nullish(),
  dr_method: optionalText(1000),
  backup_format: optionalText(1000),
  status_check_method: optionalText(1000),
  customisability: optionalText(1000),
  concurrent_users: optionalText(1000),
  backup_method: optionalText(1000),
  backup_retention: optionalText(1000),
  minimum_outage_minutes: z.number().int().min(0).max(1440).default(0),
  truncate_unit_minutes: z.number().int().min(0).max(1440).default(0),
  start_basis: z.enum(START_BASES, { error: bi('計測開始の基準を選んでください', 'Choose when counting starts') }).default('occurred'),
  excluded_causes: z.array(z.enum(OUTAGE_CAUSES)).max(OUTAGE_CAUSES.length).default([]),
  maintenance_windows: z.array(maintenanceWindow).max(20).default([]),
  credit_table: z.array(creditBand).max(20).default([]),
  monthly_fee_yen: z.number().int().min(0).max(10_000_000_000).nullish(),
  review_interval_months: z.number().int().min(1, { error: bi('1〜12か月で入力してください', 'Enter 1 to 12 months') }).max(12, { error: bi('見直しは少なくとも年1回です（1〜12か月）', 'Review at least yearly (1 to 12 months)') }).default(12),
  source_document: optionalText(500),
});

export const slaFlag = z.object({
  item: z.string(),
  severity: z.enum(['missing', 'weaker', 'note']),
  reason: z.string(),
  reason_en: z.string(),
});

export const slaTermsResponse = slaTermsBody.extend({
  entry_id: z.string(),
  service_hours_note: z.string().nullable(),
  updated_at: z.string(),
  updated_by_label: z.string(),
});

export const outageBody = z.object({
  occurred_at: instant,
  detected_at: instant.nullish(),
  reported_at: instant.nullish(),
  confirmed_at: instant.nullish(),
  recovered_at: instant,
  cause: z.enum(OUTAGE_CAUSES, { error: bi('原因の区分を選んでください', 'Choose the cause') }),
  description: optionalText(2000),
});

export const outageResponse = z.object({
  id: z.string(),
  entry_id: z.string(),
  source: z.enum(OUTAGE_SOURCES),
  occurred_at: z.string(),
  detected_at: z.string().nullable(),
  reported_at: z.string().nullable(),
  confirmed_at: z.string().nullable(),
  recovered_at: z.string().nullable(),
  cause: z.enum(OUTAGE_CAUSES),
  description: z.string().nullable(),
  minutes: z.number(),
  created_at: z.string(),
  created_by_label: z.string(),
});

export const monthRangeQuery = z.object({ from: yearMonth.optional(), to: yearMonth.optional() });

export const monthlyResult = z.object({
  month: z.string(),
  service_minutes: z.number(),
  outage_count: z.number(),
  outage_minutes: z.number(),
  /** By the contract's counting rules, over every outage record. */
  contract_availability: z.number(),
  /** By our own records (monitor and hand-entered), in service hours, without the vendor's exclusions. */
  own_availability: z.number().nullable(),
  /** As the vendor's monthly report states (or computed from its rows); null when no report. */
  vendor_availability: z.number().nullable(),
  /** contract − vendor, own − vendor (percentage points), null when either side is missing. */
  diff_contract_vendor: z.number().nullable(),
  diff_own_vendor: z.number().nullable(),
  /** The vendor's figure does not match the contract-rule count (by 0.01 points or more). */
  differs: z.boolean(),
  mttr_minutes: z.number().nullable(),
  target: z.number().nullable(),
  allowed_outage_minutes: z.number().nullable(),
  met: z.boolean().nullable(),
  mttr_met: z.boolean().nullable(),
  credit_percent: z.number().nullable(),
  credit_yen: z.number().nullable(),
});

export const reviewBody = z.object({
  reviewed_on: isoDate,
  kind: z.enum(REVIEW_KINDS).default('scheduled'),
  participants: optionalText(500),
  findings: text(4000),
  decisions: optionalText(4000),
  term_changes: optionalText(4000),
});

export const reviewResponse = z.object({
  id: z.string(),
  entry_id: z.string(),
  reviewed_on: z.string(),
  kind: z.enum(REVIEW_KINDS),
  participants: z.string().nullable(),
  findings: z.string(),
  decisions: z.string().nullable(),
  term_changes: z.string().nullable(),
  created_at: z.string(),
  created_by_label: z.string(),
});

export const reviewStatus = z.object({
  interval_months: z.number(),
  last_reviewed_on: z.string().nullable(),
  next_due: z.string(),
  state: z.enum(['ok', 'due_soon', 'overdue']),
});

export const monitorBody = z.object({
  url: z
    .string()
    .trim()
    .max(2000)
    .pipe(z.url({ protocol: /^https?$/, error: bi('http:// または https:// で始まるURLを入力してください', 'Enter a URL starting with http:// or https://') })),
  interval_seconds: z.number().int().min(30, { error: bi('30秒以上で入力してください', 'Use at least 30 seconds') }).max(3600, { error: bi('3600秒以下で入力してください', 'Use at most 3600 seconds') }).default(60),
  timeout_ms: z.number().int().min(500).max(30_000).default(10_000),
  failures_to_open: z.number().int().min(1).max(10).default(2),
  enabled: z.boolean().default(true),
});

export const monitorResponse = z.object({
  id: z.string(),
  entry_id: z.string(),
  url: z.string(),
  interval_seconds: z.number(),
  timeout_ms: z.number(),
  failures_to_open: z.number(),
  enabled: z.boolean(),
  last_checked_at: z.string().nullable(),
  last_ok: z.boolean().nullable(),
  last_status_code: z.number().nullable(),
  last_latency_ms: z.number().nullable(),
  last_error: z.string().nullable(),
  open_outage_id: z.string().nullable(),
});
