import { z } from 'zod';
import { bi } from '../messages.ts';
import { REQUEST_STATUSES, SHARING_LEVELS, VENDOR_REVIEWS } from '../assessments.ts';
import { answerSpec } from '../catalogue.ts';
import { isValidCorporateNumber } from '../../domain/codes.ts';
import { newPasswordSchema, emailSchema } from './auth.ts';
import { idSchema, text, storedFile } from './common.ts';

// The vendor portal: a vendor answers a catalogue once per service (revisioned, with evidence and a
// sharing level); municipalities that link the service request, read and review the answers; a vendor
// not yet on the platform is invited by a mailed link.

const optionalText = (max: number) => z.string().trim().max(max, { error: bi(`${max}文字以内で入力してください`, `Use at most ${max} characters`) }).nullish();
const isoDate = z.iso.date({ error: bi('日付はYYYY-MM-DDで入力してください', 'Enter the date as YYYY-MM-DD') });
const catalogueUrn = z
  .string({ error: bi('カタログを選んでください', 'Choose a catalogue') })
  .regex(/^urn:daicho:catalogue:[a-z0-9][a-z0-9-]{0,80}$/, { error: bi('カタログのURNの形式が正しくありません', 'Not a catalogue URN') });
const itemKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { error: bi('項目キーの形式が正しくありません', 'The item key is malformed') });
export const corporateNumberSchema = z
  .string()
  .trim()
  .regex(/^\d{13}$/, { error: bi('法人番号は13桁の数字です', 'The corporate number is 13 digits'), abort: true })
  .refine(isValidCorporateNumber, { error: bi('法人番号の検査数字が一致しません', 'The corporate number has a wrong check digit') });

const sharing = z.enum(SHARING_LEVELS, { error: bi('共有の範囲を選んでください', 'Choose who may read the answer') });
const bilingual = z.object({ ja: z.string(), en: z.string() });

// ---- params and queries ----

export const serviceParams = z.object({ id: idSchema });
export const catalogueQuery = z.object({ catalogue: catalogueUrn });
export const answerParams = z.object({ id: idSchema, key: itemKey });
export const serviceEvidenceParams = z.object({ id: idSchema, attachmentId: idSchema });
export const evidenceParams = z.object({ attachmentId: idSchema });
export const entryRequestParams = z.object({ id: idSchema, requestId: idSchema });
export const entryInvitationParams = z.object({ id: idSchema, invitationId: idSchema });
export const reviewParams = z.object({ id: idSchema, key: itemKey });
export const tokenParams = z.object({ token: z.string().min(1).max(200) });

// ---- bodies ----

export const answerBody = z.object({
  /** Shaped by the item's answer type (checked on the server against the catalogue). */
  answer: z.union([z.string(), z.number()]).nullable(),
  note: optionalText(4000),
  sharing,
});

export const termsBody = z.object({ answer_terms: optionalText(20_000) });

export const answerRequestBody = z.object({
  catalogue_urn: catalogueUrn,
  due_date: isoDate,
  message: optionalText(2000),
});

export const vendorReviewBody = z.object({
  decision: z.enum(VENDOR_REVIEWS, { error: bi('受け入れるか指摘するかを選んでください', 'Choose accept or flag') }),
  note: optionalText(2000),
});

export const invitationBody = z.object({
  email: emailSchema,
  vendor_name: text(200),
  service_name: text(200),
  corporate_number: corporateNumberSchema.nullish(),
  catalogue_urn: catalogueUrn.nullish(),
  due_date: isoDate.nullish(),
});

export const invitationAcceptBody = z.object({
  organisation_name: text(200),
  corporate_number: corporateNumberSchema,
  display_name: text(100),
  password: newPasswordSchema,
});

// ---- responses ----

export const evidenceItem = storedFile.extend({
  /** The answer revision the file was attached to (files carry forward to later revisions). */
  revision: z.number(),
});

export const answerRevision = z.object({
  id: z.string(),
  revision: z.number(),
  answer: z.union([z.string(), z.number()]).nullable(),
  note: z.string().nullable(),
  sharing: z.enum(SHARING_LEVELS),
  is_current: z.boolean(),
  answered_label: z.string(),
  created_at: z.string(),
  catalogue_version: z.string(),
});

export const catalogueProgress = z.object({ urn: z.string(), name: bilingual, version: z.string(), items_total: z.number(), answered: z.number() });

export const vendorPortalService = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  answer_terms: z.string().nullable(),
  linked_organisations: z.number(),
  pending_requests: z.number(),
  catalogues: z.array(catalogueProgress),
});

export const requestSummary = z.object({
  id: z.string(),
  organisation_id: z.string(),
  organisation_name: z.string(),
  organisation_name_en: z.string().nullable(),
  service_id: z.string(),
  service_name: z.string(),
  catalogue_urn: z.string(),
  catalogue_name: bilingual,
  due_date: z.string(),
  status: z.enum(REQUEST_STATUSES),
  overdue: z.boolean(),
  pending_items: z.number(),
  message: z.string().nullable(),
  requested_label: z.string(),
  created_at: z.string(),
  answered_at: z.string().nullable(),
  terms_accepted_at: z.string().nullable(),
});

export const answerItem = z.object({
  key: z.string(),
  name: bilingual,
  answer_spec: answerSpec,
  guidance: bilingual.nullable(),
  typical_evidence: z.array(bilingual),
  current: answerRevision.nullable(),
  revisions: z.number(),
  evidence: z.array(evidenceItem),
});

/** The answer of one item after saving: the item, and the revision now current. */
export const answerSaved = answerItem.extend({ revision: z.number() });

export const serviceAnswers = z.object({
  service: z.object({ id: z.string(), name: z.string(), answer_terms: z.string().nullable() }),
  catalogue: z.object({ urn: z.string(), version: z.string(), name: bilingual }),
  categories: z.array(z.object({ key: z.string(), number: z.string().nullable(), name: bilingual, items: z.array(answerItem) })),
  requests: z.array(requestSummary),
  catalogues: z.array(z.object({ urn: z.string(), name: bilingual })),
});

export const entryRequest = z.object({
  id: z.string(),
  register_entry_id: z.string(),
  catalogue_urn: z.string(),
  catalogue_name: bilingual,
  due_date: z.string(),
  status: z.enum(REQUEST_STATUSES),
  overdue: z.boolean(),
  message: z.string().nullable(),
  requested_label: z.string(),
  created_at: z.string(),
  answered_at: z.string().nullable(),
  terms_accepted_at: z.string().nullable(),
  terms_accepted_label: z.string().nullable(),
  pending_items: z.number(),
  /** Some current answer is shared only after the terms are accepted, and they are not yet. */
  needs_terms: z.boolean(),
});

export const entryRequests = z.object({
  vendor_service: z.object({ id: z.string(), name: z.string(), vendor_name: z.string() }).nullable(),
  answer_terms: z.string().nullable(),
  items: z.array(entryRequest),
  catalogues: z.array(z.object({ urn: z.string(), name: bilingual })),
});

export const VISIBILITY_STATES = ['visible', 'not_linked', 'not_answered', 'needs_request', 'needs_terms'] as const;

export const vendorAnswerForItem = z.object({
  item_key: z.string(),
  state: z.enum(VISIBILITY_STATES),
  answer: z
    .object({
      id: z.string(),
      revision: z.number(),
      answer: z.union([z.string(), z.number()]).nullable(),
      note: z.string().nullable(),
      sharing: z.enum(SHARING_LEVELS),
      answered_label: z.string(),
      answered_at: z.string(),
      evidence: z.array(evidenceItem),
    })
    .nullable(),
  review: z
    .object({
      decision: z.enum(VENDOR_REVIEWS),
      note: z.string().nullable(),
      reviewed_at: z.string().nullable(),
      reviewed_revision: z.number().nullable(),
      changed_since_review: z.boolean(),
    })
    .nullable(),
});

export const assessmentVendorAnswers = z.object({
  vendor_service: z.object({ id: z.string(), name: z.string(), vendor_name: z.string() }).nullable(),
  register_entry_id: z.string(),
  catalogue_urn: z.string(),
  items: z.array(vendorAnswerForItem),
});

export const reviewResponse = z.object({
  item_key: z.string(),
  status: z.string(),
  revision: z.number(),
  vendor_review: z.enum(VENDOR_REVIEWS),
  vendor_review_note: z.string().nullable(),
  vendor_answer_id: z.string(),
  vendor_reviewed_at: z.string(),
});

export const INVITATION_STATES = ['pending', 'accepted', 'revoked', 'expired'] as const;

export const invitationItem = z.object({
  id: z.string(),
  email: z.string(),
  vendor_name: z.string(),
  service_name: z.string(),
  corporate_number: z.string().nullable(),
  catalogue_urn: z.string().nullable(),
  due_date: z.string().nullable(),
  state: z.enum(INVITATION_STATES),
  expires_at: z.string(),
  accepted_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  invited_label: z.string(),
  created_at: z.string(),
});

export const publicInvitation = z.object({
  organisation_name: z.string(),
  vendor_name: z.string(),
  service_name: z.string(),
  email: z.string(),
  corporate_number: z.string().nullable(),
  expires_at: z.string(),
});

export const invitationAccepted = z.object({ email: z.string(), organisation_name: z.string(), service_name: z.string() });

export type AnswerBody = z.infer<typeof answerBody>;
export type AnswerRequestBody = z.infer<typeof answerRequestBody>;
export type InvitationBody = z.infer<typeof invitationBody>;
export type InvitationAcceptBody = z.infer<typeof invitationAcceptBody>;
export type VendorReviewBody = z.infer<typeof vendorReviewBody>;
export type VisibilityState = (typeof VISIBILITY_STATES)[number];
