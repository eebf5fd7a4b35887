import { STANDARDISED_BUSINESSES } from '../parties.ts';
import { z } from 'zod';
import { bi } from '../messages.ts';
import { isValidCorporateNumber } from '../../domain/codes.ts';
import {
  CONTRACT_FORMS,
  DATA_LOCATIONS,
  ENTRY_STATUSES,
  NETWORK_ZONES,
  REGISTER_LIST_COLUMNS,
  REGISTER_SORT_FIELDS,
  SERVICE_MODELS,
  type RegisterListColumn,
} from '../register.ts';
import { idSchema, text } from './common.ts';

const optionalText = (max: number) => z.string().trim().max(max, { error: bi(`${max}文字以内で入力してください`, `Use at most ${max} characters`) }).nullish();
const isoDate = z.iso.date({ error: bi('日付はYYYY-MM-DDで入力してください', 'Enter the date as YYYY-MM-DD') });
const level = z.number({ error: bi('1〜3の数値で入力してください', 'Enter a number from 1 to 3') }).int().min(1, { error: bi('1〜3で入力してください', 'Enter 1 to 3') }).max(3, { error: bi('1〜3で入力してください', 'Enter 1 to 3') });

export const corporateNumberSchema = z
  .string()
  .trim()
  .regex(/^\d{13}$/, { error: bi('法人番号は13桁の数字です', 'The corporate number is 13 digits'), abort: true })
  .refine(isValidCorporateNumber, { error: bi('法人番号の検査数字が一致しません', 'The corporate number has a wrong check digit') });

export const vendorBody = z.object({
  name: text(200),
  corporate_number: corporateNumberSchema.nullish(),
  address: optionalText(300),
  contact_name: optionalText(100),
  contact_email: z.string().trim().max(254).pipe(z.email({ error: bi('メールアドレスの形式が正しくありません', 'The e-mail address is malformed') })).nullish().or(z.literal('').transform(() => null)),
  contact_phone: optionalText(40),
  certifications: optionalText(1000),
  notes: optionalText(2000),
});

export const vendorResponse = z.object({
  id: z.string(),
  name: z.string(),
  corporate_number: z.string().nullable(),
  address: z.string().nullable(),
  contact_name: z.string().nullable(),
  contact_email: z.string().nullable(),
  contact_phone: z.string().nullable(),
  certifications: z.string().nullable(),
  notes: z.string().nullable(),
  entry_count: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const categoryBody = z.object({ name: text(100), name_en: optionalText(100), sort_order: z.number().int().min(0).max(999).optional() });
export const categoryResponse = z.object({ id: z.string(), code: z.string().nullable(), name: z.string(), name_en: z.string().nullable(), sort_order: z.number(), entry_count: z.number() });

/** Fields of a register entry a user edits (classification has its own endpoint, with reasons). */
const entryFields = {
  external_key: z.string().trim().max(40).regex(/^[A-Za-z0-9._-]*$/, { error: bi('管理番号は英数字と . _ - のみ使えます', 'The key may contain letters, digits and . _ - only') }).nullish(),
  name: text(200),
  vendor_id: idSchema.nullish(),
  service_model: z.enum(SERVICE_MODELS, { error: bi('サービス形態を選んでください', 'Choose a service model') }),
  category_id: idSchema,
  department: text(100),
  business_purpose: optionalText(2000),
  users_description: optionalText(500),
  network_zone: z.enum(NETWORK_ZONES, { error: bi('ネットワーク区分を選んでください', 'Choose a network zone') }),
  data_location: z.enum(DATA_LOCATIONS, { error: bi('データの保管場所を選んでください', 'Choose where the data is kept') }),
  data_region: optionalText(200),
  status: z.enum(ENTRY_STATUSES, { error: bi('状態を選んでください', 'Choose a status') }),
  contract_form: z.enum(CONTRACT_FORMS, { error: bi('契約形態を選んでください', 'Choose the contract form') }),
  contract_start: isoDate.nullish(),
  contract_end: isoDate.nullish(),
  notice_period_days: z.number().int().min(0).max(3650).nullish(),
  auto_renewal: z.boolean(),
  annual_cost: z.number().int({ error: bi('円単位の整数で入力してください', 'Enter a whole number of yen') }).min(0).max(100_000_000_000).nullish(),
  contract_number: optionalText(100),
  data_kinds: z.array(z.string().regex(/^[a-z_]+$/)).max(50),
  residents_held: z.number().int().min(0).max(50_000_000).nullish(),
  related_services: optionalText(1000),
  notes: optionalText(4000),
  /** 標準化対象20業務: the standardised business this system serves, or null. */
  standardised_business: z.enum(STANDARDISED_BUSINESSES, { error: bi('標準化対象業務を一覧から選んでください', 'Choose a standardised business from the list') }).nullish(),
  /** The system runs on ガバメントクラウド. */
  government_cloud: z.boolean(),
};

function checkContractDates(value: { contract_start?: string | null; contract_end?: string | null }, ctx: z.RefinementCtx) {
  if (value.contract_start && value.contract_end && value.contract_end < value.contract_start)
    ctx.addIssue({ code: 'custom', path: ['contract_end'], message: bi('契約終了日は開始日以降にしてください', 'The contract end must not be before its start') });
}

export const classificationFields = {
  scheme_id: z.string().startsWith('urn:daicho:scheme:', { error: bi('分類体系を選んでください', 'Choose a classification scheme') }),
  confidentiality: z.string().trim().min(1, { error: bi('機密性を選んでください', 'Choose the confidentiality') }).max(5),
  confidentiality_reason: optionalText(1000),
  resident_impact: level,
  resident_impact_reason: optionalText(1000),
  /** When set, overrides the levels proposed from the data kinds; a reason is then required. */
  mental_distress: level.nullish(),
  economic_loss: level.nullish(),
  override_reason: optionalText(1000),
};

function checkOverride(value: { mental_distress?: number | null; economic_loss?: number | null; override_reason?: string | null }, ctx: z.RefinementCtx) {
  if ((value.mental_distress || value.economic_loss) && !value.override_reason)
    ctx.addIssue({ code: 'custom', path: ['override_reason'], message: bi('提案値を変更する場合は理由を入力してください', 'Give a reason for overriding the proposed levels') });
}

export const entryCreateBody = z
  .object({
    ...entryFields,
    auto_renewal: entryFields.auto_renewal.default(false),
    government_cloud: entryFields.government_cloud.default(false),
    data_kinds: entryFields.data_kinds.default([]),
    classification: z.object(classificationFields).superRefine(checkOverride),
  })
  .superRefine(checkContractDates);

/** A PATCH changes only the fields it sends: no defaults here (zod applies them inside .partial()). */
export const entryUpdateBody = z.object(entryFields).partial().superRefine(checkContractDates);

export const classificationBody = z.object({ ...classificationFields, reason: text(1000) }).superRefine(checkOverride);

export const classificationResponse = z.object({
  scheme_id: z.string(),
  confidentiality: z.string(),
  confidentiality_level: z.number(),
  confidentiality_reason: z.string().nullable(),
  resident_impact: z.number(),
  resident_impact_reason: z.string().nullable(),
  proposed_mental_distress: z.number(),
  proposed_economic_loss: z.number(),
  mental_distress: z.number(),
  economic_loss: z.number(),
  overridden: z.boolean(),
  override_reason: z.string().nullable(),
  administrative_impact: z.number(),
  impact_band: z.enum(['high', 'medium', 'low']),
  identifiability: z.number(),
  leak_estimate_per_person_yen: z.number(),
  leak_estimate_yen: z.number(),
});

export const entryResponse = z.object({
  id: z.string(),
  external_key: z.string(),
  name: z.string(),
  vendor: z.object({ id: z.string(), name: z.string(), corporate_number: z.string().nullable() }).nullable(),
  /** The vendor's service profile on the platform this entry is linked to (incidents reach the entry through it). */
  vendor_service: z.object({ id: z.string(), name: z.string(), vendor_organisation_id: z.string(), vendor_name: z.string() }).nullable(),
  service_model: z.enum(SERVICE_MODELS),
  category: z.object({ id: z.string(), name: z.string(), name_en: z.string().nullable() }),
  department: z.string(),
  business_purpose: z.string().nullable(),
  users_description: z.string().nullable(),
  network_zone: z.enum(NETWORK_ZONES),
  data_location: z.enum(DATA_LOCATIONS),
  data_region: z.string().nullable(),
  status: z.enum(ENTRY_STATUSES),
  contract_form: z.enum(CONTRACT_FORMS),
  contract_start: z.string().nullable(),
  contract_end: z.string().nullable(),
  notice_period_days: z.number().nullable(),
  auto_renewal: z.boolean(),
  annual_cost: z.number().nullable(),
  contract_number: z.string().nullable(),
  data_kinds: z.array(z.string()),
  residents_held: z.number().nullable(),
  related_services: z.string().nullable(),
  notes: z.string().nullable(),
  standardised_business: z.enum(STANDARDISED_BUSINESSES).nullable(),
  government_cloud: z.boolean(),
  classification: classificationResponse,
  can_edit: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const entryListQuery = z.object({
  q: z.string().max(200).optional(),
  category_id: z.union([idSchema, z.array(idSchema)]).optional(),
  status: z.union([z.enum(ENTRY_STATUSES), z.array(z.enum(ENTRY_STATUSES))]).optional(),
  network_zone: z.union([z.enum(NETWORK_ZONES), z.array(z.enum(NETWORK_ZONES))]).optional(),
  service_model: z.union([z.enum(SERVICE_MODELS), z.array(z.enum(SERVICE_MODELS))]).optional(),
  vendor_id: idSchema.optional(),
  department: z.string().max(100).optional(),
  impact_band: z.enum(['high', 'medium', 'low']).optional(),
  contract_form: z.enum(CONTRACT_FORMS).optional(),
  sort: z.enum(REGISTER_SORT_FIELDS).default('administrative_impact'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * An export of the register: the list's filters and sort, and with `columns` (comma-separated list
 * columns) exactly the columns the list shows; without it, every column in the layout the import reads.
 */
export const registerExportQuery = entryListQuery.omit({ page: true, page_size: true, sort: true, order: true }).extend({
  sort: z.enum(REGISTER_SORT_FIELDS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  columns: z
    .string()
    .max(1000)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const keys = value.split(',').map((k) => k.trim()).filter(Boolean);
      const unknown = keys.filter((k) => !(REGISTER_LIST_COLUMNS as readonly string[]).includes(k));
      if (unknown.length) {
        ctx.addIssue({ code: 'custom', message: bi(`不明な列です: ${unknown.join(', ')}`, `Unknown columns: ${unknown.join(', ')}`) });
        return z.NEVER;
      }
      return keys as RegisterListColumn[];
    }),
  /** Comma-separated entry ids: only these entries (the list's selection), still within the filters. */
  ids: z
    .string()
    .max(20_000)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const ids = value.split(',').map((k) => k.trim()).filter(Boolean);
      if (ids.some((id) => !idSchema.safeParse(id).success)) {
        ctx.addIssue({ code: 'custom', message: bi('IDの形式が正しくありません', 'The ID is malformed') });
        return z.NEVER;
      }
      return ids;
    }),
});

export const entryListItem = entryResponse.omit({ can_edit: true });
export const entryListResponse = z.object({
  items: z.array(entryListItem),
  total: z.number(),
  page: z.number(),
  page_size: z.number(),
  totals: z.object({ annual_cost: z.number(), residents_held: z.number(), leak_estimate_yen: z.number() }),
});

export const savedViewBody = z.object({ name: text(100), query: z.record(z.string(), z.unknown()), columns: z.array(z.string().max(60)).max(60) });
export const savedViewResponse = z.object({ id: z.string(), name: z.string(), query: z.record(z.string(), z.unknown()), columns: z.array(z.string()), created_at: z.string() });
