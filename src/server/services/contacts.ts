import type { z } from 'zod';
import { checkContacts, REVERIFY_DUE_SOON_DAYS, type contactsBody, type drillBody, type ReverifyState } from '../../shared/schemas/contacts.ts';
import { bi } from '../../shared/messages.ts';
import type { EntryWithNames } from '../repositories/register-entries.ts';
import {
  findContactSettings,
  insertDrill,
  listContacts,
  listDrills,
  listInUseEntriesWithoutContacts,
  listSettingsWithEntries,
  listVerifiedStructuresOfAllOrganisations,
  lockEntryForContacts,
  replaceContacts,
  setLastVerified,
  upsertContactSettings,
  type ContactDrillRow,
  type ContactRow,
  type ContactSettingsRow,
} from '../repositories/contacts.ts';
import { auditedStructure, presentContactSettings, presentContactsByPhase, presentDrill } from '../presenters/contacts.ts';
import { newId, nowIso } from '../security/ids.ts';
import { AppError, invalid, notFound } from './app-error.ts';
import { recordAudit } from './audit.ts';
import { canEditEntry, requireRegister } from './register.ts';
import { listMatrixParties } from '../repositories/responsibilities.ts';
import { partyName } from '../presenters/parties.ts';
import { addMonthsToDate, dueState, japanToday } from '../../domain/japan-time.ts';
import { announceSummary } from './notifications/reminder-summary.ts';
import { systemActor, type Actor, type Deps } from './deps.ts';
import { featureEntry } from './entry-access.ts';

type ContactsInput = z.infer<typeof contactsBody>;
type DrillInput = z.infer<typeof drillBody>;

/**
 * The register entry whose contact structure the actor reads or writes. Another organisation's entry
 * answers 404; an editor of another 所管課 may read but not write (403, audited).
 */
export function contactsEntry(deps: Deps, actor: Actor, entryId: string, write: boolean): Promise<EntryWithNames> {
  return featureEntry(deps, actor, entryId, write, { key: 'contacts', ja: '連絡体制', en: 'contact structure' });
}

/**
 * When the structure is next to be re-verified: the interval after the last verification. A structure
 * never verified is 'never' (no date); one due within REVERIFY_DUE_SOON_DAYS is 'due_soon'.
 */
export function reverifyStatusOf(settings: Pick<ContactSettingsRow, 'last_verified_on' | 'reverify_interval_months'>, now: Date): { next_due: string | null; state: ReverifyState } {
  if (!settings.last_verified_on) return { next_due: null, state: 'never' };
  const nextDue = addMonthsToDate(settings.last_verified_on, Number(settings.reverify_interval_months));
  return { next_due: nextDue, state: dueState(nextDue, japanToday(now), REVERIFY_DUE_SOON_DAYS) };
}

// ---- reading

async function contactsView(deps: Deps, actor: Actor, entry: EntryWithNames) {
  const [settings, contacts, drills] = await Promise.all([
    findContactSettings(deps.db, actor.organisationId, entry.id),
    listContacts(deps.db, actor.organisationId, entry.id),
    listDrills(deps.db, actor.organisationId, entry.id),
  ]);
  return {
    settings: settings ? presentContactSettings(settings) : null,
    contacts: presentContactsByPhase(contacts),
    drills: drills.map(presentDrill),
    reverify: settings ? reverifyStatusOf(settings, deps.now()) : null,
    can_edit: canEditEntry(actor, entry.department),
  };
}

export async function getContacts(deps: Deps, actor: Actor, entryId: string) {
  const entry = await contactsEntry(deps, actor, entryId, false);
  return contactsView(deps, actor, entry);
}

// ---- writing

const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

/** Replaces the entry's whole contact structure in one transaction (audited with before and after). */
export async function saveContacts(deps: Deps, actor: Actor, entryId: string, input: ContactsInput) {
  const entry = await contactsEntry(deps, actor, entryId, true);
  const problems = checkContacts(input.contacts);
  if (problems.length) throw new AppError('validation_failed', problems);
  const now = deps.now();
  const at = nowIso(now);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await lockEntryForContacts(trx, actor.organisationId, entryId))) throw notFound();
    const [existing, existingContacts, parties] = await Promise.all([
      findContactSettings(trx, actor.organisationId, entryId),
      listContacts(trx, actor.organisationId, entryId),
      listMatrixParties(trx, actor.organisationId, entryId),
    ]);
    const partyNames = new Map(parties.map((p) => [p.id, partyName(p)]));
    const wrongParty = input.contacts.flatMap((c, i) => (c.party_id && !partyNames.has(c.party_id) ? [{ field: `contacts.${i}.party_id`, reason: bi('この外部サービスの関係事業者ではありません', 'Not a party of this registered service') }] : []));
    if (wrongParty.length) throw new AppError('validation_failed', wrongParty);
    const settings: ContactSettingsRow = {
      entry_id: entryId,
      organisation_id: actor.organisationId,
      first_report_minutes: input.first_report_minutes ?? null,
      // Saving the structure is not a verification: that is a separate, deliberate step.
      last_verified_on: existing?.last_verified_on ?? null,
      reverify_interval_months: input.reverify_interval_months,
      notes: blank(input.notes),
      updated_at: at,
      updated_by_label: actor.label,
    };
    const rows: ContactRow[] = input.contacts.map((c) => ({
      id: newId(),
      organisation_id: actor.organisationId,
      entry_id: entryId,
      phase: c.phase,
      side: c.side,
      escalation_order: c.escalation_order,
      name: c.name,
      role_title: blank(c.role_title),
      phone: blank(c.phone),
      email: blank(c.email),
      notes: blank(c.notes),
      party_id: c.party_id ?? null,
      created_at: at,
      updated_at: at,
    }));
    await upsertContactSettings(trx, settings, Boolean(existing));
    await replaceContacts(trx, actor.organisationId, entryId, rows);
    await recordAudit(
      trx,
      actor,
      { action: existing ? 'contacts.update' : 'contacts.create', targetType: 'register_entry', targetId: entryId, before: auditedStructure(existing, existingContacts, partyNames), after: auditedStructure(settings, rows, partyNames) },
      now,
    );
  });
  return contactsView(deps, actor, entry);
}

/** Records that the structure was checked today (Japan time): the numbers still answer, the people are still there. */
export async function verifyContacts(deps: Deps, actor: Actor, entryId: string) {
  const entry = await contactsEntry(deps, actor, entryId, true);
  const now = deps.now();
  const today = japanToday(now);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await lockEntryForContacts(trx, actor.organisationId, entryId))) throw notFound();
    const existing = await findContactSettings(trx, actor.organisationId, entryId);
    if (!existing) throw new AppError('conflict', [{ field: 'entry_id', reason: bi('先に連絡体制を登録してください', 'Record the contact structure first') }]);
    await setLastVerified(trx, actor.organisationId, entryId, today);
    await recordAudit(trx, actor, { action: 'contacts.verify', targetType: 'register_entry', targetId: entryId, before: { last_verified_on: existing.last_verified_on }, after: { last_verified_on: today } }, now);
  });
  return contactsView(deps, actor, entry);
}

/** Records a drill (訓練) of the entry's contact structure. */
export async function recordDrill(deps: Deps, actor: Actor, entryId: string, input: DrillInput) {
  await contactsEntry(deps, actor, entryId, true);
  const now = deps.now();
  if (input.held_on > japanToday(now)) throw invalid('held_on', bi('訓練の実施日に未来の日付は指定できません', 'The drill date cannot be in the future'));
  const row: ContactDrillRow = {
    id: newId(),
    organisation_id: actor.organisationId,
    entry_id: entryId,
    held_on: input.held_on,
    scenario: input.scenario,
    participants: blank(input.participants),
    findings: blank(input.findings),
    created_at: nowIso(now),
    created_by_label: actor.label,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertDrill(trx, row);
    await recordAudit(trx, actor, { action: 'contact_drill.create', targetType: 'register_entry', targetId: entryId, after: presentDrill(row) }, now);
  });
  return presentDrill(row);
}

// ---- reminders

const STATE_RANK: Record<'overdue' | 'never' | 'due_soon', number> = { overdue: 0, never: 1, due_soon: 2 };

/**
 * The reminder list: structures overdue or due within REVERIFY_DUE_SOON_DAYS, structures never
 * verified, and services in use with no structure at all.
 */
export async function reverifyDue(deps: Deps, actor: Actor) {
  await requireRegister(deps, actor, false);
  const [settings, missing] = await Promise.all([listSettingsWithEntries(deps.db, actor.organisationId), listInUseEntriesWithoutContacts(deps.db, actor.organisationId)]);
  const now = deps.now();
  type Item = { entry_id: string; entry_name: string; external_key: string; department: string; last_verified_on: string | null; next_due: string | null; state: 'due_soon' | 'overdue' | 'never'; has_structure: boolean };
  const items: Item[] = [];
  for (const s of settings) {
    if (s.entry_status === 'ended') continue;
    const status = reverifyStatusOf(s, now);
    if (status.state === 'ok') continue;
    items.push({ entry_id: s.entry_id, entry_name: s.entry_name, external_key: s.external_key, department: s.department, last_verified_on: s.last_verified_on, next_due: status.next_due, state: status.state, has_structure: true });
  }
  for (const e of missing) items.push({ entry_id: e.entry_id, entry_name: e.entry_name, external_key: e.external_key, department: e.department, last_verified_on: null, next_due: null, state: 'never', has_structure: false });
  items.sort((a, b) => STATE_RANK[a.state] - STATE_RANK[b.state] || (a.next_due ?? '').localeCompare(b.next_due ?? '') || a.external_key.localeCompare(b.external_key));
  return { items };
}

// ---- the daily check

/**
 * Announces every structure that has become overdue to its organisation's users (in-app, and mail for
 * those who want it), once per structure and due date: the dedupe key `contacts:<entryId>:<next_due>`
 * makes a second run, or a second process, add nothing. Each new announcement is audited. Meant to run
 * daily from `serve`; returns how many structures were newly announced.
 */
export async function notifyOverdueContacts(deps: Deps): Promise<number> {
  const now = deps.now();
  const subjects = [];
  for (const s of await listVerifiedStructuresOfAllOrganisations(deps.db)) {
    const status = reverifyStatusOf(s, now);
    if (status.state !== 'overdue' || !status.next_due) continue;
    const due = status.next_due.replaceAll('-', '/');
    const last = s.last_verified_on!.replaceAll('-', '/');
    subjects.push({
      structure: s,
      nextDue: status.next_due,
      organisationId: s.organisation_id,
      dedupeKey: `contacts:${s.entry_id}:${status.next_due}`,
      title: { ja: `連絡体制の再確認期限を過ぎています: ${s.external_key} ${s.entry_name}`, en: `Contact structure overdue for re-verification: ${s.external_key} ${s.entry_name}` },
      body: {
        ja: `最終確認 ${last}、再確認の期限 ${due}。電話番号・担当者が変わっていないか確かめ、「確認済みにする」を押してください。`,
        en: `Last verified ${last}, due ${due}. Check that the numbers and people are still right, then press "Mark as verified".`,
      },
      link: `/register/${s.entry_id}?tab=contacts`,
      line: { ja: `${s.external_key} ${s.entry_name}（最終確認 ${last}、期限 ${due}）`, en: `${s.external_key} ${s.entry_name} (last verified ${last}, due ${due})` },
    });
  }
  return announceSummary(deps, {
    kind: 'contact_reverify_due',
    title: (count) => ({ ja: `連絡体制の再確認期限を過ぎたサービスが${count}件あります`, en: `${count} contact structures are overdue for re-verification` }),
    lead: { ja: '次のサービスの連絡体制が再確認の期限を過ぎています。電話番号・担当者が変わっていないか確かめ、「確認済みにする」を押してください。', en: 'These contact structures are past their re-verification date. Check the numbers and people, then mark each as verified.' },
    listLink: '/register',
    subjects,
    onAnnounced: ({ structure, nextDue }, trx) =>
      recordAudit(
        trx,
        systemActor(structure.organisation_id, 'contacts re-verification check'),
        { action: 'contacts.reverify_notified', targetType: 'register_entry', targetId: structure.entry_id, organisationId: structure.organisation_id, after: { next_due: nextDue } },
        now,
      ),
  });
}
