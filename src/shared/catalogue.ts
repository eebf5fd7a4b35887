import { z } from 'zod';
import { bi } from './messages.ts';

// A questionnaire catalogue: categories → items, each item with an answer type, guidance for the
// reviewer and typical evidence. The shipped catalogues (catalogs/*.yaml) and an organisation's own
// questionnaire (imported from YAML or .xlsx) share this one format. Items are named by stable keys;
// an item's URN is `<catalogue urn>:item:<key>` and `refs` (URNs of other catalogues' items) carry
// the mappings between catalogues (confirmation item ↔ JIS Q 27017 control ↔ policy chapter ↔ risk).

export const CATALOGUE_URN_PREFIX = 'urn:daicho:catalogue:';
export const ANSWER_TYPES = ['status', 'choice', 'text', 'date', 'number'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

/** The values of a `status` answer: whether the vendor (or the municipality) does what the item asks. */
export const ANSWER_STATUS_VALUES = ['yes', 'partial', 'no', 'not_applicable'] as const;
export type AnswerStatusValue = (typeof ANSWER_STATUS_VALUES)[number];

const text = (max: number) => z.string().trim().min(1, bi('入力してください', 'Required')).max(max, bi(`${max}文字以内にしてください`, `At most ${max} characters`));
export const bilingualText = (max = 2000) => z.object({ ja: text(max), en: text(max) }).strict();

const key = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, bi('英数字・ドット・ハイフン・下線で100文字以内にしてください', 'Use letters, digits, dot, hyphen or underscore (at most 100)'));

export const catalogueItemUrn = z.string().regex(/^urn:daicho:catalogue:[a-z0-9][a-z0-9-]{0,80}:item:[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, bi('項目のURNの形式が正しくありません', 'Not an item URN'));

export const answerSpec = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status') }).strict(),
  z.object({ type: z.literal('choice'), choices: z.array(z.object({ code: key, name: bilingualText(200) }).strict()).min(2, bi('選択肢を2つ以上定めてください', 'At least two choices')).max(20) }).strict(),
  z.object({ type: z.literal('text') }).strict(),
  z.object({ type: z.literal('date') }).strict(),
  z.object({ type: z.literal('number'), unit: bilingualText(40).optional(), min: z.number().optional(), max: z.number().optional() }).strict(),
]);
export type AnswerSpec = z.infer<typeof answerSpec>;

export const catalogueItem = z
  .object({
    key,
    name: bilingualText(300),
    answer: answerSpec,
    guidance: bilingualText(4000).optional(),
    evidence: z.array(bilingualText(300)).max(20).optional(),
    refs: z.array(catalogueItemUrn).max(50).optional(),
  })
  .strict();
export type CatalogueItem = z.infer<typeof catalogueItem>;

export const catalogueCategory = z
  .object({
    key,
    number: z.string().max(20).optional(),
    name: bilingualText(300),
    items: z.array(catalogueItem).min(1, bi('項目を1つ以上定めてください', 'At least one item')).max(500),
  })
  .strict();
export type CatalogueCategory = z.infer<typeof catalogueCategory>;

export const questionnaireCatalogue = z
  .object({
    catalogue: z.string().regex(/^urn:daicho:catalogue:[a-z0-9][a-z0-9-]{0,80}$/, bi('urn:daicho:catalogue:（英小文字・数字・ハイフン）の形式にしてください', 'Use urn:daicho:catalogue:<lowercase letters, digits, hyphens>')),
    version: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/, bi('版は英数字・ドット・ハイフンで40文字以内にしてください', 'Version: letters, digits, dot, hyphen (at most 40)'))),
    kind: z.literal('questionnaire'),
    name: bilingualText(300),
    description: bilingualText(4000).optional(),
    source: bilingualText(1000).optional(),
    /** Offered when a municipality starts an assessment (reference catalogues such as 27017 are not). */
    assessable: z.boolean().default(true),
    categories: z.array(catalogueCategory).min(1, bi('区分を1つ以上定めてください', 'At least one category')).max(100),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.categories.forEach((category, c) => {
      category.items.forEach((item, i) => {
        if (seen.has(item.key)) ctx.addIssue({ code: 'custom', path: ['categories', c, 'items', i, 'key'], message: bi(`項目キー ${item.key} が重複しています`, `Duplicate item key ${item.key}`) });
        seen.add(item.key);
      });
    });
    const categories = new Set<string>();
    value.categories.forEach((category, c) => {
      if (categories.has(category.key)) ctx.addIssue({ code: 'custom', path: ['categories', c, 'key'], message: bi(`区分キー ${category.key} が重複しています`, `Duplicate category key ${category.key}`) });
      categories.add(category.key);
    });
  });
export type QuestionnaireCatalogue = z.infer<typeof questionnaireCatalogue>;

export function itemUrn(catalogueUrn: string, itemKey: string): string {
  return `${catalogueUrn}:item:${itemKey}`;
}

/** Splits an item URN into its catalogue URN and item key. */
export function parseItemUrn(urn: string): { catalogue: string; key: string } | undefined {
  const at = urn.indexOf(':item:');
  if (at < 0) return undefined;
  return { catalogue: urn.slice(0, at), key: urn.slice(at + ':item:'.length) };
}

/** Every item of a catalogue in order, with its category. */
export function catalogueItems(catalogue: Pick<QuestionnaireCatalogue, 'categories'>): Array<CatalogueItem & { category: CatalogueCategory; position: number }> {
  let position = 0;
  return catalogue.categories.flatMap((category) => category.items.map((item) => ({ ...item, category, position: position++ })));
}

/** The schema of one answer to an item, by its answer type (null clears the answer). */
export function answerValueSchema(spec: AnswerSpec): z.ZodType<string | number | null> {
  switch (spec.type) {
    case 'status':
      return z.enum(ANSWER_STATUS_VALUES, { error: bi('対応している / 一部対応 / 対応していない / 該当なし から選んでください', 'Choose yes, partial, no or not applicable') }).nullable();
    case 'choice': {
      const codes = spec.choices.map((c) => c.code);
      return z
        .string()
        .refine((v) => codes.includes(v), { message: bi(`選択肢 ${codes.join(' / ')} から選んでください`, `Choose one of ${codes.join(', ')}`) })
        .nullable();
    }
    case 'text':
      return z.string().max(4000, bi('4000文字以内にしてください', 'At most 4000 characters')).nullable();
    case 'date':
      return z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, bi('日付は YYYY-MM-DD の形式にしてください', 'Use a date as YYYY-MM-DD'))
        .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { message: bi('存在しない日付です', 'Not a real date') })
        .nullable();
    case 'number': {
      let n = z.number({ error: bi('数値を入力してください', 'Enter a number') }).finite();
      if (spec.min !== undefined) n = n.min(spec.min, bi(`${spec.min}以上にしてください`, `At least ${spec.min}`));
      if (spec.max !== undefined) n = n.max(spec.max, bi(`${spec.max}以下にしてください`, `At most ${spec.max}`));
      return n.nullable();
    }
  }
}
