import type { Selectable } from 'kysely';
import type { VendorAnswerTable } from '../db/schema.ts';
import type { AttachmentMeta, AttachmentRow } from './attachments.ts';
import { sortable, type Executor } from './executor.ts';

// A vendor's answers to catalogue items, one row per revision (the latest is current), and the
// evidence files on them (attachments with target_type 'vendor_answer', under the vendor's key).

export type VendorAnswerRow = Selectable<VendorAnswerTable>;
export const EVIDENCE_TARGET = 'vendor_answer';

const META = ['a.id', 'a.organisation_id', 'a.target_type', 'a.target_id', 'a.filename', 'a.content_type', 'a.size_bytes', 'a.sha256', 'a.uploaded_by', 'a.uploaded_label', 'a.created_at'] as const;

/** The current answers of a service to a catalogue (every item, or the given ones). */
export function currentAnswers(db: Executor, serviceId: string, catalogueUrn: string, itemKeys?: string[]): Promise<VendorAnswerRow[]> {
  let query = db.selectFrom('vendor_answers').selectAll().where('vendor_service_id', '=', serviceId).where('catalogue_urn', '=', catalogueUrn).where('is_current', '=', 1);
  if (itemKeys) query = query.where('item_key', 'in', itemKeys.length ? itemKeys : ['\u0000']);
  return query.execute();
}

export function currentAnswer(db: Executor, serviceId: string, catalogueUrn: string, itemKey: string): Promise<VendorAnswerRow | undefined> {
  return db.selectFrom('vendor_answers').selectAll().where('vendor_service_id', '=', serviceId).where('catalogue_urn', '=', catalogueUrn).where('item_key', '=', itemKey).where('is_current', '=', 1).executeTakeFirst();
}

/** Every revision of one item, newest first. */
export function answerRevisions(db: Executor, serviceId: string, catalogueUrn: string, itemKey: string): Promise<VendorAnswerRow[]> {
  return db
    .selectFrom('vendor_answers')
    .selectAll()
    .where('vendor_service_id', '=', serviceId)
    .where('catalogue_urn', '=', catalogueUrn)
    .where('item_key', '=', itemKey)
    .orderBy('revision', 'desc')
    .execute();
}

/** How many revisions each item of a service's catalogue has. */
export async function revisionCounts(db: Executor, serviceId: string, catalogueUrn: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('vendor_answers')
    .select(['item_key'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('vendor_service_id', '=', serviceId)
    .where('catalogue_urn', '=', catalogueUrn)
    .groupBy('item_key')
    .execute();
  return new Map(rows.map((r) => [r.item_key, Number(r.n)]));
}

export function findAnswer(db: Executor, id: string): Promise<VendorAnswerRow | undefined> {
  return db.selectFrom('vendor_answers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAnswers(db: Executor, ids: string[]): Promise<VendorAnswerRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('vendor_answers').selectAll().where('id', 'in', ids).execute();
}

export async function maxRevision(db: Executor, serviceId: string, catalogueUrn: string, itemKey: string): Promise<number> {
  const row = await db
    .selectFrom('vendor_answers')
    .select((eb) => eb.fn.max<number>('revision').as('n'))
    .where('vendor_service_id', '=', serviceId)
    .where('catalogue_urn', '=', catalogueUrn)
    .where('item_key', '=', itemKey)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function retireCurrent(db: Executor, serviceId: string, catalogueUrn: string, itemKey: string): Promise<void> {
  await db.updateTable('vendor_answers').set({ is_current: 0 }).where('vendor_service_id', '=', serviceId).where('catalogue_urn', '=', catalogueUrn).where('item_key', '=', itemKey).where('is_current', '=', 1).execute();
}

export async function insertAnswer(db: Executor, row: VendorAnswerRow): Promise<void> {
  await db.insertInto('vendor_answers').values(row).execute();
}

/** Per service and catalogue of a vendor: how many items have a current answer. */
export async function answeredCounts(db: Executor, vendorOrganisationId: string) {
  const rows = await db
    .selectFrom('vendor_answers')
    .select(['vendor_service_id', 'catalogue_urn', 'item_key'])
    .where('organisation_id', '=', vendorOrganisationId)
    .where('is_current', '=', 1)
    .execute();
  return rows;
}

// ---- evidence

/** Evidence on any revision of the given answers (ids of every revision of an item), newest first. */
export function evidenceOfAnswers(db: Executor, vendorOrganisationId: string, answerIds: string[]): Promise<AttachmentMeta[]> {
  if (answerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments as a')
    .select(META)
    .where('a.organisation_id', '=', vendorOrganisationId)
    .where('a.target_type', '=', EVIDENCE_TARGET)
    .where('a.target_id', 'in', answerIds)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id')
    .execute();
}

/** Ids and item keys of every revision of a service's answers to a catalogue. */
export function revisionIdsOfService(db: Executor, serviceId: string, catalogueUrn: string, itemKeys?: string[]) {
  let query = db.selectFrom('vendor_answers').select(['id', 'item_key', 'revision']).where('vendor_service_id', '=', serviceId).where('catalogue_urn', '=', catalogueUrn);
  if (itemKeys) query = query.where('item_key', 'in', itemKeys.length ? itemKeys : ['\u0000']);
  return query.orderBy(sortable(db, 'item_key', true)).orderBy('revision').execute();
}

/** A vendor evidence file with the answer it is on, whoever asks (the caller decides who may read it). */
export function findEvidence(db: Executor, attachmentId: string): Promise<(AttachmentRow & { service_id: string; catalogue_urn: string; item_key: string }) | undefined> {
  return db
    .selectFrom('attachments as a')
    .innerJoin('vendor_answers as v', 'v.id', 'a.target_id')
    .selectAll('a')
    .select(['v.vendor_service_id as service_id', 'v.catalogue_urn', 'v.item_key'])
    .where('a.id', '=', attachmentId)
    .where('a.target_type', '=', EVIDENCE_TARGET)
    .whereRef('v.organisation_id', '=', 'a.organisation_id')
    .executeTakeFirst();
}

// ---- the municipality's assessment (rows created by the assessments feature; the vendor portal
// writes only the vendor review columns, and the status when a review accepts or flags)

/**
 * An assessment of the organisation with the vendor service its entry links to and the organisation's
 * request for that service's answers (one read): the service's and request's columns are null when absent.
 */
export function findAssessmentWithService(db: Executor, organisationId: string, id: string) {
  return db
    .selectFrom('assessments as a')
    .innerJoin('register_entries as e', (join) => join.onRef('e.id', '=', 'a.register_entry_id').onRef('e.organisation_id', '=', 'a.organisation_id'))
    .leftJoin('vendor_services as s', 's.id', 'e.vendor_service_id')
    .leftJoin('organisations as o', (join) => join.onRef('o.id', '=', 's.organisation_id').on('o.kind', '=', 'vendor'))
    // The organisation's request for this catalogue's answers from the service (at most one: unique).
    .leftJoin('answer_requests as r', (join) => join.onRef('r.organisation_id', '=', 'a.organisation_id').onRef('r.vendor_service_id', '=', 's.id').onRef('r.catalogue_urn', '=', 'a.catalogue_urn'))
    .selectAll('a')
    .select(['s.id as service_id', 's.name as service_name', 's.organisation_id as service_organisation_id', 'o.name as vendor_name', 'r.status as request_status', 'r.terms_accepted_at as request_terms_accepted_at'])
    .where('a.organisation_id', '=', organisationId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export function assessmentItemsOf(db: Executor, organisationId: string, assessmentId: string) {
  return db
    .selectFrom('assessment_items')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('assessment_id', '=', assessmentId)
    .where('archived', '=', 0)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function findAssessmentItem(db: Executor, organisationId: string, assessmentId: string, itemKey: string) {
  return db
    .selectFrom('assessment_items')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('assessment_id', '=', assessmentId)
    .where('item_key', '=', itemKey)
    .where('archived', '=', 0)
    .executeTakeFirst();
}

/** Writes a review if the item is still at the revision read (optimistic); true when it was written. */
export async function writeItemReview(
  db: Executor,
  organisationId: string,
  itemId: string,
  expectedRevision: number,
  changes: { status: string; vendor_answer_id: string; vendor_review: string; vendor_review_note: string | null; vendor_reviewed_at: string; revision: number; updated_by_label: string; updated_at: string },
): Promise<boolean> {
  const result = await db.updateTable('assessment_items').set(changes).where('organisation_id', '=', organisationId).where('id', '=', itemId).where('revision', '=', expectedRevision).executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0) === 1;
}
