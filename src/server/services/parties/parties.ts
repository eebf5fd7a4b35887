import type { z } from 'zod';
import type { partyCreateBody, partyUpdateBody } from '../../../shared/schemas/parties.ts';
import { MAX_PARTIES_PER_ENTRY } from '../../../shared/schemas/parties.ts';
import { bi } from '../../../shared/messages.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';
import type { EntryWithNames } from '../../repositories/register-entries.ts';
import { findVendor } from '../../repositories/vendors.ts';
import { lockEntryForContacts as lockEntry } from '../../repositories/contacts.ts';
import {
  deleteParty,
  findParty,
  findServiceOwner,
  findSubcontractMaxDepth,
  findVendorOrganisation,
  insertParty,
  listParties,
  searchVendorOrganisations,
  updateParty,
  type PartyRow,
  type PartyWithNames,
} from '../../repositories/parties.ts';
import { fromBool, type Executor } from '../../repositories/executor.ts';
import { auditedParty, partyName, presentParties } from '../../presenters/parties.ts';
import { authorize } from '../../policies/index.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { joinOpenIncidentsOf } from '../dependencies/incident-reach.ts';
import { canEditEntry, requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import { featureEntry } from '../entry-access.ts';

type CreateInput = z.infer<typeof partyCreateBody>;
type UpdateInput = z.infer<typeof partyUpdateBody>;

/**
 * The register entry whose parties the actor reads or writes. Another organisation's entry answers
 * 404; an editor of another 所管課 may read but not write (403, audited).
 */
export function partiesEntry(deps: Deps, actor: Actor, entryId: string, write: boolean): Promise<EntryWithNames> {
  return featureEntry(deps, actor, entryId, write, { key: 'parties', ja: '関係事業者', en: 'parties' });
}

/** The entry's parties as a tree, with the organisation's allowed depth. */
export async function partiesView(deps: Deps, actor: Actor, entry: EntryWithNames, db: Executor = deps.db) {
  const [rows, maxDepth] = await Promise.all([listParties(db, actor.organisationId, entry.id), findSubcontractMaxDepth(db, actor.organisationId)]);
  return { items: presentParties(rows, maxDepth), max_depth: maxDepth, can_edit: canEditEntry(actor, entry.department) };
}

export async function getParties(deps: Deps, actor: Actor, entryId: string) {
  const entry = await partiesEntry(deps, actor, entryId, false);
  return partiesView(deps, actor, entry);
}

/** The entry a party belongs to, for a write; a party of another organisation is not found. */
async function partyForWrite(deps: Deps, actor: Actor, id: string) {
  await requireRegister(deps, actor, true);
  const party = await findParty(deps.db, actor.organisationId, id);
  if (!party) throw notFound();
  const entry = await partiesEntry(deps, actor, party.entry_id, true);
  return { party, entry };
}

// ---- the rules

const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

/** The party as it would be stored: a new one from its body, or an existing one with the PATCH applied. */
type Draft = Omit<PartyRow, 'id' | 'organisation_id' | 'entry_id' | 'created_at' | 'updated_at'>;

function draftOf(input: UpdateInput, base: Draft): Draft {
  const pick = <K extends keyof Draft>(key: K, value: Draft[K] | undefined): Draft[K] => (value === undefined ? base[key] : value);
  const textOf = (key: 'contract_reference' | 'data_handled' | 'approver' | 'notes') => (input[key] === undefined ? base[key] : blank(input[key]));
  return {
    role: pick('role', input.role),
    vendor_id: pick('vendor_id', input.vendor_id),
    vendor_organisation_id: pick('vendor_organisation_id', input.vendor_organisation_id),
    vendor_service_id: pick('vendor_service_id', input.vendor_service_id),
    parent_party_id: pick('parent_party_id', input.parent_party_id),
    contract_reference: textOf('contract_reference'),
    data_handled: textOf('data_handled'),
    may_carry_data_out: input.may_carry_data_out === undefined ? base.may_carry_data_out : fromBool(input.may_carry_data_out),
    standard_app: input.standard_app === undefined ? base.standard_app : fromBool(input.standard_app),
    approval_status: pick('approval_status', input.approval_status),
    approval_requested_on: pick('approval_requested_on', input.approval_requested_on),
    approval_decided_on: pick('approval_decided_on', input.approval_decided_on),
    approver: textOf('approver'),
    notes: textOf('notes'),
  };
}

const EMPTY: Draft = {
  role: 'other',
  vendor_id: null,
  vendor_organisation_id: null,
  vendor_service_id: null,
  parent_party_id: null,
  contract_reference: null,
  data_handled: null,
  may_carry_data_out: 0,
  standard_app: 0,
  approval_status: null,
  approval_requested_on: null,
  approval_decided_on: null,
  approver: null,
  notes: null,
};

/** Every rule a party must keep, checked against the entry's other parties; answers the problems found. */
async function checkDraft(trx: Executor, actor: Actor, entryId: string, draft: Draft, selfId: string | null, siblings: PartyWithNames[]): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const add = (field: string, ja: string, en: string) => problems.push({ field, reason: bi(ja, en) });

  // Who the party is.
  if (draft.role === 'municipality') {
    if (draft.vendor_id || draft.vendor_organisation_id || draft.vendor_service_id) add('vendor_id', '自団体には事業者を指定できません', 'Our organisation names no vendor');
    if (siblings.some((p) => p.role === 'municipality' && p.id !== selfId)) add('role', 'このサービスには自団体がすでに登録されています', 'Our organisation is already a party of this service');
  } else if (draft.vendor_id && draft.vendor_organisation_id) {
    add('vendor_id', '事業者は、台帳の事業者か基盤上の事業者のどちらか一方を指定してください', 'Name either a vendor of our list or a vendor on the platform, not both');
  } else if (!draft.vendor_id && !draft.vendor_organisation_id) {
    add('vendor_id', '事業者を選んでください', 'Choose the vendor');
  }
  let serviceOwner: string | null = null;
  if (draft.role !== 'municipality' && draft.vendor_id && !draft.vendor_organisation_id) {
    // Another organisation's vendor is answered exactly like one that does not exist.
    const vendor = await findVendor(trx, actor.organisationId, draft.vendor_id);
    if (!vendor) add('vendor_id', '指定された事業者が見つかりません', 'The vendor was not found');
    else serviceOwner = vendor.vendor_organisation_id;
  }
  if (draft.role !== 'municipality' && draft.vendor_organisation_id && !draft.vendor_id) {
    if (!(await findVendorOrganisation(trx, draft.vendor_organisation_id))) add('vendor_organisation_id', '指定された事業者（基盤上）が見つかりません', 'The vendor organisation was not found on the platform');
    else serviceOwner = draft.vendor_organisation_id;
  }
  if (draft.vendor_service_id && draft.role !== 'municipality' && !problems.length) {
    const service = await findServiceOwner(trx, draft.vendor_service_id);
    if (!service) add('vendor_service_id', '指定された事業者サービスが見つかりません', 'The vendor service was not found');
    else if (!serviceOwner) add('vendor_service_id', 'この事業者は基盤上の事業者と結び付いていないため、サービスを指定できません', 'This vendor is not linked to a vendor on the platform, so no service can be named');
    else if (service.organisation_id !== serviceOwner) add('vendor_service_id', '指定されたサービスはこの事業者のものではありません', 'The service is not one of this vendor’s');
  }

  // Where it sits in the chain.
  if (draft.role === 'subcontractor') {
    if (!draft.parent_party_id) add('parent_party_id', '再委託先には委託元（このサービスの関係事業者）を指定してください', 'A subcontractor names the party that subcontracts to it');
    else if (draft.parent_party_id === selfId) add('parent_party_id', '自分自身を委託元にはできません', 'A party cannot subcontract to itself');
    else if (!siblings.some((p) => p.id === draft.parent_party_id)) add('parent_party_id', '委託元はこのサービスの関係事業者から選んでください', 'The parent must be a party of this service');
    else if (selfId && descendantsOf(selfId, siblings).has(draft.parent_party_id)) add('parent_party_id', '自分の再委託先を委託元にはできません（循環します）', 'A party’s own subcontractor cannot be its parent (that would be a cycle)');
  } else if (draft.parent_party_id) {
    add('parent_party_id', '委託元を指定できるのは再委託先だけです', 'Only a subcontractor has a parent party');
  }

  // The municipality's approval of a subcontractor.
  if (draft.role !== 'subcontractor') {
    if (draft.approval_status || draft.approval_requested_on || draft.approval_decided_on || draft.approver) add('approval_status', '承認を記録できるのは再委託先だけです', 'Only a subcontractor has an approval');
  } else {
    if ((draft.approval_status === 'approved' || draft.approval_status === 'refused') && !draft.approval_decided_on) add('approval_decided_on', '承認・不承認の日付を入力してください', 'Enter the date of the decision');
    if ((draft.approval_status === 'approved' || draft.approval_status === 'refused') && !draft.approver) add('approver', '承認・不承認をした人（承認者）を入力してください', 'Enter who decided');
    if ((draft.approval_status === 'requested' || !draft.approval_status) && (draft.approval_decided_on || draft.approver)) add('approval_status', '決定日・承認者を記録するには、承認の状態を「承認済み」か「不承認」にしてください', 'Set the status to approved or refused to record a decision');
    if (draft.approval_requested_on && draft.approval_decided_on && draft.approval_decided_on < draft.approval_requested_on) add('approval_decided_on', '決定日は申請日より前にできません', 'The decision cannot be dated before the request');
  }
  if (draft.standard_app && draft.role !== 'application_provider') add('standard_app', '標準準拠アプリを指定できるのはアプリケーション事業者だけです', 'Only an application provider offers a standard-compliant application');
  return problems;
}

/** Every party below `id` in the tree (its subcontractors, theirs, …). */
function descendantsOf(id: string, parties: Pick<PartyRow, 'id' | 'parent_party_id'>[]): Set<string> {
  const found = new Set<string>();
  let frontier = [id];
  while (frontier.length) {
    const next = parties.filter((p) => p.parent_party_id && frontier.includes(p.parent_party_id) && !found.has(p.id)).map((p) => p.id);
    next.forEach((n) => found.add(n));
    frontier = next;
  }
  return found;
}

function parentNameOf(row: Pick<PartyRow, 'parent_party_id'>, parties: PartyWithNames[]): string | null {
  const parent = row.parent_party_id ? parties.find((p) => p.id === row.parent_party_id) : undefined;
  return parent ? partyName(parent) : null;
}

// ---- writing

export async function addParty(deps: Deps, actor: Actor, entryId: string, input: CreateInput) {
  const entry = await partiesEntry(deps, actor, entryId, true);
  const now = deps.now();
  const at = nowIso(now);
  const id = newId();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await lockEntry(trx, actor.organisationId, entryId))) throw notFound();
    const siblings = await listParties(trx, actor.organisationId, entryId);
    if (siblings.length >= MAX_PARTIES_PER_ENTRY) throw new AppError('validation_failed', [{ field: 'role', reason: bi(`関係事業者は1サービスにつき${MAX_PARTIES_PER_ENTRY}件までです`, `At most ${MAX_PARTIES_PER_ENTRY} parties per service`) }]);
    const draft = draftOf(input, EMPTY);
    const problems = await checkDraft(trx, actor, entryId, draft, null, siblings);
    if (problems.length) throw new AppError('validation_failed', problems);
    const row: PartyRow = { ...draft, id, organisation_id: actor.organisationId, entry_id: entryId, created_at: at, updated_at: at };
    await insertParty(trx, row);
    const stored = (await findParty(trx, actor.organisationId, id))!;
    await recordAudit(trx, actor, { action: 'entry_party.add', targetType: 'register_entry', targetId: entryId, after: auditedParty(stored, parentNameOf(stored, siblings)) }, now);
    // A party providing a service with a vendor incident open (or on something it runs on) brings the body into it.
    if (row.vendor_service_id && entry.status !== 'ended') await joinOpenIncidentsOf(trx, deps, actor.organisationId, row.vendor_service_id);
    const view = await partiesView(deps, actor, entry, trx);
    return view.items.find((p) => p.id === id)!;
  });
}

export async function changeParty(deps: Deps, actor: Actor, id: string, input: UpdateInput) {
  const { entry } = await partyForWrite(deps, actor, id);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await lockEntry(trx, actor.organisationId, entry.id))) throw notFound();
    const siblings = await listParties(trx, actor.organisationId, entry.id);
    const existing = siblings.find((p) => p.id === id);
    if (!existing) throw notFound();
    const draft = draftOf(input, existing);
    const problems = await checkDraft(trx, actor, entry.id, draft, id, siblings);
    if (problems.length) throw new AppError('validation_failed', problems);
    await updateParty(trx, actor.organisationId, id, { ...draft, updated_at: nowIso(now) });
    const stored = (await findParty(trx, actor.organisationId, id))!;
    if (stored.vendor_service_id && stored.vendor_service_id !== existing.vendor_service_id && entry.status !== 'ended') await joinOpenIncidentsOf(trx, deps, actor.organisationId, stored.vendor_service_id);
    await recordAudit(
      trx,
      actor,
      { action: 'entry_party.update', targetType: 'register_entry', targetId: entry.id, before: auditedParty(existing, parentNameOf(existing, siblings)), after: auditedParty(stored, parentNameOf(stored, siblings)) },
      now,
    );
    const view = await partiesView(deps, actor, entry, trx);
    return view.items.find((p) => p.id === id)!;
  });
}

/** Removes a party with its matrix cells and fault roles; refused (409) while it has subcontractors. */
export async function removeParty(deps: Deps, actor: Actor, id: string): Promise<void> {
  const { entry } = await partyForWrite(deps, actor, id);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await lockEntry(trx, actor.organisationId, entry.id))) throw notFound();
    const siblings = await listParties(trx, actor.organisationId, entry.id);
    const existing = siblings.find((p) => p.id === id);
    if (!existing) throw notFound();
    const children = siblings.filter((p) => p.parent_party_id === id);
    if (children.length) {
      const names = children.map(partyName).join('、');
      throw new AppError('conflict', [{ field: 'id', reason: bi(`この関係事業者には再委託先（${names}）があります。先に再委託先を削除するか、委託元を変更してください`, `This party has subcontractors (${names}); remove them or change their parent first`) }]);
    }
    await deleteParty(trx, actor.organisationId, id);
    await recordAudit(trx, actor, { action: 'entry_party.remove', targetType: 'register_entry', targetId: entry.id, before: auditedParty(existing, parentNameOf(existing, siblings)) }, now);
  });
}

/** Vendor organisations on the platform, with their services, for the party picker. */
export async function platformVendors(deps: Deps, actor: Actor, q?: string) {
  await authorize(deps, actor, 'register:read', { type: 'vendor' });
  return { items: await searchVendorOrganisations(deps.db, q?.trim() || undefined) };
}
