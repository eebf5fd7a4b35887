// Table types. Portable across SQLite and PostgreSQL: timestamps are ISO-8601 UTC text, booleans are
// 0/1 integers, JSON is text. Repositories convert to domain types.
import type { ChainedFields } from '../../domain/audit-chain.ts';

export interface OrganisationTable {
  id: string;
  kind: string;
  name: string;
  name_en: string | null;
  local_government_code: string | null;
  corporate_number: string | null;
  prefecture_id: string | null;
  population: number | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface AssociationMemberTable {
  association_id: string;
  municipality_id: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  locale: string;
  totp_secret_enc: string | null;
  totp_pending_enc: string | null;
  mfa_enabled: number;
  /** Last accepted TOTP time step: a code is never accepted twice. */
  totp_last_step: number | null;
  failed_logins: number;
  locked_until: string | null;
  must_change_password: number;
  disabled: number;
  password_changed_at: string;
  last_login_at: string | null;
  department: string | null;
  created_at: string;
  updated_at: string;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface SessionTable {
  id: string; // sha256 of the cookie token; the token itself is never stored
  user_id: string;
  organisation_id: string;
  csrf_token: string;
  mfa_passed: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: string;
  organisation_id: string;
  created_by: string;
  name: string;
  role: string;
  token_hash: string;
  token_prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** The chained fields (see src/domain/audit-chain.ts) plus the entry's own hash. */
export interface AuditLogTable extends ChainedFields {
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  last_hash: string;
  count: number;
}

export interface VendorTable {
  id: string;
  organisation_id: string;
  name: string;
  corporate_number: string | null;
  address: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  certifications: string | null;
  notes: string | null;
  vendor_organisation_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface RegisterCategoryTable {
  id: string;
  organisation_id: string;
  code: string | null;
  name: string;
  name_en: string | null;
  sort_order: number;
  created_at: string;
}

export interface RegisterEntryTable {
  id: string;
  organisation_id: string;
  external_key: string;
  name: string;
  vendor_id: string | null;
  service_model: string;
  category_id: string;
  department: string;
  business_purpose: string | null;
  users_description: string | null;
  network_zone: string;
  data_location: string;
  data_region: string | null;
  status: string;
  contract_form: string;
  contract_start: string | null;
  contract_end: string | null;
  notice_period_days: number | null;
  auto_renewal: number;
  annual_cost: number | null;
  contract_number: string | null;
  /** JSON array of JNSA data-kind codes. */
  data_kinds: string;
  residents_held: number | null;
  related_services: string | null;
  notes: string | null;
  scheme_id: string;
  confidentiality: string;
  confidentiality_level: number;
  confidentiality_reason: string | null;
  resident_impact: number;
  resident_impact_reason: string | null;
  mental_distress: number;
  economic_loss: number;
  distress_loss_overridden: number;
  override_reason: string | null;
  administrative_impact: number;
  leak_estimate_yen: number;
  search_text: string;
  /** The vendor's service profile on the platform this entry uses (incidents fan out along it). */
  vendor_service_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ClassificationHistoryTable {
  id: string;
  organisation_id: string;
  entry_id: string;
  at: string;
  actor_label: string;
  reason: string | null;
  before_json: string | null;
  after_json: string;
}

export interface SavedViewTable {
  id: string;
  organisation_id: string;
  user_id: string;
  name: string;
  query_json: string;
  columns_json: string;
  created_at: string;
}

export interface OrganisationKeyTable {
  organisation_id: string;
  wrapped_key: string;
  created_at: string;
}

export interface AttachmentTable {
  id: string;
  organisation_id: string;
  target_type: string;
  target_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  /** AES-256-GCM under the organisation's data key: iv (12) + tag (16) + ciphertext. */
  content: Buffer;
  uploaded_by: string | null;
  uploaded_label: string;
  created_at: string;
}

export interface SlaTermsTable {
  entry_id: string;
  organisation_id: string;
  audience: string;
  calendar_kind: string;
  /** Comma-separated weekdays, 0 = Sunday. */
  weekdays: string;
  start_minute: number;
  end_minute: number;
  exclude_holidays: number;
  service_hours_note: string | null;
  availability_target: number | null;
  mttr_target_minutes: number | null;
  dr_method: string | null;
  backup_format: string | null;
  status_check_method: string | null;
  customisability: string | null;
  concurrent_users: string | null;
  backup_method: string | null;
  backup_retention: string | null;
  minimum_outage_minutes: number;
  truncate_unit_minutes: number;
  start_basis: string;
  /** JSON arrays. */
  excluded_causes: string;
  maintenance_windows: string;
  credit_table: string;
  monthly_fee_yen: number | null;
  review_interval_months: number;
  source_document: string | null;
  created_at: string;
  updated_at: string;
  updated_by_label: string;
}

export interface SlaReportImportTable {
  id: string;
  organisation_id: string;
  filename: string;
  sha256: string;
  row_count: number;
  created_at: string;
  created_by_label: string;
}

export interface SlaOutageTable {
  id: string;
  organisation_id: string;
  entry_id: string;
  source: string;
  occurred_at: string;
  detected_at: string | null;
  reported_at: string | null;
  confirmed_at: string | null;
  recovered_at: string | null;
  cause: string;
  description: string | null;
  import_id: string | null;
  monitor_id: string | null;
  created_at: string;
  created_by_label: string;
}

export interface SlaVendorReportTable {
  id: string;
  organisation_id: string;
  entry_id: string;
  year_month: string;
  reported_availability: number | null;
  reported_outage_minutes: number | null;
  import_id: string;
  created_at: string;
}

export interface SlaReviewTable {
  id: string;
  organisation_id: string;
  entry_id: string;
  reviewed_on: string;
  kind: string;
  participants: string | null;
  findings: string;
  decisions: string | null;
  term_changes: string | null;
  created_at: string;
  created_by_label: string;
}

export interface SlaMonitorTable {
  id: string;
  organisation_id: string;
  entry_id: string;
  url: string;
  interval_seconds: number;
  timeout_ms: number;
  failures_to_open: number;
  enabled: number;
  next_check_at: string;
  lease_until: string | null;
  last_checked_at: string | null;
  last_ok: number | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  consecutive_failures: number;
  first_failure_at: string | null;
  open_outage_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface SlaProbeHourlyTable {
  monitor_id: string;
  organisation_id: string;
  hour_start: string;
  checks: number;
  failures: number;
  latency_sum_ms: number;
  latency_max_ms: number;
}

export interface VendorServiceTable {
  id: string;
  organisation_id: string;
  name: string;
  description: string | null;
  /** Terms a municipality accepts before it may read answers shared with sharing = 'terms'. */
  answer_terms: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactSettingsTable {
  entry_id: string;
  organisation_id: string;
  first_report_minutes: number | null;
  last_verified_on: string | null;
  reverify_interval_months: number;
  notes: string | null;
  updated_at: string;
  updated_by_label: string;
}

export interface ContactTable {
  id: string;
  organisation_id: string;
  entry_id: string;
  phase: string;
  side: string;
  escalation_order: number;
  name: string;
  role_title: string | null;
  phone: string | null;
  email: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactDrillTable {
  id: string;
  organisation_id: string;
  entry_id: string;
  held_on: string;
  scenario: string;
  participants: string | null;
  findings: string | null;
  created_at: string;
  created_by_label: string;
}

export interface IncidentTable {
  id: string;
  organisation_id: string;
  reporter_kind: string;
  vendor_service_id: string | null;
  vendor_organisation_id: string | null;
  title: string;
  type: string;
  severity: string;
  status: string;
  summary: string | null;
  /** JSON array of JNSA data-kind codes that leaked. */
  data_kinds: string;
  records_affected: number | null;
  residents_affected: number | null;
  leak_estimate_yen: number | null;
  shared_with_vendor: number;
  shared_with_prefecture: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  created_by_label: string;
}

export interface IncidentParticipantTable {
  incident_id: string;
  organisation_id: string;
  entry_id: string | null;
  impact_status: string;
  residents_affected: number | null;
  impact_notes: string | null;
  share_impact: number;
  closed_at: string | null;
  joined_at: string;
  updated_at: string;
}

export interface IncidentEventTable {
  id: string;
  incident_id: string;
  organisation_id: string;
  type: string;
  at: string;
  source: string | null;
  note: string | null;
  shared: number;
  created_at: string;
  created_by_label: string;
}

export interface IncidentActionTable {
  id: string;
  incident_id: string;
  organisation_id: string;
  title: string;
  owner: string;
  due_on: string;
  status: string;
  done_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationTable {
  id: string;
  organisation_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPreferenceTable {
  user_id: string;
  kind: string;
  email: number;
  updated_at: string;
}

export interface MailOutboxTable {
  id: string;
  organisation_id: string;
  user_id: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  dedupe_key: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

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

export interface Database {
  catalogue_versions: CatalogueVersionTable;
  assessment_rules: AssessmentRuleTable;
  assessments: AssessmentTable;
  assessment_items: AssessmentItemTable;
  assessment_comments: AssessmentCommentTable;
  vendor_answers: VendorAnswerTable;
  answer_requests: AnswerRequestTable;
  vendor_invitations: VendorInvitationTable;
  surveys: SurveyTable;
  survey_participants: SurveyParticipantTable;
  survey_responses: SurveyResponseTable;
  vendor_services: VendorServiceTable;
  contact_settings: ContactSettingsTable;
  contacts: ContactTable;
  contact_drills: ContactDrillTable;
  incidents: IncidentTable;
  incident_participants: IncidentParticipantTable;
  incident_events: IncidentEventTable;
  incident_actions: IncidentActionTable;
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  mail_outbox: MailOutboxTable;
  sla_terms: SlaTermsTable;
  sla_report_imports: SlaReportImportTable;
  sla_outages: SlaOutageTable;
  sla_vendor_reports: SlaVendorReportTable;
  sla_reviews: SlaReviewTable;
  sla_monitors: SlaMonitorTable;
  sla_probe_hourly: SlaProbeHourlyTable;
  organisation_keys: OrganisationKeyTable;
  attachments: AttachmentTable;
  vendors: VendorTable;
  register_categories: RegisterCategoryTable;
  register_entries: RegisterEntryTable;
  classification_history: ClassificationHistoryTable;
  saved_views: SavedViewTable;
  organisations: OrganisationTable;
  association_members: AssociationMemberTable;
  users: UserTable;
  recovery_codes: RecoveryCodeTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}
