import { IMPORTANCE_LEVELS, type ImportanceLevel } from '../../../shared/assessments.ts';
import { bi } from '../../../shared/messages.ts';
import { listSubmittedResponses } from '../../repositories/surveys.ts';
import { AppError } from '../app-error.ts';
import { recordAuditAlone } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import { requireSurveyPermission, responseRate, resultsVisible, surveyAccess, surveyItemsOf, type SurveyAccess } from './access.ts';

// The results: for each item, how many handed-in responses chose each level, the shares, and the
// reasons. The owner sees them at any time, with each reason's organisation; a participant only
// once the survey is closed (before that it would see its neighbours' answers while it can still
// change its own), and without names. Drafts never count.

type Levels = Record<ImportanceLevel, number>;
const zero = (): Levels => ({ must_confirm: 0, hard_to_confirm: 0, not_needed: 0 });
const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);
const LEVEL_ORDER = new Map(IMPORTANCE_LEVELS.map((level, i) => [level, i]));

export async function computeResults(deps: Deps, survey: SurveyAccess, anonymised: boolean) {
  const responses = await listSubmittedResponses(deps.db, survey.id);
  const items = surveyItemsOf(survey.version).map((item) => {
    const mine = responses.filter((r) => r.item_key === item.key);
    const counts = zero();
    for (const r of mine) counts[r.importance as ImportanceLevel] += 1;
    const reasons = mine
      .filter((r) => r.reason)
      .sort((a, b) => LEVEL_ORDER.get(a.importance as ImportanceLevel)! - LEVEL_ORDER.get(b.importance as ImportanceLevel)! || (anonymised ? (a.reason! < b.reason! ? -1 : a.reason! > b.reason! ? 1 : 0) : (a.local_government_code ?? '').localeCompare(b.local_government_code ?? '')))
      .map((r) => ({
        importance: r.importance as ImportanceLevel,
        reason: r.reason!,
        ...(anonymised ? {} : { organisation: { id: r.organisation_id, name: r.organisation_name, name_en: r.organisation_name_en } }),
      }));
    const respondents = mine.length;
    return {
      ...item,
      respondents,
      counts,
      percentages: { must_confirm: share(counts.must_confirm, respondents), hard_to_confirm: share(counts.hard_to_confirm, respondents), not_needed: share(counts.not_needed, respondents) },
      reasons,
    };
  });
  return {
    survey_id: survey.id,
    status: survey.closed ? ('closed' as const) : ('open' as const),
    participant_count: survey.participant_count,
    submitted_count: survey.submitted_count,
    response_rate: responseRate(survey.submitted_count, survey.participant_count),
    anonymised,
    items,
  };
}

/** The results as the caller may see them; a participant before the close gets 403 (audited). */
export async function surveyResults(deps: Deps, actor: Actor, id: string) {
  await requireSurveyPermission(deps, actor, 'content:read', id);
  const survey = await surveyAccess(deps, actor, id);
  if (!resultsVisible(survey)) {
    await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'survey', targetId: id, after: { reason: 'results_before_close' } });
    throw new AppError('forbidden', [{ field: 'status', reason: bi('結果は調査の締切後に公開されます', 'The results are shown once the survey is closed') }]);
  }
  return computeResults(deps, survey, survey.role !== 'owner');
}
