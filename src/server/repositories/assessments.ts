import type { Insertable, Selectable } from 'kysely';
import type { AssessmentCommentTable, AssessmentItemTable, AssessmentTable } from '../db/schema.ts';
import type { AttachmentMeta } from './attachments.ts';
import { likeContains, type Executor } from './executor.ts';

// Assessments of register entries, their items and comments. Every query takes the organisation id.

export type AssessmentRow = Selectable<AssessmentTable>;
export type AssessmentItemRow = Selectable<AssessmentItemTable>;
export type CommentRow = Selectable<AssessmentCommentTable>;

export const EVIDENCE_TARGET = 'assessment_item';

export interface AssessmentWithEntry extends AssessmentRow {
  entry_name: string;
  entry_external_key: string;
  entry_department: string;
  entry_administrative_impact: number;
  entry_vendor_service_id: string | null;
}

export type ItemWithReviewer = AssessmentItemRow & { reviewer_name: string | null };

const ENTRY_COLUMNS = ['e.name as entry_name', 'e.external_key as entry_external_key', 'e.department as entry_department', 'e.administrative_impact as entry_administrative_impact', 'e.vendor_service_id as entry_vendor_service_id'] as const;

function withEntry(db: Executor, organisationId: string) {
  return db
    .selectFrom('assessments as a')
    .innerJoin('register_entries as e', (join) => join.onRef('e.id', '=', 'a.register_entry_id').onRef('e.organisation_id', '=', 'a.organisation_id'))
    .selectAll('a')
    .select(ENTRY_COLUMNS)
    .where('a.organisation_id', '=', organisationId);
}

export function findAssessment(db: Executor, organisationId: string, id: string): Promise<AssessmentWithEntry | undefined> {
  return withEntry(db, organisationId).where('a.id', '=', id).executeTakeFirst();
}

export function listAssessmentsOfEntry(db: Executor, organisationId: string, entryId: string): Promise<AssessmentRow[]> {
  return db.selectFrom('assessments').selectAll().where('organisation_id', '=', organisationId).where('register_entry_id', '=', entryId).orderBy('created_at').execute();
}

export function findEntryAssessment(db: Executor, organisationId: string, entryId: string, catalogueUrn: string): Promise<AssessmentRow | undefined> {
  return db.selectFrom('assessments').selectAll().where('organisation_id', '=', organisationId).where('register_entry_id', '=', entryId).where('catalogue_urn', '=', catalogueUrn).executeTakeFirst();
}

/** The organisation's assessments with their entries; `q` is already normalised for search. */
export function listAssessmentsWithEntries(db: Executor, organisationId: string, q?: string): Promise<AssessmentWithEntry[]> {
  let query = withEntry(db, organisationId);
  if (q) query = query.where(likeContains('e.search_text', q));
  return query.execute();
}

export async function insertAssessment(db: Executor, row: AssessmentRow): Promise<void> {
  await db.insertInto('assessments').values(row).execute();
}

export async function touchAssessment(db: Executor, organisationId: string, id: string, changes: Partial<AssessmentRow>): Promise<void> {
  await db.updateTable('assessments').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function insertItems(db: Executor, rows: Insertable<AssessmentItemTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('assessment_items').values(rows).execute();
}

export function listItems(db: Executor, organisationId: string, assessmentId: string): Promise<ItemWithReviewer[]> {
  return db
    .selectFrom('assessment_items as i')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'i.reviewer_user_id').onRef('u.organisation_id', '=', 'i.organisation_id'))
    .selectAll('i')
    .select('u.display_name as reviewer_name')
    .where('i.organisation_id', '=', organisationId)
    .where('i.assessment_id', '=', assessmentId)
    .orderBy('i.archived')
    .orderBy('i.position')
    .execute();
}

export function findItem(db: Executor, organisationId: string, assessmentId: string, key: string): Promise<AssessmentItemRow | undefined> {
  return db.selectFrom('assessment_items').selectAll().where('organisation_id', '=', organisationId).where('assessment_id', '=', assessmentId).where('item_key', '=', key).executeTakeFirst();
}

export function findItemById(db: Executor, organisationId: string, id: string): Promise<AssessmentItemRow | undefined> {
  return db.selectFrom('assessment_items').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

/** Changes an item only if it still has the revision the caller edited; false when someone was first. */
export async function updateItemAtRevision(db: Executor, organisationId: string, id: string, revision: number, changes: Partial<AssessmentItemRow>): Promise<boolean> {
  const result = await db
    .updateTable('assessment_items')
    .set({ ...changes, revision: revision + 1 })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Item counts per assessment and status (archived items left out), for progress. */
export async function countItemsByStatus(db: Executor, organisationId: string, assessmentIds: string[] | 'all') {
  if (assessmentIds !== 'all' && assessmentIds.length === 0) return [];
  let query = db
    .selectFrom('assessment_items')
    .select(['assessment_id', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('archived', '=', 0);
  if (assessmentIds !== 'all') query = query.where('assessment_id', 'in', assessmentIds);
  const rows = await query.groupBy(['assessment_id', 'status']).execute();
  return rows.map((r) => ({ assessment_id: r.assessment_id, status: r.status, n: Number(r.n) }));
}

/** Per assessment: open items that carry a due date (settled ones have no deadline to meet). */
export async function openDueDates(db: Executor, organisationId: string, assessmentIds: string[] | 'all', unsettled: readonly string[]) {
  if (assessmentIds !== 'all' && assessmentIds.length === 0) return [];
  let query = db
    .selectFrom('assessment_items')
    .select(['assessment_id', 'due_date'])
    .where('organisation_id', '=', organisationId)
    .where('archived', '=', 0)
    .where('status', 'in', [...unsettled])
    .where('due_date', 'is not', null);
  if (assessmentIds !== 'all') query = query.where('assessment_id', 'in', assessmentIds);
  return (await query.execute()) as { assessment_id: string; due_date: string }[];
}

export function commentCounts(db: Executor, organisationId: string, itemIds: string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('assessment_comments')
    .select('assessment_item_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('assessment_item_id', 'in', itemIds)
    .groupBy('assessment_item_id')
    .execute();
}

/** The evidence of all items of an assessment at once (metadata only, never the content). */
export function evidenceOfItems(db: Executor, organisationId: string, itemIds: string[]): Promise<AttachmentMeta[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select(['id', 'organisation_id', 'target_type', 'target_id', 'filename', 'content_type', 'size_bytes', 'sha256', 'uploaded_by', 'uploaded_label', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('target_type', '=', EVIDENCE_TARGET)
    .where('target_id', 'in', itemIds)
    .orderBy('created_at')
    .execute();
}

export async function insertComment(db: Executor, row: CommentRow): Promise<void> {
  await db.insertInto('assessment_comments').values(row).execute();
}

export function listComments(db: Executor, organisationId: string, itemId: string): Promise<CommentRow[]> {
  return db.selectFrom('assessment_comments').selectAll().where('organisation_id', '=', organisationId).where('assessment_item_id', '=', itemId).orderBy('created_at').orderBy('id').execute();
}

/** Open items past their due date across every organisation (the daily reminder), with their entry. */
export function overdueItemsOfAllOrganisations(db: Executor, today: string, unsettled: readonly string[]) {
  return db
    .selectFrom('assessment_items as i')
    .innerJoin('assessments as a', 'a.id', 'i.assessment_id')
    .innerJoin('register_entries as e', 'e.id', 'a.register_entry_id')
    .select(['i.id', 'i.organisation_id', 'i.assessment_id', 'i.item_key', 'i.catalogue_version_id', 'i.due_date', 'i.status', 'e.name as entry_name', 'e.external_key'])
    .where('i.archived', '=', 0)
    .where('i.status', 'in', [...unsettled])
    .where('i.due_date', '<', today)
    .orderBy('i.organisation_id')
    .orderBy('i.due_date')
    .execute() as Promise<{ id: string; organisation_id: string; assessment_id: string; item_key: string; catalogue_version_id: string; due_date: string; status: string; entry_name: string; external_key: string }[]>;
}

/** An active user of the organisation (a reviewer must be one). */
export function findActiveUser(db: Executor, organisationId: string, userId: string) {
  return db.selectFrom('users').select(['id', 'display_name']).where('organisation_id', '=', organisationId).where('id', '=', userId).where('disabled', '=', 0).executeTakeFirst();
}

export function listActiveUsers(db: Executor, organisationId: string) {
  return db.selectFrom('users').select(['id', 'display_name']).where('organisation_id', '=', organisationId).where('disabled', '=', 0).orderBy('display_name').execute();
}

// ---- removal with the register entry

/** The entry's assessments with their items, comments and evidence; removed with the entry. */
export async function deleteAssessmentsOfEntry(db: Executor, organisationId: string, entryId: string): Promise<void> {
  const assessmentIds = (await db.selectFrom('assessments').select('id').where('organisation_id', '=', organisationId).where('register_entry_id', '=', entryId).execute()).map((a) => a.id);
  if (assessmentIds.length === 0) return;
  const itemIds = (await db.selectFrom('assessment_items').select('id').where('organisation_id', '=', organisationId).where('assessment_id', 'in', assessmentIds).execute()).map((i) => i.id);
  for (let i = 0; i < itemIds.length; i += 500) {
    const chunk = itemIds.slice(i, i + 500);
    await db.deleteFrom('attachments').where('organisation_id', '=', organisationId).where('target_type', '=', EVIDENCE_TARGET).where('target_id', 'in', chunk).execute();
    await db.deleteFrom('assessment_comments').where('organisation_id', '=', organisationId).where('assessment_item_id', 'in', chunk).execute();
  }
  await db.deleteFrom('assessment_items').where('organisation_id', '=', organisationId).where('assessment_id', 'in', assessmentIds).execute();
  await db.deleteFrom('assessments').where('organisation_id', '=', organisationId).where('id', 'in', assessmentIds).execute();
}
