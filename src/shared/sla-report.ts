// What the import of a vendor's monthly operation report answers: one definition for the server
// (src/server/services/sla/report-import.ts) and the import screen.
import type { ImportError } from './import-errors.ts';

export interface ReportRowOutcome {
  row: number;
  external_key: string;
  entry_name: string | null;
  month: string | null;
  kind: 'outage' | 'summary';
  occurred_at: string | null;
  recovered_at: string | null;
  /** Length of the outage in minutes (it may run into the next month; the arithmetic splits it). */
  minutes: number | null;
  status: 'ok' | 'error';
}

export interface ServiceMonthPlan {
  external_key: string;
  entry_name: string;
  month: string;
  /** replace: imported before (without replace=true that is an error on the month's first row). */
  action: 'create' | 'replace';
  outages: number;
  reported_availability: number | null;
  reported_outage_minutes: number | null;
  /** Vendor outages of this month already stored, removed by a replacement. */
  replaced_outages: number;
}

export interface ReportImportResult {
  mode: 'dry_run' | 'commit';
  format: 'xlsx' | 'csv';
  encoding: string | null;
  import_id: string | null;
  rows: ReportRowOutcome[];
  service_months: ServiceMonthPlan[];
  errors: ImportError[];
  summary: { rows: number; services: number; months: number; service_months: number; outages: number; replaced: number; errors: number };
}

export interface ReportImportJson {
  id: string;
  filename: string;
  sha256: string;
  row_count: number;
  created_at: string;
  created_by_label: string;
}
