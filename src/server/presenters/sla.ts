import type { z } from 'zod';
import type { outageResponse, reviewResponse, slaTermsResponse } from '../../shared/schemas/sla.ts';
import type { OutageRow, ReviewRow, SlaTermsRow } from '../repositories/sla.ts';
import { toBool } from '../repositories/executor.ts';
import { weekdaysOf } from '../services/sla/rules.ts';
import { MINUTE } from '../../domain/sla/intervals.ts';
import type { OutageCause, OutageSource, SlaAudience, StartBasis } from '../../shared/sla.ts';

export function presentTerms(row: SlaTermsRow): z.infer<typeof slaTermsResponse> {
  return {
    entry_id: row.entry_id,
    audience: row.audience as SlaAudience,
    calendar_kind: row.calendar_kind as 'always' | 'office',
    weekdays: weekdaysOf(row),
    start_minute: row.start_minute,
    end_minute: row.end_minute,
    exclude_holidays: toBool(row.exclude_holidays),
    service_hours_note: row.service_hours_note,
    availability_target: row.availability_target === null ? null : Number(row.availability_target),
    mttr_target_minutes: row.mttr_target_minutes === null ? null : Number(row.mttr_target_minutes),
    dr_method: row.dr_method,
    backup_format: row.backup_format,
    status_check_method: row.status_check_method,
    customisability: row.customisability,
    concurrent_users: row.concurrent_users,
    backup_method: row.backup_method,
    backup_retention: row.backup_retention,
    minimum_outage_minutes: row.minimum_outage_minutes,
    truncate_unit_minutes: row.truncate_unit_minutes,
    start_basis: row.start_basis as StartBasis,
    excluded_causes: JSON.parse(row.excluded_causes) as OutageCause[],
    maintenance_windows: JSON.parse(row.maintenance_windows),
    credit_table: JSON.parse(row.credit_table),
    monthly_fee_yen: row.monthly_fee_yen === null ? null : Number(row.monthly_fee_yen),
    review_interval_months: row.review_interval_months,
    source_document: row.source_document,
    updated_at: row.updated_at,
    updated_by_label: row.updated_by_label,
  };
}

export function presentOutage(row: OutageRow, now: Date): z.infer<typeof outageResponse> {
  const end = row.recovered_at ? Date.parse(row.recovered_at) : now.getTime();
  return {
    id: row.id,
    entry_id: row.entry_id,
    source: row.source as OutageSource,
    occurred_at: row.occurred_at,
    detected_at: row.detected_at,
    reported_at: row.reported_at,
    confirmed_at: row.confirmed_at,
    recovered_at: row.recovered_at,
    cause: row.cause as OutageCause,
    description: row.description,
    minutes: Math.max(0, Math.round(((end - Date.parse(row.occurred_at)) / MINUTE) * 10) / 10),
    created_at: row.created_at,
    created_by_label: row.created_by_label,
  };
}

export function presentReview(row: ReviewRow): z.infer<typeof reviewResponse> {
  return {
    id: row.id,
    entry_id: row.entry_id,
    reviewed_on: row.reviewed_on,
    kind: row.kind as 'scheduled' | 'ad_hoc',
    participants: row.participants,
    findings: row.findings,
    decisions: row.decisions,
    term_changes: row.term_changes,
    created_at: row.created_at,
    created_by_label: row.created_by_label,
  };
}
