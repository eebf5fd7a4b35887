import type { z } from 'zod';
import type { slaTermsBody } from '../../../shared/schemas/sla.ts';
import { SLA_TEXT_ITEMS, type StartBasis } from '../../../shared/sla.ts';
import { bi } from '../../../shared/messages.ts';
import { checkCreditTable, type CreditTableProblem } from '../../../domain/sla/credits.ts';
import { compareWithGrades } from '../../../domain/sla/grades.ts';
import { findTerms, listReviews, upsertTerms, type SlaTermsRow } from '../../repositories/sla.ts';
import { fromBool, isUniqueViolation } from '../../repositories/executor.ts';
import { presentTerms } from '../../presenters/sla.ts';
import { nowIso } from '../../security/ids.ts';
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { canEditEntry } from '../register.ts';
import { slaEntry } from './access.ts';
import { HOLIDAY_DATA_LAST_YEAR } from './holidays.ts';
import { reviewStatusOf } from './reviews.ts';
import type { Actor, Deps } from '../deps.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';

type TermsInput = z.infer<typeof slaTermsBody>;

const CREDIT_PROBLEMS: Record<CreditTableProblem['problem'], [string, string]> = {
  bad_range: ['下限は上限より小さく、0〜100%の範囲にしてください', 'The lower bound must be below the upper bound, within 0–100%'],
  bad_credit: ['減額率は0〜100%で入力してください', 'The credit must be 0–100%'],
  gap: ['稼働率の帯の間に隙間があります（どの帯にも入らない稼働率がある）', 'There is a gap between bands (some availability falls in no band)'],
  overlap: ['稼働率の帯が重なっています', 'The bands overlap'],
};

/** Checks the parts of the terms that zod cannot see alone; every problem names its field. */
function checkTerms(input: TermsInput): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (input.calendar_kind === 'office') {
    if (!input.weekdays.length) problems.push({ field: 'weekdays', reason: bi('サービスを提供する曜日を選んでください', 'Choose the weekdays of service') });
    if (input.end_minute <= input.start_minute) problems.push({ field: 'end_minute', reason: bi('終了時刻は開始時刻より後にしてください', 'The end time must be after the start time') });
  }
  input.maintenance_windows.forEach((w, i) => {
    if (w.end_minute <= w.start_minute) problems.push({ field: `maintenance_windows.${i}.end_minute`, reason: bi('計画停止の終了は開始より後にしてください', 'The maintenance window must end after it starts') });
  });
  const creditProblem = checkCreditTable(input.credit_table.map((b) => ({ from: b.from, to: b.to, creditPercent: b.credit_percent })));
  if (creditProblem) {
    const [ja, en] = CREDIT_PROBLEMS[creditProblem.problem];
    problems.push({ field: `credit_table.${creditProblem.index}`, reason: bi(ja, en) });
  }
  if (input.credit_table.length && input.monthly_fee_yen == null) problems.push({ field: 'monthly_fee_yen', reason: bi('減額を円で示すため月額料金を入力してください', 'Enter the monthly fee so the credit can be shown in yen') });
  if (input.minimum_outage_minutes > 0 && input.truncate_unit_minutes > input.minimum_outage_minutes * 12) {
    problems.push({ field: 'truncate_unit_minutes', reason: bi('切り捨て単位が大きすぎます', 'The truncation unit is too large') });
  }
  return problems;
}

export function flagsOf(deps: Deps, row: SlaTermsRow) {
  const texts: Record<string, string | null> = {};
  for (const item of SLA_TEXT_ITEMS) texts[item] = row[item];
  const flags = compareWithGrades(
    {
      audience: row.audience as 'residents' | 'staff',
      calendarKind: row.calendar_kind as 'always' | 'office',
      availabilityTarget: row.availability_target === null ? null : Number(row.availability_target),
      mttrTargetMinutes: row.mttr_target_minutes,
      texts,
      startBasis: row.start_basis as StartBasis,
      minimumOutageMinutes: row.minimum_outage_minutes,
      creditBands: (JSON.parse(row.credit_table) as unknown[]).length,
    },
    deps.catalogues.slaItems.data.items,
  );
  return flags.map((f) => ({ item: f.item, severity: f.severity, reason: f.reason.ja, reason_en: f.reason.en }));
}

async function slaView(deps: Deps, actor: Actor, entry: { id: string; name: string; external_key: string; department: string }, row: SlaTermsRow | undefined) {
  const reviews = row ? await listReviews(deps.db, actor.organisationId, entry.id) : [];
  return {
    entry: { id: entry.id, name: entry.name, external_key: entry.external_key, department: entry.department },
    terms: row ? presentTerms(row) : null,
    flags: row ? flagsOf(deps, row) : [],
    can_edit: canEditEntry(actor, entry.department),
    review: row ? reviewStatusOf(row, reviews[0]?.reviewed_on ?? null, deps.now()) : null,
    holidays_known_until: HOLIDAY_DATA_LAST_YEAR,
  };
}

export async function getSla(deps: Deps, actor: Actor, entryId: string) {
  const entry = await slaEntry(deps, actor, entryId, false);
  return slaView(deps, actor, entry, await findTerms(deps.db, actor.organisationId, entryId));
}

export function termsRow(organisationId: string, entryId: string, input: TermsInput, at: string, label: string, createdAt: string): SlaTermsRow {
  return {
    entry_id: entryId,
    organisation_id: organisationId,
    audience: input.audience,
    calendar_kind: input.calendar_kind,
    weekdays: [...new Set(input.weekdays)].sort().join(','),
    start_minute: input.start_minute,
    end_minute: input.end_minute,
    exclude_holidays: fromBool(input.exclude_holidays),
    service_hours_note: input.service_hours_note ?? null,
    availability_target: input.availability_target ?? null,
    mttr_target_minutes: input.mttr_target_minutes ?? null,
    dr_method: input.dr_method || null,
    backup_format: input.backup_format || null,
    status_check_method: input.status_check_method || null,
    customisability: input.customisability || null,
    concurrent_users: input.concurrent_users || null,
    backup_method: input.backup_method || null,
    backup_retention: input.backup_retention || null,
    minimum_outage_minutes: input.minimum_outage_minutes,
    truncate_unit_minutes: input.truncate_unit_minutes,
    start_basis: input.start_basis,
    excluded_causes: JSON.stringify([...new Set(input.excluded_causes)]),
    maintenance_windows: JSON.stringify(input.maintenance_windows),
    credit_table: JSON.stringify([...input.credit_table].sort((a, b) => b.from - a.from)),
    monthly_fee_yen: input.monthly_fee_yen ?? null,
    review_interval_months: input.review_interval_months,
    source_document: input.source_document || null,
    created_at: createdAt,
    updated_at: at,
    updated_by_label: label,
  };
}

/** Records or replaces the SLA terms of a register entry (audited with before and after). */
export async function saveTerms(deps: Deps, actor: Actor, entryId: string, input: TermsInput) {
  const entry = await slaEntry(deps, actor, entryId, true);
  const problems = checkTerms(input);
  if (problems.length) throw new AppError('validation_failed', problems);
  const now = deps.now();
  const save = deps.db.transaction().execute(async (trx) => {
    const existing = await findTerms(trx, actor.organisationId, entryId);
    const next = termsRow(actor.organisationId, entryId, input, nowIso(now), actor.label, existing?.created_at ?? nowIso(now));
    await upsertTerms(trx, next, Boolean(existing));
    await recordAudit(
      trx,
      actor,
      { action: existing ? 'sla_terms.update' : 'sla_terms.create', targetType: 'register_entry', targetId: entryId, before: existing ? presentTerms(existing) : undefined, after: presentTerms(next) },
      now,
    );
    return next;
  });
  const row = await save.catch((error: unknown) => {
    // Two first saves at the same moment: the second meets the first one's row.
    if (isUniqueViolation(error)) throw new AppError('conflict', [{ field: 'entry_id', reason: bi('同時に別の保存がありました。画面を読み込み直してから保存してください', 'Someone saved at the same moment; reload and save again') }]);
    throw error;
  });
  return slaView(deps, actor, entry, row);
}
