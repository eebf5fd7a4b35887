import { z } from 'zod';
import { bi } from '../messages.ts';
import { ITEM_STATUSES, POLICY_DEFINED, VENDOR_REVIEWS } from '../assessments.ts';
import { idSchema, text, storedFile } from './common.ts';
import { itemLink } from './catalogues.ts';

// Assessments (評価・確認) of a register entry against a catalogue: start, the item states, comments,
// evidence, history, migration to a newer catalogue version, the organisation's list and the export.

const isoDate = z.iso.date({ error: bi('期限は YYYY-MM-DD の形式で入力してください', 'Enter the due date as YYYY-MM-DD') });
export const itemStatus = z.enum(ITEM_STATUSES, { error: bi('状態は 未確認 / 確認中 / 確認済 / 要対応 / 該当なし から選んでください', 'Choose a status: not confirmed, in progress, confirmed, action required or not applicable') });
export const policyDefined = z.enum(POLICY_DEFINED, { error: bi('ポリシーの規定は 規定あり / 規定なし / 未調査 から選んでください', 'Choose defined, not defined or not checked') });
const bilingual = z.object({ ja: z.string(), en: z.string() });
const answerValue = z.union([z.string(), z.number()]).nullable();

export const entryParams = z.object({ id: idSchema });
export const itemParams = z.object({ id: idSchema, key: z.string().min(1).max(100) });
export const evidenceParams = z.object({ attachmentId: idSchema });

export const startBody = z.object({
  catalogue_urn: z.string().trim().min(1, { error: bi('カタログを選んでください', 'Choose a catalogue') }).max(200),
});

export const itemPatchBody = z.object({
  revision: z.number({ error: bi('版（revision）を指定してください', 'Send the revision you edited') }).int().min(1),
  status: itemStatus.optional(),
  /** Checked against the item's answer type in the service. */
  answer: z.unknown().optional(),
  due_date: isoDate.nullable().optional(),
  reviewer_user_id: idSchema.nullable().optional(),
  confirmed_before_use: z.boolean({ error: bi('利用前の確認は はい / いいえ で指定してください', 'Confirmed before use must be true or false') }).nullable().optional(),
  policy_defined: policyDefined.optional(),
});

export const commentBody = z.object({ body: text(4000) });

export const assessmentListQuery = z.object({
  status: itemStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['external_key', 'name', 'progress', 'overdue', 'next_due', 'updated_at']).default('external_key'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});

export const statusCounts = z.object({ unconfirmed: z.number(), in_progress: z.number(), confirmed: z.number(), action_required: z.number(), not_applicable: z.number() });

export const progress = z.object({
  settled: z.number(),
  total: z.number(),
  percent: z.number(),
  by_status: statusCounts,
  overdue: z.number(),
  next_due: z.string().nullable(),
});

export const catalogueMeta = z.object({
  id: z.string(),
  urn: z.string(),
  version: z.string(),
  name: bilingual,
  is_current: z.boolean(),
  newer_version: z.object({ id: z.string(), version: z.string() }).nullable(),
});

export const evidenceItem = storedFile;

export const answerSpecResponse = z.object({
  type: z.enum(['status', 'choice', 'text', 'date', 'number']),
  choices: z.array(z.object({ code: z.string(), name: bilingual })).optional(),
  unit: bilingual.optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

export const assessmentItem = z.object({
  id: z.string(),
  key: z.string(),
  category_key: z.string(),
  name: bilingual,
  answer_spec: answerSpecResponse,
  guidance: bilingual.nullable(),
  typical_evidence: z.array(bilingual),
  /** Mappings to other catalogues' items (JIS Q 27017 controls, guideline chapters, risks), named. */
  refs: z.array(itemLink),
  status: itemStatus,
  answer: answerValue,
  due_date: z.string().nullable(),
  overdue: z.boolean(),
  reviewer: z.object({ id: z.string(), name: z.string() }).nullable(),
  confirmed_before_use: z.boolean().nullable(),
  policy_defined: policyDefined,
  vendor_answer_id: z.string().nullable(),
  vendor_review: z.enum(VENDOR_REVIEWS).nullable(),
  vendor_review_note: z.string().nullable(),
  vendor_reviewed_at: z.string().nullable(),
  evidence: z.array(evidenceItem),
  comment_count: z.number(),
  revision: z.number(),
  updated_at: z.string(),
  updated_by: z.string().nullable(),
  archived: z.boolean(),
  catalogue_version: z.object({ id: z.string(), version: z.string(), is_current: z.boolean() }),
});

export const assessmentCategory = z.object({
  key: z.string(),
  number: z.string().nullable(),
  name: bilingual,
  progress,
  items: z.array(assessmentItem),
});

export const entrySummary = z.object({
  id: z.string(),
  name: z.string(),
  external_key: z.string(),
  department: z.string(),
  administrative_impact: z.number(),
  vendor_service_id: z.string().nullable(),
});

export const assessmentDetail = z.object({
  id: z.string(),
  entry: entrySummary,
  catalogue: catalogueMeta,
  progress,
  categories: z.array(assessmentCategory),
  started_label: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  can_edit: z.boolean(),
});

export const entryAssessmentItem = z.object({
  id: z.string(),
  catalogue: catalogueMeta,
  progress,
  started_label: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const entryAssessments = z.object({
  items: z.array(entryAssessmentItem),
  not_started: z.array(z.object({ urn: z.string(), name: bilingual, version: z.string(), applicable: z.boolean() })),
  can_start: z.boolean(),
});

export const assessmentListRow = z.object({
  id: z.string(),
  entry: entrySummary,
  catalogue: z.object({ urn: z.string(), name: bilingual }),
  progress,
  updated_at: z.string(),
});

export const assessmentList = z.object({
  items: z.array(assessmentListRow),
  total: z.number(),
  page: z.number(),
  page_size: z.number(),
  totals: z.object({ assessments: z.number(), items: z.number(), by_status: statusCounts, overdue: z.number() }),
});

export const commentResponse = z.object({ id: z.string(), author_label: z.string(), body: z.string(), created_at: z.string(), system: z.boolean() });

export const historyEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor_label: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const reviewerOption = z.object({ id: z.string(), name: z.string() });

export const migrateResponse = z.object({ migrated: z.number(), archived: z.number(), added: z.number(), assessment: assessmentDetail });
