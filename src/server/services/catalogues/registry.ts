import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Executor } from '../../repositories/executor.ts';
import { isUniqueViolation } from '../../repositories/executor.ts';
import {
  catalogueVersionsIn,
  findCatalogueVersion,
  findCatalogueVersionById,
  insertCatalogueVersion,
  makeVersionCurrent,
  retireCurrentVersions,
  scopeHasUrn,
  type CatalogueVersionRow,
} from '../../repositories/catalogue-versions.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { catalogueItems, questionnaireCatalogue, type QuestionnaireCatalogue } from '../../../shared/catalogue.ts';
import type { Catalogues } from '../../catalogs/load.ts';
import type { Deps } from '../deps.ts';
import { AppError, notFound } from '../app-error.ts';
import { bi } from '../../../shared/messages.ts';

// The catalogue versions an organisation can use: the shipped ones (scope 'platform', recorded from
// catalogs/ with their sha256 the first time they are needed) and its own imported questionnaires
// (scope = its id). A version's content is stored, so an assessment made against it keeps working
// after the file moves on; a version number whose content changed is refused.

export const PLATFORM_SCOPE = 'platform';

export interface CatalogueVersion {
  id: string;
  scope: string;
  urn: string;
  version: string;
  sha256: string;
  source: 'file' | 'import';
  source_name: string;
  is_current: boolean;
  created_at: string;
  catalogue: QuestionnaireCatalogue;
}

const synced = new WeakMap<object, Promise<void>>();
const byId = new Map<string, CatalogueVersion>();

function toVersion(row: CatalogueVersionRow): CatalogueVersion {
  const cached = byId.get(row.id);
  if (cached && cached.is_current === (Number(row.is_current) === 1)) return cached;
  const catalogue = questionnaireCatalogue.parse(JSON.parse(row.content));
  const version: CatalogueVersion = {
    id: row.id,
    scope: row.scope,
    urn: row.catalogue_urn,
    version: row.version,
    sha256: row.sha256,
    source: row.source as 'file' | 'import',
    source_name: row.source_name,
    is_current: Number(row.is_current) === 1,
    created_at: row.created_at,
    catalogue,
  };
  byId.set(row.id, version);
  return version;
}

/**
 * Records each shipped questionnaire's version (once per database and process). A version already
 * recorded with other content stops with an error naming the file: its assessments were made against
 * the old text, so a changed catalogue needs a new version number.
 */
export async function syncPlatformCatalogues(db: Kysely<Database>, catalogues: Catalogues, now: Date): Promise<void> {
  for (const loaded of catalogues.questionnaires) {
    const { catalogue: urn, version } = loaded.data;
    const content = JSON.stringify(loaded.data);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const existing = await findCatalogueVersion(db, PLATFORM_SCOPE, urn, version);
    if (existing && existing.sha256 !== sha256) {
      throw new Error(`catalogue ${loaded.file}: version ${version} of ${urn} was recorded with other content; give the changed catalogue a new version`);
    }
    await db.transaction().execute(async (trx) => {
      if (!existing) {
        try {
          await insertCatalogueVersion(trx, { id: newId(), scope: PLATFORM_SCOPE, catalogue_urn: urn, version, kind: 'questionnaire', name_ja: loaded.data.name.ja, name_en: loaded.data.name.en, sha256, source: 'file', source_name: loaded.file, content, is_current: 1, created_by: null, created_at: nowIso(now) });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      await makeVersionCurrent(trx, PLATFORM_SCOPE, urn, version);
    });
  }
}

/** Makes sure the shipped catalogues are recorded in this database (once per process). */
export function ensureCatalogues(deps: Pick<Deps, 'db' | 'catalogues' | 'now'>): Promise<void> {
  let pending = synced.get(deps.db);
  if (!pending) {
    pending = syncPlatformCatalogues(deps.db, deps.catalogues, deps.now());
    pending.catch(() => synced.delete(deps.db));
    synced.set(deps.db, pending);
  }
  return pending;
}

/** The current version of a catalogue for an organisation: its own questionnaire first, then the shipped one. */
export async function currentCatalogueVersion(deps: Deps, organisationId: string, urn: string, db: Executor = deps.db): Promise<CatalogueVersion | undefined> {
  await ensureCatalogues(deps);
  const rows = await catalogueVersionsIn(db, [organisationId, PLATFORM_SCOPE], { urn, currentOnly: true });
  const row = rows.find((r) => r.scope === organisationId) ?? rows.find((r) => r.scope === PLATFORM_SCOPE);
  return row ? toVersion(row) : undefined;
}

/** A version by id, if the organisation may use it (platform or its own); otherwise undefined. */
export async function catalogueVersionById(deps: Deps, organisationId: string | null, id: string, db: Executor = deps.db): Promise<CatalogueVersion | undefined> {
  await ensureCatalogues(deps);
  const row = await findCatalogueVersionById(db, id);
  if (!row) return undefined;
  if (organisationId !== null && row.scope !== PLATFORM_SCOPE && row.scope !== organisationId) return undefined;
  return toVersion(row);
}

/** Every current catalogue the organisation may use (its own questionnaires and the shipped ones). */
export async function listCurrentCatalogues(deps: Deps, organisationId: string, options: { assessableOnly?: boolean } = {}): Promise<CatalogueVersion[]> {
  await ensureCatalogues(deps);
  const rows = await catalogueVersionsIn(deps.db, [organisationId, PLATFORM_SCOPE], { currentOnly: true });
  const chosen = new Map<string, CatalogueVersionRow>();
  for (const row of rows) if (!chosen.has(row.catalogue_urn) || row.scope === organisationId) chosen.set(row.catalogue_urn, row);
  return [...chosen.values()]
    .map(toVersion)
    .filter((v) => !options.assessableOnly || v.catalogue.assessable)
    .sort((a, b) => (a.scope === b.scope ? a.urn.localeCompare(b.urn) : a.scope === PLATFORM_SCOPE ? -1 : 1));
}

/** The current version of a catalogue, or a 422 naming the field (for requests that name a catalogue). */
export async function requireCatalogue(deps: Deps, organisationId: string, urn: string, field = 'catalogue', db: Executor = deps.db): Promise<CatalogueVersion> {
  const version = await currentCatalogueVersion(deps, organisationId, urn, db);
  if (!version) throw new AppError('validation_failed', [{ field, reason: bi(`カタログ ${urn} はありません`, `There is no catalogue ${urn}`) }]);
  return version;
}

/** One item of a version, or 404. */
export function catalogueItemOf(version: CatalogueVersion, key: string) {
  const item = catalogueItems(version.catalogue).find((i) => i.key === key);
  if (!item) throw notFound();
  return item;
}

/** Every recorded version of a catalogue the organisation may see (its own and the shipped ones), newest first. */
export async function catalogueHistory(deps: Deps, organisationId: string, urn: string): Promise<CatalogueVersion[]> {
  await ensureCatalogues(deps);
  const rows = await catalogueVersionsIn(deps.db, [organisationId, PLATFORM_SCOPE], { urn });
  return rows.map(toVersion).sort((a, b) => (a.created_at === b.created_at ? b.version.localeCompare(a.version) : b.created_at.localeCompare(a.created_at)));
}

/** The version recorded under this scope, URN and version number, if any. */
export async function recordedVersion(db: Executor, scope: string, urn: string, version: string): Promise<CatalogueVersion | undefined> {
  const row = await findCatalogueVersion(db, scope, urn, version);
  return row ? toVersion(row) : undefined;
}

/** True when a shipped catalogue (in catalogs/ or recorded earlier) carries this URN. */
export async function isPlatformUrn(deps: Deps, urn: string, db: Executor = deps.db): Promise<boolean> {
  if (deps.catalogues.questionnaires.some((q) => q.data.catalogue === urn)) return true;
  return scopeHasUrn(db, PLATFORM_SCOPE, urn);
}

/**
 * Records an organisation's own questionnaire as its current version of that URN (the previous one stays
 * recorded, no longer current). The caller checks that this URN and version are new for the organisation.
 */
export async function insertOrganisationVersion(
  trx: Executor,
  input: { organisationId: string; catalogue: QuestionnaireCatalogue; sha256: string; sourceName: string; createdBy: string | null; now: Date },
): Promise<string> {
  const id = newId();
  const { catalogue } = input;
  await retireCurrentVersions(trx, input.organisationId, catalogue.catalogue);
  await insertCatalogueVersion(trx, {
    id,
    scope: input.organisationId,
    catalogue_urn: catalogue.catalogue,
    version: catalogue.version,
    kind: catalogue.kind,
    name_ja: catalogue.name.ja,
    name_en: catalogue.name.en,
    sha256: input.sha256,
    source: 'import',
    source_name: input.sourceName.slice(0, 255),
    content: JSON.stringify(catalogue),
    is_current: 1,
    created_by: input.createdBy,
    created_at: nowIso(input.now),
  });
  return id;
}

/** The sha256 a version is recorded with: of the validated catalogue as JSON, so YAML and xlsx of one content agree. */
export function contentSha256(catalogue: QuestionnaireCatalogue): string {
  return createHash('sha256').update(JSON.stringify(catalogue)).digest('hex');
}
