import type { z } from 'zod';
import { bi } from '../../../shared/messages.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';
import type { surveyAnswersBody } from '../../../shared/schemas/surveys.ts';
import { findParticipant, listOwnResponses, lockParticipant, replaceResponses, setSubmitted, type SurveyResponseRow } from '../../repositories/surveys.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import { closedError, requireSurveyPermission, surveyAccess, surveyItemsOf } from './access.ts';
import { surveyDetail } from './surveys.ts';

// A participant's answers: the whole set is saved at once (it replaces the previous set), as a draft
// or handed in. Handing in needs every item answered, and a reason for each item rated "important
// but hard to confirm" — that reason (why it cannot be agreed) is what the survey is for. A draft may
// be incomplete. Once handed in, the answers stay handed in: later saves before the close update them
// and must stay complete, so the owner never sees a submitted response fall back to a draft.

type AnswersInput = z.infer<typeof surveyAnswersBody>;

const snapshot = (rows: Pick<SurveyResponseRow, 'item_key' | 'importance' | 'reason'>[]) => Object.fromEntries(rows.map((r) => [r.item_key, { importance: r.importance, reason: r.reason }]));

function checkAnswers(input: AnswersInput, items: ReturnType<typeof surveyItemsOf>, submit: boolean): ErrorDetail[] {
  const known = new Set(items.map((i) => i.key));
  const seen = new Set<string>();
  const problems: ErrorDetail[] = [];
  input.answers.forEach((answer, n) => {
    if (!known.has(answer.item_key)) problems.push({ field: `answers.${n}.item_key`, reason: bi(`項目 ${answer.item_key} はこの調査にありません`, `The item ${answer.item_key} is not part of this survey`) });
    else if (seen.has(answer.item_key)) problems.push({ field: `answers.${n}.item_key`, reason: bi(`項目 ${answer.item_key} への回答が重複しています`, `The item ${answer.item_key} is answered twice`) });
    seen.add(answer.item_key);
    if (submit && answer.importance === 'hard_to_confirm' && !answer.reason) {
      problems.push({ field: `answers.${n}.reason`, reason: bi('「重要ではあるが確認・合意が難しい」を選んだ項目には、難しい理由を書いてください', 'Give the reason for an item that is important but hard to confirm') });
    }
  });
  if (submit) {
    const missing = items.filter((i) => !seen.has(i.key));
    if (missing.length > 0) {
      const list = missing.map((i) => i.key).join('、');
      problems.push({ field: 'answers', reason: bi(`未回答の項目があります：${list}`, `Answer every item before handing in; missing: ${list.replaceAll('、', ', ')}`) });
    }
  }
  return problems;
}

export async function saveAnswers(deps: Deps, actor: Actor, id: string, input: AnswersInput) {
  await requireSurveyPermission(deps, actor, 'content:read', id);
  await surveyAccess(deps, actor, id);
  await requireSurveyPermission(deps, actor, 'survey:answer', id);
  const now = deps.now();
  const at = nowIso(now);
  await deps.db.transaction().execute(async (trx) => {
    await lockParticipant(trx, id, actor.organisationId);
    const survey = await surveyAccess(deps, actor, id, trx);
    if (survey.role !== 'participant') throw new AppError('forbidden', [{ field: 'id', reason: bi('この調査の回答団体ではありません', 'Your organisation is not asked to answer this survey') }]);
    if (survey.closed) throw closedError();
    const participant = await findParticipant(trx, id, actor.organisationId);
    const wasSubmitted = Boolean(participant?.submitted_at);
    const submit = input.submit || wasSubmitted;
    const problems = checkAnswers(input, surveyItemsOf(survey.version), submit);
    if (problems.length > 0) throw new AppError('validation_failed', problems);

    const before = await listOwnResponses(trx, id, actor.organisationId);
    const previous = new Map(before.map((r) => [r.item_key, r]));
    const rows: SurveyResponseRow[] = input.answers.map((answer) => {
      const reason = answer.reason ? answer.reason : null;
      const old = previous.get(answer.item_key);
      const unchanged = old && old.importance === answer.importance && old.reason === reason;
      return { id: old?.id ?? newId(), survey_id: id, organisation_id: actor.organisationId, item_key: answer.item_key, importance: answer.importance, reason, answered_label: unchanged ? old.answered_label : actor.label, updated_at: unchanged ? old.updated_at : at };
    });
    await replaceResponses(trx, id, actor.organisationId, rows);
    const submittedAt = submit ? (participant?.submitted_at ?? at) : null;
    await setSubmitted(trx, id, actor.organisationId, input.submit && wasSubmitted ? at : submittedAt);
    await recordAudit(
      trx,
      actor,
      { action: submit ? 'survey.submit' : 'survey.answer', targetType: 'survey', targetId: id, before: { submitted: wasSubmitted, answers: snapshot(before) }, after: { submitted: submit, answers: snapshot(rows) } },
      now,
    );
  });
  return surveyDetail(deps, actor, id);
}
