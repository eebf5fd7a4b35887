import type { z } from 'zod';
import type { serviceDependencyBody } from '../../../shared/schemas/dependencies.ts';
import { bi } from '../../../shared/messages.ts';
import {
  deleteServiceDependency,
  findSameServiceDependency,
  findServiceDependency,
  insertServiceDependency,
  serviceDependencies,
  serviceEdgesFrom,
  serviceNames,
  type ServiceDependencyWithNames,
} from '../../repositories/dependencies.ts';
import { findOwnVendorService, findVendorService } from '../../repositories/vendor-services.ts';
import type { Executor } from '../../repositories/executor.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { recordAudit, recordAuditAlone } from '../audit.ts';
import { authorize } from '../../policies/index.ts';
import { requireVendor } from '../incidents/vendor-services.ts';
import type { Actor, Deps } from '../deps.ts';

// A vendor declares what its service runs on (its SaaS on another vendor's IaaS, or on its own
// platform). The service graph is global, so a cycle across vendors is refused the same way.
// Municipalities, prefectures and associations read what a service runs on; only its vendor sees
// what runs on it.

type CreateInput = z.infer<typeof serviceDependencyBody>;

const serviceLabel = (s: { name: string; vendor_name: string }) => `${s.name}（${s.vendor_name}）`;

function present(row: ServiceDependencyWithNames) {
  return { id: row.id, service: { id: row.other_service_id, name: row.other_service_name, vendor_name: row.other_vendor_name }, note: row.note, created_at: row.created_at };
}

export async function getServiceDependencies(deps: Deps, actor: Actor, serviceId: string) {
  if (actor.organisationKind === 'vendor') {
    await requireVendor(deps, actor, false);
    const own = await findOwnVendorService(deps.db, actor.organisationId, serviceId);
    if (!own) throw notFound();
    const [up, down] = await Promise.all([serviceDependencies(deps.db, serviceId, 'up'), serviceDependencies(deps.db, serviceId, 'down')]);
    return { service: { id: own.id, name: own.name, vendor_name: own.vendor_name }, runs_on: up.map(present), run_on_by: down.map(present) };
  }
  if (actor.organisationKind === 'operator') {
    await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'vendor_service', targetId: serviceId, after: { reason: 'operator' } });
    throw new AppError('forbidden');
  }
  await authorize(deps, actor, 'register:read', { type: 'vendor_service' });
  const service = await findVendorService(deps.db, serviceId);
  if (!service) throw notFound();
  return { service: { id: service.id, name: service.name, vendor_name: service.vendor_name }, runs_on: (await serviceDependencies(deps.db, serviceId, 'up')).map(present), run_on_by: [] };
}

/** S runs on T closes a cycle when T already runs on S: the way round, S first and last. */
async function serviceCycle(db: Executor, s: string, t: string): Promise<string[] | null> {
  if (s === t) return [s, s];
  const parent = new Map<string, string>([[t, '']]);
  let frontier = [t];
  while (frontier.length) {
    const next: string[] = [];
    for (const edge of await serviceEdgesFrom(db, frontier)) {
      if (parent.has(edge.depends_on_service_id)) continue;
      parent.set(edge.depends_on_service_id, edge.service_id);
      if (edge.depends_on_service_id === s) {
        const way = [s];
        for (let at = edge.service_id; at; at = parent.get(at)!) way.unshift(at);
        return [s, ...way];
      }
      next.push(edge.depends_on_service_id);
    }
    frontier = next;
  }
  return null;
}

export async function addServiceDependency(deps: Deps, actor: Actor, serviceId: string, input: CreateInput) {
  await requireVendor(deps, actor, true);
  const own = await findOwnVendorService(deps.db, actor.organisationId, serviceId);
  if (!own) throw notFound();
  const now = deps.now();
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const other = await findVendorService(trx, input.depends_on_service_id);
    if (!other) throw invalid('depends_on_service_id', bi('依存先のサービスが見つかりません', 'The service it runs on was not found'));
    const cycle = await serviceCycle(trx, own.id, other.id);
    if (cycle) {
      const names = new Map((await serviceNames(trx, [...new Set(cycle)])).map((s) => [s.id, serviceLabel(s)]));
      const words = cycle.map((c) => names.get(c) ?? c).join(' → ');
      throw invalid(
        'depends_on_service_id',
        own.id === other.id ? bi('サービスは自分自身に依存できません', 'A service cannot run on itself') : bi(`依存関係が循環します（→ は「…で動いている」）: ${words}`, `This would make a cycle (→ means "runs on"): ${words}`),
      );
    }
    if (await findSameServiceDependency(trx, own.id, other.id)) {
      throw new AppError('conflict', [{ field: 'depends_on_service_id', reason: bi('この依存関係はすでに登録されています', 'This dependency is already recorded') }]);
    }
    await insertServiceDependency(trx, { id, organisation_id: actor.organisationId, service_id: own.id, depends_on_service_id: other.id, note: input.note || null, created_at: nowIso(now), created_by_label: actor.label });
    await recordAudit(trx, actor, { action: 'vendor_service_dependency.add', targetType: 'vendor_service', targetId: own.id, after: { depends_on: serviceLabel(other), note: input.note || null } }, now);
  });
  return present((await serviceDependencies(deps.db, own.id, 'up')).find((d) => d.id === id)!);
}

export async function removeServiceDependency(deps: Deps, actor: Actor, id: string) {
  await requireVendor(deps, actor, true);
  const existing = await findServiceDependency(deps.db, actor.organisationId, id);
  if (!existing) throw notFound();
  await deps.db.transaction().execute(async (trx) => {
    const row = (await serviceDependencies(trx, existing.service_id, 'up')).find((d) => d.id === id)!;
    await deleteServiceDependency(trx, actor.organisationId, id);
    await recordAudit(trx, actor, { action: 'vendor_service_dependency.remove', targetType: 'vendor_service', targetId: existing.service_id, before: { depends_on: serviceLabel({ name: row.other_service_name, vendor_name: row.other_vendor_name }), note: row.note } }, deps.now());
  });
}
