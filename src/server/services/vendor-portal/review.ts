import { bi } from '../../../shared/messages.ts';
import type { VendorReviewBody, VisibilityState } from '../../../shared/schemas/vendor-portal.ts';
import {
  assessmentItemsOf,
  currentAnswers,
  evidenceOfAnswers,
  findAnswers,
  findAssessmentItem,
  findAssessmentWithService,
  revisionIdsOfService,
  writeItemReview,
  type VendorAnswerRow,
} from '../../repositories/vendor-answers.ts';
import { nowIso } from '../../security/ids.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import { parseAnswer, presentEvidence, registerEntryFor } from './common.ts';
import { answerVisibility, type OrganisationAccess } from './visibility.ts';

// The municipality reads the vendor's answers inside its own assessment of the entry, item by item,
// and accepts or flags each one; the review is kept on its assessment item (and in the item's history).

const WHY_NOT: Record<Exclude<VisibilityState, 'visible'>, string> = {
  not_linked: bi('この外部サービスは事業者のサービスに紐付いていません', 'The entry is not linked to a vendor service'),
  not_answered: bi('事業者はこの項目にまだ回答していません', 'The vendor has not answered this item yet'),
  needs_request: bi('この回答は依頼した団体にのみ共有されます。先に回答を依頼してください', 'This answer is shared on request; request the answers first'),
  needs_terms: bi('この回答は利用条件に同意した団体にのみ共有されます。先に利用条件に同意してください', 'This answer is shared once the terms are accepted; accept them first'),
};

async function assessmentOf(deps: Deps, actor: Actor, assessmentId: string) {
  // Looked up in the caller's organisation: a vendor's or another body's request finds nothing (404).
  const found = await findAssessmentWithService(deps.db, actor.organisationId, assessmentId);
  if (!found) throw notFound();
  await requireRegister(deps, actor, false);
  const { service_id, service_name, service_organisation_id, vendor_name, request_status, request_terms_accepted_at, ...assessment } = found;
  const service = service_id && service_name && service_organisation_id && vendor_name ? { id: service_id, name: service_name, organisation_id: service_organisation_id, vendor_name } : undefined;
  // The assessment's own entry links the service, so the organisation links it: only the request is left to know.
  const access: OrganisationAccess = { linked: service !== undefined, request: request_status ? { status: request_status, terms_accepted_at: request_terms_accepted_at } : null };
  return { assessment, entry: { id: assessment.register_entry_id }, service, access };
}

/** GET /assessments/:id/vendor-answers: per item, the answer the organisation may read (or why none) and its review. */
export async function assessmentVendorAnswers(deps: Deps, actor: Actor, assessmentId: string) {
  const { assessment, entry, service, access } = await assessmentOf(deps, actor, assessmentId);
  const urn = assessment.catalogue_urn;
  // Independent reads run side by side: this view is what every linked municipality opens after a vendor saves.
  const [items, answers] = await Promise.all([assessmentItemsOf(deps.db, actor.organisationId, assessment.id), service ? currentAnswers(deps.db, service.id, urn) : Promise.resolve([])]);
  const keys = new Set(items.map((i) => i.item_key));
  const current = answers.filter((a) => keys.has(a.item_key));
  const byKey = new Map(current.map((a) => [a.item_key, a]));
  const visibleKeys = current.filter((a) => answerVisibility(access, a.sharing) === 'visible').map((a) => a.item_key);
  const [revisions, reviewedRows] = await Promise.all([
    service && visibleKeys.length ? revisionIdsOfService(deps.db, service.id, urn, visibleKeys) : Promise.resolve([]),
    findAnswers(deps.db, items.map((i) => i.vendor_answer_id).filter((id): id is string => !!id)),
  ]);
  const evidence = service && revisions.length ? await evidenceOfAnswers(deps.db, service.organisation_id, revisions.map((r) => r.id)) : [];
  const keyOf = new Map(revisions.map((r) => [r.id, r.item_key]));
  const revisionOf = new Map(revisions.map((r) => [r.id, Number(r.revision)]));
  const reviewed = new Map(reviewedRows.map((a) => [a.id, a]));

  return {
    vendor_service: service ? { id: service.id, name: service.name, vendor_name: service.vendor_name } : null,
    register_entry_id: entry.id,
    catalogue_urn: urn,
    items: items.map((item) => {
      const answer = byKey.get(item.item_key);
      const state = answerVisibility(access, answer?.sharing ?? null);
      const visible = state === 'visible' && answer ? answer : null;
      const before = item.vendor_answer_id ? reviewed.get(item.vendor_answer_id) : undefined;
      return {
        item_key: item.item_key,
        state,
        answer: visible
          ? {
              id: visible.id,
              revision: Number(visible.revision),
              answer: parseAnswer(visible.answer),
              note: visible.note,
              sharing: visible.sharing as 'linked' | 'on_request' | 'terms',
              answered_label: visible.answered_label,
              answered_at: visible.created_at,
              evidence: evidence.filter((e) => keyOf.get(e.target_id) === item.item_key).map((e) => presentEvidence(e, revisionOf)),
            }
          : null,
        review: item.vendor_review
          ? {
              decision: item.vendor_review as 'accepted' | 'flagged',
              note: item.vendor_review_note,
              reviewed_at: item.vendor_reviewed_at,
              reviewed_revision: before ? Number(before.revision) : null,
              changed_since_review: !!visible && item.vendor_answer_id !== visible.id,
            }
          : null,
      };
    }),
  };
}

function nextStatus(status: string, decision: 'accepted' | 'flagged'): string {
  if (decision === 'flagged') return 'action_required';
  return status === 'unconfirmed' || status === 'in_progress' ? 'confirmed' : status;
}

/**
 * POST /assessments/:id/items/:key/vendor-review: accepts or flags the vendor's current answer in the
 * organisation's own assessment. Accepting confirms an item not yet confirmed; flagging makes it
 * 要対応. The item's revision moves on and the change is audited on the item.
 */
export async function reviewVendorAnswer(deps: Deps, actor: Actor, assessmentId: string, key: string, input: VendorReviewBody) {
  const { assessment, service, access } = await assessmentOf(deps, actor, assessmentId);
  await registerEntryFor(deps, actor, assessment.register_entry_id, true, 'vendor_review');
  const item = await findAssessmentItem(deps.db, actor.organisationId, assessment.id, key);
  if (!item) throw notFound();
  let answer: VendorAnswerRow | undefined;
  let state: VisibilityState = 'not_linked';
  if (service) {
    [answer] = await currentAnswers(deps.db, service.id, assessment.catalogue_urn, [key]);
    state = answerVisibility(access, answer?.sharing ?? null);
  }
  if (state !== 'visible' || !answer) throw invalid('decision', WHY_NOT[state as Exclude<VisibilityState, 'visible'>]);
  const now = deps.now();
  const at = nowIso(now);
  const changes = {
    status: nextStatus(item.status, input.decision),
    vendor_answer_id: answer.id,
    vendor_review: input.decision,
    vendor_review_note: input.note?.trim() || null,
    vendor_reviewed_at: at,
    revision: Number(item.revision) + 1,
    updated_by_label: actor.label,
    updated_at: at,
  };
  const snapshot = (row: { status: string; vendor_review: string | null; vendor_review_note: string | null; vendor_answer_id: string | null; revision: number }) => ({
    status: row.status,
    vendor_review: row.vendor_review,
    vendor_review_note: row.vendor_review_note,
    vendor_answer_id: row.vendor_answer_id,
    revision: Number(row.revision),
  });
  await deps.db.transaction().execute(async (trx) => {
    if (!(await writeItemReview(trx, actor.organisationId, item.id, Number(item.revision), changes)))
      throw new AppError('conflict', [{ field: 'revision', reason: bi('この項目は他の人が更新しました。画面を更新してからやり直してください', 'Someone else changed this item; reload and try again') }]);
    await recordAudit(
      trx,
      actor,
      { action: 'assessment_item.vendor_review', targetType: 'assessment_item', targetId: item.id, before: snapshot(item), after: { ...snapshot(changes), item_key: key, vendor_answer_revision: Number(answer.revision) } },
      now,
    );
  });
  return { item_key: key, status: changes.status, revision: changes.revision, vendor_review: input.decision, vendor_review_note: changes.vendor_review_note, vendor_answer_id: answer.id, vendor_reviewed_at: at };
}
