// Organisations, users, sessions, API tokens, the audit log and organisation keys.
import type { ChainedFields } from '../../../domain/audit-chain.ts';

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
  /** Subcontract chains deeper than this are flagged (再委託 = 1, 再々委託 = 2). */
  subcontract_max_depth: number;
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

/** Failed sign-ins to an address with no account (migration 0015): they wait like an account's. */
export interface UnknownLoginAttemptTable {
  /** sha256 (hex) of the normalised e-mail address. */
  email_hash: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
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

/** A signed chain head (migration 0007): see src/server/services/audit-checkpoints.ts. */
export interface AuditCheckpointTable {
  seq: number;
  head_hash: string;
  hmac: string;
  created_at: string;
}

export interface OrganisationKeyTable {
  organisation_id: string;
  wrapped_key: string;
  created_at: string;
}

/** The tables of this feature, as the Database of db/schema.ts sees them. */
export interface PlatformTables {
  organisation_keys: OrganisationKeyTable;
  organisations: OrganisationTable;
  association_members: AssociationMemberTable;
  users: UserTable;
  recovery_codes: RecoveryCodeTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointTable;
  unknown_login_attempts: UnknownLoginAttemptTable;
}
