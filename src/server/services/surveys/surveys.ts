import type { z } from 'zod';
import { bi } from '../../../shared/messages.ts';
import type { surveyCreateBody } from '../../../shared/schemas/surveys.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { findOrganisationById } from '../../repositories/organisations.ts';
import {
  closeSurveyRow,
  findParticipant,
  insertSurvey,
  listOwnedSurveys,
  listOwnResponses,
  listParticipants,
  listParticipatingSurveys,
  memberMunicipalities,
  type SurveyRow,
  type SurveyWithCounts,
} from '../../repositories/surveys.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { catalogueVersionById, currentCatalogueVersion, listCurrentCatalogues, type CatalogueVersion } from '../catalogues/registry.ts';
import { AppError, invalid } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { notifyOrganisations } from '../notifications/notify.ts';
import type { Actor, Deps } from '../deps.ts';
import { isClosed, mayAnswer, mayRun, requireSurveyPermission, responseRate, resultsVisible, surveyAccess, surveyItemsOf } from './access.ts';

// Running a survey: the owner (a prefecture or association with survey:run) picks a catalogue and
// its member municipalities; they are told in the same transaction. Listing and reading follow the
// caller's side of the survey.

type CreateInput = z.infer<typeof surveyCreateBody>;

const catalogueRef = (version: CatalogueVersion) => ({ urn: version.urn, version: version.version, name: { ja: version.catalogue.name.ja, en: version.catalogue.name.en } });

async function organisationRef(deps: Deps, id: string) {
  const org = await findOrganisationById(deps.db, id);
  return { id, name: org?.name ?? '', name_en: org?.name_en ?? null };
}

function presentListItem(survey: SurveyWithCounts, version: CatalogueVersion, owner: { id: string; name: string; name_en: string | null }, role: 'owner' | 'participant', now: Date, mine?: { submitted_at: string | null; answered: number }) {
  return {
    id: survey.id,
    title: survey.title,
    catalogue: catalogueRef(version),
    status: isClosed(survey, now) ? ('closed' as const) : ('open' as const),
    closes_on: survey.closes_on,
    created_at: survey.created_at,
    owner,
    role,
    item_count: surveyItemsOf(version).length,
    participant_count: survey.participant_count,
    submitted_count: survey.submitted_count,
    response_rate: responseRate(survey.submitted_count, survey.participant_count),
    my_state: mine ? (mine.submitted_at ? ('submitted' as const) : mine.answered > 0 ? ('draft' as const) : ('not_started' as const)) : null,
  };
}

/** What the create form offers: the catalogues the owner may survey on, and its member municipalities. */
export async function surveyOptions(deps: Deps, actor: Actor) {
  await requireSurveyPermission(deps, actor, 'survey:run');
  const [catalogues, members] = await Promise.all([listCurrentCatalogues(deps, actor.organisationId, { assessableOnly: true }), memberMunicipalities(deps.db, { id: actor.organisationId, kind: actor.organisationKind })]);
  return { catalogues: catalogues.map(catalogueRef), members };
}

export async function createSurvey(deps: Deps, actor: Actor, input: CreateInput) {
  await requireSurveyPermission(deps, actor, 'survey:run');
  const now = deps.now();
  const version = await currentCatalogueVersion(deps, actor.organisationId, input.catalogue_urn);
  if (!version || !version.catalogue.assessable) throw invalid('catalogue_urn', bi(`カタログ ${input.catalogue_urn} は調査に使えません`, `The catalogue ${input.catalogue_urn} cannot be surveyed`));
  if (input.closes_on && input.closes_on < japanToday(now)) throw invalid('closes_on', bi('締切日は今日以降の日付にしてください', 'The closing day must be today or later'));
  const participantIds = [...new Set(input.participant_ids)];
  const id = newId();
  const at = nowIso(now);
  const row: SurveyRow = { id, organisation_id: actor.organisationId, title: input.title, catalogue_version_id: version.id, status: 'open', closes_on: input.closes_on ?? null, created_by: actor.userId, created_at: at, updated_at: at };
  await deps.db.transaction().execute(async (trx) => {
    const members = new Set((await memberMunicipalities(trx, { id: actor.organisationId, kind: actor.organisationKind })).map((m) => m.id));
    const outside = participantIds.filter((p) => !members.has(p));
    if (outside.length > 0) {
      throw new AppError(
        'validation_failed',
        outside.map((p) => ({ field: `participant_ids.${input.participant_ids.indexOf(p)}`, reason: bi(`団体 ${p} は管内・構成団体の市区町村ではありません`, `Organisation ${p} is not one of your member municipalities`) })),
      );
    }
    await insertSurvey(trx, row, participantIds);
    await recordAudit(trx, actor, { action: 'survey.create', targetType: 'survey', targetId: id, after: { title: row.title, catalogue_urn: version.urn, catalogue_version: version.version, closes_on: row.closes_on, participant_ids: participantIds } }, now);
    const deadline = row.closes_on ? `（締切 ${row.closes_on}）` : '';
    await notifyOrganisations(trx, deps, participantIds, {
      kind: 'survey_opened',
      title: `重要度調査への回答依頼：${row.title}`,
      titleEn: `Importance survey: ${row.title}`,
      body: `「${version.catalogue.name.ja}」の各項目の重要度について、回答をお願いします${deadline}。`,
      bodyEn: `Please rate the importance of each item of "${version.catalogue.name.en}"${row.closes_on ? ` by ${row.closes_on}` : ''}.`,
      link: `/surveys/${id}`,
      dedupeKey: `survey_opened:${id}`,
    });
  });
  return surveyDetail(deps, actor, id);
}

/** The owner's surveys, or the surveys the municipality was asked to answer. */
export async function listSurveys(deps: Deps, actor: Actor) {
  await requireSurveyPermission(deps, actor, 'content:read');
  const now = deps.now();
  const versions = new Map<string, CatalogueVersion>();
  const owners = new Map<string, { id: string; name: string; name_en: string | null }>();
  const versionOf = async (id: string) => {
    if (!versions.has(id)) versions.set(id, (await catalogueVersionById(deps, null, id))!);
    return versions.get(id)!;
  };
  const ownerOf = async (id: string) => {
    if (!owners.has(id)) owners.set(id, await organisationRef(deps, id));
    return owners.get(id)!;
  };
  if (actor.organisationKind === 'municipality') {
    const rows = await listParticipatingSurveys(deps.db, actor.organisationId);
    const items = [];
    for (const row of rows) items.push(presentListItem(row, await versionOf(row.catalogue_version_id), await ownerOf(row.organisation_id), 'participant', now, { submitted_at: row.my_submitted_at, answered: row.my_answered }));
    return { items };
  }
  const rows = await listOwnedSurveys(deps.db, actor.organisationId);
  const items = [];
  for (const row of rows) items.push(presentListItem(row, await versionOf(row.catalogue_version_id), await ownerOf(row.organisation_id), 'owner', now));
  return { items };
}

export async function surveyDetail(deps: Deps, actor: Actor, id: string) {
  await requireSurveyPermission(deps, actor, 'content:read', id);
  const survey = await surveyAccess(deps, actor, id);
  const now = deps.now();
  const owner = await organisationRef(deps, survey.organisation_id);
  if (survey.role === 'owner') {
    const participants = await listParticipants(deps.db, id);
    return {
      ...presentListItem(survey, survey.version, owner, 'owner', now),
      items: surveyItemsOf(survey.version),
      my_answers: null,
      my_submitted_at: null,
      participants: participants.map((p) => ({ id: p.id, name: p.name, name_en: p.name_en, submitted_at: p.submitted_at })),
      can_answer: false,
      can_close: mayRun(actor, survey) && survey.status === 'open',
      results_visible: true,
    };
  }
  const [mine, answers] = await Promise.all([findParticipant(deps.db, id, actor.organisationId), listOwnResponses(deps.db, id, actor.organisationId)]);
  const submittedAt = mine?.submitted_at ?? null;
  return {
    ...presentListItem(survey, survey.version, owner, 'participant', now, { submitted_at: submittedAt, answered: answers.length }),
    items: surveyItemsOf(survey.version),
    my_answers: answers.map((a) => ({ item_key: a.item_key, importance: a.importance as 'must_confirm', reason: a.reason, answered_label: a.answered_label, updated_at: a.updated_at })),
    my_submitted_at: submittedAt,
    participants: null,
    can_answer: mayAnswer(actor, survey),
    can_close: false,
    results_visible: resultsVisible(survey),
  };
}

/** The owner closes the survey: answers stop, and the participants may see the results. */
export async function closeSurvey(deps: Deps, actor: Actor, id: string) {
  await requireSurveyPermission(deps, actor, 'content:read', id);
  const survey = await surveyAccess(deps, actor, id);
  // A participant (a municipality) lacks survey:run: refused and audited like any other role.
  await requireSurveyPermission(deps, actor, 'survey:run', id);
  if (survey.role !== 'owner') throw new AppError('forbidden', [{ field: 'id', reason: bi('調査を締め切れるのは実施団体だけです', 'Only the organisation that runs the survey can close it') }]);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const changed = await closeSurveyRow(trx, actor.organisationId, id, nowIso(now));
    if (changed === 0) throw new AppError('conflict', [{ field: 'status', reason: bi('この調査は既に締め切られています', 'This survey is already closed') }]);
    await recordAudit(trx, actor, { action: 'survey.close', targetType: 'survey', targetId: id, before: { status: 'open' }, after: { status: 'closed', submitted_count: survey.submitted_count, participant_count: survey.participant_count } }, now);
  });
  return surveyDetail(deps, actor, id);
}
