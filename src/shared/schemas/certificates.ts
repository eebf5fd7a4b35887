import { z } from 'zod';
import { bi } from '../messages.ts';
import { CERTIFICATE_SCHEMES, CERTIFICATE_STATES, ISO27001_EDITIONS, SOC_TYPES } from '../certificates.ts';
import { idSchema, storedFile } from './common.ts';

// Certificates (第三者認証): kept by a vendor on its services or by a municipality for a vendor of its
// list; their validity by scheme; citations on assessment items; the coverage view.

const optionalText = (max: number) => z.string().trim().max(max, { error: bi(`${max}文字以内で入力してください`, `Use at most ${max} characters`) }).nullish();
const isoDate = z.iso.date({ error: bi('日付はYYYY-MM-DDで入力してください', 'Enter the date as YYYY-MM-DD') });

const scheme = z.enum(CERTIFICATE_SCHEMES, { error: bi('認証の種類を選んでください', 'Choose the kind of certificate') });
const edition = z.enum(ISO27001_EDITIONS, { error: bi('版は2013か2022を選んでください', 'Choose the edition, 2013 or 2022') });
const socType = z.enum(SOC_TYPES, { error: bi('SOC報告書のタイプを選んでください', 'Choose the SOC report type') });

const fields = {
  edition: edition.nullish(),
  soc_type: socType.nullish(),
  number: optionalText(100),
  issuer: optionalText(200),
  scope: optionalText(2000),
  sites: optionalText(2000),
  regions: optionalText(500),
  issued_on: isoDate.nullish(),
  period_from: isoDate.nullish(),
  period_to: isoDate.nullish(),
  valid_until: isoDate.nullish(),
  renewal_pending: z.boolean({ error: bi('はい・いいえで指定してください', 'Give true or false') }).optional(),
  notes: optionalText(2000),
  /** Vendors: the services of theirs the certificate covers. */
  service_ids: z.array(idSchema).max(200).optional(),
};

/** A vendor sends service_ids; a municipality sends vendor_id (a vendor of its own list). */
export const certificateCreateBody = z.object({ scheme, vendor_id: idSchema.nullish(), ...fields });
/** Only the fields sent change (no defaults). */
export const certificatePatchBody = z.object({ scheme: scheme.optional(), ...fields });

const bilingual = z.object({ ja: z.string(), en: z.string() });

export const certificateValidity = z.object({
  state: z.enum(CERTIFICATE_STATES),
  valid_through: z.string().nullable(),
  rule_through: z.string().nullable(),
  exceeds_rule: z.boolean(),
  days_left: z.number().nullable(),
  age_days: z.number().nullable(),
  rule: bilingual,
});

export const certificateItem = z.object({
  id: z.string(),
  holder: z.object({ organisation_id: z.string(), name: z.string(), kind: z.string() }),
  mine: z.boolean(),
  vendor_id: z.string().nullable(),
  vendor_name: z.string().nullable(),
  scheme: z.enum(CERTIFICATE_SCHEMES),
  edition: z.string().nullable(),
  soc_type: z.string().nullable(),
  number: z.string().nullable(),
  issuer: z.string().nullable(),
  scope: z.string().nullable(),
  sites: z.string().nullable(),
  regions: z.string().nullable(),
  issued_on: z.string().nullable(),
  period_from: z.string().nullable(),
  period_to: z.string().nullable(),
  valid_until: z.string().nullable(),
  renewal_pending: z.boolean(),
  notes: z.string().nullable(),
  service_ids: z.array(z.string()),
  services: z.array(z.object({ id: z.string(), name: z.string() })),
  file: storedFile.nullable(),
  validity: certificateValidity,
  citable: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const certificateList = z.object({ items: z.array(certificateItem) });

export const certificateFileParams = z.object({ id: idSchema });

export const citationParams = z.object({ id: idSchema, key: z.string().min(1).max(100), certificateId: idSchema });
export const citationBody = z.object({ certificate_id: idSchema });

export const itemCertificates = z.object({
  /** Whether the item takes certificates as evidence (CERTIFICATE_EVIDENCE_ITEMS). */
  accepts: z.boolean(),
  cited: z.array(z.object({ citation_id: z.string(), cited_at: z.string(), cited_by_label: z.string(), certificate: certificateItem })),
  /** Certificates the entry's organisation sees for it that are valid now and not cited yet. */
  available: z.array(certificateItem),
});

const schemeCount = z.object({ scheme: z.enum(CERTIFICATE_SCHEMES), entries: z.number() });

export const coverageResponse = z.object({
  scope: z.enum(['organisation', 'members']),
  today: z.string(),
  total_entries: z.number(),
  /** Entries holding no valid certificate. */
  without: z.number(),
  schemes: z.array(schemeCount),
  /** scope 'organisation': each entry in use with the schemes of the certificates it holds. */
  entries: z.array(
    z.object({
      id: z.string(),
      external_key: z.string(),
      name: z.string(),
      department: z.string(),
      vendor_name: z.string().nullable(),
      certificates: z.array(z.object({ id: z.string(), scheme: z.enum(CERTIFICATE_SCHEMES), state: z.enum(CERTIFICATE_STATES), valid_through: z.string().nullable() })),
    }),
  ),
  /** scope 'members': counts per member municipality (no entry names). */
  organisations: z.array(z.object({ id: z.string(), name: z.string(), total_entries: z.number(), without: z.number(), schemes: z.array(schemeCount) })),
});
