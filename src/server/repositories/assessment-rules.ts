import type { Selectable } from 'kysely';
import type { AssessmentRuleTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

// An organisation's rules for which catalogues apply to an entry (by administrative impact).

export type AssessmentRuleRow = Selectable<AssessmentRuleTable>;

export function rulesOf(db: Executor, organisationId: string): Promise<AssessmentRuleRow[]> {
  return db.selectFrom('assessment_rules').selectAll().where('organisation_id', '=', organisationId).execute();
}

/** Replaces every rule of the organisation with these rows (none: back to the default). */
export async function replaceRules(db: Executor, organisationId: string, rows: AssessmentRuleRow[]): Promise<void> {
  await db.deleteFrom('assessment_rules').where('organisation_id', '=', organisationId).execute();
  if (rows.length) await db.insertInto('assessment_rules').values(rows).execute();
}
