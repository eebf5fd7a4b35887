import { createHash } from 'node:crypto';
import { detectFileType } from '../../domain/file-types.ts';
import { deleteAttachment, findAttachment, insertAttachment, listAttachments, type AttachmentMeta, type AttachmentRow } from '../repositories/attachments.ts';
import type { Executor } from '../repositories/executor.ts';
import { findEntry } from '../repositories/register-entries.ts';
import { newId, nowIso } from '../security/ids.ts';
import { decryptWithKey, encryptWithKey, organisationKey } from '../security/organisation-keys.ts';
import { AppError, notFound } from './app-error.ts';
import { recordAudit } from './audit.ts';
import { canEditEntry, requireRegister } from './register.ts';
import type { Actor, Deps } from './deps.ts';
import { bi } from '../../shared/messages.ts';

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export function presentAttachment(row: AttachmentMeta) {
  return {
    id: row.id,
    filename: row.filename,
    content_type: row.content_type,
    size_bytes: Number(row.size_bytes),
    sha256: row.sha256,
    uploaded_label: row.uploaded_label,
    created_at: row.created_at,
  };
}

async function entryFor(deps: Deps, actor: Actor, entryId: string, write: boolean) {
  await requireRegister(deps, actor, write);
  const entry = await findEntry(deps.db, actor.organisationId, entryId);
  if (!entry) throw notFound();
  if (write && !canEditEntry(actor, entry.department)) {
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'register_entry', targetId: entryId, after: { permission: 'attachment.write' } }, deps.now()),
    );
    throw new AppError('forbidden', [{ field: 'department', reason: bi('所管課以外の外部サービスにはファイルを添付できません', 'You can attach files only to your department’s services') }]);
  }
  return entry;
}

export async function listEntryAttachments(deps: Deps, actor: Actor, entryId: string) {
  await entryFor(deps, actor, entryId, false);
  return (await listAttachments(deps.db, actor.organisationId, 'register_entry', entryId)).map(presentAttachment);
}

/** Stores a file encrypted under the organisation's key; the type is checked against its bytes. */
export async function attachToEntry(deps: Deps, actor: Actor, entryId: string, filename: string, content: Buffer) {
  await entryFor(deps, actor, entryId, true);
  const upload = checkUpload(filename, content);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await storeAttachment(trx, deps, actor, { type: 'register_entry', id: entryId }, upload, now);
    const presented = presentAttachment(row);
    await recordAudit(trx, actor, { action: 'attachment.create', targetType: 'register_entry', targetId: entryId, after: presented }, now);
    return presented;
  });
}

/** Checks an upload before anything is written: a safe name, not empty, not too large, a known type by its bytes. */
export function checkUpload(filename: string, content: Buffer): { name: string; contentType: string; content: Buffer } {
  // Path separators and control characters never reach the stored name or the download header.
  const name = [...filename].map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 0x20 ? '_' : c)).join('').slice(0, 255);
  if (!name) throw new AppError('validation_failed', [{ field: 'file', reason: bi('ファイル名がありません', 'The file has no name') }]);
  if (content.length === 0) throw new AppError('validation_failed', [{ field: 'file', reason: bi('ファイルが空です', 'The file is empty') }]);
  if (content.length > ATTACHMENT_MAX_BYTES) throw new AppError('payload_too_large', [{ field: 'file', reason: bi('10MB以内のファイルにしてください', 'The file must be 10 MB or smaller') }]);
  const type = detectFileType(name, content);
  if ('problem' in type) throw new AppError('validation_failed', [{ field: 'file', reason: type.problem, reason_en: type.problemEn }]);
  return { name, contentType: type.contentType, content };
}

/** Stores a checked upload encrypted under the uploader's organisation key, inside the caller's transaction. */
export async function storeAttachment(trx: Executor, deps: Deps, actor: Actor, target: { type: string; id: string }, upload: ReturnType<typeof checkUpload>, now: Date): Promise<AttachmentRow> {
  const key = await organisationKey(trx, deps.secretBox, actor.organisationId, now);
  const row: AttachmentRow = {
    id: newId(),
    organisation_id: actor.organisationId,
    target_type: target.type,
    target_id: target.id,
    filename: upload.name,
    content_type: upload.contentType,
    size_bytes: upload.content.length,
    sha256: createHash('sha256').update(upload.content).digest('hex'),
    content: encryptWithKey(key, upload.content),
    uploaded_by: actor.userId,
    uploaded_label: actor.label,
    created_at: nowIso(now),
  };
  await insertAttachment(trx, row);
  return row;
}

/** The decrypted file, for download; the stored hash is checked so a damaged file is never served. */
export async function readAttachment(deps: Deps, actor: Actor, id: string) {
  await requireRegister(deps, actor, false);
  const row = await findAttachment(deps.db, actor.organisationId, id);
  if (!row) throw notFound();
  const key = await organisationKey(deps.db, deps.secretBox, actor.organisationId, deps.now());
  const content = decryptWithKey(key, Buffer.from(row.content));
  if (createHash('sha256').update(content).digest('hex') !== row.sha256) throw new AppError('internal');
  return { meta: presentAttachment(row), content };
}

export async function removeAttachment(deps: Deps, actor: Actor, id: string) {
  await requireRegister(deps, actor, true);
  const row = await findAttachment(deps.db, actor.organisationId, id);
  if (!row) throw notFound();
  await entryFor(deps, actor, row.target_id, true);
  await deps.db.transaction().execute(async (trx) => {
    await deleteAttachment(trx, actor.organisationId, id);
    await recordAudit(trx, actor, { action: 'attachment.delete', targetType: 'register_entry', targetId: row.target_id, before: presentAttachment(row) }, deps.now());
  });
}
