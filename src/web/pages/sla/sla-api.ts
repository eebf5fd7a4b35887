// Types and queries of the SLA screens, inferred from the shared zod schemas (src/shared/schemas/sla.ts).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  monitorBody,
  monitorResponse,
  monthlyResult,
  outageBody,
  outageResponse,
  reviewBody,
  reviewResponse,
  reviewStatus,
  slaFlag,
  slaTermsBody,
  slaTermsResponse,
} from '../../../shared/schemas/sla.ts';
import { useSearchParams } from 'react-router';
import { formatYearMonth, YEAR_MONTH } from '../../../shared/sla.ts';
import type { ReportImportJson, ReportImportResult, ReportRowOutcome, ServiceMonthPlan } from '../../../shared/sla-report.ts';
import { api, withQuery } from '../../api/client.ts';

export type SlaTerms = z.infer<typeof slaTermsResponse>;
export type SlaTermsInput = z.input<typeof slaTermsBody>;
export type SlaFlag = z.infer<typeof slaFlag>;
export type Outage = z.infer<typeof outageResponse>;
export type OutageInput = z.input<typeof outageBody>;
export type MonthlyResult = z.infer<typeof monthlyResult>;
export type Review = z.infer<typeof reviewResponse>;
export type ReviewInput = z.input<typeof reviewBody>;
export type ReviewStatus = z.infer<typeof reviewStatus>;
export type Monitor = z.infer<typeof monitorResponse>;
export type MonitorInput = z.input<typeof monitorBody>;

export type GradeCheck = { kind: 'defined' } | { kind: 'service_hours' } | { kind: 'min_percent'; value: number } | { kind: 'max_minutes'; value: number };

export interface SlaCatalogue {
  version: string;
  items: { code: string; name: { ja: string; en: string }; recommended: { ja: string; en: string }; check: GradeCheck }[];
}

export interface SlaEntryView {
  entry: { id: string; name: string; external_key: string; department: string };
  terms: SlaTerms | null;
  flags: SlaFlag[];
  can_edit: boolean;
  review: ReviewStatus | null;
  /** The last year whose Japanese public holidays are known. */
  holidays_known_until: number;
}

export type OrgMonthRow = MonthlyResult & { entry_id: string; entry_name: string; external_key: string; department: string };

export interface OrgMonthResults {
  month: string;
  items: OrgMonthRow[];
  summary: { services: number; met: number; breached: number; differs: number; credit_yen_total: number };
}

export interface DueReview {
  entry_id: string;
  entry_name: string;
  external_key: string;
  department: string;
  interval_months: number;
  last_reviewed_on: string | null;
  next_due: string;
  state: 'due_soon' | 'overdue';
}

export interface HourlyProbe {
  hour_start: string;
  checks: number;
  failures: number;
  avg_latency_ms: number | null;
  max_latency_ms: number | null;
}

export type ReportImportRecord = ReportImportJson;
export type ReportImportPlan = ReportImportResult;
export type ReportImportRow = ReportRowOutcome;
export type ReportServiceMonth = ServiceMonthPlan;

export interface MonitorView {
  monitor: Monitor | null;
  hourly: HourlyProbe[];
}

/** The current month in Japan time, shifted by `offset` months (−1: last month). */
export function japanMonth(offset = 0, now = new Date()): string {
  const t = new Date(now.getTime() + 9 * 3_600_000);
  const index = t.getUTCFullYear() * 12 + t.getUTCMonth() + offset;
  return formatYearMonth(Math.floor(index / 12), (index % 12) + 1);
}

/** The month picked in the address (?month=YYYY-MM), last month by default. */
export function useMonthParam(): [string, (month: string) => void] {
  const [search, setSearch] = useSearchParams();
  const raw = search.get('month');
  const month = raw && YEAR_MONTH.test(raw) ? raw : japanMonth(-1);
  return [month, (next) => setSearch({ month: next }, { replace: true })];
}

const ROOT = ['sla'] as const;

export function useSlaCatalogue() {
  return useQuery({ queryKey: [...ROOT, 'catalogue'], queryFn: () => api.get<SlaCatalogue>('/api/sla/catalogue'), staleTime: Infinity });
}

export function useSlaEntry(entryId: string) {
  return useQuery({ queryKey: [...ROOT, 'entry', entryId], queryFn: () => api.get<SlaEntryView>(`/api/sla/entries/${entryId}`) });
}

export function useOutages(entryId: string, from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: [...ROOT, 'entry', entryId, 'outages', from, to],
    queryFn: () => api.get<{ items: Outage[] }>(withQuery(`/api/sla/entries/${entryId}/outages`, { from, to })),
    select: (d) => d.items,
    enabled,
  });
}

export function useEntryResults(entryId: string, from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: [...ROOT, 'entry', entryId, 'results', from, to],
    queryFn: () => api.get<{ items: MonthlyResult[] }>(withQuery(`/api/sla/entries/${entryId}/results`, { from, to })),
    select: (d) => d.items,
    enabled,
  });
}

export function useReviews(entryId: string) {
  return useQuery({ queryKey: [...ROOT, 'entry', entryId, 'reviews'], queryFn: () => api.get<{ status: ReviewStatus | null; items: Review[] }>(`/api/sla/entries/${entryId}/reviews`) });
}

export function useMonitor(entryId: string) {
  return useQuery({ queryKey: [...ROOT, 'entry', entryId, 'monitor'], queryFn: () => api.get<MonitorView>(`/api/sla/entries/${entryId}/monitor`) });
}

export function useOrgResults(month: string) {
  return useQuery({ queryKey: [...ROOT, 'results', month], queryFn: () => api.get<OrgMonthResults>(withQuery('/api/sla/results', { month })), placeholderData: keepPreviousData });
}

export function useDueReviews(enabled = true) {
  return useQuery({ queryKey: [...ROOT, 'reviews', 'due'], queryFn: () => api.get<{ items: DueReview[] }>('/api/sla/reviews/due'), select: (d) => d.items, enabled });
}

export function useReportImports() {
  return useQuery({ queryKey: [...ROOT, 'imports'], queryFn: () => api.get<{ items: ReportImportRecord[] }>('/api/sla/reports/imports'), select: (d) => d.items });
}

/** A mutation that refreshes every SLA query when it succeeds. */
export function useSlaMutation<T, V>(fn: (variables: V) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ROOT }) });
}
