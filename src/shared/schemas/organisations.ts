import { z } from 'zod';
import { bi } from '../messages.ts';
import { isValidCorporateNumber, isValidLocalGovernmentCode } from '../../domain/codes.ts';
import { ORGANISATION_KINDS } from '../roles.ts';
import { idSchema, text } from './common.ts';

const localGovernmentCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: bi('全国地方公共団体コードは6桁の数字です', 'The local government code is 6 digits'), abort: true })
  .refine(isValidLocalGovernmentCode, { error: bi('全国地方公共団体コードの検査数字が一致しません', 'The local government code has a wrong check digit') });

const corporateNumber = z
  .string()
  .trim()
  .regex(/^\d{13}$/, { error: bi('法人番号は13桁の数字です', 'The corporate number is 13 digits'), abort: true })
  .refine(isValidCorporateNumber, { error: bi('法人番号の検査数字が一致しません', 'The corporate number has a wrong check digit') });

const organisationFields = {
  name: text(200),
  name_en: z.string().trim().max(200).nullish(),
  local_government_code: localGovernmentCode.nullish(),
  corporate_number: corporateNumber.nullish(),
  prefecture_id: idSchema.nullish(),
  population: z.number().int({ error: bi('整数で入力してください', 'Enter a whole number') }).min(0).max(50_000_000).nullish(),
  member_ids: z.array(idSchema).max(2000).optional(),
};

export const organisationCreateBody = z
  .object({ kind: z.enum(ORGANISATION_KINDS, { error: bi('団体の種別を選んでください', 'Choose the kind of organisation') }), ...organisationFields })
  .superRefine((value, ctx) => {
    const code = value.local_government_code;
    if (value.kind === 'municipality' || value.kind === 'prefecture') {
      if (!code) ctx.addIssue({ code: 'custom', path: ['local_government_code'], message: bi('地方公共団体には全国地方公共団体コードが必要です', 'A local government needs its local government code') });
      else if (value.kind === 'prefecture' && code.slice(2, 5) !== '000')
        ctx.addIssue({ code: 'custom', path: ['local_government_code'], message: bi('都道府県のコードは3〜5桁目が000です', 'A prefecture code has 000 in digits 3 to 5') });
      else if (value.kind === 'municipality' && code.slice(2, 5) === '000')
        ctx.addIssue({ code: 'custom', path: ['local_government_code'], message: bi('市区町村のコードの3〜5桁目は000以外です', 'A municipality code does not have 000 in digits 3 to 5') });
    } else if (code) {
      ctx.addIssue({ code: 'custom', path: ['local_government_code'], message: bi('地方公共団体以外にはコードを設定できません', 'Only local governments have a local government code') });
    }
    if (value.kind === 'vendor' && !value.corporate_number)
      ctx.addIssue({ code: 'custom', path: ['corporate_number'], message: bi('事業者には法人番号が必要です', 'A vendor needs a corporate number') });
    if (value.kind !== 'municipality' && value.prefecture_id)
      ctx.addIssue({ code: 'custom', path: ['prefecture_id'], message: bi('都道府県を設定できるのは市区町村のみです', 'Only a municipality belongs to a prefecture') });
    if (value.kind !== 'association' && value.member_ids?.length)
      ctx.addIssue({ code: 'custom', path: ['member_ids'], message: bi('構成団体を設定できるのは共同利用団体のみです', 'Only a joint-use association has member municipalities') });
  });

export const organisationUpdateBody = z.object({
  name: organisationFields.name.optional(),
  name_en: organisationFields.name_en,
  population: organisationFields.population,
  prefecture_id: organisationFields.prefecture_id,
  member_ids: organisationFields.member_ids,
});

export const organisationResponse = z.object({
  id: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  name: z.string(),
  name_en: z.string().nullable(),
  local_government_code: z.string().nullable(),
  corporate_number: z.string().nullable(),
  prefecture_id: z.string().nullable(),
  population: z.number().nullable(),
  is_demo: z.boolean(),
  member_ids: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});

export const organisationListQuery = z.object({ kind: z.enum(ORGANISATION_KINDS).optional() });
export const organisationListResponse = z.object({ items: z.array(organisationResponse) });
