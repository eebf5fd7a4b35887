import { z } from 'zod';
import { isValidCorporateNumber, isValidLocalGovernmentCode } from '../../domain/codes.ts';
import { ORGANISATION_KINDS } from '../roles.ts';
import { idSchema, text } from './common.ts';

const localGovernmentCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: '全国地方公共団体コードは6桁の数字です', abort: true })
  .refine(isValidLocalGovernmentCode, { error: '全国地方公共団体コードの検査数字が一致しません' });

const corporateNumber = z
  .string()
  .trim()
  .regex(/^\d{13}$/, { error: '法人番号は13桁の数字です', abort: true })
  .refine(isValidCorporateNumber, { error: '法人番号の検査数字が一致しません' });

const organisationFields = {
  name: text(200),
  name_en: z.string().trim().max(200).nullish(),
  local_government_code: localGovernmentCode.nullish(),
  corporate_number: corporateNumber.nullish(),
  prefecture_id: idSchema.nullish(),
  population: z.number().int({ error: '整数で入力してください' }).min(0).max(50_000_000).nullish(),
  member_ids: z.array(idSchema).max(2000).optional(),
};

export const organisationCreateBody = z
  .object({ kind: z.enum(ORGANISATION_KINDS, { error: '団体の種別を選んでください' }), ...organisationFields })
  .superRefine((value, ctx) => {
    const code = value.local_government_code;
    if (value.kind === 'municipality' || value.kind === 'prefecture') {
      if (!code) ctx.addIssue({ code: 'custom', path: ['local_government_code'], message: '地方公共団体には全国地方公共団体コードが必要です' });
      else if (value.kind === 'prefecture' && code.slice(2, 5) !== '000')
        ctx.addIssue({ code: 'custom', path: ['local_government_code'], message: '都道府県のコードは3〜5桁目が000です' });
      else if (value.kind === 'municipality' && code.slice(2, 5) === '000')
        ctx.addIssue({ code: 'custom', path: ['local_government_code'], message: '市区町村のコードの3〜5桁目は000以外です' });
    } else if (code) {
      ctx.addIssue({ code: 'custom', path: ['local_government_code'], message: '地方公共団体以外にはコードを設定できません' });
    }
    if (value.kind === 'vendor' && !value.corporate_number)
      ctx.addIssue({ code: 'custom', path: ['corporate_number'], message: '事業者には法人番号が必要です' });
    if (value.kind !== 'municipality' && value.prefecture_id)
      ctx.addIssue({ code: 'custom', path: ['prefecture_id'], message: '都道府県を設定できるのは市区町村のみです' });
    if (value.kind !== 'association' && value.member_ids?.length)
      ctx.addIssue({ code: 'custom', path: ['member_ids'], message: '構成団体を設定できるのは共同利用団体のみです' });
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
