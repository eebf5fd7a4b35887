import type { z } from 'zod';
import type { dependencyPatchBody, entryDependencyBody } from '../../../shared/schemas/dependencies.ts';
import { bi } from '../../../shared/messages.ts';
import {
  deleteEntryDependency,
  dependenciesOfEntry,
  dependentsOfEntry,
  entryEdgesFrom,
  findEntryDependency,
  findSameEntryDependency,
  insertEntryDependency,
  serviceEdgesFrom,
  serviceNames,
  updateEntryDependencyNote,
  type EntryDependencyWithNames,
} from '../../repositories/dependencies.ts';
import { findEntry, findEntriesByIds, type EntryWithNames } from '../../repositories/register-entries.ts';
import { findVendorService } from '../../repositories/vendor-services.ts';
import type { Executor } from '../../repositories/executor.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { canEditEntry, requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import { joinOpenIncidentsOf } from './incident-reach.ts';

// What a register entry runs on: another entry of the organisation (a system on the 基盤, several
// systems in one data centre) or a vendor's service on the platform. A cycle is refused when it is
// recorded, with the way round in words; the incident fan-out and the what-if walk follow these edges.

type CreateInput = z.infer<typeof entryDependencyBody>;
type PatchInput = z.infer<typeof dependencyPatchBody>;

const entryLabel = (e: { external_key: string; name: string }) => `${e.external_key} ${e.name}`;
const serviceLabel = (s: { name: string; vendor_name: string }) => `${s.name}（${s.vendor_name}）`;

function present(row: EntryDependencyWithNames, side: 'up' | 'down') {
  const isEntry = side === 'down' || row.depends_on_entry_id !== null;
  return {
    id: row.id,
    kind: isEntry ? ('entry' as const) : ('service' as const),
    entry: isEntry && row.other_entry_id ? { id: row.other_entry_id, external_key: row.other_external_key!, name: row.other_name! } : null,
    service: !isEntry && row.depends_on_service_id ? { id: row.depends_on_service_id, name: row.service_name ?? '', vendor_name: row.service_vendor_name ?? '' } : null,
    note: row.note,
    created_at: row.created_at,
  };
}

function snapshot(row: EntryDependencyWithNames) {
  const target = row.depends_on_entry_id ? entryLabel({ external_key: row.other_external_key ?? '', name: row.other_name ?? '' }) : serviceLabel({ name: row.service_name ?? '', vendor_name: row.service_vendor_name ?? '' });
  return { depends_on: target, note: row.note };
}

async function readableEntry(deps: Deps, actor: Actor, entryId: string) {
  await requireRegister(deps, actor, false);
  const entry = await findEntry(deps.db, actor.organisationId, entryId);
  if (!entry) throw notFound();
  return entry;
}

/** Another 所管課's entry: refused, the refusal audited. */
async function requireEditable(deps: Deps, actor: Actor, entry: EntryWithNames) {
  await requireRegister(deps, actor, true);
  if (canEditEntry(actor, entry.department)) return;
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'register_entry', targetId: entry.id, after: { reason: 'other_department', department: entry.department, feature: 'dependencies' } }, deps.now()),
  );
  throw new AppError('forbidden', [{ field: 'department', reason: bi(`所管課（${actor.department}）以外の外部サービスの依存関係は編集できません`, `Only your department's (${actor.department}) services' dependencies can be edited`) }]);
}

/** What the services used by the entry run on (declared by their vendors), two levels up at most. */
async function servicesRunOn(db: Executor, serviceIds: string[]) {
  if (!serviceIds.length) return [];
  const edges = await serviceEdgesFrom(db, serviceIds);
  const names = new Map((await serviceNames(db, [...new Set([...serviceIds, ...edges.map((e) => e.depends_on_service_id)])])).map((s) => [s.id, s]));
  return serviceIds
    .filter((id) => names.has(id))
    .map((id) => ({
      service: names.get(id)!,
      runs_on: edges.filter((e) => e.service_id === id && names.has(e.depends_on_service_id)).map((e) => names.get(e.depends_on_service_id)!),
    }));
}

export async function getEntryDependencies(deps: Deps, actor: Actor, entryId: string) {
  const entry = await readableEntry(deps, actor, entryId);
  const [up, down] = await Promise.all([dependenciesOfEntry(deps.db, actor.organisationId, entryId), dependentsOfEntry(deps.db, actor.organisationId, entryId)]);
  const used = [...new Set([entry.vendor_service_id, ...up.map((d) => d.depends_on_service_id)].filter((id): id is string => !!id))];
  return {
    depends_on: up.map((d) => present(d, 'up')),
    depended_on_by: down.map((d) => present(d, 'down')),
    services_run_on: await servicesRunOn(deps.db, used),
    can_edit: canEditEntry(actor, entry.department),
  };
}

/**
 * X runs on Y closes a cycle when Y already runs on X, directly or through other entries: walk up from
 * Y; the way round is returned (X first and last) so the error can say it in words.
 */
async function entryCycle(db: Executor, organisationId: string, x: string, y: string): Promise<string[] | null> {
  if (x === y) return [x, x];
  const parent = new Map<string, string>([[y, '']]);
  let frontier = [y];
  while (frontier.length) {
    const next: string[] = [];
    for (const edge of await entryEdgesFrom(db, organisationId, frontier)) {
      if (parent.has(edge.depends_on_entry_id)) continue;
      parent.set(edge.depends_on_entry_id, edge.entry_id);
      if (edge.depends_on_entry_id === x) {
        const way = [x];
        for (let at = edge.entry_id; at; at = parent.get(at)!) way.unshift(at);
        return [x, ...way];
      }
      next.push(edge.depends_on_entry_id);
    }
    frontier = next;
  }
  return null;
}

export async function addEntryDependency(deps: Deps, actor: Actor, entryId: string, input: CreateInput) {
  const entry = await readableEntry(deps, actor, entryId);
  await requireEditable(deps, actor, entry);
  const onEntry = input.depends_on_entry_id ?? null;
  const onService = input.depends_on_service_id ?? null;
  if ((onEntry ? 1 : 0) + (onService ? 1 : 0) !== 1) {
    throw invalid('depends_on_entry_id', bi('依存先として、自団体の外部サービス（台帳の登録）か事業者のサービスのどちらか一つを選んでください', 'Choose exactly one thing it runs on: a register entry of your organisation or a vendor service'));
  }
  const now = deps.now();
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    if (onEntry) {
      const other = await findEntry(trx, actor.organisationId, onEntry);
      // Another organisation's entry is not found, exactly like one that does not exist.
      if (!other) throw invalid('depends_on_entry_id', bi('依存先の外部サービス（台帳の登録）が見つかりません', 'The register entry it runs on was not found'));
      const cycle = await entryCycle(trx, actor.organisationId, entry.id, other.id);
      if (cycle) {
        const named = new Map((await findEntriesByIds(trx, actor.organisationId, [...new Set(cycle)])).map((e) => [e.id, entryLabel(e)]));
        const words = cycle.map((c) => named.get(c) ?? c).join(' → ');
        throw invalid(
          'depends_on_entry_id',
          entry.id === other.id
            ? bi('外部サービスは自分自身に依存できません', 'An entry cannot run on itself')
            : bi(`依存関係が循環します（→ は「…で動いている」）: ${words}`, `This would make a cycle (→ means "runs on"): ${words}`),
        );
      }
    } else {
      const service = await findVendorService(trx, onService!);
      if (!service) throw invalid('depends_on_service_id', bi('依存先の事業者のサービスが見つかりません', 'The vendor service it runs on was not found'));
    }
    if (await findSameEntryDependency(trx, actor.organisationId, entry.id, { entryId: onEntry, serviceId: onService })) {
      throw new AppError('conflict', [{ field: onEntry ? 'depends_on_entry_id' : 'depends_on_service_id', reason: bi('この依存関係はすでに登録されています', 'This dependency is already recorded') }]);
    }
    await insertEntryDependency(trx, { id, organisation_id: actor.organisationId, entry_id: entry.id, depends_on_entry_id: onEntry, depends_on_service_id: onService, note: input.note || null, created_at: nowIso(now), created_by_label: actor.label });
    const row = (await dependenciesOfEntry(trx, actor.organisationId, entry.id)).find((d) => d.id === id)!;
    await recordAudit(trx, actor, { action: 'entry_dependency.add', targetType: 'register_entry', targetId: entry.id, after: snapshot(row) }, now);
    // Running on a service with an incident open makes the organisation take part in it at once.
    if (onService && entry.status !== 'ended') await joinOpenIncidentsOf(trx, deps, actor.organisationId, onService);
  });
  return present((await dependenciesOfEntry(deps.db, actor.organisationId, entry.id)).find((d) => d.id === id)!, 'up');
}

async function editableDependency(deps: Deps, actor: Actor, id: string) {
  await requireRegister(deps, actor, false);
  const row = await findEntryDependency(deps.db, actor.organisationId, id);
  if (!row) throw notFound();
  const entry = await findEntry(deps.db, actor.organisationId, row.entry_id);
  if (!entry) throw notFound();
  await requireEditable(deps, actor, entry);
  return row;
}

export async function updateEntryDependency(deps: Deps, actor: Actor, id: string, input: PatchInput) {
  const existing = await editableDependency(deps, actor, id);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = (await dependenciesOfEntry(trx, actor.organisationId, existing.entry_id)).find((d) => d.id === id)!;
    if (input.note === undefined) return;
    await updateEntryDependencyNote(trx, actor.organisationId, id, input.note || null);
    await recordAudit(trx, actor, { action: 'entry_dependency.update', targetType: 'register_entry', targetId: existing.entry_id, before: snapshot(before), after: snapshot({ ...before, note: input.note || null }) }, now);
  });
  return present((await dependenciesOfEntry(deps.db, actor.organisationId, existing.entry_id)).find((d) => d.id === id)!, 'up');
}

export async function removeEntryDependency(deps: Deps, actor: Actor, id: string) {
  const existing = await editableDependency(deps, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    const before = (await dependenciesOfEntry(trx, actor.organisationId, existing.entry_id)).find((d) => d.id === id)!;
    await deleteEntryDependency(trx, actor.organisationId, id);
    await recordAudit(trx, actor, { action: 'entry_dependency.remove', targetType: 'register_entry', targetId: existing.entry_id, before: snapshot(before) }, deps.now());
  });
}
