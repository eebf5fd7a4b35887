import type { Selectable } from 'kysely';
import type { AttachmentTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type AttachmentRow = Selectable<AttachmentTable>;
export type AttachmentMeta = Omit<AttachmentRow, 'content'>;

const META = ['id', 'organisation_id', 'target_type', 'target_id', 'filename', 'content_type', 'size_bytes', 'sha256', 'uploaded_by', 'uploaded_label', 'created_at'] as const;

export function findOrganisationKey(db: Executor, organisationId: string) {
  return db.selectFrom('organisation_keys').select('wrapped_key').where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function insertOrganisationKey(db: Executor, organisationId: string, wrappedKey: string, at: string): Promise<void> {
  await db.insertInto('organisation_keys').values({ organisation_id: organisationId, wrapped_key: wrappedKey, created_at: at }).execute();
}

export function listAttachments(db: Executor, organisationId: string, targetType: string, targetId: string): Promise<AttachmentMeta[]> {
  return db
    .selectFrom('attachments')
    .select(META)
    .where('organisation_id', '=', organisationId)
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .orderBy('created_at', 'desc')
    .execute();
}

export function findAttachment(db: Executor, organisationId: string, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export async function insertAttachment(db: Executor, row: AttachmentRow): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

export async function deleteAttachment(db: Executor, organisationId: string, id: string): Promise<void> {
  await db.deleteFrom('attachments').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function deleteAttachmentsOf(db: Executor, organisationId: string, targetType: string, targetId: string): Promise<void> {
  await db.deleteFrom('attachments').where('organisation_id', '=', organisationId).where('target_type', '=', targetType).where('target_id', '=', targetId).execute();
}
