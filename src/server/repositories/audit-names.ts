// The names behind the ids an audit entry records (its target, and ids inside its before/after), so
// that the log reads 「確認者: 山田 → 佐藤」 instead of ids. Only objects of the caller's organisations
// are named (users, entries, vendors, categories, surveys); incidents where those organisations take
// part; organisations and vendor services, whose names are seen across the platform, always.
import type { Executor } from './executor.ts';

export type NameKind = 'user' | 'entry' | 'vendor' | 'vendor_service' | 'category' | 'incident' | 'organisation' | 'survey';

export type NameRefs = Record<NameKind, Set<string>>;

export function emptyNameRefs(): NameRefs {
  return { user: new Set(), entry: new Set(), vendor: new Set(), vendor_service: new Set(), category: new Set(), incident: new Set(), organisation: new Set(), survey: new Set() };
}

type Scope = string[] | 'all';

async function lookup(
  db: Executor,
  ids: Set<string>,
  query: (db: Executor, ids: string[]) => Promise<{ id: string; name: string }[]>,
): Promise<[string, string][]> {
  if (ids.size === 0) return [];
  const out: [string, string][] = [];
  const all = [...ids];
  for (let i = 0; i < all.length; i += 500) for (const row of await query(db, all.slice(i, i + 500))) out.push([row.id, row.name]);
  return out;
}

/** id → display name for every referenced object the scope may see; ids it may not see are left out. */
export async function resolveAuditNames(db: Executor, scope: Scope, refs: NameRefs): Promise<Record<string, string>> {
  if (scope !== 'all' && scope.length === 0) return {};
  const mine = scope === 'all' ? null : scope;
  const pairs = await Promise.all([
    lookup(db, refs.user, (d, ids) => d.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', ids).$if(mine !== null, (q) => q.where('organisation_id', 'in', mine!)).execute()),
    lookup(db, refs.entry, (d, ids) => d.selectFrom('register_entries').select(['id', 'name']).where('id', 'in', ids).$if(mine !== null, (q) => q.where('organisation_id', 'in', mine!)).execute()),
    lookup(db, refs.vendor, (d, ids) => d.selectFrom('vendors').select(['id', 'name']).where('id', 'in', ids).$if(mine !== null, (q) => q.where('organisation_id', 'in', mine!)).execute()),
    lookup(db, refs.category, (d, ids) => d.selectFrom('register_categories').select(['id', 'name']).where('id', 'in', ids).$if(mine !== null, (q) => q.where('organisation_id', 'in', mine!)).execute()),
    lookup(db, refs.survey, (d, ids) => d.selectFrom('surveys').select(['id', 'title as name']).where('id', 'in', ids).$if(mine !== null, (q) => q.where('organisation_id', 'in', mine!)).execute()),
    lookup(db, refs.vendor_service, (d, ids) => d.selectFrom('vendor_services').select(['id', 'name']).where('id', 'in', ids).execute()),
    lookup(db, refs.organisation, (d, ids) => d.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute()),
    lookup(db, refs.incident, (d, ids) => {
      const q = d.selectFrom('incidents').select(['id', 'title as name']).where('id', 'in', ids);
      if (mine === null) return q.execute();
      return q
        .where((eb) =>
          eb.or([
            eb('organisation_id', 'in', mine),
            eb('vendor_organisation_id', 'in', mine),
            eb('id', 'in', eb.selectFrom('incident_participants').select('incident_id').where('organisation_id', 'in', mine)),
          ]),
        )
        .execute();
    }),
  ]);
  return Object.fromEntries(pairs.flat());
}
