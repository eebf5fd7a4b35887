import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { z } from 'zod';
import { catalogueItems, questionnaireCatalogue, type QuestionnaireCatalogue } from '../../shared/catalogue.ts';

const bilingual = z.object({ ja: z.string().min(1), en: z.string().min(1) });
const level = z.union([z.literal(1), z.literal(2), z.literal(3)]);

const header = { catalogue: z.string().startsWith('urn:daicho:catalogue:'), version: z.union([z.string(), z.number()]).transform(String), name: bilingual };

export const classificationSchemesFile = z.object({
  ...header,
  schemes: z
    .array(z.object({ id: z.string().startsWith('urn:daicho:scheme:'), name: bilingual, levels: z.array(z.object({ code: z.string().min(1), level, name: bilingual })).min(1) }))
    .min(1),
});

export const dataKindsFile = z.object({
  ...header,
  kinds: z.array(z.object({ code: z.string().regex(/^[a-z_]+$/), distress: level, loss: level, name: bilingual })).min(1),
});

export const categoriesFile = z.object({
  ...header,
  categories: z.array(z.object({ code: z.string().regex(/^[a-z_]+$/), name: bilingual, description: bilingual.optional() })).min(1),
});

export const slaItemsFile = z.object({
  ...header,
  items: z
    .array(
      z.object({
        code: z.enum(['service_hours', 'availability', 'dr_method', 'backup_format', 'mttr', 'status_check_method', 'customisability', 'concurrent_users', 'backup_method', 'backup_retention']),
        name: bilingual,
        recommended: bilingual,
        check: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('defined') }),
          z.object({ kind: z.literal('service_hours') }),
          z.object({ kind: z.literal('min_percent'), value: z.number().min(0).max(100) }),
          z.object({ kind: z.literal('max_minutes'), value: z.number().int().positive() }),
        ]),
      }),
    )
    .min(1),
});

export interface LoadedCatalogue<T> {
  file: string;
  sha256: string;
  data: T;
}

/** Parses and validates one catalogue file; the error names the file and the bad entry. */
export function loadCatalogueFile<S extends z.ZodType>(file: string, schema: S): LoadedCatalogue<z.infer<S>> {
  const raw = fs.readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = parse(raw, { maxAliasCount: 0 });
  } catch (error) {
    throw new Error(`catalogue ${path.basename(file)}: not valid YAML: ${(error as Error).message}`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`catalogue ${path.basename(file)}: entry ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { file: path.basename(file), sha256: createHash('sha256').update(raw).digest('hex'), data: result.data };
}

export interface Catalogues {
  schemes: LoadedCatalogue<z.infer<typeof classificationSchemesFile>>;
  dataKinds: LoadedCatalogue<z.infer<typeof dataKindsFile>>;
  categories: LoadedCatalogue<z.infer<typeof categoriesFile>>;
  slaItems: LoadedCatalogue<z.infer<typeof slaItemsFile>>;
  /** catalogs/questionnaires/*.yaml: confirmation items, risks, guideline, checklist, JIS Q 27017 …, by file name. */
  questionnaires: LoadedCatalogue<QuestionnaireCatalogue>[];
}

/** Loads every questionnaire catalogue of a folder and checks that each `refs` URN names a real item. */
export function loadQuestionnaires(dir: string): LoadedCatalogue<QuestionnaireCatalogue>[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();
  const loaded = files.map((name) => loadCatalogueFile(path.join(dir, name), questionnaireCatalogue));
  const urns = new Map<string, string>();
  const known = new Set<string>();
  for (const catalogue of loaded) {
    const other = urns.get(catalogue.data.catalogue);
    if (other) throw new Error(`catalogue ${catalogue.file}: entry catalogue: ${catalogue.data.catalogue} is also the id of ${other}`);
    urns.set(catalogue.data.catalogue, catalogue.file);
    for (const item of catalogueItems(catalogue.data)) known.add(`${catalogue.data.catalogue}:item:${item.key}`);
  }
  for (const catalogue of loaded) {
    catalogue.data.categories.forEach((category, c) =>
      category.items.forEach((item, i) =>
        (item.refs ?? []).forEach((ref, r) => {
          if (!known.has(ref)) throw new Error(`catalogue ${catalogue.file}: entry categories.${c}.items.${i}.refs.${r}: ${ref} names no item of any catalogue`);
        }),
      ),
    );
  }
  return loaded;
}

export const DEFAULT_CATALOGUE_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../catalogs');

/** Loads every catalogue at start-up; a bad file stops the start with a clear message. */
export function loadCatalogues(dir = DEFAULT_CATALOGUE_DIR): Catalogues {
  const schemes = loadCatalogueFile(path.join(dir, 'classification-schemes.yaml'), classificationSchemesFile);
  const dataKinds = loadCatalogueFile(path.join(dir, 'jnsa-data-kinds.yaml'), dataKindsFile);
  const categories = loadCatalogueFile(path.join(dir, 'register-categories.yaml'), categoriesFile);
  const slaItems = loadCatalogueFile(path.join(dir, 'sla-items.yaml'), slaItemsFile);
  const codes = new Set<string>();
  for (const [index, kind] of dataKinds.data.kinds.entries()) {
    if (codes.has(kind.code)) throw new Error(`catalogue ${dataKinds.file}: entry kinds.${index}.code: duplicate code ${kind.code}`);
    codes.add(kind.code);
  }
  const questionnaires = loadQuestionnaires(path.join(dir, 'questionnaires'));
  return { schemes, dataKinds, categories, slaItems, questionnaires };
}
