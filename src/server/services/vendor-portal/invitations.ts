import { DEFAULT_SUBCONTRACT_MAX_DEPTH } from '../../../shared/parties.ts';
import { createHash, randomBytes } from 'node:crypto';
import { bi } from '../../../shared/messages.ts';
import { passwordProblem, PASSWORD_PROBLEM_MESSAGES } from '../../../shared/password.ts';
import type { InvitationAcceptBody, InvitationBody } from '../../../shared/schemas/vendor-portal.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { insertRequest } from '../../repositories/answer-requests.ts';
import { claimInvitation, findOwnInvitation, insertInvitation, invitationsOfEntry, pendingInvitationTo, updateInvitation, usableInvitation, type InvitationRow } from '../../repositories/invitations.ts';
import { insertMails } from '../../repositories/mail-outbox.ts';
import { findOrganisationByCode, insertOrganisation, organisationName } from '../../repositories/organisations.ts';
import { findUserByEmail, insertUser } from '../../repositories/users.ts';
import { insertVendorService, linkEntryIfUnlinked } from '../../repositories/vendor-services.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { hashPassword } from '../../security/passwords.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { absoluteLink, mailSubject } from '../notifications/mail.ts';
import type { Actor, Deps } from '../deps.ts';
import { registerEntryFor, vendorCatalogue } from './common.ts';

// A vendor not yet on the platform is invited from a register entry: a random token is mailed (only its
// sha256 is kept), valid for 14 days and once. Accepting creates the vendor organisation, its first user
// (a vendor member: it keeps the services and answers; no administrator, so no MFA enrolment is owed at
// the first sign-in), the service, links the inviting entry to it and, if asked, requests the answers.

export const INVITATION_DAYS = 14;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function stateOf(row: InvitationRow, now: string): 'pending' | 'accepted' | 'revoked' | 'expired' {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  return row.expires_at <= now ? 'expired' : 'pending';
}

function presentInvitation(row: InvitationRow, now: string) {
  return {
    id: row.id,
    email: row.email,
    vendor_name: row.vendor_name,
    service_name: row.service_name,
    corporate_number: row.corporate_number,
    catalogue_urn: row.catalogue_urn,
    due_date: row.due_date,
    state: stateOf(row, now),
    expires_at: row.expires_at,
    accepted_at: row.accepted_at,
    revoked_at: row.revoked_at,
    invited_label: row.invited_label,
    created_at: row.created_at,
  };
}

/** The audit's view of an invitation: never the token or its hash. */
function snapshot(row: InvitationRow) {
  return { id: row.id, email: row.email, vendor_name: row.vendor_name, service_name: row.service_name, corporate_number: row.corporate_number, catalogue_urn: row.catalogue_urn, due_date: row.due_date, expires_at: row.expires_at };
}

export async function listInvitations(deps: Deps, actor: Actor, entryId: string) {
  const entry = await registerEntryFor(deps, actor, entryId, false, 'vendor_invitation');
  const now = nowIso(deps.now());
  return { items: (await invitationsOfEntry(deps.db, actor.organisationId, entry.id)).map((r) => presentInvitation(r, now)) };
}

function invitationMail(deps: Deps, organisationName: string, row: InvitationRow, token: string) {
  const url = absoluteLink(deps.config.publicUrl, `/invite/${token}`);
  const until = row.expires_at.slice(0, 10);
  const text = [
    `${row.vendor_name} ご担当者様`,
    '',
    `${organisationName}から、外部サービス「${row.service_name}」の確認のため Daicho（外部サービス台帳）への参加の招待が届いています。`,
    '次のリンクから事業者のアカウントを作成してください（1回限り、' + until + ' まで有効）。',
    '',
    url,
    '',
    '心当たりのない場合は、このメールを破棄してください。',
    '',
    '------------------------------------------------------------',
    `Dear ${row.vendor_name},`,
    '',
    `${organisationName} invites you to Daicho (register of external services) about the service "${row.service_name}".`,
    `Create your vendor account with this link (single use, valid until ${until}):`,
    '',
    url,
    '',
    'If you did not expect this mail, please ignore it.',
  ].join('\n');
  return { subject: mailSubject(`${organisationName}から Daicho への招待 / Invitation to Daicho`), text };
}

/** POST /register/entries/:id/vendor-invitations: mails a single-use link to a vendor not yet on the platform. */
export async function inviteVendor(deps: Deps, actor: Actor, entryId: string, input: InvitationBody) {
  const entry = await registerEntryFor(deps, actor, entryId, true, 'vendor_invitation');
  if (entry.vendor_service_id) throw invalid('vendor_service_id', bi('この外部サービスは既に事業者のサービスに紐付いています', 'This entry is already linked to a vendor service'));
  if (input.catalogue_urn) await vendorCatalogue(deps, actor.organisationId, input.catalogue_urn, 'catalogue_urn');
  if (input.catalogue_urn && !input.due_date) throw invalid('due_date', bi('回答を依頼するときは期限を指定してください', 'Give a due date for the requested answers'));
  if (input.due_date && input.due_date < japanToday(deps.now())) throw invalid('due_date', bi('期限には今日以降の日付を指定してください', 'The due date must be today or later'));
  if (await findUserByEmail(deps.db, input.email))
    throw new AppError('conflict', [
      { field: 'email', reason: bi('このメールアドレスの利用者は既に Daicho を使っています。招待ではなく、インシデントのタブで事業者のサービスを紐付けてください', 'This address already belongs to a Daicho user: link their existing service (Incidents tab) instead of inviting') },
    ]);
  const now = deps.now();
  const at = nowIso(now);
  const token = randomBytes(32).toString('base64url');
  const row: InvitationRow = {
    id: newId(),
    organisation_id: actor.organisationId,
    register_entry_id: entry.id,
    email: input.email,
    vendor_name: input.vendor_name,
    service_name: input.service_name,
    corporate_number: input.corporate_number ?? null,
    catalogue_urn: input.catalogue_urn ?? null,
    due_date: input.catalogue_urn ? (input.due_date ?? null) : null,
    token_hash: tokenHash(token),
    expires_at: nowIso(new Date(now.getTime() + INVITATION_DAYS * 86_400_000)),
    accepted_at: null,
    revoked_at: null,
    vendor_organisation_id: null,
    invited_by: actor.userId,
    invited_label: actor.label,
    created_at: at,
  };
  await deps.db.transaction().execute(async (trx) => {
    if (await pendingInvitationTo(trx, actor.organisationId, entry.id, input.email, at))
      throw new AppError('conflict', [{ field: 'email', reason: bi('このアドレスには招待を送信済みです。取り消してから送り直してください', 'An invitation to this address is pending; revoke it to send another') }]);
    await insertInvitation(trx, row);
    const mail = invitationMail(deps, await organisationName(trx, actor.organisationId), row, token);
    await insertMails(trx, [
      { id: newId(), organisation_id: actor.organisationId, user_id: null, to_address: row.email, subject: mail.subject, body_text: mail.text, dedupe_key: `vendor_invitation:${row.id}`, status: 'pending', attempts: 0, next_attempt_at: at, lease_until: null, last_error: null, message_id: null, created_at: at, sent_at: null },
    ]);
    await recordAudit(trx, actor, { action: 'vendor_invitation.create', targetType: 'register_entry', targetId: entry.id, after: snapshot(row) }, now);
  });
  return presentInvitation(row, at);
}

export async function revokeInvitation(deps: Deps, actor: Actor, entryId: string, invitationId: string) {
  const entry = await registerEntryFor(deps, actor, entryId, true, 'vendor_invitation');
  const row = await findOwnInvitation(deps.db, actor.organisationId, invitationId);
  if (!row || row.register_entry_id !== entry.id) throw notFound();
  const now = deps.now();
  const at = nowIso(now);
  if (stateOf(row, at) !== 'pending') throw new AppError('conflict', [{ field: 'state', reason: bi('受諾済み・取消済み・期限切れの招待は取り消せません', 'Only a pending invitation can be revoked') }]);
  await deps.db.transaction().execute(async (trx) => {
    await updateInvitation(trx, row.id, { revoked_at: at });
    await recordAudit(trx, actor, { action: 'vendor_invitation.revoke', targetType: 'register_entry', targetId: entry.id, before: snapshot(row), after: { id: row.id, revoked_at: at } }, now);
  });
  return presentInvitation({ ...row, revoked_at: at }, at);
}

/** GET /invitations/:token (public): what the invitation is about; unknown, expired, used or revoked → 404 alike. */
export async function describeInvitation(deps: Deps, token: string) {
  const row = await usableInvitation(deps.db, tokenHash(token), nowIso(deps.now()));
  if (!row) throw notFound();
  return { organisation_name: row.organisation_name, vendor_name: row.vendor_name, service_name: row.service_name, email: row.email, corporate_number: row.corporate_number, expires_at: row.expires_at };
}

/**
 * POST /invitations/:token/accept (public): in one transaction, claims the invitation (single use),
 * creates the vendor organisation, its first user, the service, links the inviting entry and requests
 * the answers if the invitation asked for them. Any refusal leaves everything as it was.
 */
export async function acceptInvitation(deps: Deps, token: string, input: InvitationAcceptBody, ip: string | null) {
  const found = await usableInvitation(deps.db, tokenHash(token), nowIso(deps.now()));
  if (!found) throw notFound();
  const problem = passwordProblem(input.password, found.email);
  if (problem) throw invalid('password', PASSWORD_PROBLEM_MESSAGES[problem].ja);
  const hash = await hashPassword(input.password);
  const now = deps.now();
  const at = nowIso(now);
  const organisationId = newId();
  const userId = newId();
  const serviceId = newId();
  const actor: Actor = { userId, organisationId, organisationKind: 'vendor', role: 'vendor_member', label: input.display_name, via: 'system', ip };
  await deps.db.transaction().execute(async (trx) => {
    if (!(await claimInvitation(trx, found.id, at))) throw notFound();
    if (await findOrganisationByCode(trx, 'corporate_number', input.corporate_number))
      throw new AppError('conflict', [{ field: 'corporate_number', reason: bi('この法人番号の事業者は既に登録されています。既存のアカウントの管理者に利用者の追加を依頼してください', 'A vendor with this corporate number exists; ask its administrator to add you') }]);
    if (await findUserByEmail(trx, found.email)) throw new AppError('conflict', [{ field: 'email', reason: bi('このメールアドレスは既に使われています', 'This e-mail address is already in use') }]);
    const organisation = { id: organisationId, kind: 'vendor', name: input.organisation_name, name_en: null, local_government_code: null, corporate_number: input.corporate_number, prefecture_id: null, population: null, is_demo: 0, subcontract_max_depth: DEFAULT_SUBCONTRACT_MAX_DEPTH, created_at: at, updated_at: at };
    await insertOrganisation(trx, organisation);
    await insertUser(trx, {
      id: userId, organisation_id: organisationId, email: found.email, display_name: input.display_name, role: 'vendor_member', password_hash: hash, locale: 'ja', department: null,
      totp_secret_enc: null, totp_pending_enc: null, mfa_enabled: 0, totp_last_step: null, failed_logins: 0, locked_until: null, must_change_password: 0, disabled: 0,
      password_changed_at: at, last_login_at: null, created_at: at, updated_at: at,
    });
    await insertVendorService(trx, { id: serviceId, organisation_id: organisationId, name: found.service_name, description: null, answer_terms: null, created_at: at, updated_at: at });
    const didLink = await linkEntryIfUnlinked(trx, found.organisation_id, found.register_entry_id, serviceId, at);
    let requestId: string | null = null;
    if (found.catalogue_urn && found.due_date) {
      requestId = newId();
      await insertRequest(trx, {
        id: requestId, organisation_id: found.organisation_id, vendor_service_id: serviceId, register_entry_id: found.register_entry_id, catalogue_urn: found.catalogue_urn, message: null,
        due_date: found.due_date, status: 'pending', terms_accepted_at: null, terms_accepted_label: null, requested_by: found.invited_by, requested_label: found.invited_label, created_at: at, answered_at: null, last_reminded_at: null,
      });
    }
    await updateInvitation(trx, found.id, { vendor_organisation_id: organisationId });
    await recordAudit(trx, actor, { action: 'organisation.create', targetType: 'organisation', targetId: organisationId, after: { ...organisation, via: 'vendor_invitation', invitation_id: found.id } }, now);
    await recordAudit(trx, actor, { action: 'user.create', targetType: 'user', targetId: userId, after: { email: found.email, display_name: input.display_name, role: 'vendor_member', via: 'vendor_invitation' } }, now);
    await recordAudit(trx, actor, { action: 'vendor_service.create', targetType: 'vendor_service', targetId: serviceId, after: { id: serviceId, name: found.service_name, description: null } }, now);
    await recordAudit(
      trx,
      actor,
      { action: 'vendor_invitation.accept', targetType: 'register_entry', targetId: found.register_entry_id, organisationId: found.organisation_id, after: { ...snapshot(found), vendor_organisation_id: organisationId, vendor_service_id: serviceId, linked: didLink, request_id: requestId } },
      now,
    );
  });
  return { email: found.email, organisation_name: input.organisation_name, service_name: found.service_name };
}
