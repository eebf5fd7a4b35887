import { entriesOnEntries, entriesOnServices, entryRanks, servicesRunningOn, type EntryHit } from '../../repositories/dependencies.ts';
import type { Executor } from '../../repositories/executor.ts';

// The walk behind "what stops if X fails" and the incident fan-out. Failure runs along the edges
// "Y fails → X stops": a service → the services that run on it → the entries linked to any of them,
// with a party providing one, or running on one → the entries that run on those entries, and so on.
// Breadth first, one batch of queries per level (never one query per entry); the first way an entry
// is reached is the shortest, and it is the one shown. Cycles are refused when edges are recorded;
// the walk still stops at what it has seen, so a cycle slipped in by a race cannot loop.

/** Levels walked at most (the graphs people record are a few levels deep). */
const MAX_LEVELS = 50;

export interface ReachedEntry {
  organisationId: string;
  /** How it was reached: from a failed service (`link`, `party`, `dependency`), from an entry, or it is a seed. */
  parent: { kind: 'service'; id: string; how: EntryHit['how'] } | { kind: 'entry'; id: string } | { kind: 'seed' };
}

export interface Walk {
  /** Every service that stops, with the service it runs on that stopped first (null for a failed service itself). */
  services: Map<string, string | null>;
  /** Every entry that stops, by id. */
  entries: Map<string, ReachedEntry>;
}

export interface Seeds {
  /** Services that fail. */
  services?: string[];
  /** Entries that stop themselves (e.g. their vendor fails); they are part of the answer. */
  entries?: { id: string; organisationId: string }[];
  /** An entry that fails: what runs on it stops, the entry itself is not part of the answer. */
  failedEntry?: string;
}

export async function walkFailure(db: Executor, seeds: Seeds, organisationId?: string): Promise<Walk> {
  const services = new Map<string, string | null>();
  const depth = new Map<string, number>();
  for (const id of seeds.services ?? []) {
    services.set(id, null);
    depth.set(id, 0);
  }
  let frontier = [...services.keys()];
  for (let level = 1; frontier.length && level < MAX_LEVELS; level += 1) {
    const next: string[] = [];
    for (const edge of await servicesRunningOn(db, frontier)) {
      if (services.has(edge.service_id)) continue;
      services.set(edge.service_id, edge.depends_on_service_id);
      depth.set(edge.service_id, level);
      next.push(edge.service_id);
    }
    frontier = next;
  }

  const entries = new Map<string, ReachedEntry>();
  for (const seed of seeds.entries ?? []) entries.set(seed.id, { organisationId: seed.organisationId, parent: { kind: 'seed' } });
  // The way through the service nearest the failure wins (a direct link before one through a SaaS).
  const hits = services.size ? await entriesOnServices(db, [...services.keys()], organisationId) : [];
  hits.sort((a, b) => depth.get(a.from_id)! - depth.get(b.from_id)! || HOW_ORDER[a.how] - HOW_ORDER[b.how]);
  for (const hit of hits) {
    if (!entries.has(hit.entry_id)) entries.set(hit.entry_id, { organisationId: hit.organisation_id, parent: { kind: 'service', id: hit.from_id, how: hit.how } });
  }

  let entryFrontier = [...entries.keys(), ...(seeds.failedEntry ? [seeds.failedEntry] : [])];
  for (let level = 0; entryFrontier.length && level < MAX_LEVELS; level += 1) {
    const next: string[] = [];
    for (const hit of await entriesOnEntries(db, entryFrontier, organisationId)) {
      if (entries.has(hit.entry_id) || hit.entry_id === seeds.failedEntry) continue;
      entries.set(hit.entry_id, { organisationId: hit.organisation_id, parent: { kind: 'entry', id: hit.from_id } });
      next.push(hit.entry_id);
    }
    entryFrontier = next;
  }
  return { services, entries };
}

const HOW_ORDER: Record<EntryHit['how'], number> = { link: 0, party: 1, dependency: 2 };

export type PathStep = { kind: 'service' | 'entry'; id: string };

/** The way from the failure to the entry, failure first, the entry itself left out. */
export function pathTo(walk: Walk, entryId: string): PathStep[] {
  const steps: PathStep[] = [];
  let current = walk.entries.get(entryId);
  const seen = new Set<string>([entryId]);
  while (current && current.parent.kind === 'entry') {
    const id = current.parent.id;
    if (seen.has(id)) break;
    seen.add(id);
    steps.unshift({ kind: 'entry', id });
    current = walk.entries.get(id);
  }
  if (current?.parent.kind === 'service') {
    let service: string | null = current.parent.id;
    while (service && !seen.has(service)) {
      seen.add(service);
      steps.unshift({ kind: 'service', id: service });
      service = walk.services.get(service) ?? null;
    }
  }
  return steps;
}

/**
 * How an incident on `serviceId` reached the entry: the service next to the entry when it is not the
 * incident's own (the SaaS that runs on the failed IaaS), and the entry it runs on when it came that way.
 */
export function viaOf(walk: Walk, entryId: string, serviceId: string): { via_service_id: string | null; via_entry_id: string | null } {
  const reached = walk.entries.get(entryId);
  if (!reached) return { via_service_id: null, via_entry_id: null };
  const path = pathTo(walk, entryId);
  const lastService = [...path].reverse().find((step) => step.kind === 'service');
  return {
    via_service_id: lastService && lastService.id !== serviceId ? lastService.id : null,
    via_entry_id: reached.parent.kind === 'entry' ? reached.parent.id : null,
  };
}

export type AffectedEntry = { entry_id: string; organisation_id: string; via_service_id: string | null; via_entry_id: string | null };

/**
 * Every entry in use that an incident on the service reaches, the most important of each organisation
 * first (行政運営影響度, then 管理番号 — the order the direct fan-out always used), so one participant per organisation takes the first.
 */
export async function affectedEntriesOfService(db: Executor, serviceId: string, organisationId?: string): Promise<AffectedEntry[]> {
  const walk = await walkFailure(db, { services: [serviceId] }, organisationId);
  if (!walk.entries.size) return [];
  const ranks = await entryRanks(db, [...walk.entries.keys()]);
  ranks.sort(
    (a, b) =>
      (a.organisation_id < b.organisation_id ? -1 : a.organisation_id > b.organisation_id ? 1 : 0) ||
      b.administrative_impact - a.administrative_impact ||
      (a.external_key < b.external_key ? -1 : a.external_key > b.external_key ? 1 : 0),
  );
  return ranks.map((r) => ({ entry_id: r.id, organisation_id: r.organisation_id, ...viaOf(walk, r.id, serviceId) }));
}
