import type { Selectable } from 'kysely';
import type { SurveyResponseTable, SurveyTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

// Importance surveys: the owner's survey, its participants and each participant's answers. Reads are
// scoped by the caller's organisation: as the owner, or as a participant.

export type SurveyRow = Selectable<SurveyTable>;
export type SurveyResponseRow = Selectable<SurveyResponseTable>;

export interface SurveyWithCounts extends SurveyRow {
  participant_count: number;
  submitted_count: number;
}

const countsOf = <T extends { participant_count: unknown; submitted_count: unknown }>(row: T) => ({ ...row, participant_count: Number(row.participant_count), submitted_count: Number(row.submitted_count ?? 0) });

function withCounts(db: Executor) {
  return db
    .selectFrom('surveys')
    .selectAll('surveys')
    .select((eb) => [
      eb.selectFrom('survey_participants as p').select((x) => x.fn.countAll().as('n')).whereRef('p.survey_id', '=', 'surveys.id').as('participant_count'),
      eb.selectFrom('survey_participants as p').select((x) => x.fn.countAll().as('n')).whereRef('p.survey_id', '=', 'surveys.id').where('p.submitted_at', 'is not', null).as('submitted_count'),
    ]);
}

export async function insertSurvey(db: Executor, row: SurveyRow, participantIds: string[]): Promise<void> {
  await db.insertInto('surveys').values(row).execute();
  for (let i = 0; i < participantIds.length; i += 500) {
    await db
      .insertInto('survey_participants')
      .values(participantIds.slice(i, i + 500).map((organisation_id) => ({ survey_id: row.id, organisation_id, submitted_at: null })))
      .execute();
  }
}

/** A survey the organisation owns or takes part in (undefined otherwise). */
export async function findVisibleSurvey(db: Executor, organisationId: string, id: string): Promise<(SurveyWithCounts & { role: 'owner' | 'participant' }) | undefined> {
  const row = await withCounts(db)
    .where('surveys.id', '=', id)
    .where((eb) => eb.or([eb('surveys.organisation_id', '=', organisationId), eb.exists(eb.selectFrom('survey_participants as me').select('me.survey_id').whereRef('me.survey_id', '=', 'surveys.id').where('me.organisation_id', '=', organisationId))]))
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...countsOf(row), role: row.organisation_id === organisationId ? 'owner' : 'participant' };
}

export async function listOwnedSurveys(db: Executor, organisationId: string): Promise<SurveyWithCounts[]> {
  const rows = await withCounts(db).where('surveys.organisation_id', '=', organisationId).orderBy('surveys.created_at', 'desc').orderBy('surveys.id', 'desc').execute();
  return rows.map(countsOf);
}

export async function listParticipatingSurveys(db: Executor, organisationId: string): Promise<(SurveyWithCounts & { my_submitted_at: string | null; my_answered: number })[]> {
  const rows = await withCounts(db)
    .innerJoin('survey_participants as me', (join) => join.onRef('me.survey_id', '=', 'surveys.id').on('me.organisation_id', '=', organisationId))
    .select((eb) => [
      'me.submitted_at as my_submitted_at',
      eb.selectFrom('survey_responses as r').select((x) => x.fn.countAll().as('n')).whereRef('r.survey_id', '=', 'surveys.id').where('r.organisation_id', '=', organisationId).as('my_answered'),
    ])
    .orderBy('surveys.created_at', 'desc')
    .orderBy('surveys.id', 'desc')
    .execute();
  return rows.map((row) => ({ ...countsOf(row), my_answered: Number(row.my_answered ?? 0) }));
}

export function findOrganisationNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisations').select(['id', 'name', 'name_en']).where('id', 'in', ids).execute();
}

export function listParticipants(db: Executor, surveyId: string) {
  return db
    .selectFrom('survey_participants as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['o.id', 'o.name', 'o.name_en', 'p.submitted_at'])
    .where('p.survey_id', '=', surveyId)
    .orderBy('o.local_government_code')
    .orderBy('o.id')
    .execute();
}

export function findParticipant(db: Executor, surveyId: string, organisationId: string) {
  return db.selectFrom('survey_participants').selectAll().where('survey_id', '=', surveyId).where('organisation_id', '=', organisationId).executeTakeFirst();
}

/** Sets (or clears) the participant's submission time. */
export async function setSubmitted(db: Executor, surveyId: string, organisationId: string, submittedAt: string | null): Promise<void> {
  await db.updateTable('survey_participants').set({ submitted_at: submittedAt }).where('survey_id', '=', surveyId).where('organisation_id', '=', organisationId).execute();
}

export function listOwnResponses(db: Executor, surveyId: string, organisationId: string): Promise<SurveyResponseRow[]> {
  return db.selectFrom('survey_responses').selectAll().where('survey_id', '=', surveyId).where('organisation_id', '=', organisationId).orderBy('item_key').execute();
}

/** Replaces the participant's answers with the given set. */
export async function replaceResponses(db: Executor, surveyId: string, organisationId: string, rows: SurveyResponseRow[]): Promise<void> {
  await db.deleteFrom('survey_responses').where('survey_id', '=', surveyId).where('organisation_id', '=', organisationId).execute();
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('survey_responses').values(rows.slice(i, i + 200)).execute();
}

/** Answers of the participants that handed in, with their organisation's name (drafts are not results). */
export function listSubmittedResponses(db: Executor, surveyId: string) {
  return db
    .selectFrom('survey_responses as r')
    .innerJoin('survey_participants as p', (join) => join.onRef('p.survey_id', '=', 'r.survey_id').onRef('p.organisation_id', '=', 'r.organisation_id'))
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['r.item_key', 'r.importance', 'r.reason', 'o.id as organisation_id', 'o.name as organisation_name', 'o.name_en as organisation_name_en', 'o.local_government_code'])
    .where('r.survey_id', '=', surveyId)
    .where('p.submitted_at', 'is not', null)
    .execute();
}

export async function closeSurveyRow(db: Executor, organisationId: string, id: string, at: string): Promise<number> {
  const result = await db.updateTable('surveys').set({ status: 'closed', updated_at: at }).where('id', '=', id).where('organisation_id', '=', organisationId).where('status', '=', 'open').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Municipalities an owner may survey: a prefecture's, or a joint-use association's members. */
export async function memberMunicipalities(db: Executor, owner: { id: string; kind: string }) {
  let query = db.selectFrom('organisations as o').select(['o.id', 'o.name', 'o.name_en']).where('o.kind', '=', 'municipality');
  if (owner.kind === 'prefecture') query = query.where('o.prefecture_id', '=', owner.id);
  else if (owner.kind === 'association') query = query.where((eb) => eb.exists(eb.selectFrom('association_members as m').select('m.municipality_id').whereRef('m.municipality_id', '=', 'o.id').where('m.association_id', '=', owner.id)));
  else return [];
  return query.orderBy('o.local_government_code').orderBy('o.id').execute();
}

/** Takes the participant's row lock on PostgreSQL (a no-op write), so two saves of one participant run one after the other. */
export async function lockParticipant(db: Executor, surveyId: string, organisationId: string): Promise<void> {
  await db
    .updateTable('survey_participants')
    .set((eb) => ({ submitted_at: eb.ref('submitted_at') }))
    .where('survey_id', '=', surveyId)
    .where('organisation_id', '=', organisationId)
    .execute();
}
