import type { z } from 'zod';
import type { reviewBody, reviewStatus } from '../../../shared/schemas/sla.ts';
import { findTerms, insertReview, lastReviewDates, listReviews, listTermsForReviewReminders, listTermsWithEntries, type ReviewRow, type SlaTermsRow } from '../../repositories/sla.ts';
import { presentReview } from '../../presenters/sla.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { bi } from '../../../shared/messages.ts';
import { addMonthsToDate, dueState, japanToday } from '../../../domain/japan-time.ts';
import { AppError, invalid } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { requireRegister } from '../register.ts';
import { slaEntry } from './access.ts';
import { systemActor, type Actor, type Deps } from '../deps.ts';
import { announceSummary } from '../notifications/reminder-summary.ts';

/** A review falls "due soon" this many days before its date. */
export const DUE_SOON_DAYS = 30;

/** When the next review is due: the interval after the last review, or after the terms were first set. */
export function reviewStatusOf(terms: Pick<SlaTermsRow, 'review_interval_months' | 'created_at'>, lastReviewedOn: string | null, now: Date): z.infer<typeof reviewStatus> {
  const from = lastReviewedOn ?? japanToday(new Date(terms.created_at));
  const nextDue = addMonthsToDate(from, terms.review_interval_months);
  const state = dueState(nextDue, japanToday(now), DUE_SOON_DAYS);
  return { interval_months: terms.review_interval_months, last_reviewed_on: lastReviewedOn, next_due: nextDue, state };
}

export async function entryReviews(deps: Deps, actor: Actor, entryId: string) {
  await slaEntry(deps, actor, entryId, false);
  const [terms, rows] = await Promise.all([findTerms(deps.db, actor.organisationId, entryId), listReviews(deps.db, actor.organisationId, entryId)]);
  return { status: terms ? reviewStatusOf(terms, rows[0]?.reviewed_on ?? null, deps.now()) : null, items: rows.map(presentReview) };
}

export async function recordReview(deps: Deps, actor: Actor, entryId: string, input: z.infer<typeof reviewBody>) {
  await slaEntry(deps, actor, entryId, true);
  const now = deps.now();
  if (input.reviewed_on > japanToday(now)) throw invalid('reviewed_on', bi('見直し日に未来の日付は指定できません', 'The review date cannot be in the future'));
  const terms = await findTerms(deps.db, actor.organisationId, entryId);
  if (!terms) throw new AppError('conflict', [{ field: 'entry_id', reason: bi('先にSLA条件を登録してください', 'Record the SLA terms first') }]);
  const row: ReviewRow = {
    id: newId(),
    organisation_id: actor.organisationId,
    entry_id: entryId,
    reviewed_on: input.reviewed_on,
    kind: input.kind,
    participants: input.participants ?? null,
    findings: input.findings,
    decisions: input.decisions ?? null,
    term_changes: input.term_changes ?? null,
    created_at: nowIso(now),
    created_by_label: actor.label,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertReview(trx, row);
    await recordAudit(trx, actor, { action: 'sla_review.create', targetType: 'register_entry', targetId: entryId, after: presentReview(row) }, now);
  });
  return presentReview(row);
}

/** Services whose SLA review is overdue or due within DUE_SOON_DAYS: the reminder list. */
export async function reviewsDue(deps: Deps, actor: Actor) {
  await requireRegister(deps, actor, false);
  const [terms, last] = await Promise.all([listTermsWithEntries(deps.db, actor.organisationId), lastReviewDates(deps.db, actor.organisationId)]);
  const lastByEntry = new Map(last.map((r) => [r.entry_id, r.last_reviewed_on as string | null]));
  const now = deps.now();
  const items = terms
    .filter((t) => t.entry_status !== 'ended')
    .map((t) => ({ entry_id: t.entry_id, entry_name: t.entry_name, external_key: t.external_key, department: t.department, ...reviewStatusOf(t, lastByEntry.get(t.entry_id) ?? null, now) }))
    .filter((t) => t.state !== 'ok')
    .sort((a, b) => a.next_due.localeCompare(b.next_due));
  return { items: items as (typeof items[number] & { state: 'due_soon' | 'overdue' })[] };
}

/**
 * Announces every SLA review that has fallen overdue, once per due date (the dedupe key makes a
 * repeated run, or several processes running it, harmless), one notice per organisation listing them
 * (notifications/reminder-summary.ts). Returns how many reviews were newly announced.
 */
export async function notifyReviewsDue(deps: Deps): Promise<number> {
  const now = deps.now();
  const subjects = [];
  for (const terms of await listTermsForReviewReminders(deps.db)) {
    const status = reviewStatusOf(terms, (terms.last_reviewed_on as string | null) ?? null, now);
    if (status.state !== 'overdue') continue;
    const due = status.next_due.replaceAll('-', '/');
    subjects.push({
      terms,
      nextDue: status.next_due,
      organisationId: terms.organisation_id,
      dedupeKey: `sla-review:${terms.entry_id}:${status.next_due}`,
      title: { ja: `SLAの見直し期限を過ぎています: ${terms.external_key} ${terms.entry_name}`, en: `SLA review overdue: ${terms.external_key} ${terms.entry_name}` },
      body: {
        ja: `見直しの期限は ${due} でした（${terms.review_interval_months}か月ごと）。運用実績報告書と自団体の計測をもとに見直し、「見直しを記録」から記録してください。`,
        en: `The review was due on ${due} (every ${terms.review_interval_months} months). Review the vendor's reports and our own measurements, then record it.`,
      },
      link: `/register/${terms.entry_id}?tab=sla`,
      line: { ja: `${terms.external_key} ${terms.entry_name} 期限 ${due}`, en: `${terms.external_key} ${terms.entry_name} due ${due}` },
    });
  }
  return announceSummary(deps, {
    kind: 'sla_review_due',
    title: (count) => ({ ja: `SLAの見直し期限を過ぎたサービスが${count}件あります`, en: `${count} services are overdue for their SLA review` }),
    lead: { ja: '次のサービスのSLAの見直し期限を過ぎています。見直して「見直しを記録」から記録してください。', en: 'These services are past their SLA review date. Review them, then record each review.' },
    listLink: '/sla',
    subjects,
    onAnnounced: ({ terms, nextDue }, trx) =>
      recordAudit(
        trx,
        systemActor(terms.organisation_id, 'SLA review check'),
        { action: 'sla_review.reminder_sent', targetType: 'register_entry', targetId: terms.entry_id, organisationId: terms.organisation_id, after: { next_due: nextDue } },
        now,
      ),
  });
}
