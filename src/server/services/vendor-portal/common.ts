import { bi } from '../../../shared/messages.ts';
import { authorize } from '../../policies/index.ts';
import { findOwnVendorService } from '../../repositories/vendor-services.ts';
import { findEntry } from '../../repositories/register-entries.ts';
import type { AttachmentMeta } from '../../repositories/attachments.ts';
import type { VendorAnswerRow } from '../../repositories/vendor-answers.ts';
import type { Executor } from '../../repositories/executor.ts';
import { presentAttachment } from '../attachments.ts';
import { currentCatalogueVersion, type CatalogueVersion } from '../catalogues/registry.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAuditAlone } from '../audit.ts';
import { canEditEntry, requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';

// Shared by the vendor portal's services: who may act, the objects they may act on, and presenters.

/** Vendor users who keep service profiles (vendor_service:manage); others are refused, audited. */
export async function requireVendorPortal(deps: Deps, actor: Actor): Promise<void> {
  await authorize(deps, actor, 'vendor_service:manage', { type: 'vendor_service' });
}

/** A service of the caller's vendor organisation; another vendor's is not found. */
export async function ownService(deps: Deps, actor: Actor, id: string, db: Executor = deps.db) {
  await requireVendorPortal(deps, actor);
  const service = await findOwnVendorService(db, actor.organisationId, id);
  if (!service) throw notFound();
  return service;
}

/**
 * The catalogue a vendor answers: the platform's current version (a vendor answers the shared
 * catalogues; a municipality's own questionnaire stays with that municipality).
 */
export async function vendorCatalogue(deps: Deps, vendorOrganisationId: string, urn: string, field = 'catalogue', db: Executor = deps.db): Promise<CatalogueVersion> {
  const version = await currentCatalogueVersion(deps, vendorOrganisationId, urn, db);
  if (!version || !version.catalogue.assessable)
    throw new AppError('validation_failed', [{ field, reason: bi(`カタログ ${urn} は事業者が回答できるカタログではありません`, `${urn} is not a catalogue vendors answer`) }]);
  return version;
}

/** A register entry of the caller's organisation (404 otherwise); for writes, within the caller's 所管課. */
export async function registerEntryFor(deps: Deps, actor: Actor, entryId: string, write: boolean, feature: string) {
  await requireRegister(deps, actor, write);
  const entry = await findEntry(deps.db, actor.organisationId, entryId);
  if (!entry) throw notFound();
  if (write && !canEditEntry(actor, entry.department)) {
    await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'register_entry', targetId: entryId, after: { reason: 'other_department', department: entry.department, feature } });
    throw new AppError('forbidden', [{ field: 'department', reason: bi(`所管課（${actor.department}）以外の外部サービスは操作できません`, `Only your department's (${actor.department}) services can be changed`) }]);
  }
  return entry;
}

export function parseAnswer(text: string | null): string | number | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' || typeof value === 'number' ? value : null;
  } catch {
    return null;
  }
}

export function presentRevision(row: VendorAnswerRow, versions: Map<string, string>) {
  return {
    id: row.id,
    revision: Number(row.revision),
    answer: parseAnswer(row.answer),
    note: row.note,
    sharing: row.sharing as 'linked' | 'on_request' | 'terms',
    is_current: Number(row.is_current) === 1,
    answered_label: row.answered_label,
    created_at: row.created_at,
    catalogue_version: versions.get(row.catalogue_version_id) ?? '',
  };
}

/** Evidence with the revision it was attached to (files carry forward to later revisions of the item). */
export function presentEvidence(row: AttachmentMeta, revisionOf: Map<string, number>) {
  return { ...presentAttachment(row), revision: revisionOf.get(row.target_id) ?? 0 };
}

export function bilingual(name: { ja: string; en: string }) {
  return { ja: name.ja, en: name.en };
}

export const ENTRY_TAB = 'confirmation';

/** Where a municipality reads a service's answers: its assessment of the catalogue, else the entry's 確認項目 tab. */
export function municipalityLink(entryId: string, assessmentId: string | null): string {
  return assessmentId ? `/assessments/${assessmentId}` : `/register/${entryId}?tab=${ENTRY_TAB}`;
}
