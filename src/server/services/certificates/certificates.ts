import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { certificateCreateBody, certificatePatchBody } from '../../../shared/schemas/certificates.ts';
import { bi } from '../../../shared/messages.ts';
import { certificateProblems, type CertificateProblem, type CertificateScheme } from '../../../domain/certificates.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { REGISTER_ORGANISATION_KINDS } from '../../../shared/roles.ts';
import { authorize } from '../../policies/index.ts';
import {
  CERTIFICATE_TARGET,
  certificateIdsOfServices,
  certificatesByIds,
  deleteCertificate,
  fileContentOfCertificate,
  filesOfCertificates,
  findCertificate,
  findOwnCertificate,
  holderNames,
  insertCertificate,
  keptCertificatesOfVendors,
  listOwnCertificates,
  organisationLinksCertificate,
  ownServiceIds,
  replaceCertificateServices,
  servicesOfCertificates,
  updateCertificate,
  type CertificateRow,
} from '../../repositories/certificates.ts';
import { deleteAttachmentsOf } from '../../repositories/attachments.ts';
import type { Executor } from '../../repositories/executor.ts';
import { findEntry } from '../../repositories/register-entries.ts';
import { findVendor } from '../../repositories/vendors.ts';
import { certificateSnapshot, presentCertificate } from '../../presenters/certificates.ts';
import { decryptWithKey, organisationKey } from '../../security/organisation-keys.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit, recordAuditAlone } from '../audit.ts';
import { checkUpload, presentAttachment, storeAttachment } from '../attachments.ts';
import { requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';

// Certificates (第三者認証). A vendor publishes each certificate once, naming the services of its own it
// covers; every municipality that links a register entry to one of them sees it. A municipality may keep
// certificates of a vendor of its own list that is not on the platform; those only it sees. Only the
// holder changes a certificate: a municipality that sees a vendor's certificate is refused (403, audited),
// anyone else does not find it (404). The file is encrypted under the holder's data key.

type CreateInput = z.infer<typeof certificateCreateBody>;
type PatchInput = z.infer<typeof certificatePatchBody>;

export const CERTIFICATE_AUDIT_TARGET = 'certificate';

const REGISTER_KINDS = new Set<string>(REGISTER_ORGANISATION_KINDS);

const PROBLEM_WORDS: Record<CertificateProblem['problem'], string> = {
  number_required: bi('ISMAP・ISMAP-LIUは登録番号を入力してください', 'Enter the ISMAP / ISMAP-LIU registration number'),
  number_pattern: bi(
    '登録番号は台帳の形式（英大文字1字・数字2桁-数字4桁-数字1桁。例 C21-0001-1、L23-0001-1）で入力してください',
    'Enter the registration number as the registry lists it: an upper-case letter, two digits, a hyphen, four digits, a hyphen, one digit (e.g. C21-0001-1, L23-0001-1)',
  ),
  valid_until_before_issued: bi('有効期限は発行日より後の日付にしてください', 'The valid-until date must not be before the issue date'),
  period_required: bi('SOC報告書のタイプ2は対象期間（開始日と終了日）を入力してください', 'A SOC type II report needs the period covered (from and to)'),
  period_order: bi('対象期間の終了日は開始日より後の日付にしてください', 'The end of the period must not be before its start'),
  edition_required: bi('ISO/IEC 27001は版（2013または2022）を選んでください', 'Choose the ISO/IEC 27001 edition (2013 or 2022)'),
  soc_type_required: bi('SOC報告書のタイプ（1または2）を選んでください', 'Choose the SOC report type (I or II)'),
};

function check(row: CertificateRow): void {
  const problems = certificateProblems({ ...row, scheme: row.scheme as CertificateScheme, renewal_pending: Number(row.renewal_pending) === 1 });
  if (problems.length) throw new AppError('validation_failed', problems.map((p) => ({ field: p.field, reason: PROBLEM_WORDS[p.problem] })));
}

const isVendor = (actor: Actor) => actor.organisationKind === 'vendor';

/** Who may keep certificates: vendor users, and editors of a body that keeps a register. */
async function requireKeeper(deps: Deps, actor: Actor, write: boolean, id?: string): Promise<void> {
  if (isVendor(actor)) return authorize(deps, actor, write ? 'vendor_service:manage' : 'content:read', { type: CERTIFICATE_AUDIT_TARGET, id });
  if (REGISTER_KINDS.has(actor.organisationKind)) return requireRegister(deps, actor, write);
  await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType: CERTIFICATE_AUDIT_TARGET, targetId: id, after: { reason: 'operator' } });
  throw new AppError('forbidden');
}

/** Presents certificates for the viewer: names, services, files and validity on today's date. */
export async function presentCertificates(db: Executor, deps: Deps, actor: Actor, rows: CertificateRow[]) {
  const ids = rows.map((r) => r.id);
  const [names, services, files] = await Promise.all([
    holderNames(db, [...new Set(rows.map((r) => r.organisation_id))], [...new Set(rows.flatMap((r) => (r.vendor_id ? [r.vendor_id] : [])))]),
    servicesOfCertificates(db, ids),
    filesOfCertificates(db, ids),
  ]);
  const ctx = { today: japanToday(deps.now()), viewerOrganisationId: actor.organisationId, organisations: names.organisations, vendors: names.vendors, services, files };
  return rows.map((row) => presentCertificate(row, ctx));
}

async function presentOne(deps: Deps, actor: Actor, id: string) {
  const row = await findCertificate(deps.db, id);
  return (await presentCertificates(deps.db, deps, actor, [row!]))[0]!;
}

/** Whether the caller may read the certificate: its holder, or a body linking an entry to a service it covers. */
async function mayRead(deps: Deps, actor: Actor, row: CertificateRow): Promise<boolean> {
  if (row.organisation_id === actor.organisationId) return true;
  if (!REGISTER_KINDS.has(actor.organisationKind) || row.vendor_id) return false;
  return organisationLinksCertificate(deps.db, actor.organisationId, row.id);
}

/** The caller's own certificate to change; a body that only sees it is refused (403, audited), anyone else gets 404. */
async function loadForWrite(deps: Deps, actor: Actor, id: string): Promise<CertificateRow> {
  await requireKeeper(deps, actor, true, id);
  const own = await findOwnCertificate(deps.db, actor.organisationId, id);
  if (own) return own;
  const other = await findCertificate(deps.db, id);
  if (other && (await mayRead(deps, actor, other))) {
    await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType: CERTIFICATE_AUDIT_TARGET, targetId: id, after: { reason: 'not_the_holder' } });
    throw new AppError('forbidden', [{ field: 'id', reason: bi('この認証は事業者が管理しています。変更は事業者に依頼してください', 'The vendor keeps this certificate; ask the vendor to change it') }]);
  }
  throw notFound();
}

export async function listMyCertificates(deps: Deps, actor: Actor) {
  await requireKeeper(deps, actor, false);
  return { items: await presentCertificates(deps.db, deps, actor, await listOwnCertificates(deps.db, actor.organisationId)) };
}

export async function getCertificate(deps: Deps, actor: Actor, id: string) {
  await requireKeeper(deps, actor, false, id);
  const row = await findCertificate(deps.db, id);
  if (!row || !(await mayRead(deps, actor, row))) throw notFound();
  return (await presentCertificates(deps.db, deps, actor, [row]))[0]!;
}

async function checkServices(trx: Executor, actor: Actor, serviceIds: string[]): Promise<string[]> {
  const unique = [...new Set(serviceIds)];
  const own = await ownServiceIds(trx, actor.organisationId, unique);
  if (own.length !== unique.length) throw new AppError('validation_failed', [{ field: 'service_ids', reason: bi('自社のサービスから選んでください', 'Choose among your own services') }]);
  return unique;
}

export async function createCertificate(deps: Deps, actor: Actor, input: CreateInput) {
  await requireKeeper(deps, actor, true);
  const now = deps.now();
  const at = nowIso(now);
  const row: CertificateRow = {
    id: newId(),
    organisation_id: actor.organisationId,
    vendor_id: null,
    scheme: input.scheme,
    edition: input.edition ?? null,
    soc_type: input.soc_type ?? null,
    number: input.number || null,
    issuer: input.issuer || null,
    scope: input.scope || null,
    sites: input.sites || null,
    regions: input.regions || null,
    issued_on: input.issued_on ?? null,
    period_from: input.period_from ?? null,
    period_to: input.period_to ?? null,
    valid_until: input.valid_until ?? null,
    renewal_pending: input.renewal_pending ? 1 : 0,
    notes: input.notes || null,
    created_at: at,
    updated_at: at,
  };
  if (isVendor(actor)) {
    if (input.vendor_id) throw new AppError('validation_failed', [{ field: 'vendor_id', reason: bi('事業者は自社の認証として登録します。事業者の指定は不要です', 'A vendor registers its own certificates; leave the vendor out') }]);
  } else if (!input.vendor_id) {
    throw new AppError('validation_failed', [{ field: 'vendor_id', reason: bi('認証を保有する事業者を自団体の事業者一覧から選んでください', 'Choose the vendor holding the certificate from your list of vendors') }]);
  } else if (input.service_ids?.length) {
    throw new AppError('validation_failed', [{ field: 'service_ids', reason: bi('サービスの指定は事業者が行います', 'Only a vendor names the services a certificate covers') }]);
  }
  check(row);
  await deps.db.transaction().execute(async (trx) => {
    let serviceIds: string[] = [];
    if (isVendor(actor)) serviceIds = await checkServices(trx, actor, input.service_ids ?? []);
    else {
      if (!(await findVendor(trx, actor.organisationId, input.vendor_id!))) throw new AppError('validation_failed', [{ field: 'vendor_id', reason: bi('自団体の事業者一覧から選んでください', 'Choose a vendor from your list') }]);
      row.vendor_id = input.vendor_id!;
    }
    await insertCertificate(trx, row);
    await replaceCertificateServices(trx, actor.organisationId, row.id, serviceIds);
    await recordAudit(trx, actor, { action: 'certificate.create', targetType: CERTIFICATE_AUDIT_TARGET, targetId: row.id, after: certificateSnapshot(row, serviceIds) }, now);
  });
  return presentOne(deps, actor, row.id);
}

export async function updateCertificateFields(deps: Deps, actor: Actor, id: string, input: PatchInput) {
  const existing = await loadForWrite(deps, actor, id);
  const changes: Partial<CertificateRow> = {};
  for (const key of ['scheme', 'edition', 'soc_type', 'issued_on', 'period_from', 'period_to', 'valid_until'] as const) if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key] ?? null;
  for (const key of ['number', 'issuer', 'scope', 'sites', 'regions', 'notes'] as const) if (input[key] !== undefined) changes[key] = input[key] || null;
  if (input.renewal_pending !== undefined) changes.renewal_pending = input.renewal_pending ? 1 : 0;
  if (input.service_ids !== undefined && !isVendor(actor)) throw new AppError('validation_failed', [{ field: 'service_ids', reason: bi('サービスの指定は事業者が行います', 'Only a vendor names the services a certificate covers') }]);
  if (Object.keys(changes).length === 0 && input.service_ids === undefined) throw new AppError('validation_failed', [{ field: 'scheme', reason: bi('変更する項目を指定してください', 'Send at least one field to change') }]);
  const now = deps.now();
  const next: CertificateRow = { ...existing, ...changes, updated_at: nowIso(now) };
  check(next);
  await deps.db.transaction().execute(async (trx) => {
    const before = (await servicesOfCertificates(trx, [id])).map((s) => s.id);
    let after = before;
    if (input.service_ids !== undefined) {
      after = await checkServices(trx, actor, input.service_ids);
      await replaceCertificateServices(trx, actor.organisationId, id, after);
    }
    await updateCertificate(trx, actor.organisationId, id, next);
    await recordAudit(trx, actor, { action: 'certificate.update', targetType: CERTIFICATE_AUDIT_TARGET, targetId: id, before: certificateSnapshot(existing, before), after: certificateSnapshot(next, after) }, now);
  });
  return presentOne(deps, actor, id);
}

/** Removes the certificate, its file and its citations (the items that cited it keep their status). */
export async function removeCertificate(deps: Deps, actor: Actor, id: string) {
  const existing = await loadForWrite(deps, actor, id);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const services = (await servicesOfCertificates(trx, [id])).map((s) => s.id);
    await deleteCertificate(trx, actor.organisationId, id);
    await recordAudit(trx, actor, { action: 'certificate.delete', targetType: CERTIFICATE_AUDIT_TARGET, targetId: id, before: certificateSnapshot(existing, services) }, now);
  });
}

/** Stores (or replaces) the certificate's file, encrypted under the holder's key, with its sha256. */
export async function attachCertificateFile(deps: Deps, actor: Actor, id: string, filename: string, content: Buffer) {
  await loadForWrite(deps, actor, id);
  const upload = checkUpload(filename, content);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await deleteAttachmentsOf(trx, actor.organisationId, CERTIFICATE_TARGET, id);
    const row = await storeAttachment(trx, deps, actor, { type: CERTIFICATE_TARGET, id }, upload, now);
    await updateCertificate(trx, actor.organisationId, id, { updated_at: nowIso(now) });
    await recordAudit(trx, actor, { action: 'certificate.file_upload', targetType: CERTIFICATE_AUDIT_TARGET, targetId: id, after: presentAttachment(row) }, now);
  });
  return presentOne(deps, actor, id);
}

/** The decrypted file for whoever may read the certificate; the stored hash is checked first. */
export async function readCertificateFile(deps: Deps, actor: Actor, id: string) {
  await requireKeeper(deps, actor, false, id);
  const row = await findCertificate(deps.db, id);
  if (!row || !(await mayRead(deps, actor, row))) throw notFound();
  const file = await fileContentOfCertificate(deps.db, id);
  if (!file) throw notFound();
  const key = await organisationKey(deps.db, deps.secretBox, row.organisation_id, deps.now());
  const content = decryptWithKey(key, Buffer.from(file.content));
  if (createHash('sha256').update(content).digest('hex') !== file.sha256) throw new AppError('internal');
  return { meta: presentAttachment(file), content };
}

/** The certificates an entry's organisation sees for it: those on the linked service, and those it keeps for the entry's vendor. */
export async function certificateRowsOfEntry(db: Executor, organisationId: string, entry: { vendor_service_id: string | null; vendor_id: string | null }): Promise<CertificateRow[]> {
  const [published, kept] = await Promise.all([
    entry.vendor_service_id ? certificateIdsOfServices(db, [entry.vendor_service_id]).then((ids) => certificatesByIds(db, ids)) : Promise.resolve([]),
    entry.vendor_id ? keptCertificatesOfVendors(db, organisationId, [entry.vendor_id]) : Promise.resolve([]),
  ]);
  return [...published, ...kept].sort((a, b) => a.scheme.localeCompare(b.scheme) || a.created_at.localeCompare(b.created_at));
}

export async function entryCertificates(deps: Deps, actor: Actor, entryId: string) {
  await requireRegister(deps, actor, false);
  const entry = await findEntry(deps.db, actor.organisationId, entryId);
  if (!entry) throw notFound();
  return { items: await presentCertificates(deps.db, deps, actor, await certificateRowsOfEntry(deps.db, actor.organisationId, entry)) };
}
