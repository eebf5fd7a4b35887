import type { Selectable } from 'kysely';
import type { CertificateCitationTable, CertificateTable } from '../db/schema.ts';
import { sortable, type Executor } from './executor.ts';

export type CertificateRow = Selectable<CertificateTable>;
export type CitationRow = Selectable<CertificateCitationTable>;

export const CERTIFICATE_TARGET = 'certificate';

const META = ['id', 'organisation_id', 'target_type', 'target_id', 'filename', 'content_type', 'size_bytes', 'sha256', 'uploaded_by', 'uploaded_label', 'created_at'] as const;

export async function insertCertificate(db: Executor, row: CertificateRow): Promise<void> {
  await db.insertInto('certificates').values(row).execute();
}

export async function updateCertificate(db: Executor, organisationId: string, id: string, changes: Partial<CertificateRow>): Promise<void> {
  await db.updateTable('certificates').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** A certificate of the holder only: another organisation's is not found. */
export function findOwnCertificate(db: Executor, organisationId: string, id: string): Promise<CertificateRow | undefined> {
  return db.selectFrom('certificates').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

/** Any certificate (the caller decides who may see it). */
export function findCertificate(db: Executor, id: string): Promise<CertificateRow | undefined> {
  return db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listOwnCertificates(db: Executor, organisationId: string): Promise<CertificateRow[]> {
  return db.selectFrom('certificates').selectAll().where('organisation_id', '=', organisationId).orderBy('scheme').orderBy('created_at').orderBy('id').execute();
}

/** Certificates by id (any holder). */
export async function certificatesByIds(db: Executor, ids: string[]): Promise<CertificateRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('certificates').selectAll().where('id', 'in', ids).execute();
}

/** The services each certificate covers, with their names. */
export async function servicesOfCertificates(db: Executor, certificateIds: string[]) {
  if (certificateIds.length === 0) return [];
  return db
    .selectFrom('certificate_services as cs')
    .innerJoin('vendor_services as s', 's.id', 'cs.vendor_service_id')
    .select(['cs.certificate_id', 's.id', 's.name'])
    .where('cs.certificate_id', 'in', certificateIds)
    .orderBy(sortable(db, 's.name', true))
    .execute();
}

export async function replaceCertificateServices(db: Executor, organisationId: string, certificateId: string, serviceIds: string[]): Promise<void> {
  await db.deleteFrom('certificate_services').where('organisation_id', '=', organisationId).where('certificate_id', '=', certificateId).execute();
  if (serviceIds.length) await db.insertInto('certificate_services').values(serviceIds.map((vendor_service_id) => ({ certificate_id: certificateId, vendor_service_id, organisation_id: organisationId }))).execute();
}

/** The vendor's services among the ids (another vendor's are left out). */
export async function ownServiceIds(db: Executor, organisationId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('vendor_services').select('id').where('organisation_id', '=', organisationId).where('id', 'in', ids).execute()).map((r) => r.id);
}

/** Certificate ids covering any of the services. */
export async function certificateIdsOfServices(db: Executor, serviceIds: string[]): Promise<string[]> {
  if (serviceIds.length === 0) return [];
  const rows = await db.selectFrom('certificate_services').select('certificate_id').distinct().where('vendor_service_id', 'in', serviceIds).execute();
  return rows.map((r) => r.certificate_id);
}

/** The certificates a municipality keeps for vendors of its own list. */
export async function keptCertificatesOfVendors(db: Executor, organisationId: string, vendorIds: string[]): Promise<CertificateRow[]> {
  if (vendorIds.length === 0) return [];
  return db.selectFrom('certificates').selectAll().where('organisation_id', '=', organisationId).where('vendor_id', 'in', vendorIds).execute();
}

/** Whether the organisation links a register entry to a service the certificate covers. */
export async function organisationLinksCertificate(db: Executor, organisationId: string, certificateId: string): Promise<boolean> {
  const row = await db
    .selectFrom('register_entries as e')
    .innerJoin('certificate_services as cs', 'cs.vendor_service_id', 'e.vendor_service_id')
    .select('e.id')
    .where('e.organisation_id', '=', organisationId)
    .where('cs.certificate_id', '=', certificateId)
    .executeTakeFirst();
  return Boolean(row);
}

/** Organisations that link an entry (still in use) to any of the certificate's services. */
export async function organisationsLinkedToCertificate(db: Executor, certificateId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('register_entries as e')
    .innerJoin('certificate_services as cs', 'cs.vendor_service_id', 'e.vendor_service_id')
    .select('e.organisation_id')
    .distinct()
    .where('cs.certificate_id', '=', certificateId)
    .where('e.status', '!=', 'ended')
    .execute();
  return rows.map((r) => r.organisation_id);
}

/** Every certificate with an end that may be near (for the daily reminders); the rule is applied by the caller. */
export function allCertificates(db: Executor): Promise<CertificateRow[]> {
  return db.selectFrom('certificates').selectAll().orderBy('organisation_id').orderBy('id').execute();
}

export function fileOfCertificate(db: Executor, organisationId: string, certificateId: string) {
  return db.selectFrom('attachments').select(META).where('organisation_id', '=', organisationId).where('target_type', '=', CERTIFICATE_TARGET).where('target_id', '=', certificateId).executeTakeFirst();
}

export async function filesOfCertificates(db: Executor, certificateIds: string[]) {
  if (certificateIds.length === 0) return [];
  return db.selectFrom('attachments').select(META).where('target_type', '=', CERTIFICATE_TARGET).where('target_id', 'in', certificateIds).execute();
}

export function fileContentOfCertificate(db: Executor, certificateId: string) {
  return db.selectFrom('attachments').selectAll().where('target_type', '=', CERTIFICATE_TARGET).where('target_id', '=', certificateId).executeTakeFirst();
}

/** Removes a certificate with its file, its service links and the citations of it. */
export async function deleteCertificate(db: Executor, organisationId: string, id: string): Promise<void> {
  await db.deleteFrom('certificate_citations').where('certificate_id', '=', id).execute();
  await db.deleteFrom('certificate_services').where('certificate_id', '=', id).execute();
  await db.deleteFrom('attachments').where('organisation_id', '=', organisationId).where('target_type', '=', CERTIFICATE_TARGET).where('target_id', '=', id).execute();
  await db.deleteFrom('certificates').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** A vendor of the municipality's list goes: so do the certificates kept for it. */
export async function deleteCertificatesOfVendor(db: Executor, organisationId: string, vendorId: string): Promise<void> {
  const ids = (await db.selectFrom('certificates').select('id').where('organisation_id', '=', organisationId).where('vendor_id', '=', vendorId).execute()).map((r) => r.id);
  for (const id of ids) await deleteCertificate(db, organisationId, id);
}

/** A vendor service goes: its certificates stay, no longer covering it. */
export async function deleteCertificateServicesOfService(db: Executor, serviceId: string): Promise<void> {
  await db.deleteFrom('certificate_services').where('vendor_service_id', '=', serviceId).execute();
}

// ---- citations ----

export async function insertCitation(db: Executor, row: CitationRow): Promise<void> {
  await db.insertInto('certificate_citations').values(row).execute();
}

export function findCitation(db: Executor, organisationId: string, itemId: string, certificateId: string): Promise<CitationRow | undefined> {
  return db.selectFrom('certificate_citations').selectAll().where('organisation_id', '=', organisationId).where('assessment_item_id', '=', itemId).where('certificate_id', '=', certificateId).executeTakeFirst();
}

export async function deleteCitation(db: Executor, organisationId: string, id: string): Promise<void> {
  await db.deleteFrom('certificate_citations').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function citationsOfItems(db: Executor, organisationId: string, itemIds: string[]): Promise<CitationRow[]> {
  if (itemIds.length === 0) return [];
  return db.selectFrom('certificate_citations').selectAll().where('organisation_id', '=', organisationId).where('assessment_item_id', 'in', itemIds).orderBy('cited_at').execute();
}

export async function markCitationReopened(db: Executor, id: string, validThrough: string): Promise<void> {
  await db.updateTable('certificate_citations').set({ reopened_for: validThrough }).where('id', '=', id).execute();
}

/** Every citation with its item and entry, for the daily check of expired certificates. */
export function allCitations(db: Executor) {
  return db
    .selectFrom('certificate_citations as c')
    .innerJoin('assessment_items as i', 'i.id', 'c.assessment_item_id')
    .innerJoin('assessments as a', 'a.id', 'i.assessment_id')
    .innerJoin('register_entries as e', 'e.id', 'a.register_entry_id')
    .select(['c.id', 'c.organisation_id', 'c.certificate_id', 'c.reopened_for', 'c.assessment_item_id', 'a.id as assessment_id', 'i.item_key', 'e.external_key', 'e.name as entry_name'])
    .execute();
}

/** The entry's citations go with it (before its assessments). */
export async function deleteCitationsOfEntry(db: Executor, organisationId: string, entryId: string): Promise<void> {
  const itemIds = (
    await db
      .selectFrom('assessment_items as i')
      .innerJoin('assessments as a', 'a.id', 'i.assessment_id')
      .select('i.id')
      .where('a.organisation_id', '=', organisationId)
      .where('a.register_entry_id', '=', entryId)
      .execute()
  ).map((r) => r.id);
  for (let i = 0; i < itemIds.length; i += 500) await db.deleteFrom('certificate_citations').where('organisation_id', '=', organisationId).where('assessment_item_id', 'in', itemIds.slice(i, i + 500)).execute();
}

// ---- coverage ----

/** Entries in use of the organisations, with what certificates attach to: the linked service and the vendor of the list. */
export async function entriesForCoverage(db: Executor, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('register_entries as e')
    .leftJoin('vendors as v', 'v.id', 'e.vendor_id')
    .select(['e.id', 'e.organisation_id', 'e.external_key', 'e.name', 'e.department', 'e.vendor_id', 'e.vendor_service_id', 'v.name as vendor_name'])
    .where('e.organisation_id', 'in', organisationIds)
    .where('e.status', '!=', 'ended')
    .orderBy(sortable(db, 'e.external_key', true))
    .execute();
}

/** Certificates kept by these organisations for vendors of their lists. */
export async function keptCertificatesOfOrganisations(db: Executor, organisationIds: string[]): Promise<CertificateRow[]> {
  if (organisationIds.length === 0) return [];
  return db.selectFrom('certificates').selectAll().where('organisation_id', 'in', organisationIds).where('vendor_id', 'is not', null).execute();
}

/** Service → certificate ids for the services. */
export async function certificateLinksOfServices(db: Executor, serviceIds: string[]) {
  if (serviceIds.length === 0) return [];
  return db.selectFrom('certificate_services').select(['certificate_id', 'vendor_service_id']).where('vendor_service_id', 'in', serviceIds).execute();
}

/** Names of organisations and of vendors of lists, for presenting certificates. */
export async function holderNames(db: Executor, organisationIds: string[], vendorIds: string[]) {
  const [organisations, vendors] = await Promise.all([
    organisationIds.length ? db.selectFrom('organisations').select(['id', 'name', 'kind']).where('id', 'in', organisationIds).execute() : Promise.resolve([]),
    vendorIds.length ? db.selectFrom('vendors').select(['id', 'name']).where('id', 'in', vendorIds).execute() : Promise.resolve([]),
  ]);
  return { organisations: new Map(organisations.map((o) => [o.id, o])), vendors: new Map(vendors.map((v) => [v.id, v.name])) };
}
