import type { z } from 'zod';
import type { assessmentListQuery } from '../../../shared/schemas/assessments.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { normaliseForSearch } from '../../../domain/search-text.ts';
import { ITEM_STATUSES } from '../../../shared/assessments.ts';
import { listAssessmentsWithEntries } from '../../repositories/assessments.ts';
import { presentEntrySummary } from '../../presenters/assessments.ts';
import { listCurrentCatalogues } from '../catalogues/registry.ts';
import { requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import { emptyCounts, type Progress } from './progress.ts';
import { progressOfAssessments } from './start.ts';

// The organisation's 確認 page: every assessment with its progress, overdue items and next due date,
// filtered and sorted, with totals per status over the filtered set.

type ListQuery = z.infer<typeof assessmentListQuery>;
type Row = ReturnType<typeof rowOf>;

function rowOf(a: Awaited<ReturnType<typeof listAssessmentsWithEntries>>[number], progress: Progress, name: { ja: string; en: string }) {
  return { id: a.id, entry: presentEntrySummary(a), catalogue: { urn: a.catalogue_urn, name }, progress, updated_at: a.updated_at };
}

const COMPARE: Record<ListQuery['sort'], (a: Row, b: Row) => number> = {
  external_key: (a, b) => a.entry.external_key.localeCompare(b.entry.external_key),
  name: (a, b) => a.entry.name.localeCompare(b.entry.name, 'ja'),
  progress: (a, b) => a.progress.percent - b.progress.percent,
  overdue: (a, b) => a.progress.overdue - b.progress.overdue,
  // Rows without an open due date sort last whatever the order.
  next_due: (a, b) => (a.progress.next_due ?? '9999-99-99').localeCompare(b.progress.next_due ?? '9999-99-99'),
  updated_at: (a, b) => a.updated_at.localeCompare(b.updated_at),
};

export async function listOrganisationAssessments(deps: Deps, actor: Actor, query: ListQuery) {
  await requireRegister(deps, actor, false);
  const today = japanToday(deps.now());
  const q = query.q?.trim() ? normaliseForSearch(query.q) : undefined;
  const [assessments, progress, catalogues] = await Promise.all([
    listAssessmentsWithEntries(deps.db, actor.organisationId, q),
    progressOfAssessments(deps.db, actor.organisationId, 'all', today),
    listCurrentCatalogues(deps, actor.organisationId),
  ]);
  const names = new Map(catalogues.map((c) => [c.urn, c.catalogue.name]));
  let rows = assessments.map((a) => rowOf(a, progress.get(a.id) ?? { settled: 0, total: 0, percent: 0, by_status: emptyCounts(), overdue: 0, next_due: null }, names.get(a.catalogue_urn) ?? { ja: a.catalogue_urn, en: a.catalogue_urn }));
  const byStatus = emptyCounts();
  let overdue = 0;
  for (const row of rows) {
    for (const s of ITEM_STATUSES) byStatus[s] += row.progress.by_status[s];
    overdue += row.progress.overdue;
  }
  const totals = { assessments: rows.length, items: ITEM_STATUSES.reduce((n, s) => n + byStatus[s], 0), by_status: byStatus, overdue };
  if (query.status) rows = rows.filter((r) => r.progress.by_status[query.status!] > 0);
  if (query.overdue === 'true') rows = rows.filter((r) => r.progress.overdue > 0);
  if (query.overdue === 'false') rows = rows.filter((r) => r.progress.overdue === 0);
  const direction = query.order === 'desc' ? -1 : 1;
  const compare = COMPARE[query.sort];
  rows.sort((a, b) => direction * compare(a, b) || a.entry.external_key.localeCompare(b.entry.external_key));
  if (query.sort === 'next_due') rows.sort((a, b) => Number(a.progress.next_due === null) - Number(b.progress.next_due === null));
  const start = (query.page - 1) * query.page_size;
  return { items: rows.slice(start, start + query.page_size), total: rows.length, page: query.page, page_size: query.page_size, totals };
}
