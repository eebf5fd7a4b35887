import type { Selectable } from 'kysely';
import type { AnswerRequestTable } from '../db/schema.ts';
import { sortable, type Executor } from './executor.ts';

// A municipality's request for a vendor service's answers to a catalogue (one per organisation,
// service and catalogue), and the facts the visibility rule reads: links and requests.

export type AnswerRequestRow = Selectable<AnswerRequestTable>;

export function findRequestOf(db: Executor, organisationId: string, serviceId: string, catalogueUrn: string): Promise<AnswerRequestRow | undefined> {
  return db.selectFrom('answer_requests').selectAll().where('organisation_id', '=', organisationId).where('vendor_service_id', '=', serviceId).where('catalogue_urn', '=', catalogueUrn).executeTakeFirst();
}

export function findOwnRequest(db: Executor, organisationId: string, id: string): Promise<AnswerRequestRow | undefined> {
  return db.selectFrom('answer_requests').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

/** The organisation's requests to one service, every catalogue. */
export function requestsOfOrganisation(db: Executor, organisationId: string, serviceId: string): Promise<AnswerRequestRow[]> {
  return db.selectFrom('answer_requests').selectAll().where('organisation_id', '=', organisationId).where('vendor_service_id', '=', serviceId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function insertRequest(db: Executor, row: AnswerRequestRow): Promise<void> {
  await db.insertInto('answer_requests').values(row).execute();
}

export async function updateRequest(db: Executor, organisationId: string, id: string, changes: Partial<AnswerRequestRow>): Promise<void> {
  await db.updateTable('answer_requests').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function markRequestReminded(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('answer_requests').set({ last_reminded_at: at }).where('id', '=', id).execute();
}

/** Marks the pending requests for a service's catalogue answered (every item now has an answer). */
export async function markRequestsAnswered(db: Executor, serviceId: string, catalogueUrn: string, at: string): Promise<number> {
  const result = await db
    .updateTable('answer_requests')
    .set({ status: 'answered', answered_at: at })
    .where('vendor_service_id', '=', serviceId)
    .where('catalogue_urn', '=', catalogueUrn)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}

/** Every request made to a vendor's services, with the requesting organisation's and service's names. */
export function requestsToVendor(db: Executor, vendorOrganisationId: string, serviceId?: string, catalogueUrn?: string) {
  let query = db
    .selectFrom('answer_requests as r')
    .innerJoin('vendor_services as s', 's.id', 'r.vendor_service_id')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .selectAll('r')
    .select(['s.name as service_name', 'o.name as organisation_name', 'o.name_en as organisation_name_en'])
    .where('s.organisation_id', '=', vendorOrganisationId);
  if (serviceId) query = query.where('r.vendor_service_id', '=', serviceId);
  if (catalogueUrn) query = query.where('r.catalogue_urn', '=', catalogueUrn);
  return query.orderBy('r.due_date').orderBy(sortable(db, 'o.name', true)).orderBy('r.id').execute();
}

/** Pending requests past their due date that were not reminded since (across every vendor: the daily job). */
export function overdueRequests(db: Executor, today: string) {
  return db
    .selectFrom('answer_requests as r')
    .innerJoin('vendor_services as s', 's.id', 'r.vendor_service_id')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .selectAll('r')
    .select(['s.organisation_id as vendor_organisation_id', 's.name as service_name', 'o.name as organisation_name'])
    .where('r.status', '=', 'pending')
    .where('r.due_date', '<', today)
    .orderBy('r.due_date')
    .orderBy('r.id')
    .execute();
}

// ---- the facts of the visibility rule

/** Whether the organisation links any register entry to the service. */
export async function organisationLinksService(db: Executor, organisationId: string, serviceId: string): Promise<boolean> {
  const row = await db.selectFrom('register_entries').select('id').where('organisation_id', '=', organisationId).where('vendor_service_id', '=', serviceId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Every organisation linking an entry to the service, with one of its entries (the most important),
 * the assessment of that catalogue on it if any, and its request for the catalogue: two queries, whatever
 * the number of organisations.
 */
export async function linkedOrganisationsWithRequests(db: Executor, serviceId: string, catalogueUrn: string) {
  const entries = await db
    .selectFrom('register_entries as e')
    .leftJoin('assessments as a', (join) => join.onRef('a.register_entry_id', '=', 'e.id').onRef('a.organisation_id', '=', 'e.organisation_id').on('a.catalogue_urn', '=', catalogueUrn))
    .select(['e.organisation_id', 'e.id as entry_id', 'a.id as assessment_id'])
    .where('e.vendor_service_id', '=', serviceId)
    .orderBy('e.organisation_id')
    .orderBy('e.administrative_impact', 'desc')
    .orderBy('e.id')
    .execute();
  const requests = await db
    .selectFrom('answer_requests')
    .select(['organisation_id', 'status', 'terms_accepted_at'])
    .where('vendor_service_id', '=', serviceId)
    .where('catalogue_urn', '=', catalogueUrn)
    .execute();
  const byOrg = new Map(requests.map((r) => [r.organisation_id, r]));
  const out = new Map<string, { entryId: string; assessmentId: string | null; request: { status: string; terms_accepted_at: string | null } | null }>();
  for (const row of entries) {
    const seen = out.get(row.organisation_id);
    if (!seen) out.set(row.organisation_id, { entryId: row.entry_id, assessmentId: row.assessment_id, request: byOrg.get(row.organisation_id) ?? null });
    else if (!seen.assessmentId && row.assessment_id) Object.assign(seen, { entryId: row.entry_id, assessmentId: row.assessment_id });
  }
  return out;
}

/** The entry's answer requests (the vendor no longer sees them); removed with the entry. */
export async function deleteRequestsOfEntry(db: Executor, organisationId: string, entryId: string): Promise<void> {
  await db.deleteFrom('answer_requests').where('organisation_id', '=', organisationId).where('register_entry_id', '=', entryId).execute();
}
