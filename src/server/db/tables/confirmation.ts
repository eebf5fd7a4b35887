// Catalogue versions, assessments and their items, vendor answers, answer requests and invitations.

export interface CatalogueVersionTable {
  id: string;
  /** 'platform' for the shipped catalogues, otherwise the organisation's id. */
  scope: string;
  catalogue_urn: string;
  version: string;
  kind: string;
  name_ja: string;
  name_en: string;
  sha256: string;
  /** 'file' (catalogs/) or 'import' (an administrator's questionnaire). */
  source: string;
  source_name: string;
  /** The validated catalogue as JSON. */
  content: string;
  is_current: number;
  created_by: string | null;
  created_at: string;
}

export interface AssessmentRuleTable {
  id: string;
  organisation_id: string;
  catalogue_urn: string;
  min_impact: number;
  created_at: string;
  updated_at: string;
}

export interface AssessmentTable {
  id: string;
  organisation_id: string;
  register_entry_id: string;
  catalogue_version_id: string;
  catalogue_urn: string;
  started_by: string | null;
  started_label: string;
  created_at: string;
  updated_at: string;
}

export interface AssessmentItemTable {
  id: string;
  organisation_id: string;
  assessment_id: string;
  catalogue_version_id: string;
  item_key: string;
  category_key: string;
  position: number;
  status: string;
  /** JSON of the answer, shaped by the item's answer type. */
  answer: string | null;
  due_date: string | null;
  reviewer_user_id: string | null;
  confirmed_before_use: number | null;
  policy_defined: string;
  vendor_answer_id: string | null;
  vendor_review: string | null;
  vendor_review_note: string | null;
  vendor_reviewed_at: string | null;
  archived: number;
  revision: number;
  updated_by_label: string | null;
  updated_at: string;
}

export interface AssessmentCommentTable {
  id: string;
  organisation_id: string;
  assessment_item_id: string;
  author_user_id: string | null;
  author_label: string;
  body: string;
  created_at: string;
}

export interface VendorAnswerTable {
  id: string;
  organisation_id: string;
  vendor_service_id: string;
  catalogue_urn: string;
  catalogue_version_id: string;
  item_key: string;
  revision: number;
  answer: string | null;
  note: string | null;
  sharing: string;
  is_current: number;
  answered_by: string | null;
  answered_label: string;
  created_at: string;
}

export interface AnswerRequestTable {
  id: string;
  organisation_id: string;
  vendor_service_id: string;
  register_entry_id: string;
  catalogue_urn: string;
  message: string | null;
  due_date: string;
  status: string;
  terms_accepted_at: string | null;
  terms_accepted_label: string | null;
  requested_by: string | null;
  requested_label: string;
  created_at: string;
  answered_at: string | null;
  last_reminded_at: string | null;
}

export interface VendorInvitationTable {
  id: string;
  organisation_id: string;
  register_entry_id: string;
  email: string;
  vendor_name: string;
  service_name: string;
  corporate_number: string | null;
  catalogue_urn: string | null;
  due_date: string | null;
  token_hash: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  vendor_organisation_id: string | null;
  invited_by: string | null;
  invited_label: string;
  created_at: string;
}

/** The tables of this feature, as the Database of db/schema.ts sees them. */
export interface ConfirmationTables {
  catalogue_versions: CatalogueVersionTable;
  assessment_rules: AssessmentRuleTable;
  assessments: AssessmentTable;
  assessment_items: AssessmentItemTable;
  assessment_comments: AssessmentCommentTable;
  vendor_answers: VendorAnswerTable;
  answer_requests: AnswerRequestTable;
  vendor_invitations: VendorInvitationTable;
}
