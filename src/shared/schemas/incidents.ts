import { z } from 'zod';
import { bi } from '../messages.ts';
import { ACTION_STATUSES, EVENT_TYPES, IMPACT_STATUSES, INCIDENT_SEVERITIES, INCIDENT_STATUSES, INCIDENT_TYPES, SEEN_IMPACT_STATUSES } from '../incidents.ts';
import { idSchema, text, storedFile } from './common.ts';

// Vendor service profiles, the link from a register entry, and incidents with their timeline,
// each organisation's impact and actions, figures and the views of prefectures and associations.

const optionalText = (max: number) => z.string().trim().max(max, { error: bi(`${max}文字以内で入力してください`, `Use at most ${max} characters`) }).nullish();
const isoDate = z.iso.date({ error: bi('日付はYYYY-MM-DDで入力してください', 'Enter the date as YYYY-MM-DD') });
const instant = z.iso.datetime({ offset: true, error: bi('日時の形式が正しくありません（例 2026-11-01T09:30:00+09:00）', 'Enter the time as ISO 8601 (e.g. 2026-11-01T09:30:00+09:00)') });
const count = z
  .number({ error: bi('0以上の整数で入力してください', 'Enter a whole number, 0 or more') })
  .int({ error: bi('0以上の整数で入力してください', 'Enter a whole number, 0 or more') })
  .min(0, { error: bi('0以上の整数で入力してください', 'Enter a whole number, 0 or more') })
  .max(200_000_000, { error: bi('件数が大きすぎます', 'The number is too large') });
const dataKinds = z.array(z.string().regex(/^[a-z_]+$/, { error: bi('データの種類のコードが正しくありません', 'The data-kind code is malformed') })).max(50);

const incidentType = z.enum(INCIDENT_TYPES, { error: bi('インシデントの種類を選んでください', 'Choose the kind of incident') });
const severity = z.enum(INCIDENT_SEVERITIES, { error: bi('重大度を選んでください', 'Choose the severity') });
const incidentStatus = z.enum(INCIDENT_STATUSES, { error: bi('状態を選んでください', 'Choose a status') });
const eventType = z.enum(EVENT_TYPES, { error: bi('経過の種類を選んでください', 'Choose the kind of event') });
const impactStatus = z.enum(IMPACT_STATUSES, { error: bi('影響の状況を選んでください', 'Choose the impact status') });
const actionStatus = z.enum(ACTION_STATUSES, { error: bi('対応の状況を選んでください', 'Choose the action status') });

// ---- vendor services ----

export const vendorServiceBody = z.object({ name: text(200), description: optionalText(2000) });

const vendorRef = z.object({ id: z.string(), name: z.string(), corporate_number: z.string().nullable() });

export const vendorServiceItem = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  vendor: vendorRef,
  /** Only for the vendor's own services: how many organisations link an entry to it. */
  linked_organisations: z.number().optional(),
});

export const vendorServiceMine = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  linked: z.array(z.object({ organisation_id: z.string(), organisation_name: z.string(), organisation_name_en: z.string().nullable(), entry_count: z.number() })),
});

export const vendorServiceQuery = z.object({ q: z.string().max(200).optional() });

export const entryVendorServiceBody = z.object({ vendor_service_id: idSchema.nullable() });

export const entryVendorService = z.object({ id: z.string(), name: z.string(), vendor_organisation_id: z.string(), vendor_name: z.string() });

export const entryVendorServiceResponse = z.object({ vendor_service: entryVendorService.nullable() });

// ---- incidents ----

/**
 * One body for both reporters: a vendor names its service (vendor_service_id), a municipality its
 * register entry (entry_id) and whom it shares with; the service checks which applies to the caller.
 */
export const incidentCreateBody = z.object({
  vendor_service_id: idSchema.optional(),
  entry_id: idSchema.optional(),
  title: text(200),
  type: incidentType,
  severity,
  summary: optionalText(4000),
  occurred_at: instant,
  detected_at: instant.nullish(),
  data_kinds: dataKinds.default([]),
  records_affected: count.nullish(),
  residents_affected: count.nullish(),
  share_with_vendor: z.boolean().default(false),
  share_with_prefecture: z.boolean().default(false),
});

export const incidentUpdateBody = z.object({
  title: text(200).optional(),
  severity: severity.optional(),
  status: incidentStatus.optional(),
  summary: optionalText(4000),
  data_kinds: dataKinds.optional(),
  records_affected: count.nullish(),
  residents_affected: count.nullish(),
});

export const incidentListQuery = z.object({
  status: incidentStatus.optional(),
  type: incidentType.optional(),
  q: z.string().max(200).optional(),
});

export const eventBody = z.object({
  type: eventType,
  at: instant,
  source: optionalText(200),
  note: optionalText(4000),
  shared: z.boolean().optional(),
});

export const impactBody = z.object({
  impact_status: impactStatus,
  residents_affected: count.nullish(),
  impact_notes: optionalText(4000),
  share_impact: z.boolean({ error: bi('影響を共有するかどうかを選んでください', 'Choose whether to share the impact') }),
});

export const actionBody = z.object({ title: text(300), owner: text(100), due_on: isoDate });
/** A PATCH: only the fields sent change. done_on belongs to a done action (done without a date: today). */
export const actionUpdateBody = z.object({ title: text(300).optional(), owner: text(100).optional(), due_on: isoDate.optional(), status: actionStatus.optional(), done_on: isoDate.nullish() });

export const actionParams = z.object({ id: idSchema, actionId: idSchema });
export const entryParams = z.object({ entryId: idSchema });

export const incidentListItem = z.object({
  id: z.string(),
  title: z.string(),
  type: incidentType,
  severity,
  status: incidentStatus,
  reporter_kind: z.enum(['vendor', 'municipality']),
  reporter_name: z.string(),
  vendor_service: z.object({ id: z.string(), name: z.string() }).nullable(),
  vendor_name: z.string().nullable(),
  occurred_at: z.string().nullable(),
  participant_count: z.number(),
  affected_count: z.number(),
  my_impact_status: impactStatus.nullable(),
  my_closed: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const eventResponse = z.object({
  id: z.string(),
  type: eventType,
  at: z.string(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  shared: z.boolean(),
  organisation_name: z.string(),
  organisation_name_en: z.string().nullable(),
  mine: z.boolean(),
});

export const participantResponse = z.object({
  organisation_id: z.string(),
  organisation_name: z.string(),
  organisation_name_en: z.string().nullable(),
  entry_id: z.string().nullable(),
  entry_name: z.string().nullable(),
  /** 'undisclosed' when the body has not shared its impact with the caller. */
  impact_status: z.enum(SEEN_IMPACT_STATUSES),
  residents_affected: z.number().nullable(),
  impact_notes: z.string().nullable(),
  share_impact: z.boolean(),
  closed_at: z.string().nullable(),
  /** Reached through a dependency: the service next to the body's entry (everyone), the body's own entry it runs on (the body only). */
  via_service: z.object({ id: z.string(), name: z.string() }).nullable(),
  via_entry: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const actionResponse = z.object({ id: z.string(), title: z.string(), owner: z.string(), due_on: z.string(), status: actionStatus, done_on: z.string().nullable() });

export const incidentFigures = z.object({
  occurred_at: z.string().nullable(),
  first_report_at: z.string().nullable(),
  first_report_minutes: z.number().nullable(),
  /** The contract's commitment (連絡体制の第一報), for a municipality's own entry; null for others. */
  first_report_commitment_minutes: z.number().nullable(),
  first_report_met: z.boolean().nullable(),
  /** 完全復旧 (full recovery). */
  recovered_at: z.string().nullable(),
  recovery_minutes: z.number().nullable(),
  /** The SLA's MTTR of the municipality's own entry; null for others. */
  mttr_target_minutes: z.number().nullable(),
  recovery_met: z.boolean().nullable(),
  published_at: z.string().nullable(),
  publication_minutes: z.number().nullable(),
});

export const incidentDetail = z.object({
  id: z.string(),
  title: z.string(),
  type: incidentType,
  severity,
  status: incidentStatus,
  summary: z.string().nullable(),
  reporter_kind: z.enum(['vendor', 'municipality']),
  reporter_name: z.string(),
  vendor_service: z.object({ id: z.string(), name: z.string() }).nullable(),
  vendor_name: z.string().nullable(),
  data_kinds: z.array(z.string()),
  records_affected: z.number().nullable(),
  residents_affected: z.number().nullable(),
  leak_estimate_yen: z.number().nullable(),
  shared_with_vendor: z.boolean(),
  shared_with_prefecture: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullable(),
  events: z.array(eventResponse),
  participant_count: z.number(),
  participants: z.array(participantResponse),
  my_participation: participantResponse.nullable(),
  actions: z.array(actionResponse),
  figures: incidentFigures,
  can_post_event: z.boolean(),
  can_edit_impact: z.boolean(),
  can_close: z.boolean(),
  can_edit: z.boolean(),
});

export const incidentSummaryItem = z.object({
  id: z.string(),
  title: z.string(),
  type: incidentType,
  severity,
  status: incidentStatus,
  vendor_name: z.string().nullable(),
  occurred_at: z.string().nullable(),
  bodies: z.number(),
  affected: z.number(),
  recovered: z.number(),
  closed: z.number(),
  by_status: z.object({ unknown: z.number(), affected: z.number(), not_affected: z.number(), recovered: z.number(), undisclosed: z.number() }),
  municipalities: z.array(z.object({ organisation_id: z.string(), organisation_name: z.string(), organisation_name_en: z.string().nullable(), impact_status: z.enum(SEEN_IMPACT_STATUSES), closed_at: z.string().nullable() })),
});

export const vendorFiguresItem = z.object({
  vendor_name: z.string(),
  incidents: z.number(),
  median_first_report_minutes: z.number().nullable(),
  median_recovery_minutes: z.number().nullable(),
  first_report_late: z.number(),
});

export const incidentAttachment = storedFile.extend({
  organisation_name: z.string(),
  mine: z.boolean(),
});
