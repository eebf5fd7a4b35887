import { ITEM_STATUSES, isSettled, type ItemStatus } from '../../../shared/assessments.ts';

// Progress of an assessment (or a category of it): settled items out of all items that are not
// archived, counts per status, and the open items past their due date (Japan-time date).

export const UNSETTLED: readonly ItemStatus[] = ITEM_STATUSES.filter((s) => !isSettled(s));

export type StatusCounts = Record<ItemStatus, number>;

export interface Progress {
  settled: number;
  total: number;
  percent: number;
  by_status: StatusCounts;
  overdue: number;
  next_due: string | null;
}

export const emptyCounts = (): StatusCounts => Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** An open item is overdue once its due date has passed (the due date itself is still in time). */
export function isOverdue(item: { status: string; due_date: string | null; archived?: number | boolean }, today: string): boolean {
  return !item.archived && item.due_date !== null && item.due_date < today && !isSettled(item.status as ItemStatus);
}

export function progressOf(counts: StatusCounts, openDues: string[], today: string): Progress {
  const total = ITEM_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const settled = counts.confirmed + counts.not_applicable;
  const sorted = [...openDues].sort();
  return {
    settled,
    total,
    percent: total === 0 ? 0 : Math.round((settled / total) * 100),
    by_status: counts,
    overdue: sorted.filter((d) => d < today).length,
    next_due: sorted[0] ?? null,
  };
}

/** Progress of a set of item rows already in memory. */
export function progressOfItems(items: { status: string; due_date: string | null; archived: number | boolean }[], today: string): Progress {
  const counts = emptyCounts();
  const dues: string[] = [];
  for (const item of items) {
    if (item.archived) continue;
    counts[item.status as ItemStatus] += 1;
    if (item.due_date && !isSettled(item.status as ItemStatus)) dues.push(item.due_date);
  }
  return progressOf(counts, dues, today);
}
