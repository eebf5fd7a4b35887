// SLA terms, outages, vendor reports, reviews and monitors.

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

/** The tables of this feature, as the Database of db/schema.ts sees them. */
export interface SlaTables {
  sla_terms: SlaTermsTable;
  sla_report_imports: SlaReportImportTable;
  sla_outages: SlaOutageTable;
  sla_vendor_reports: SlaVendorReportTable;
  sla_reviews: SlaReviewTable;
  sla_monitors: SlaMonitorTable;
  sla_probe_hourly: SlaProbeHourlyTable;
}
