// Importance surveys, participants and responses.

export interface SurveyTable {
  id: string;
  organisation_id: string;
  title: string;
  catalogue_version_id: string;
  status: string;
  closes_on: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface SurveyParticipantTable {
  survey_id: string;
  organisation_id: string;
  submitted_at: string | null;
}

export interface SurveyResponseTable {
  id: string;
  survey_id: string;
  organisation_id: string;
  item_key: string;
  importance: string;
  reason: string | null;
  answered_label: string;
  updated_at: string;
}

/** The tables of this feature, as the Database of db/schema.ts sees them. */
export interface SurveysTables {
  surveys: SurveyTable;
  survey_participants: SurveyParticipantTable;
  survey_responses: SurveyResponseTable;
}
