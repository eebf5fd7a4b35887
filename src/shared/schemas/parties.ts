// 責任分界と委託先: the parties of a register entry (who takes part in the service, the
// re-subcontracting chain as a tree, the municipality's approval of each subcontractor), the allowed
// depth of the chain, and the organisation-wide view of every chain.
import { z } from 'zod';
import { bi } from '../messages.ts';
import { APPROVAL_STATUSES, PARTY_ROLES } from '../parties.ts';
import { idSchema } from './common.ts';

export const MIN_SUBCONTRACT_DEPTH = 1;
export const MAX_SUBCONTRACT_DEPTH = 10;
/** At most this many parties on one entry (a chain of this size is already unreadable). */
export const MAX_PARTIES_PER_ENTRY = 100;

export const PARTY_FLAGS = ['unapproved', 'too_deep'] as const;
export type PartyFlag = (typeof PARTY_FLAGS)[number];

const optionalText = (max: number) => z.string().trim().max(max, { error: bi(`${max}文字以内で入力してください`, `Use at most ${max} characters`) }).nullish();
const isoDate = z.iso.date({ error: bi('日付はYYYY-MM-DDで入力してください', 'Enter the date as YYYY-MM-DD') }).nullish();
const optionalId = idSchema.nullish();
const flag = (ja: string, en: string) => z.boolean({ error: bi(`${ja}は「はい」か「いいえ」で指定してください`, `${en} is yes or no`) });

/** Every field a party has; POST needs `role`, PATCH sends only what changes (no defaults). */
const partyFields = {
  role: z.enum(PARTY_ROLES, { error: bi('役割を選んでください', 'Choose the role') }),
  vendor_id: optionalId,
  vendor_organisation_id: optionalId,
  vendor_service_id: optionalId,
  parent_party_id: optionalId,
  contract_reference: optionalText(200),
  data_handled: optionalText(2000),
  may_carry_data_out: flag('データの持ち出し', 'Carrying data out').optional(),
  standard_app: flag('標準準拠アプリ', 'Standard-compliant application').optional(),
  approval_status: z.enum(APPROVAL_STATUSES, { error: bi('承認の状態は「承認申請中」「承認済み」「不承認」から選んでください', 'Choose requested, approved or refused') }).nullish(),
  approval_requested_on: isoDate,
  approval_decided_on: isoDate,
  approver: optionalText(200),
  notes: optionalText(2000),
};

export const partyCreateBody = z.object(partyFields);
export const partyUpdateBody = z.object({ ...partyFields, role: partyFields.role.optional() });

const namedRef = z.object({ id: z.string(), name: z.string() });

export const partyResponse = z.object({
  id: z.string(),
  role: z.enum(PARTY_ROLES),
  /** The vendor's name, the platform organisation's name, or the organisation itself. */
  name: z.string(),
  vendor: z.object({ id: z.string(), name: z.string(), corporate_number: z.string().nullable() }).nullable(),
  vendor_organisation: namedRef.nullable(),
  vendor_service: namedRef.nullable(),
  parent_party_id: z.string().nullable(),
  /** 0 for a top-level party, 1 for a subcontractor of one (再委託), 2 for 再々委託 … */
  depth: z.number(),
  contract_reference: z.string().nullable(),
  data_handled: z.string().nullable(),
  may_carry_data_out: z.boolean(),
  standard_app: z.boolean(),
  approval_status: z.enum(APPROVAL_STATUSES).nullable(),
  approval_requested_on: z.string().nullable(),
  approval_decided_on: z.string().nullable(),
  approver: z.string().nullable(),
  notes: z.string().nullable(),
  flags: z.array(z.enum(PARTY_FLAGS)),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Party = z.infer<typeof partyResponse>;

export const partiesView = z.object({
  items: z.array(partyResponse),
  /** The organisation's allowed subcontract depth (deeper parties are flagged too_deep). */
  max_depth: z.number(),
  /** Whether the caller may add, change and remove this entry's parties. */
  can_edit: z.boolean(),
});

export const subcontractPolicyBody = z.object({
  max_depth: z
    .number({ error: bi('許容する再委託の階層を数値で入力してください', 'Enter the allowed depth as a number') })
    .int({ error: bi('階層は整数で入力してください', 'Use a whole number') })
    .min(MIN_SUBCONTRACT_DEPTH, { error: bi(`許容する階層は${MIN_SUBCONTRACT_DEPTH}〜${MAX_SUBCONTRACT_DEPTH}で入力してください`, `Enter ${MIN_SUBCONTRACT_DEPTH} to ${MAX_SUBCONTRACT_DEPTH}`) })
    .max(MAX_SUBCONTRACT_DEPTH, { error: bi(`許容する階層は${MIN_SUBCONTRACT_DEPTH}〜${MAX_SUBCONTRACT_DEPTH}で入力してください`, `Enter ${MIN_SUBCONTRACT_DEPTH} to ${MAX_SUBCONTRACT_DEPTH}`) }),
});
export const subcontractPolicyResponse = z.object({ max_depth: z.number(), can_edit: z.boolean() });

export const chainQuery = z.object({
  flagged: z.enum(['true', 'false'], { error: bi('flagged は true か false です', 'flagged is true or false') }).optional(),
});

export const chainEntry = z.object({
  entry: z.object({ id: z.string(), external_key: z.string(), name: z.string(), department: z.string(), status: z.string() }),
  /** The parties in tree order (each parent before its subcontractors), with their depth. */
  parties: z.array(partyResponse),
  flags: z.array(z.enum(PARTY_FLAGS)),
});
export const chainsView = z.object({ items: z.array(chainEntry), max_depth: z.number() });

/** Vendor organisations on the platform, for the party picker (their names are public, as services are). */
export const vendorOrganisationQuery = z.object({ q: z.string().trim().max(100, { error: bi('100文字以内で入力してください', 'Use at most 100 characters') }).optional() });
export const vendorOrganisationItem = z.object({ id: z.string(), name: z.string(), corporate_number: z.string().nullable(), services: z.array(namedRef) });
