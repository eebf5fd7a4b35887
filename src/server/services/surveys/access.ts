import { bi } from '../../../shared/messages.ts';
import { can, type Permission } from '../../../shared/roles.ts';
import { catalogueItems } from '../../../shared/catalogue.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { authorize } from '../../policies/index.ts';
import { findVisibleSurvey, type SurveyRow, type SurveyWithCounts } from '../../repositories/surveys.ts';
import type { Executor } from '../../repositories/executor.ts';
import { catalogueVersionById, type CatalogueVersion } from '../catalogues/registry.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAuditAlone } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';

// Who may see and do what with a survey. Surveys live between prefectures or associations (owners)
// and municipalities (participants): anyone else is refused (403, audited). Within those kinds, a
// survey the caller's organisation neither owns nor takes part in does not exist for it (404).

const SURVEY_KINDS = new Set(['prefecture', 'association', 'municipality']);

/** Refuses callers outside the survey's world, and roles without the permission (both audited). */
export async function requireSurveyPermission(deps: Deps, actor: Actor, permission: Permission | 'content:read', targetId?: string): Promise<void> {
  if (!SURVEY_KINDS.has(actor.organisationKind)) {
    await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'survey', targetId, after: { permission, reason: 'organisation_kind' } });
    throw new AppError('forbidden');
  }
  await authorize(deps, actor, permission, { type: 'survey', id: targetId });
}

export type SurveyAccess = SurveyWithCounts & { role: 'owner' | 'participant'; closed: boolean; version: CatalogueVersion };

/** True once the owner closed the survey or its closing day (Japan time) has passed. */
export function isClosed(survey: Pick<SurveyRow, 'status' | 'closes_on'>, now: Date): boolean {
  return survey.status === 'closed' || (survey.closes_on !== null && japanToday(now) > survey.closes_on);
}

/** The survey as the caller's organisation sees it (owner or participant), or 404. */
export async function surveyAccess(deps: Deps, actor: Actor, id: string, db: Executor = deps.db): Promise<SurveyAccess> {
  const survey = await findVisibleSurvey(db, actor.organisationId, id);
  if (!survey) throw notFound();
  // Checked by the survey above: a participant reads the owner's own questionnaire too.
  const version = await catalogueVersionById(deps, null, survey.catalogue_version_id, db);
  if (!version) throw notFound();
  return { ...survey, closed: isClosed(survey, deps.now()), version };
}

export function surveyItemsOf(version: CatalogueVersion) {
  return catalogueItems(version.catalogue).map((item) => ({
    key: item.key,
    position: item.position,
    name: { ja: item.name.ja, en: item.name.en },
    category: { key: item.category.key, number: item.category.number ?? null, name: { ja: item.category.name.ja, en: item.category.name.en } },
  }));
}

export function responseRate(submitted: number, participants: number): number {
  return participants === 0 ? 0 : Math.round((submitted / participants) * 1000) / 10;
}

export function mayAnswer(actor: Actor, survey: SurveyAccess): boolean {
  return survey.role === 'participant' && !survey.closed && can(actor.role, actor.organisationKind, 'survey:answer');
}

export function mayRun(actor: Actor, survey: SurveyAccess): boolean {
  return survey.role === 'owner' && can(actor.role, actor.organisationKind, 'survey:run');
}

/** The owner sees results at any time; a participant once the survey is closed. */
export function resultsVisible(survey: SurveyAccess): boolean {
  return survey.role === 'owner' || survey.closed;
}

export const closedError = () => new AppError('conflict', [{ field: 'status', reason: bi('この調査は締め切られています', 'This survey is closed') }]);
