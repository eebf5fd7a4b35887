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

// Reference catalogues (catalogs/reference/*.yaml): shown in the catalogue browser and used by the
// continuity, responsibility and disposal screens. Each entry has a URN id; cross references inside a
// file (a pattern's countermeasures, a layer's party, a class's methods) must name an entry of it.
const strictBilingual = z.object({ ja: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
const referenceHeader = { catalogue: z.string().regex(/^urn:daicho:catalogue:[a-z0-9][a-z0-9-]{0,80}$/), version: z.union([z.string(), z.number()]).transform(String), name: strictBilingual, source: strictBilingual.optional() };
const urnOf = (kind: string) => z.string().regex(new RegExp(`^urn:daicho:${kind}:[a-z0-9][a-z0-9-]{0,80}$`), `urn:daicho:${kind}:<lowercase letters, digits, hyphens>`);

export const failurePatternsFile = z
  .object({
    ...referenceHeader,
    groups: z.array(z.object({ id: urnOf('component-group'), name: strictBilingual }).strict()).min(1),
    components: z.array(z.object({ id: urnOf('component'), group: urnOf('component-group'), name: strictBilingual }).strict()).min(1),
    /** `table`: one of Table 2-15's six main countermeasures; the others are further measures from the report's text. */
    countermeasures: z.array(z.object({ id: urnOf('countermeasure'), table: z.boolean(), name: strictBilingual, description: strictBilingual }).strict()).min(1),
    patterns: z
      .array(
        z
          .object({
            id: urnOf('failure-pattern'),
            number: z.number().int().positive(),
            name: strictBilingual,
            description: strictBilingual,
            /** Table 2-14: the components that fail. */
            fails: z.array(urnOf('component')).min(1),
            /** Table 2-15: the main countermeasures (table: true). */
            countermeasures: z.array(urnOf('countermeasure')).min(1),
            /** Further countermeasures the report's text names for the pattern (table: false). */
            further: z.array(urnOf('countermeasure')).default([]),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const responsibilityLayersFile = z
  .object({
    ...referenceHeader,
    parties: z.array(z.object({ id: urnOf('responsibility-party'), name: strictBilingual }).strict()).min(1),
    layers: z.array(z.object({ id: urnOf('responsibility-layer'), order: z.number().int().positive(), name: strictBilingual, description: strictBilingual, typical_party: urnOf('responsibility-party'), backup_expected: z.boolean() }).strict()).min(1),
    roles: z.array(z.object({ id: urnOf('responsibility-role'), name: strictBilingual, description: strictBilingual }).strict()).min(1),
  })
  .strict();

export const disposalMethodsFile = z
  .object({
    ...referenceHeader,
    methods: z.array(z.object({ id: urnOf('disposal-method'), name: strictBilingual, description: strictBilingual, cloud_suitable: z.boolean().optional() }).strict()).min(1),
    classes: z.array(z.object({ id: urnOf('disposal-class'), number: z.number().int().positive(), name: strictBilingual, methods: z.array(urnOf('disposal-method')).min(1), assurance: strictBilingual }).strict()).min(1),
  })
  .strict();

export interface ReferenceCatalogues {
  failurePatterns: LoadedCatalogue<z.infer<typeof failurePatternsFile>>;
  responsibilityLayers: LoadedCatalogue<z.infer<typeof responsibilityLayersFile>>;
  disposalMethods: LoadedCatalogue<z.infer<typeof disposalMethodsFile>>;
}

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
  /** catalogs/reference/*.yaml: failure patterns, responsibility layers, disposal methods. */
  reference: ReferenceCatalogues;
}

/** Every id of a list is unique and every reference names one of them; the error names the file and entry. */
function checkIds(file: string, list: string, entries: { id: string }[]): Set<string> {
  const ids = new Set<string>();
  entries.forEach((entry, index) => {
    if (ids.has(entry.id)) throw new Error(`catalogue ${file}: entry ${list}.${index}.id: duplicate id ${entry.id}`);
    ids.add(entry.id);
  });
  return ids;
}

function checkRefs(file: string, path: string, refs: string[], known: Set<string>, what: string) {
  refs.forEach((ref, index) => {
    if (!known.has(ref)) throw new Error(`catalogue ${file}: entry ${path}.${index}: ${ref} names no ${what} of this file`);
  });
}

/** Loads catalogs/reference/*.yaml and checks ids and the references inside each file. */
export function loadReferenceCatalogues(dir: string): ReferenceCatalogues {
  const failurePatterns = loadCatalogueFile(path.join(dir, 'failure-patterns.yaml'), failurePatternsFile);
  const fp = failurePatterns.data;
  const groups = checkIds(failurePatterns.file, 'groups', fp.groups);
  const components = checkIds(failurePatterns.file, 'components', fp.components);
  fp.components.forEach((c, i) => checkRefs(failurePatterns.file, `components.${i}.group`, [c.group], groups, 'component group'));
  const tableMeasures = new Set(fp.countermeasures.filter((c) => c.table).map((c) => c.id));
  const furtherMeasures = new Set(fp.countermeasures.filter((c) => !c.table).map((c) => c.id));
  checkIds(failurePatterns.file, 'countermeasures', fp.countermeasures);
  checkIds(failurePatterns.file, 'patterns', fp.patterns);
  fp.patterns.forEach((p, i) => {
    checkRefs(failurePatterns.file, `patterns.${i}.fails`, p.fails, components, 'component');
    checkRefs(failurePatterns.file, `patterns.${i}.countermeasures`, p.countermeasures, tableMeasures, 'main (table) countermeasure');
    checkRefs(failurePatterns.file, `patterns.${i}.further`, p.further, furtherMeasures, 'further (table: false) countermeasure');
  });

  const responsibilityLayers = loadCatalogueFile(path.join(dir, 'responsibility-layers.yaml'), responsibilityLayersFile);
  const parties = checkIds(responsibilityLayers.file, 'parties', responsibilityLayers.data.parties);
  checkIds(responsibilityLayers.file, 'layers', responsibilityLayers.data.layers);
  checkIds(responsibilityLayers.file, 'roles', responsibilityLayers.data.roles);
  responsibilityLayers.data.layers.forEach((l, i) => checkRefs(responsibilityLayers.file, `layers.${i}.typical_party`, [l.typical_party], parties, 'party'));

  const disposalMethods = loadCatalogueFile(path.join(dir, 'disposal-methods.yaml'), disposalMethodsFile);
  const methods = checkIds(disposalMethods.file, 'methods', disposalMethods.data.methods);
  checkIds(disposalMethods.file, 'classes', disposalMethods.data.classes);
  disposalMethods.data.classes.forEach((c, i) => checkRefs(disposalMethods.file, `classes.${i}.methods`, c.methods, methods, 'disposal method'));
  return { failurePatterns, responsibilityLayers, disposalMethods };
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
  const reference = loadReferenceCatalogues(path.join(dir, 'reference'));
  return { schemes, dataKinds, categories, slaItems, questionnaires, reference };
}
