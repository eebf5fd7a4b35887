import type { z } from 'zod';
import { catalogueItems, itemUrn, questionnaireCatalogue, type QuestionnaireCatalogue } from '../../../shared/catalogue.ts';
import { bi, englishOf } from '../../../shared/messages.ts';
import type { catalogueImportResponse } from '../../../shared/schemas/catalogues.ts';
import { authorize } from '../../policies/index.ts';
import { isUniqueViolation } from '../../repositories/executor.ts';
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import { readXlsxQuestionnaire, readYamlQuestionnaire, type CatalogueImportError, type ReadQuestionnaire } from './import-read.ts';
import { contentSha256, currentCatalogueVersion, insertOrganisationVersion, isPlatformUrn, listCurrentCatalogues, recordedVersion } from './registry.ts';

// An organisation's own questionnaire, imported from YAML or .xlsx. The dry run and the commit are the
// same checks; the commit writes one catalogue_versions row (and the audit entry) or nothing.

export const CATALOGUE_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const ORGANISATION_URN_PREFIX = 'urn:daicho:catalogue:org-';

type ImportResult = z.infer<typeof catalogueImportResponse>;

function formatOf(filename: string): 'yaml' | 'xlsx' | null {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

function withEnglish(error: CatalogueImportError): CatalogueImportError {
  return { ...error, reason_en: error.reason_en ?? englishOf(error.reason) ?? error.reason };
}

/** Schema problems, each placed where it is in the file. */
function schemaErrors(read: ReadQuestionnaire, issues: z.core.$ZodIssue[]): CatalogueImportError[] {
  return issues.flatMap((issue) => {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    return paths.map((path) => {
      const reason = issue.code === 'unrecognized_keys' ? bi(`不明なキー ${String(path[path.length - 1])} です`, `Unknown key ${String(path[path.length - 1])}`) : issue.message;
      return { ...read.locate(path), reason, reason_en: englishOf(reason, issue as never) ?? reason };
    });
  });
}

/** Checks that need the database: URN namespace, mappings that resolve, a version number not reused with other content. */
async function contentErrors(deps: Deps, actor: Actor, read: ReadQuestionnaire, catalogue: QuestionnaireCatalogue): Promise<CatalogueImportError[]> {
  const errors: CatalogueImportError[] = [];
  const at = (path: PropertyKey[], reason: string) => errors.push({ ...read.locate(path), reason });
  if (await isPlatformUrn(deps, catalogue.catalogue)) {
    at(['catalogue'], bi(`${catalogue.catalogue} は Daicho が提供するカタログのURNです。提供カタログの版と混ざらないよう、団体の質問票には ${ORGANISATION_URN_PREFIX}… の独自のURNを付けてください`, `${catalogue.catalogue} belongs to a catalogue Daicho ships; so that its versions never mix with yours, give your questionnaire its own URN starting ${ORGANISATION_URN_PREFIX}`));
  } else if (!catalogue.catalogue.startsWith(ORGANISATION_URN_PREFIX)) {
    at(['catalogue'], bi(`団体の質問票のURNは ${ORGANISATION_URN_PREFIX} で始めてください（提供カタログのURNと区別するため）`, `An organisation's questionnaire URN starts with ${ORGANISATION_URN_PREFIX} (to keep it apart from shipped catalogues)`));
  }
  const known = new Set<string>();
  for (const version of await listCurrentCatalogues(deps, actor.organisationId)) {
    if (version.urn === catalogue.catalogue) continue;
    for (const item of catalogueItems(version.catalogue)) known.add(itemUrn(version.urn, item.key));
  }
  for (const item of catalogueItems(catalogue)) known.add(itemUrn(catalogue.catalogue, item.key));
  catalogue.categories.forEach((category, c) =>
    category.items.forEach((item, i) =>
      (item.refs ?? []).forEach((ref, r) => {
        if (!known.has(ref)) at(['categories', c, 'items', i, 'refs', r], bi(`${ref} はどのカタログの項目でもありません`, `${ref} names no item of any catalogue`));
      }),
    ),
  );
  return errors;
}

async function plan(deps: Deps, actor: Actor, filename: string, buffer: Buffer) {
  const format = formatOf(filename);
  if (!format) throw new AppError('validation_failed', [{ field: 'file', reason: bi('.yaml・.yml または .xlsx のファイルを選んでください', 'Choose a .yaml, .yml or .xlsx file') }]);
  if (buffer.length === 0) throw new AppError('validation_failed', [{ field: 'file', reason: bi('ファイルが空です', 'The file is empty') }]);
  if (buffer.length > CATALOGUE_IMPORT_MAX_BYTES) throw new AppError('payload_too_large', [{ field: 'file', reason: bi('2MB以内のファイルにしてください', 'The file must be 2 MB or smaller') }]);
  const read = format === 'yaml' ? readYamlQuestionnaire(buffer) : await readXlsxQuestionnaire(buffer);
  const result = { format, catalogue: null as QuestionnaireCatalogue | null, sha256: null as string | null, errors: read.errors, conflict: false };
  if (read.errors.length) return result;
  const parsed = questionnaireCatalogue.safeParse(read.value);
  if (!parsed.success) return { ...result, errors: schemaErrors(read, parsed.error.issues) };
  const catalogue = parsed.data;
  const sha256 = contentSha256(catalogue);
  const errors = await contentErrors(deps, actor, read, catalogue);
  const existing = await recordedVersion(deps.db, actor.organisationId, catalogue.catalogue, catalogue.version);
  const conflict = existing !== undefined && existing.sha256 !== sha256;
  if (conflict) {
    errors.push({ ...read.locate(['version']), reason: bi(`版 ${catalogue.version} は別の内容で取り込み済みです。内容を変えたときは新しい版にしてください（その版で行った評価を守るため）`, `Version ${catalogue.version} was imported with other content; give changed content a new version (assessments made against it keep it)`) });
  }
  return { ...result, catalogue, sha256, errors, conflict, existing };
}

/** Dry run (every problem, nothing written) or commit (all or nothing) of an organisation's questionnaire. */
export async function importQuestionnaire(deps: Deps, actor: Actor, filename: string, buffer: Buffer, dryRun: boolean): Promise<ImportResult> {
  await authorize(deps, actor, 'register:configure', { type: 'catalogue' });
  const planned = await plan(deps, actor, filename, buffer);
  const errors = planned.errors.map(withEnglish);
  const catalogue = planned.catalogue;
  const previous = catalogue ? await currentCatalogueVersion(deps, actor.organisationId, catalogue.catalogue) : undefined;
  const existing = 'existing' in planned ? planned.existing : undefined;
  const action = !catalogue || errors.length ? null : existing ? 'unchanged' : 'create';
  const response: ImportResult = {
    dry_run: dryRun,
    format: planned.format,
    ok: errors.length === 0,
    action,
    summary:
      catalogue && planned.sha256
        ? {
            urn: catalogue.catalogue,
            version: catalogue.version,
            name: catalogue.name,
            assessable: catalogue.assessable,
            sha256: planned.sha256,
            category_count: catalogue.categories.length,
            item_count: catalogueItems(catalogue).length,
            replaces_version: previous && previous.scope === actor.organisationId && previous.version !== catalogue.version ? previous.version : null,
          }
        : null,
    version_id: existing && !planned.conflict ? existing.id : null,
    errors,
  };
  if (dryRun) return response;
  if (planned.conflict) throw new AppError('conflict', [{ field: 'version', reason: errors.find((e) => e.path === 'version')?.reason ?? bi('この版は別の内容で取り込み済みです', 'This version was imported with other content') }]);
  if (errors.length || !catalogue || !planned.sha256) {
    throw new AppError(
      'validation_failed',
      errors.slice(0, 200).map((e) => ({
        field: e.sheet ? `${e.sheet} ${e.row}行目 ${e.column}`.trim() : e.path ? `${e.path}${e.row ? `（${e.row}行目）` : ''}` : e.column,
        reason: `${e.reason}${e.value ? `（値: ${e.value.slice(0, 50)}）` : ''}`,
        reason_en: `${e.sheet ? `Sheet ${e.sheet}, row ${e.row}, ${e.column}: ` : e.path ? `${e.path}${e.row ? ` (line ${e.row})` : ''}: ` : ''}${e.reason_en ?? e.reason}${e.value ? ` (value: ${e.value.slice(0, 50)})` : ''}`,
      })),
    );
  }
  if (existing) return response;
  const sha256 = planned.sha256;
  const id = await deps.db
    .transaction()
    .execute(async (trx) => {
      const versionId = await insertOrganisationVersion(trx, { organisationId: actor.organisationId, catalogue, sha256, sourceName: filename, createdBy: actor.userId, now: deps.now() });
      await recordAudit(
        trx,
        actor,
        {
          action: 'catalogue.import',
          targetType: 'catalogue_version',
          targetId: versionId,
          before: previous && previous.scope === actor.organisationId ? { id: previous.id, urn: previous.urn, version: previous.version, sha256: previous.sha256 } : null,
          after: { urn: catalogue.catalogue, version: catalogue.version, sha256, source_name: filename, items: response.summary?.item_count ?? 0 },
        },
        deps.now(),
      );
      return versionId;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError('conflict', [{ field: 'version', reason: bi('同じ版が同時に取り込まれました。もう一度お試しください', 'The same version was imported at the same moment; try again') }]);
      throw error;
    });
  return { ...response, version_id: id };
}
