import { impactBand } from '../../../domain/impact.ts';
import { PARTY_LABELS } from '../../../shared/parties.ts';
import type { WhatIfTargetType } from '../../../shared/schemas/dependencies.ts';
import {
  entriesOfVendor,
  entriesWithVendorOrganisation,
  entryFacts,
  organisationNames,
  partiesByRole,
  serviceIdsOfVendorOrganisation,
  serviceNames,
  servicesTouchedBy,
} from '../../repositories/dependencies.ts';
import { findVendor, listVendors } from '../../repositories/vendors.ts';
import { findOwnVendorService, findVendorService, searchVendorServices } from '../../repositories/vendor-services.ts';
import { findEntry, listEntries } from '../../repositories/register-entries.ts';
import { notFound } from '../app-error.ts';
import { requireRegister } from '../register.ts';
import { requireVendor } from '../incidents/vendor-services.ts';
import type { Actor, Deps } from '../deps.ts';
import { pathTo, walkFailure, type Seeds } from './graph.ts';

// "What stops if X fails?" for one organisation's register: every entry in use that the failure of a
// vendor, a platform vendor, a vendor service or one of its own entries reaches, ranked by
// 行政運営影響度 and then residents, each with the way it is reached. And the vendor's view of the same
// walk over the whole platform: the organisations its service reaches (names and counts only).

async function seedsOf(deps: Deps, actor: Actor, type: WhatIfTargetType, id: string): Promise<{ name: string; seeds: Seeds; vendorStep?: { id: string; name: string } }> {
  const org = actor.organisationId;
  if (type === 'vendor') {
    const vendor = await findVendor(deps.db, org, id);
    if (!vendor) throw notFound();
    const ids = await entriesOfVendor(deps.db, org, id);
    return { name: vendor.name, seeds: { entries: ids.map((e) => ({ id: e, organisationId: org })) }, vendorStep: { id, name: vendor.name } };
  }
  if (type === 'vendor_organisation') {
    const vendorOrganisation = (await organisationNames(deps.db, [id]))[0];
    const services = await serviceIdsOfVendorOrganisation(deps.db, id);
    const ids = await entriesWithVendorOrganisation(deps.db, org, id);
    if (!vendorOrganisation || (!services.length && !ids.length)) throw notFound();
    return { name: vendorOrganisation.name, seeds: { services: services.map((s) => s.id), entries: ids.map((e) => ({ id: e, organisationId: org })) }, vendorStep: { id, name: vendorOrganisation.name } };
  }
  if (type === 'vendor_service') {
    const service = await findVendorService(deps.db, id);
    if (!service) throw notFound();
    return { name: `${service.name}（${service.vendor_name}）`, seeds: { services: [id] } };
  }
  const entry = await findEntry(deps.db, org, id);
  if (!entry) throw notFound();
  return { name: `${entry.external_key} ${entry.name}`, seeds: { failedEntry: id } };
}

export async function whatIf(deps: Deps, actor: Actor, type: WhatIfTargetType, id: string) {
  await requireRegister(deps, actor, false);
  const org = actor.organisationId;
  const { name, seeds, vendorStep } = await seedsOf(deps, actor, type, id);
  const walk = await walkFailure(deps.db, seeds, org);
  const entryIds = [...walk.entries.keys()];
  const facts = await entryFacts(deps.db, org, entryIds);
  const paths = new Map(entryIds.map((e) => [e, pathTo(walk, e)]));
  const serviceIds = [...new Set([...paths.values()].flat().filter((s) => s.kind === 'service').map((s) => s.id))];
  const names = new Map<string, string>((await serviceNames(deps.db, serviceIds)).map((s) => [s.id, s.name]));
  for (const f of facts) names.set(f.id, `${f.external_key} ${f.name}`);
  const pathEntryIds = [...new Set([...paths.values()].flat().filter((s) => s.kind === 'entry' && !names.has(s.id)).map((s) => s.id))];
  for (const f of await entryFacts(deps.db, org, pathEntryIds)) names.set(f.id, `${f.external_key} ${f.name}`);

  const items = facts.map((f) => {
    const steps = paths.get(f.id)!;
    const path = [...(vendorStep && steps[0]?.kind !== 'service' ? [{ kind: 'vendor' as const, ...vendorStep }] : []), ...steps.map((s) => ({ kind: s.kind, id: s.id, name: names.get(s.id) ?? '' }))];
    // Direct: the failed thing is the entry's own vendor / party / service (one step at most).
    const viaEntry = steps.some((s) => s.kind === 'entry' && s.id !== seeds.failedEntry);
    const viaService = steps.filter((s) => s.kind === 'service').length > 1;
    const reached = viaEntry ? ('entry' as const) : viaService ? ('service' as const) : ('direct' as const);
    return {
      entry: { id: f.id, external_key: f.external_key, name: f.name, department: f.department },
      administrative_impact: Number(f.administrative_impact),
      band: impactBand(Number(f.administrative_impact)),
      resident_impact: Number(f.resident_impact),
      residents_held: f.residents_held === null ? null : Number(f.residents_held),
      reached,
      path,
    };
  });
  items.sort(
    (a, b) =>
      b.administrative_impact - a.administrative_impact ||
      (b.residents_held ?? -1) - (a.residents_held ?? -1) ||
      b.resident_impact - a.resident_impact ||
      a.entry.external_key.localeCompare(b.entry.external_key),
  );
  return {
    target: { type, id, name },
    items,
    summary: { total: items.length, high: items.filter((i) => i.band === 'high').length, residents: items.reduce((sum, i) => sum + (i.residents_held ?? 0), 0) },
  };
}

const ROLE_GROUPS = ['data_centre', 'network_carrier', 'cloud_provider'] as const;

/** What the picker offers: parties by role (data centres, carriers, clouds), vendors, platform vendors, services, own entries. */
export async function whatIfTargets(deps: Deps, actor: Actor) {
  await requireRegister(deps, actor, false);
  const org = actor.organisationId;
  const [parties, vendors, touched, entries, platform] = await Promise.all([
    partiesByRole(deps.db, org, [...ROLE_GROUPS]),
    listVendors(deps.db, org),
    servicesTouchedBy(deps.db, org),
    listEntries(deps.db, { organisationId: org }, { sort: 'external_key', order: 'asc', offset: 0, limit: 2000 }),
    searchVendorServices(deps.db, undefined, 500),
  ]);
  type Group = { key: string; label: string; label_en: string; options: { target_type: WhatIfTargetType; target_id: string; label: string }[] };
  const groups: Group[] = ROLE_GROUPS.map((role) => {
    const seen = new Set<string>();
    const options = parties
      .filter((p) => p.role === role)
      .flatMap((p) => {
        const option = p.vendor_id
          ? { target_type: 'vendor' as const, target_id: p.vendor_id, label: p.vendor_name ?? '' }
          : p.vendor_organisation_id
            ? { target_type: 'vendor_organisation' as const, target_id: p.vendor_organisation_id, label: p.vendor_organisation_name ?? '' }
            : null;
        if (!option || seen.has(option.target_id)) return [];
        seen.add(option.target_id);
        return [option];
      });
    return { key: role, label: PARTY_LABELS.role[role].ja, label_en: PARTY_LABELS.role[role].en, options };
  });
  const touchedSet = new Set(touched);
  const vendorOrgs = new Map<string, string>();
  for (const s of platform) vendorOrgs.set(s.organisation_id, s.vendor_name);
  // The services the register touches first, then the rest of the platform.
  const services = [...platform].sort((a, b) => Number(touchedSet.has(b.id)) - Number(touchedSet.has(a.id)));
  groups.push(
    { key: 'vendor_service', label: '事業者のサービス', label_en: 'Vendor services', options: services.map((s) => ({ target_type: 'vendor_service' as const, target_id: s.id, label: `${s.name}（${s.vendor_name}）` })) },
    { key: 'vendor', label: '事業者（自団体の一覧）', label_en: 'Vendors (your list)', options: vendors.map((v) => ({ target_type: 'vendor' as const, target_id: v.id, label: v.name })) },
    { key: 'vendor_organisation', label: 'プラットフォームの事業者', label_en: 'Vendors on the platform', options: [...vendorOrgs].map(([id, name]) => ({ target_type: 'vendor_organisation' as const, target_id: id, label: name })) },
    { key: 'entry', label: '自団体の外部サービス', label_en: 'Your register entries', options: entries.map((e) => ({ target_type: 'entry' as const, target_id: e.id, label: `${e.external_key} ${e.name}` })) },
  );
  return { groups: groups.filter((g) => g.options.length) };
}

/** The vendor's reach of its own service: every organisation the failure reaches, and how many entries; never entry names. */
export async function serviceReach(deps: Deps, actor: Actor, serviceId: string) {
  await requireVendor(deps, actor, false);
  const service = await findOwnVendorService(deps.db, actor.organisationId, serviceId);
  if (!service) throw notFound();
  return reachOf(deps, service);
}

export async function reachOf(deps: Deps, service: { id: string; name: string; vendor_name: string }) {
  const walk = await walkFailure(deps.db, { services: [service.id] });
  const byOrg = new Map<string, { entries: number; direct: number; via: Set<string> }>();
  for (const [entryId, reached] of walk.entries) {
    const row = byOrg.get(reached.organisationId) ?? { entries: 0, direct: 0, via: new Set<string>() };
    row.entries += 1;
    const services = pathTo(walk, entryId).filter((s) => s.kind === 'service');
    const nearest = services[services.length - 1]?.id;
    if (reached.parent.kind === 'service' && nearest === service.id) row.direct += 1;
    if (nearest && nearest !== service.id) row.via.add(nearest);
    byOrg.set(reached.organisationId, row);
  }
  const orgNames = new Map((await organisationNames(deps.db, [...byOrg.keys()])).map((o) => [o.id, o]));
  const viaNames = new Map((await serviceNames(deps.db, [...new Set([...byOrg.values()].flatMap((r) => [...r.via]))])).map((s) => [s.id, s.name]));
  const organisations = [...byOrg]
    .map(([id, r]) => ({
      organisation_id: id,
      organisation_name: orgNames.get(id)?.name ?? '',
      organisation_name_en: orgNames.get(id)?.name_en ?? null,
      entries: r.entries,
      direct_entries: r.direct,
      via: [...r.via].map((v) => ({ id: v, name: viaNames.get(v) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'ja')),
    }))
    .sort((a, b) => b.entries - a.entries || a.organisation_name.localeCompare(b.organisation_name, 'ja'));
  return {
    service: { id: service.id, name: service.name, vendor_name: service.vendor_name },
    organisations,
    summary: { organisations: organisations.length, entries: walk.entries.size, via_dependency: organisations.filter((o) => o.direct_entries < o.entries).length },
  };
}
