import type { z } from 'zod';
import type { vendorServiceBody } from '../../../shared/schemas/incidents.ts';
import { bi } from '../../../shared/messages.ts';
import { normaliseForSearch } from '../../../domain/search-text.ts';
import { authorize } from '../../policies/index.ts';
import {
  deleteVendorService,
  findOwnVendorService,
  findVendorServiceByName,
  insertVendorService,
  linkedOrganisationsOfVendor,
  listServicesOfVendor,
  searchVendorServices,
  serviceUsage,
  updateVendorService,
  type VendorServiceRow,
} from '../../repositories/vendor-services.ts';
import { countPartiesOfService } from '../../repositories/parties.ts';
import { presentVendorService } from '../../presenters/incidents.ts';
import { detachServiceDependencies, serviceDependencyUsage } from '../../repositories/dependencies.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit, recordAuditAlone } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';

// A vendor's service profiles: what it offers on the platform. Municipalities link their register
// entries to them, which is what lets the vendor report one incident to all of its users.

type ServiceInput = z.infer<typeof vendorServiceBody>;

export async function requireVendor(deps: Deps, actor: Actor, write: boolean): Promise<void> {
  if (actor.organisationKind !== 'vendor') {
    await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'vendor_service', after: { reason: 'not_a_vendor' } });
    throw new AppError('forbidden');
  }
  await authorize(deps, actor, write ? 'content:write' : 'content:read', { type: 'vendor_service' });
}

const nameTaken = () => new AppError('conflict', [{ field: 'name', reason: bi('同じ名前のサービスが登録されています', 'A service with this name exists') }]);

/** Municipalities, prefectures and associations search every vendor's services; a vendor sees its own. */
export async function searchServices(deps: Deps, actor: Actor, q?: string) {
  const text = q?.trim() || undefined;
  if (actor.organisationKind === 'vendor') {
    await requireVendor(deps, actor, false);
    return { items: (await listServicesOfVendor(deps.db, actor.organisationId, text)).map(presentVendorService) };
  }
  if (actor.organisationKind === 'operator') {
    await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'vendor_service', after: { reason: 'operator' } });
    throw new AppError('forbidden');
  }
  await authorize(deps, actor, 'register:read', { type: 'vendor_service' });
  if (!text) return { items: (await searchVendorServices(deps.db, undefined)).map(presentVendorService) };
  // Matched like the register's search: full-width, half-width and kana variants alike.
  const wanted = normaliseForSearch(text);
  const rows = (await searchVendorServices(deps.db, undefined, 10_000)).filter((r) => normaliseForSearch(`${r.name} ${r.vendor_name} ${r.vendor_corporate_number ?? ''}`).includes(wanted));
  return { items: rows.slice(0, 200).map(presentVendorService) };
}

/** The vendor's services and, for each, the organisations that link to it. */
export async function myServices(deps: Deps, actor: Actor) {
  await requireVendor(deps, actor, false);
  const [services, links] = await Promise.all([listServicesOfVendor(deps.db, actor.organisationId), linkedOrganisationsOfVendor(deps.db, actor.organisationId)]);
  return {
    items: services.map((s) => ({
      id: s.id,
      name: s.name,
      description: s.description,
      linked: links.filter((l) => l.service_id === s.id).map((l) => ({ organisation_id: l.organisation_id, organisation_name: l.organisation_name, organisation_name_en: l.organisation_name_en, entry_count: l.entry_count })),
    })),
  };
}

function snapshot(row: Pick<VendorServiceRow, 'id' | 'name' | 'description'>) {
  return { id: row.id, name: row.name, description: row.description };
}

export async function createService(deps: Deps, actor: Actor, input: ServiceInput) {
  await requireVendor(deps, actor, true);
  const at = nowIso(deps.now());
  const row: VendorServiceRow = { id: newId(), organisation_id: actor.organisationId, name: input.name, description: input.description || null, answer_terms: null, created_at: at, updated_at: at };
  await deps.db.transaction().execute(async (trx) => {
    if (await findVendorServiceByName(trx, actor.organisationId, row.name)) throw nameTaken();
    await insertVendorService(trx, row);
    await recordAudit(trx, actor, { action: 'vendor_service.create', targetType: 'vendor_service', targetId: row.id, after: snapshot(row) }, deps.now());
  });
  return presentVendorService({ ...(await findOwnVendorService(deps.db, actor.organisationId, row.id))!, linked_organisations: 0 });
}

export async function updateService(deps: Deps, actor: Actor, id: string, input: ServiceInput) {
  await requireVendor(deps, actor, true);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const existing = await findOwnVendorService(trx, actor.organisationId, id);
    if (!existing) throw notFound();
    const clash = await findVendorServiceByName(trx, actor.organisationId, input.name);
    if (clash && clash.id !== id) throw nameTaken();
    const changes = { name: input.name, description: input.description || null, updated_at: nowIso(now) };
    await updateVendorService(trx, actor.organisationId, id, changes);
    await recordAudit(trx, actor, { action: 'vendor_service.update', targetType: 'vendor_service', targetId: id, before: snapshot(existing), after: snapshot({ ...existing, ...changes }) }, now);
  });
  const services = await listServicesOfVendor(deps.db, actor.organisationId);
  return presentVendorService(services.find((s) => s.id === id)!);
}

/** Refused while any register links to it or incidents were recorded on it (they keep its name). */
export async function removeService(deps: Deps, actor: Actor, id: string) {
  await requireVendor(deps, actor, true);
  await deps.db.transaction().execute(async (trx) => {
    const existing = await findOwnVendorService(trx, actor.organisationId, id);
    if (!existing) throw notFound();
    const usage = await serviceUsage(trx, id);
    if (usage.entries > 0) throw new AppError('conflict', [{ field: 'id', reason: bi(`${usage.entries}件の台帳の登録がこのサービスに紐付いています。紐付けが外れるまで削除できません`, `${usage.entries} register entries link to this service; it cannot be deleted while linked`) }]);
    const parties = await countPartiesOfService(trx, id);
    if (parties > 0) throw new AppError('conflict', [{ field: 'id', reason: bi(`${parties}件の関係事業者（責任分界）がこのサービスを指定しています。指定が外れるまで削除できません`, `${parties} parties of register entries name this service; it cannot be deleted while named`) }]);
    if (usage.incidents > 0) throw new AppError('conflict', [{ field: 'id', reason: bi(`このサービスには${usage.incidents}件のインシデントの記録があるため削除できません`, `${usage.incidents} incidents were recorded on this service; it cannot be deleted`) }]);
    const running = await serviceDependencyUsage(trx, id);
    if (running.entries > 0) throw new AppError('conflict', [{ field: 'id', reason: bi(`${running.entries}件の台帳の登録がこのサービスで動いていると記録しています。その依存関係が外れるまで削除できません`, `${running.entries} register entries record that they run on this service; it cannot be deleted while they do`) }]);
    if (running.services.length) throw new AppError('conflict', [{ field: 'id', reason: bi(`次のサービスがこのサービスで動いています: ${running.services.join('、')}。その依存関係が外れるまで削除できません`, `These services run on this one: ${running.services.join(', ')}; it cannot be deleted while they do`) }]);
    // What the service itself runs on goes with it; incidents reached through it keep their participants.
    await detachServiceDependencies(trx, id);
    await deleteVendorService(trx, actor.organisationId, id);
    await recordAudit(trx, actor, { action: 'vendor_service.delete', targetType: 'vendor_service', targetId: id, before: snapshot(existing) }, deps.now());
  });
}
