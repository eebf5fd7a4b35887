import { z } from 'zod';
import { bi } from '../messages.ts';
import { ANSWER_TYPES } from '../catalogue.ts';

// The catalogue browser, the questionnaire import and the assessment rules: request and response
// shapes shared by the server (validation, OpenAPI) and the web (types).

export const bilingual = z.object({ ja: z.string(), en: z.string() });

export const catalogueScope = z.enum(['platform', 'organisation']);
export const catalogueSource = z.enum(['file', 'import']);

export const catalogueSummary = z.object({
  id: z.string(),
  urn: z.string(),
  version: z.string(),
  name: bilingual,
  kind: z.string(),
  assessable: z.boolean(),
  scope: catalogueScope,
  source: catalogueSource,
  source_name: z.string(),
  sha256: z.string(),
  item_count: z.number(),
  category_count: z.number(),
  is_current: z.boolean(),
  created_at: z.string(),
});

export const REFERENCE_NAMES = ['failure-patterns', 'responsibility-layers', 'disposal-methods', 'sla-items', 'classification-schemes'] as const;
export type ReferenceName = (typeof REFERENCE_NAMES)[number];

export const referenceSummary = z.object({
  name: z.enum(REFERENCE_NAMES),
  urn: z.string(),
  version: z.string(),
  title: bilingual,
  file: z.string(),
  sha256: z.string(),
  entry_count: z.number(),
});

export const catalogueListResponse = z.object({ items: z.array(catalogueSummary), reference: z.array(referenceSummary) });

/** A mapping to (or from) an item of another catalogue; names are null when that item is not available to the caller. */
export const itemLink = z.object({
  urn: z.string(),
  catalogue_urn: z.string(),
  catalogue_version_id: z.string().nullable(),
  catalogue_name: bilingual.nullable(),
  item_key: z.string(),
  item_name: bilingual.nullable(),
});

export const answerSpecResponse = z.object({
  type: z.enum(ANSWER_TYPES),
  choices: z.array(z.object({ code: z.string(), name: bilingual })).optional(),
  unit: bilingual.optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

export const catalogueItemResponse = z.object({
  key: z.string(),
  urn: z.string(),
  name: bilingual,
  answer: answerSpecResponse,
  guidance: bilingual.nullable(),
  evidence: z.array(bilingual),
  refs: z.array(itemLink),
  referenced_by: z.array(itemLink),
});

export const catalogueDetail = catalogueSummary.extend({
  description: bilingual.nullable(),
  source_note: bilingual.nullable(),
  categories: z.array(z.object({ key: z.string(), number: z.string().nullable(), name: bilingual, items: z.array(catalogueItemResponse) })),
});

export const catalogueHistoryQuery = z.object({ urn: z.string().min(1).max(200) });
export const catalogueHistoryResponse = z.object({ urn: z.string(), items: z.array(catalogueSummary) });

export const referenceParams = z.object({ name: z.enum(REFERENCE_NAMES, { error: bi(`参照カタログは ${REFERENCE_NAMES.join(' / ')} のいずれかです`, `A reference catalogue is one of ${REFERENCE_NAMES.join(', ')}`) }) });
export const referenceResponse = referenceSummary.extend({ content: z.record(z.string(), z.unknown()) });

/** Where a problem of an imported file is: YAML gives the path (and line) in the document; xlsx the sheet, row and column. */
export const catalogueImportError = z.object({
  sheet: z.string().nullable(),
  path: z.string().nullable(),
  row: z.number(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
  reason_en: z.string().optional(),
});

export const catalogueImportQuery = z.object({
  dry_run: z
    .enum(['true', 'false'], { error: bi('dry_run は true または false です', 'dry_run is true or false') })
    .default('true')
    .transform((v) => v === 'true'),
});

export const catalogueImportResponse = z.object({
  dry_run: z.boolean(),
  format: z.enum(['yaml', 'xlsx']),
  ok: z.boolean(),
  /** create: a new version; unchanged: this exact version is already recorded for the organisation. */
  action: z.enum(['create', 'unchanged']).nullable(),
  summary: z
    .object({
      urn: z.string(),
      version: z.string(),
      name: bilingual,
      assessable: z.boolean(),
      sha256: z.string(),
      category_count: z.number(),
      item_count: z.number(),
      replaces_version: z.string().nullable(),
    })
    .nullable(),
  version_id: z.string().nullable(),
  errors: z.array(catalogueImportError),
});

export const ASSESSMENT_RULE_MAX = 200;

export const assessmentRule = z.object({
  catalogue_urn: z.string().min(1).max(200),
  min_impact: z.number({ error: bi('1以上の整数を入力してください', 'Enter a whole number of 1 or more') }).int(bi('整数を入力してください', 'Enter a whole number')),
});

export const assessmentRulesBody = z.object({ rules: z.array(assessmentRule).max(ASSESSMENT_RULE_MAX) }).strict();

export const assessmentRulesResponse = z.object({
  /** True when the organisation has no rules, so the default applies: the confirmation items for every entry. */
  using_default: z.boolean(),
  default_catalogue_urn: z.string(),
  max_impact: z.number(),
  rules: z.array(z.object({ catalogue_urn: z.string(), catalogue_name: bilingual.nullable(), min_impact: z.number(), updated_at: z.string() })),
  /** The assessable catalogues a rule may name. */
  options: z.array(z.object({ urn: z.string(), name: bilingual, scope: catalogueScope })),
});
