// The header search: register entries, assessments, vendors, incidents (and, for a vendor, its own
// services and answer requests) and catalogue items at once, with the register list's Japanese
// matching (domain/search-text.ts: full/half width, case, hiragana/katakana fold; every word must
// match). Each group is read through the feature's own service, so it sees exactly what the caller's
// lists show (another organisation's objects never appear); a group the caller's role has no access
// to is left out without asking (asking would record a denial).
import type { z } from 'zod';
import { normaliseForSearch } from '../../../domain/search-text.ts';
import { catalogueItems } from '../../../shared/catalogue.ts';
import { can } from '../../../shared/roles.ts';
import { assessmentListQuery } from '../../../shared/schemas/assessments.ts';
import { entryListQuery } from '../../../shared/schemas/register.ts';
import { incidentListQuery } from '../../../shared/schemas/incidents.ts';
import type { searchQuery, searchResponse, SearchKind } from '../../../shared/schemas/search.ts';
import { findUserById } from '../../repositories/users.ts';
import { listCurrentCatalogues } from '../catalogues/registry.ts';
import { listOrganisationAssessments } from '../assessments/list.ts';
import type { Actor, Deps } from '../deps.ts';
import { listIncidents } from '../incidents/incidents.ts';
import { myServices } from '../incidents/vendor-services.ts';
import { localeOf, type Locale } from '../notifications/mail.ts';
import { listRegister } from '../register.ts';
import { vendorRequests } from '../vendor-portal/answers.ts';
import { listOrganisationVendors } from '../vendors.ts';

type Hit = { id: string; title: string; subtitle: string | null; path: string };
type Group = { kind: SearchKind; total: number; items: Hit[] };

/** Words of the query, normalised as the register's search column is. */
export function searchWords(q: string): string[] {
  return normaliseForSearch(q).split(' ').filter(Boolean);
}

/** Whether every word occurs in the fields (normalised alike). */
export function matchesAll(words: readonly string[], ...fields: (string | null | undefined)[]): boolean {
  const text = normaliseForSearch(fields.filter(Boolean).join(' '));
  return words.every((word) => text.includes(word));
}

function group(kind: SearchKind, hits: Hit[], limit: number): Group {
  return { kind, total: hits.length, items: hits.slice(0, limit) };
}

export async function searchEverything(deps: Deps, actor: Actor, query: z.infer<typeof searchQuery>): Promise<z.infer<typeof searchResponse>> {
  const words = searchWords(query.q);
  const limit = query.limit;
  const locale: Locale = actor.userId ? localeOf((await findUserById(deps.db, actor.userId))?.locale) : 'ja';
  const may = (permission: Parameters<typeof can>[2]) => can(actor.role, actor.organisationKind, permission);
  const pick = (name: { ja: string; en: string }) => name[locale];
  const vendor = actor.organisationKind === 'vendor';
  const keepsRegister = may('register:read');
  const groups: Promise<Group>[] = [];
  if (words.length === 0) return { q: query.q, groups: [] };

  if (keepsRegister) {
    groups.push(
      (async () => {
        // The register list itself, with its stored search column: the very same matching.
        const found = await listRegister(deps, actor, entryListQuery.parse({ q: query.q, page_size: limit, sort: 'external_key', order: 'asc' }));
        return {
          kind: 'entries' as const,
          total: found.total,
          items: found.items.map((e) => ({ id: e.id, title: `${e.external_key} ${e.name}`, subtitle: [e.department, e.vendor?.name].filter(Boolean).join(' / ') || null, path: `/register/${e.id}` })),
        };
      })(),
      (async () => {
        const found = await listOrganisationAssessments(deps, actor, assessmentListQuery.parse({ page_size: 500 }));
        const hits = found.items
          .filter((a) => matchesAll(words, a.entry.external_key, a.entry.name, a.catalogue.name.ja, a.catalogue.name.en))
          .map((a) => ({ id: a.id, title: `${a.entry.external_key} ${a.entry.name}`, subtitle: pick(a.catalogue.name), path: `/assessments/${a.id}` }));
        return group('assessments', hits, limit);
      })(),
      (async () => {
        const found = await listOrganisationVendors(deps, actor);
        const hits = found
          .filter((v) => matchesAll(words, v.name, v.corporate_number, v.address, v.contact_name, v.notes))
          .map((v) => ({ id: v.id, title: v.name, subtitle: v.corporate_number ?? v.address ?? null, path: '/vendors' }));
        return group('vendors', hits, limit);
      })(),
    );
  }

  if (actor.organisationKind !== 'operator' && (vendor ? may('content:read') : keepsRegister)) {
    groups.push(
      (async () => {
        const found = await listIncidents(deps, actor, incidentListQuery.parse({}));
        const hits = found.items
          .filter((i) => matchesAll(words, i.title, i.vendor_service?.name, i.vendor_name, i.reporter_name))
          .map((i) => ({ id: i.id, title: i.title, subtitle: [i.vendor_name, i.vendor_service?.name].filter(Boolean).join(' / ') || null, path: `/incidents/${i.id}` }));
        return group('incidents', hits, limit);
      })(),
    );
  }

  if (vendor && may('vendor_service:manage')) {
    groups.push(
      (async () => {
        const found = await myServices(deps, actor);
        const hits = found.items
          .filter((s) => matchesAll(words, s.name, s.description))
          .map((s) => ({ id: s.id, title: s.name, subtitle: s.linked.map((l) => l.organisation_name).join('・') || null, path: '/vendor/services' }));
        return group('vendor_services', hits, limit);
      })(),
      (async () => {
        const found = await vendorRequests(deps, actor);
        const hits = found.items
          .filter((r) => matchesAll(words, r.organisation_name, r.service_name, r.catalogue_name.ja, r.catalogue_name.en))
          .map((r) => ({ id: r.id, title: `${r.organisation_name}（${r.service_name}）`, subtitle: pick(r.catalogue_name), path: `/vendor/services/${r.service_id}/answers?catalogue=${encodeURIComponent(r.catalogue_urn)}` }));
        return group('answer_requests', hits, limit);
      })(),
    );
  }

  // Catalogue items are public reference: every catalogue the organisation can use now (its own questionnaires too).
  if (keepsRegister || may('vendor_service:manage')) {
    groups.push(
      (async () => {
        const versions = await listCurrentCatalogues(deps, actor.organisationId);
        const hits = versions.flatMap((version) =>
          catalogueItems(version.catalogue)
            .filter((item) => matchesAll(words, item.key, item.name.ja, item.name.en))
            .map((item) => ({ id: `${version.id}:${item.key}`, title: `${item.key} ${pick(item.name)}`, subtitle: pick(version.catalogue.name), path: `/catalogues/${version.id}` })),
        );
        return group('catalogue_items', hits, limit);
      })(),
    );
  }

  const found = (await Promise.all(groups)).filter((g) => g.total > 0);
  return { q: query.q, groups: found };
}
