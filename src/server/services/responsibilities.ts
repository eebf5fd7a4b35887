import type { z } from 'zod';
import type { adoptBody, matrixBody, matrixView, splitBody, splitView } from '../../shared/schemas/responsibilities.ts';
import { checkMatrixRows, type SplitPartyRole } from '../../shared/schemas/responsibilities.ts';
import { bi } from '../../shared/messages.ts';
import { FAULT_ROLES, PARTY_LABELS, RESPONSIBILITY_DUTIES, type DeclaredSplit, type FaultRole, type PartyRole, type ResponsibilityDuty } from '../../shared/parties.ts';
import { partiesWithIncidentContact, responsibilityGaps, type Gap } from '../../domain/responsibility-gaps.ts';
import { findEntry, type EntryWithNames } from '../repositories/register-entries.ts';
import { lockEntryForContacts } from '../repositories/contacts.ts';
import { findOwnVendorService, findVendorService } from '../repositories/vendor-services.ts';
import {
  findAdoption,
  findSplit,
  listCells,
  listContactParties,
  listFaultRoles,
  listMatrixParties,
  listSplitsOf,
  organisationUsesService,
  replaceAdoption,
  replaceMatrix,
  upsertSplit,
  type FaultRoleRow,
  type ResponsibilityRow,
} from '../repositories/responsibilities.ts';
import type { Executor } from '../repositories/executor.ts';
import { authorize } from '../policies/index.ts';
import { partyName } from '../presenters/parties.ts';
import { nowIso } from '../security/ids.ts';
import { AppError, invalid, notFound } from './app-error.ts';
import { recordAudit, recordAuditAlone } from './audit.ts';
import { canEditEntry, requireRegister } from './register.ts';
import type { Actor, Deps } from './deps.ts';

type Bi = { ja: string; en: string };
type MatrixInput = z.infer<typeof matrixBody>;
type SplitInput = z.infer<typeof splitBody>;
type AdoptInput = z.infer<typeof adoptBody>;
type MatrixView = z.infer<typeof matrixView>;
type Party = Awaited<ReturnType<typeof listMatrixParties>>[number];

// ---- the catalogue's layers

function layersOf(deps: Deps) {
  return [...deps.catalogues.reference.responsibilityLayers.data.layers]
    .sort((a, b) => a.order - b.order)
    .map((l) => ({ id: l.id, order: l.order, name: l.name, description: l.description, backup_expected: l.backup_expected }));
}
type Layer = ReturnType<typeof layersOf>[number];

const layerNamer = (layers: Layer[]) => {
  const byId = new Map(layers.map((l) => [l.id, l.name]));
  return (id: string): Bi => byId.get(id) ?? { ja: id, en: id };
};

const roleLabel = (role: SplitPartyRole): Bi => (role === 'self' ? { ja: '宣言した事業者', en: 'The declaring vendor' } : PARTY_LABELS.role[role]);

// ---- access

/** The entry whose matrix the actor reads or writes (another organisation's: 404; another 所管課's write: 403, audited). */
async function matrixEntry(deps: Deps, actor: Actor, entryId: string, write: boolean): Promise<EntryWithNames> {
  await requireRegister(deps, actor, write);
  const entry = await findEntry(deps.db, actor.organisationId, entryId);
  if (!entry) throw notFound();
  if (write && !canEditEntry(actor, entry.department)) {
    await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'register_entry', targetId: entryId, after: { reason: 'other_department', department: entry.department, feature: 'responsibilities' } });
    throw new AppError('forbidden', [{ field: 'department', reason: bi(`所管課（${actor.department}）以外のサービスの責任分界は編集できません`, `Only the responsibility matrix of your department's (${actor.department}) services can be edited`) }]);
  }
  return entry;
}

// ---- gaps in words

function gapReason(gap: Gap, layerName: (id: string) => Bi, nameOf: (id: string) => string): Bi {
  const layer = gap.layer_id ? layerName(gap.layer_id) : { ja: '', en: '' };
  const party = gap.party_id ? nameOf(gap.party_id) : '';
  switch (gap.kind) {
    case 'layer_no_owner':
      return { ja: `「${layer.ja}」に責任者（A）がいません。1者をAにしてください`, en: `"${layer.en}" has no accountable party: mark one party A` };
    case 'layer_two_owners': {
      const names = (gap.party_ids ?? []).map(nameOf).join('、');
      return { ja: `「${layer.ja}」の責任者（A）が複数います（${names}）。1者にしてください`, en: `"${layer.en}" has more than one accountable party (${names}): keep one` };
    }
    case 'layer_no_backup':
      return { ja: `「${layer.ja}」はバックアップが必要な階層ですが、バックアップを担う関係事業者がいません`, en: `"${layer.en}" needs a backup, but no party backs it up` };
    case 'no_detection':
      return { ja: '障害を検知する関係事業者が決まっていません', en: 'No party is named to detect a failure' };
    case 'no_first_triage':
      return { ja: '一次切り分けを行う関係事業者が決まっていません（事業者が複数いるときは必ず1者に決め、契約に書きます）', en: 'No party is named for first triage (with several vendors it must be exactly one, written into the contract)' };
    case 'triage_no_incident_contact':
      return {
        ja: `一次切り分けを行う「${party}」の障害発生時の連絡先が連絡体制にありません（障害発生時の連絡先でこの関係事業者を指定してください。関係事業者を指定していない事業者側の連絡先は、台帳の事業者と同じ事業者の関係事業者の連絡先とみなします）`,
        en: `"${party}" does first triage but has no contact for incidents in the contact structure (name this party on an incident-phase contact; a vendor-side contact that names no party counts for the party whose vendor is the entry's vendor)`,
      };
    case 'no_first_report':
      return { ja: '第一報を入れる関係事業者が決まっていません', en: 'No party is named to send the first report' };
    case 'first_report_no_commitment':
      return { ja: `第一報を入れる「${party}」が何分以内に報告するかが決まっていません`, en: `"${party}" sends the first report, but within how many minutes is not set` };
    case 'no_recovery':
      return { ja: '復旧に責任を負う関係事業者が決まっていません', en: 'No party is named as answerable for recovery' };
  }
}

// ---- the declared split and its differences

function parseSplit(json: string): DeclaredSplit {
  return JSON.parse(json) as DeclaredSplit;
}

function cellWords(c: { duty: string | null; backup: boolean } | undefined): Bi {
  if (!c) return { ja: 'なし', en: 'none' };
  const duty = c.duty ? PARTY_LABELS.duty[c.duty as ResponsibilityDuty] : null;
  const backup = c.backup ? { ja: 'バックアップ', en: 'backup' } : null;
  return { ja: [duty?.ja, backup?.ja].filter(Boolean).join('・') || 'なし', en: [duty?.en, backup?.en].filter(Boolean).join(', ') || 'none' };
}

function roleWords(r: { party_role: SplitPartyRole; commitment_minutes: number | null } | undefined): Bi {
  if (!r) return { ja: 'なし', en: 'none' };
  const who = roleLabel(r.party_role);
  const mins = r.commitment_minutes ? { ja: `（${r.commitment_minutes}分以内）`, en: ` (within ${r.commitment_minutes} min)` } : { ja: '', en: '' };
  return { ja: `${who.ja}${mins.ja}`, en: `${who.en}${mins.en}` };
}

/** What differs between the adopted snapshot and the vendor's current split, in words. */
export function splitDifferences(before: DeclaredSplit, after: DeclaredSplit, layerName: (id: string) => Bi): Bi[] {
  const out: Bi[] = [];
  const key = (c: { layer_id: string; party_role: string }) => `${c.layer_id}\u0000${c.party_role}`;
  const was = new Map(before.cells.map((c) => [key(c), c]));
  const now = new Map(after.cells.map((c) => [key(c), c]));
  const keys = [...new Set([...was.keys(), ...now.keys()])];
  for (const k of keys) {
    const a = was.get(k);
    const b = now.get(k);
    if (a && b && a.duty === b.duty && a.backup === b.backup) continue;
    const ref = (a ?? b)!;
    const layer = layerName(ref.layer_id);
    const who = roleLabel(ref.party_role);
    const x = cellWords(a);
    const y = cellWords(b);
    out.push({ ja: `${layer.ja}／${who.ja}: ${x.ja} → ${y.ja}`, en: `${layer.en} / ${who.en}: ${x.en} → ${y.en}` });
  }
  for (const role of new Set([...before.roles.map((r) => r.role), ...after.roles.map((r) => r.role)])) {
    const a = before.roles.find((r) => r.role === role);
    const b = after.roles.find((r) => r.role === role);
    if (a && b && a.party_role === b.party_role && a.commitment_minutes === b.commitment_minutes && a.note === b.note) continue;
    const label = PARTY_LABELS.faultRole[role];
    const x = roleWords(a);
    const y = roleWords(b);
    out.push({ ja: `${label.ja}: ${x.ja} → ${y.ja}`, en: `${label.en}: ${x.en} → ${y.en}` });
  }
  if ((before.notes ?? null) !== (after.notes ?? null)) out.push({ ja: '備考が変わりました', en: 'The notes changed' });
  return out;
}

/** Which party of the entry each party role of the split most likely is. */
function suggestMapping(split: DeclaredSplit, parties: Party[], vendorOrganisationId: string, serviceId: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  const roles = new Set<SplitPartyRole>([...split.cells.map((c) => c.party_role), ...split.roles.map((r) => r.party_role)]);
  for (const role of roles) {
    if (role === 'self') {
      const self = parties.find((p) => p.vendor_service_id === serviceId) ?? parties.find((p) => p.vendor_organisation_id === vendorOrganisationId || p.vendor_platform_id === vendorOrganisationId);
      if (self) mapping.self = self.id;
    } else {
      const withRole = parties.filter((p) => p.role === role);
      if (withRole.length === 1) mapping[role] = withRole[0].id;
    }
  }
  return mapping;
}

/** The services whose split this entry may adopt: its linked service, then the services its parties provide. */
function candidateServices(entry: EntryWithNames, parties: Party[]): string[] {
  const ids = [entry.vendor_service_id, ...parties.map((p) => p.vendor_service_id)].filter((id): id is string => Boolean(id));
  return [...new Set(ids)];
}

// ---- audit words

function auditedMatrix(cells: readonly { layer_id: string; party_id: string; duty: string | null; backup: boolean | number }[], roles: readonly { role: string; party_id: string; commitment_minutes: number | null; note: string | null }[], layers: Layer[], nameOf: (id: string) => string) {
  const layerName = layerNamer(layers);
  const order = new Map(layers.map((l) => [l.id, l.order]));
  return {
    matrix: [...cells]
      .sort((a, b) => (order.get(a.layer_id) ?? 99) - (order.get(b.layer_id) ?? 99) || nameOf(a.party_id).localeCompare(nameOf(b.party_id)))
      .map((c) => ({ layer: layerName(c.layer_id).ja, party: nameOf(c.party_id), duty: c.duty, backup: Boolean(c.backup) })),
    fault_roles: [...roles].sort((a, b) => a.role.localeCompare(b.role)).map((r) => ({ fault_role: r.role, party: nameOf(r.party_id), commitment_minutes: r.commitment_minutes, note: r.note })),
  };
}

function auditedSplit(split: DeclaredSplit | null, layers: Layer[]) {
  if (!split) return undefined;
  const layerName = layerNamer(layers);
  return {
    matrix: split.cells.map((c) => ({ layer: layerName(c.layer_id).ja, party_role: c.party_role, duty: c.duty, backup: c.backup })),
    fault_roles: split.roles.map((r) => ({ fault_role: r.role, party_role: r.party_role, commitment_minutes: r.commitment_minutes, note: r.note })),
    notes: split.notes,
  };
}

// ---- reading

async function buildView(deps: Deps, db: Executor, actor: Actor, entry: EntryWithNames): Promise<MatrixView> {
  const org = actor.organisationId;
  const layers = layersOf(deps);
  const layerName = layerNamer(layers);
  const [parties, cellRows, roleRows, contacts, adoption] = await Promise.all([
    listMatrixParties(db, org, entry.id),
    listCells(db, org, entry.id),
    listFaultRoles(db, org, entry.id),
    listContactParties(db, org, entry.id),
    findAdoption(db, org, entry.id),
  ]);
  const names = new Map(parties.map((p) => [p.id, partyName(p)]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const known = new Set(layers.map((l) => l.id));
  // In catalogue order of the layers, then the parties' order; the fault roles in their fixed order.
  const layerOrder = new Map(layers.map((l) => [l.id, l.order]));
  const partyOrder = new Map(parties.map((p, i) => [p.id, i]));
  const cells = cellRows
    .filter((c) => known.has(c.layer_id))
    .sort((a, b) => layerOrder.get(a.layer_id)! - layerOrder.get(b.layer_id)! || (partyOrder.get(a.party_id) ?? 0) - (partyOrder.get(b.party_id) ?? 0))
    .map((c) => ({ layer_id: c.layer_id, party_id: c.party_id, duty: c.duty as ResponsibilityDuty | null, backup: Boolean(c.backup) }));
  const roles = [...roleRows].sort((a, b) => FAULT_ROLES.indexOf(a.role as FaultRole) - FAULT_ROLES.indexOf(b.role as FaultRole)).map((r) => ({ role: r.role as FaultRole, party_id: r.party_id, commitment_minutes: r.commitment_minutes === null ? null : Number(r.commitment_minutes), note: r.note }));
  const gapParties = parties.map((p) => ({ id: p.id, role: p.role, name: nameOf(p.id) }));
  const reachable = partiesWithIncidentContact(contacts, parties, entry.vendor_id);
  const gaps = responsibilityGaps({ layers, parties: gapParties, cells, roles, partiesWithIncidentContact: reachable }).map((g) => ({
    kind: g.kind,
    ...(g.layer_id ? { layer_id: g.layer_id } : {}),
    ...(g.role ? { role: g.role } : {}),
    ...(g.party_id ? { party_id: g.party_id } : {}),
    reason: gapReason(g, layerName, nameOf),
  }));

  const candidates = candidateServices(entry, parties);
  const splits = await listSplitsOf(db, adoption && !candidates.includes(adoption.service_id) ? [...candidates, adoption.service_id] : candidates);
  const first = candidates.map((id) => splits.find((s) => s.service_id === id)).find(Boolean);
  const declared = first
    ? {
        service_id: first.service_id,
        service_name: first.service_name,
        vendor_name: first.vendor_name,
        updated_at: first.updated_at,
        split: parseSplit(first.split_json),
        suggested_mapping: suggestMapping(parseSplit(first.split_json), parties, first.organisation_id, first.service_id),
      }
    : null;
  const current = adoption ? splits.find((s) => s.service_id === adoption.service_id) : undefined;
  return {
    layers,
    parties: parties.map((p) => ({ id: p.id, name: nameOf(p.id), role: p.role as PartyRole })),
    cells,
    roles,
    gaps,
    declared,
    adoption: adoption
      ? {
          service_id: adoption.service_id,
          service_name: adoption.service_name,
          adopted_at: adoption.adopted_at,
          adopted_by_label: adoption.adopted_by_label,
          differences: current ? splitDifferences(parseSplit(adoption.snapshot_json), parseSplit(current.split_json), layerName) : [{ ja: '事業者が標準の責任分界を取り下げました', en: 'The vendor withdrew its standard split' }],
        }
      : null,
    can_edit: canEditEntry(actor, entry.department),
  };
}

export async function getMatrix(deps: Deps, actor: Actor, entryId: string): Promise<MatrixView> {
  const entry = await matrixEntry(deps, actor, entryId, false);
  return buildView(deps, deps.db, actor, entry);
}

// ---- writing

/** Replaces the entry's matrix (every cell and fault role) in one transaction, audited in words. */
export async function saveMatrix(deps: Deps, actor: Actor, entryId: string, input: MatrixInput): Promise<MatrixView> {
  const entry = await matrixEntry(deps, actor, entryId, true);
  const layers = layersOf(deps);
  const layerName = layerNamer(layers);
  const known = new Set(layers.map((l) => l.id));
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await lockEntryForContacts(trx, actor.organisationId, entryId))) throw notFound();
    const parties = await listMatrixParties(trx, actor.organisationId, entryId);
    const partyIds = new Set(parties.map((p) => p.id));
    const problems = checkMatrixRows(input.cells, input.roles, (i) => input.cells[i].party_id, (id) => layerName(id).ja);
    input.cells.forEach((c, i) => {
      if (!known.has(c.layer_id)) problems.push({ field: `cells.${i}.layer_id`, reason: bi('責任分界の階層カタログにない階層です', 'This layer is not in the responsibility layers catalogue') });
      if (!partyIds.has(c.party_id)) problems.push({ field: `cells.${i}.party_id`, reason: bi('この外部サービスの関係事業者ではありません', 'Not a party of this registered service') });
    });
    input.roles.forEach((r, i) => {
      if (!partyIds.has(r.party_id)) problems.push({ field: `roles.${i}.party_id`, reason: bi('この外部サービスの関係事業者ではありません', 'Not a party of this registered service') });
    });
    if (problems.length) throw new AppError('validation_failed', problems);
    const [beforeCells, beforeRoles] = await Promise.all([listCells(trx, actor.organisationId, entryId), listFaultRoles(trx, actor.organisationId, entryId)]);
    const cells: ResponsibilityRow[] = input.cells.map((c) => ({ organisation_id: actor.organisationId, entry_id: entryId, layer_id: c.layer_id, party_id: c.party_id, duty: c.duty, backup: c.backup ? 1 : 0 }));
    const roles: FaultRoleRow[] = input.roles.map((r) => ({ organisation_id: actor.organisationId, entry_id: entryId, role: r.role, party_id: r.party_id, commitment_minutes: r.commitment_minutes, note: r.note?.trim() || null }));
    await replaceMatrix(trx, actor.organisationId, entryId, cells, roles);
    const names = new Map(parties.map((p) => [p.id, partyName(p)]));
    const nameOf = (id: string) => names.get(id) ?? id;
    await recordAudit(
      trx,
      actor,
      { action: 'entry_responsibilities.update', targetType: 'register_entry', targetId: entryId, before: auditedMatrix(beforeCells, beforeRoles, layers, nameOf), after: auditedMatrix(cells, roles, layers, nameOf) },
      now,
    );
  });
  return buildView(deps, deps.db, actor, entry);
}

const DUTY_RANK = new Map<string | null, number>(RESPONSIBILITY_DUTIES.map((d, i) => [d, i]));

/**
 * Copies a vendor's declared split into the entry's matrix (replacing it), mapping each party role to a
 * party of the entry; roles the mapping leaves out are skipped and reported. The snapshot is kept so
 * later changes of the vendor show as differences.
 */
export async function adoptSplit(deps: Deps, actor: Actor, entryId: string, input: AdoptInput) {
  const entry = await matrixEntry(deps, actor, entryId, true);
  const layers = layersOf(deps);
  const known = new Set(layers.map((l) => l.id));
  const now = deps.now();
  let skipped: SplitPartyRole[] = [];
  await deps.db.transaction().execute(async (trx) => {
    if (!(await lockEntryForContacts(trx, actor.organisationId, entryId))) throw notFound();
    const parties = await listMatrixParties(trx, actor.organisationId, entryId);
    if (!candidateServices(entry, parties).includes(input.service_id)) throw invalid('service_id', bi('この外部サービスに紐付いた事業者サービスではありません', 'This vendor service is not linked to this registered service'));
    const splitRow = await findSplit(trx, input.service_id);
    if (!splitRow) throw invalid('service_id', bi('この事業者サービスには標準の責任分界が宣言されていません', 'This vendor service has no declared split'));
    const split = parseSplit(splitRow.split_json);
    const partyIds = new Set(parties.map((p) => p.id));
    const mapping = input.mapping as Partial<Record<SplitPartyRole, string>>;
    const problems = Object.entries(mapping)
      .filter(([, id]) => !partyIds.has(id!))
      .map(([role]) => ({ field: `mapping.${role}`, reason: bi('この外部サービスの関係事業者ではありません', 'Not a party of this registered service') }));
    if (problems.length) throw new AppError('validation_failed', problems);
    const merged = new Map<string, ResponsibilityRow>();
    const left = new Set<SplitPartyRole>();
    for (const c of split.cells) {
      const partyId = mapping[c.party_role];
      if (!partyId) {
        left.add(c.party_role);
        continue;
      }
      if (!known.has(c.layer_id)) continue;
      const k = `${c.layer_id}\u0000${partyId}`;
      const prev = merged.get(k);
      const duty = prev && (DUTY_RANK.get(prev.duty) ?? 9) < (DUTY_RANK.get(c.duty) ?? 9) ? prev.duty : c.duty ?? prev?.duty ?? null;
      merged.set(k, { organisation_id: actor.organisationId, entry_id: entryId, layer_id: c.layer_id, party_id: partyId, duty, backup: c.backup || prev?.backup ? 1 : 0 });
    }
    const roles: FaultRoleRow[] = [];
    for (const r of split.roles) {
      const partyId = mapping[r.party_role];
      if (!partyId) {
        left.add(r.party_role);
        continue;
      }
      roles.push({ organisation_id: actor.organisationId, entry_id: entryId, role: r.role, party_id: partyId, commitment_minutes: r.commitment_minutes, note: r.note });
    }
    skipped = [...left];
    const cells = [...merged.values()];
    const [beforeCells, beforeRoles] = await Promise.all([listCells(trx, actor.organisationId, entryId), listFaultRoles(trx, actor.organisationId, entryId)]);
    await replaceMatrix(trx, actor.organisationId, entryId, cells, roles);
    await replaceAdoption(trx, { entry_id: entryId, organisation_id: actor.organisationId, service_id: input.service_id, snapshot_json: splitRow.split_json, adopted_at: nowIso(now), adopted_by_label: actor.label });
    const names = new Map(parties.map((p) => [p.id, partyName(p)]));
    const nameOf = (id: string) => names.get(id) ?? id;
    const service = await findVendorService(trx, input.service_id);
    await recordAudit(
      trx,
      actor,
      {
        action: 'entry_responsibilities.adopt',
        targetType: 'register_entry',
        targetId: entryId,
        before: auditedMatrix(beforeCells, beforeRoles, layers, nameOf),
        after: { adopted_from: `${service?.vendor_name ?? ''} ${service?.name ?? ''}`.trim(), vendor_service_id: input.service_id, ...auditedMatrix(cells, roles, layers, nameOf), skipped: skipped.map((r) => roleLabel(r).ja) },
      },
      now,
    );
  });
  return { ...(await buildView(deps, deps.db, actor, entry)), skipped };
}

// ---- the vendor's declared split

/**
 * The service whose split the actor reads: a vendor its own services only; a municipality (or any
 * body with the register) a service one of its entries links to or one of its parties provides.
 * Anything else is not found.
 */
async function splitService(deps: Deps, actor: Actor, serviceId: string, write: boolean) {
  if (actor.organisationKind === 'vendor') {
    await authorize(deps, actor, write ? 'content:write' : 'content:read', { type: 'vendor_service' });
    const own = await findOwnVendorService(deps.db, actor.organisationId, serviceId);
    if (!own) throw notFound();
    return { service: own, canEdit: actor.role !== 'viewer' };
  }
  if (write) {
    await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'vendor_service', targetId: serviceId, after: { reason: 'not_a_vendor' } });
    throw new AppError('forbidden', [{ field: 'service_id', reason: bi('標準の責任分界を宣言できるのはそのサービスの事業者だけです', 'Only the vendor of the service declares its standard split') }]);
  }
  await requireRegister(deps, actor, false);
  const service = await findVendorService(deps.db, serviceId);
  if (!service || !(await organisationUsesService(deps.db, actor.organisationId, serviceId))) throw notFound();
  return { service, canEdit: false };
}

export async function getSplit(deps: Deps, actor: Actor, serviceId: string): Promise<z.infer<typeof splitView>> {
  const { service, canEdit } = await splitService(deps, actor, serviceId, false);
  const row = await findSplit(deps.db, serviceId);
  return {
    service_id: service.id,
    service_name: service.name,
    vendor_name: service.vendor_name,
    layers: layersOf(deps),
    split: row ? parseSplit(row.split_json) : null,
    updated_at: row?.updated_at ?? null,
    updated_by_label: row?.updated_by_label ?? null,
    can_edit: canEdit,
  };
}

/** The vendor declares (or changes) its standard split on its own service, audited. */
export async function saveSplit(deps: Deps, actor: Actor, serviceId: string, input: SplitInput) {
  await splitService(deps, actor, serviceId, true);
  const layers = layersOf(deps);
  const layerName = layerNamer(layers);
  const known = new Set(layers.map((l) => l.id));
  const problems = checkMatrixRows(input.cells, input.roles, (i) => input.cells[i].party_role, (id) => layerName(id).ja);
  input.cells.forEach((c, i) => {
    if (!known.has(c.layer_id)) problems.push({ field: `cells.${i}.layer_id`, reason: bi('責任分界の階層カタログにない階層です', 'This layer is not in the responsibility layers catalogue') });
  });
  if (problems.length) throw new AppError('validation_failed', problems);
  const split: DeclaredSplit = {
    cells: input.cells.map((c) => ({ layer_id: c.layer_id, party_role: c.party_role, duty: c.duty, backup: c.backup })),
    roles: input.roles.map((r) => ({ role: r.role, party_role: r.party_role, commitment_minutes: r.commitment_minutes, note: r.note?.trim() || null })),
    notes: input.notes?.trim() || null,
  };
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const existing = await findSplit(trx, serviceId);
    await upsertSplit(trx, { service_id: serviceId, organisation_id: actor.organisationId, split_json: JSON.stringify(split), updated_at: nowIso(now), updated_by_label: actor.label }, Boolean(existing));
    await recordAudit(
      trx,
      actor,
      { action: 'vendor_service_split.update', targetType: 'vendor_service', targetId: serviceId, before: auditedSplit(existing ? parseSplit(existing.split_json) : null, layers), after: auditedSplit(split, layers) },
      now,
    );
  });
  return getSplit(deps, actor, serviceId);
}
