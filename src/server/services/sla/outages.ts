import type { z } from 'zod';
import type { outageBody } from '../../../shared/schemas/sla.ts';
import { bi } from '../../../shared/messages.ts';
import { formatYearMonth, parseYearMonth } from '../../../shared/sla.ts';
import { japanMonth, japanMonthOf } from '../../../domain/sla/intervals.ts';
import { deleteOutage, findOutage, insertOutages, listOutages, updateOutage, type OutageRow } from '../../repositories/sla.ts';
import { presentOutage } from '../../presenters/sla.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { slaEntry } from './access.ts';
import type { Actor, Deps } from '../deps.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';

type OutageInput = z.infer<typeof outageBody>;

/** A period of Japan-time months as UTC ISO bounds; by default the last 12 months up to now. */
export function monthRange(now: Date, from?: string, to?: string) {
  const current = japanMonthOf(now.getTime());
  const toMonth = to ?? formatYearMonth(current.year, current.month);
  const end = parseYearMonth(toMonth);
  const fromMonth = from ?? formatYearMonth(end.month === 12 ? end.year : end.year - 1, end.month === 12 ? 1 : end.month + 1);
  if (fromMonth > toMonth) throw new AppError('validation_failed', [{ field: 'from', reason: bi('開始月は終了月以前にしてください', 'The first month must not be after the last') }]);
  const start = parseYearMonth(fromMonth);
  if ((end.year - start.year) * 12 + end.month - start.month >= 120) throw new AppError('validation_failed', [{ field: 'from', reason: bi('期間は120か月以内にしてください', 'Choose at most 120 months') }]);
  return { fromMonth, toMonth, fromIso: nowIso(new Date(japanMonth(start.year, start.month).start)), toIso: nowIso(new Date(japanMonth(end.year, end.month).end)) };
}

const TIMES = ['occurred_at', 'detected_at', 'reported_at', 'confirmed_at', 'recovered_at'] as const;

/** End before start, times in the future, and moments before the outage began: each names its field. */
export function checkOutageTimes(input: Pick<OutageInput, (typeof TIMES)[number]>, now: Date): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const occurred = Date.parse(input.occurred_at);
  for (const field of TIMES) {
    const value = input[field];
    if (!value) continue;
    const t = Date.parse(value);
    if (t > now.getTime()) problems.push({ field, reason: bi('未来の日時は記録できません', 'A time in the future cannot be recorded') });
    else if (field !== 'occurred_at' && t < occurred) {
      problems.push({ field, reason: field === 'recovered_at' ? bi('復旧日時が発生日時より前です', 'Recovery is before the outage began') : bi('発生日時より前の日時です', 'This is before the outage began') });
    }
  }
  if (!problems.length && Date.parse(input.recovered_at) === occurred) problems.push({ field: 'recovered_at', reason: bi('復旧日時は発生日時より後にしてください', 'Recovery must be after the outage began') });
  return problems;
}

const iso = (value: string | null | undefined) => (value ? nowIso(new Date(value)) : null);

/** What a person enters about an outage, as stored (times in UTC). */
function enteredFields(input: OutageInput) {
  return {
    occurred_at: iso(input.occurred_at)!,
    detected_at: iso(input.detected_at),
    reported_at: iso(input.reported_at),
    confirmed_at: iso(input.confirmed_at),
    recovered_at: iso(input.recovered_at),
    cause: input.cause,
    description: input.description || null,
  };
}

export async function entryOutages(deps: Deps, actor: Actor, entryId: string, query: { from?: string; to?: string }) {
  await slaEntry(deps, actor, entryId, false);
  const range = monthRange(deps.now(), query.from, query.to);
  const rows = await listOutages(deps.db, actor.organisationId, entryId, range.fromIso, range.toIso);
  const now = deps.now();
  return { items: rows.reverse().map((r) => presentOutage(r, now)) };
}

export async function recordOutage(deps: Deps, actor: Actor, entryId: string, input: OutageInput) {
  await slaEntry(deps, actor, entryId, true);
  const now = deps.now();
  const problems = checkOutageTimes(input, now);
  if (problems.length) throw new AppError('validation_failed', problems);
  const row: OutageRow = {
    id: newId(),
    organisation_id: actor.organisationId,
    entry_id: entryId,
    source: 'manual',
    ...enteredFields(input),
    import_id: null,
    monitor_id: null,
    created_at: nowIso(now),
    created_by_label: actor.label,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertOutages(trx, [row]);
    await recordAudit(trx, actor, { action: 'sla_outage.create', targetType: 'register_entry', targetId: entryId, after: presentOutage(row, now) }, now);
  });
  return presentOutage(row, now);
}

async function editableOutage(deps: Deps, actor: Actor, id: string, sources: readonly string[]) {
  const row = await findOutage(deps.db, actor.organisationId, id);
  if (!row) throw notFound();
  await slaEntry(deps, actor, row.entry_id, true);
  if (!sources.includes(row.source)) {
    throw new AppError('conflict', [{ field: 'source', reason: bi('事業者報告から取り込んだ障害は、報告の再取込で置き換えてください', 'Outages from a vendor report are changed by importing the report again') }]);
  }
  return row;
}

export async function changeOutage(deps: Deps, actor: Actor, id: string, input: OutageInput) {
  const existing = await editableOutage(deps, actor, id, ['manual']);
  const now = deps.now();
  const problems = checkOutageTimes(input, now);
  if (problems.length) throw new AppError('validation_failed', problems);
  const changes = enteredFields(input);
  const after = { ...existing, ...changes };
  await deps.db.transaction().execute(async (trx) => {
    await updateOutage(trx, actor.organisationId, id, changes);
    await recordAudit(trx, actor, { action: 'sla_outage.update', targetType: 'register_entry', targetId: existing.entry_id, before: presentOutage(existing, now), after: presentOutage(after, now) }, now);
  });
  return presentOutage(after, now);
}

/** Hand-entered outages, and a monitor's false alarms (e.g. our own network was down), may be removed. */
export async function removeOutage(deps: Deps, actor: Actor, id: string) {
  const existing = await editableOutage(deps, actor, id, ['manual', 'probe']);
  if (!existing.recovered_at) throw new AppError('conflict', [{ field: 'recovered_at', reason: bi('監視で継続中の障害は、復旧後に削除できます', 'An outage the monitor still sees can be removed once it has recovered') }]);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await deleteOutage(trx, actor.organisationId, id);
    await recordAudit(trx, actor, { action: 'sla_outage.delete', targetType: 'register_entry', targetId: existing.entry_id, before: presentOutage(existing, now) }, now);
  });
}
