import { createHash } from 'node:crypto';
import { deleteAttachment, findAttachment, listAttachments, type AttachmentMeta } from '../../repositories/attachments.ts';
import { organisationName } from '../../repositories/incidents.ts';
import { decryptWithKey, organisationKey } from '../../security/organisation-keys.ts';
import { AppError, notFound } from '../app-error.ts';
import { checkUpload, presentAttachment, storeAttachment } from '../attachments.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import { incidentAccess, requireWrite, type IncidentAccess } from './access.ts';

// Files on an incident (a vendor's cause report, a municipality's notice to residents). Each is kept
// encrypted under the key of the organisation that uploaded it, so erasing an organisation's key
// erases its files. The reporting organisation's files are part of its report and go to everyone who
// sees the incident; every other organisation's files stay with that organisation.

const TARGET = 'incident';

function owners(access: IncidentAccess, actor: Actor): string[] {
  return [...new Set([actor.organisationId, access.incident.organisation_id])];
}

async function present(deps: Deps, actor: Actor, rows: AttachmentMeta[]) {
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.organisation_id))) names.set(id, (await organisationName(deps.db, id))?.name ?? '');
  return rows.map((r) => ({ ...presentAttachment(r), organisation_name: names.get(r.organisation_id) ?? '', mine: r.organisation_id === actor.organisationId }));
}

export async function listIncidentAttachments(deps: Deps, actor: Actor, id: string) {
  const access = await incidentAccess(deps, actor, id);
  const rows = (await Promise.all(owners(access, actor).map((org) => listAttachments(deps.db, org, TARGET, id)))).flat();
  return { items: await present(deps, actor, rows.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0))) };
}

export async function attachToIncident(deps: Deps, actor: Actor, id: string, filename: string, content: Buffer) {
  const access = await incidentAccess(deps, actor, id, true);
  await requireWrite(deps, actor, access, access.reporter || access.vendor || Boolean(access.participant), 'incident.attachment');
  const upload = checkUpload(filename, content);
  const now = deps.now();
  const row = await deps.db.transaction().execute(async (trx) => {
    const stored = await storeAttachment(trx, deps, actor, { type: TARGET, id }, upload, now);
    await recordAudit(trx, actor, { action: 'incident.attachment_create', targetType: 'incident', targetId: id, after: presentAttachment(stored) }, now);
    return stored;
  });
  return (await present(deps, actor, [row]))[0];
}

async function findVisible(deps: Deps, actor: Actor, access: IncidentAccess, attachmentId: string) {
  for (const org of owners(access, actor)) {
    const row = await findAttachment(deps.db, org, attachmentId);
    if (row && row.target_type === TARGET && row.target_id === access.incident.id) return row;
  }
  throw notFound();
}

/** The decrypted file; the stored hash is checked so a damaged file is never served. */
export async function readIncidentAttachment(deps: Deps, actor: Actor, id: string, attachmentId: string) {
  const access = await incidentAccess(deps, actor, id);
  const row = await findVisible(deps, actor, access, attachmentId);
  const key = await organisationKey(deps.db, deps.secretBox, row.organisation_id, deps.now());
  const content = decryptWithKey(key, Buffer.from(row.content));
  if (createHash('sha256').update(content).digest('hex') !== row.sha256) throw new AppError('internal');
  return { meta: presentAttachment(row), content };
}

/** Only the organisation that uploaded a file removes it. */
export async function removeIncidentAttachment(deps: Deps, actor: Actor, id: string, attachmentId: string) {
  const access = await incidentAccess(deps, actor, id, true);
  await requireWrite(deps, actor, access, access.reporter || access.vendor || Boolean(access.participant), 'incident.attachment');
  const row = await findAttachment(deps.db, actor.organisationId, attachmentId);
  if (!row || row.target_type !== TARGET || row.target_id !== id) throw notFound();
  await deps.db.transaction().execute(async (trx) => {
    await deleteAttachment(trx, actor.organisationId, attachmentId);
    await recordAudit(trx, actor, { action: 'incident.attachment_delete', targetType: 'incident', targetId: id, before: presentAttachment(row) }, deps.now());
  });
}
