// What leaves the server: explicit field lists, so a new column never leaks by accident.
import type { Role, OrganisationKind } from '../../shared/roles.ts';
import type { OrganisationRow } from '../repositories/organisations.ts';
import type { UserRow } from '../repositories/users.ts';
import type { ApiTokenRow } from '../repositories/api-tokens.ts';
import type { AuditRow } from '../repositories/audit-log.ts';
import { toBool } from '../repositories/executor.ts';

export function presentOrganisation(row: OrganisationRow, memberIds: string[] = []) {
  return {
    id: row.id,
    kind: row.kind as OrganisationKind,
    name: row.name,
    name_en: row.name_en,
    local_government_code: row.local_government_code,
    corporate_number: row.corporate_number,
    prefecture_id: row.prefecture_id,
    population: row.population === null ? null : Number(row.population),
    is_demo: toBool(row.is_demo),
    member_ids: memberIds,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function presentUser(row: UserRow, now: Date) {
  return {
    id: row.id,
    organisation_id: row.organisation_id,
    email: row.email,
    display_name: row.display_name,
    role: row.role as Role,
    locale: row.locale,
    department: row.department,
    mfa_enabled: toBool(row.mfa_enabled),
    disabled: toBool(row.disabled),
    locked: row.locked_until !== null && row.locked_until > now.toISOString(),
    must_change_password: toBool(row.must_change_password),
    last_login_at: row.last_login_at,
    created_at: row.created_at,
  };
}

export function presentToken(row: ApiTokenRow) {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    token_prefix: row.token_prefix,
    created_at: row.created_at,
    expires_at: row.expires_at,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at,
  };
}

export function presentAuditEntry(row: AuditRow) {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.at,
    actor_user_id: row.actor_user_id,
    actor_label: row.actor_label,
    organisation_id: row.organisation_id,
    action: row.action,
    outcome: row.outcome,
    target_type: row.target_type,
    target_id: row.target_id,
    before: row.before_json ? JSON.parse(row.before_json) : null,
    after: row.after_json ? JSON.parse(row.after_json) : null,
    ip: row.ip,
  };
}
