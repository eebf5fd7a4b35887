// Types and queries of the register, inferred from the shared zod schemas.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  categoryResponse,
  classificationBody,
  entryCreateBody,
  entryListResponse,
  entryResponse,
  entryUpdateBody,
  savedViewResponse,
  vendorBody,
  vendorResponse,
} from '../../../shared/schemas/register.ts';
import type { auditEntryResponse } from '../../../shared/schemas/audit.ts';
import { api, ApiError } from '../../api/client.ts';

export type Entry = z.infer<typeof entryResponse>;
export type EntryList = z.infer<typeof entryListResponse>;
export type EntryCreate = z.input<typeof entryCreateBody>;
export type EntryUpdate = z.input<typeof entryUpdateBody>;
export type ClassificationChange = z.input<typeof classificationBody>;
export type Vendor = z.infer<typeof vendorResponse>;
export type VendorInput = z.input<typeof vendorBody>;
export type Category = z.infer<typeof categoryResponse>;
export type SavedView = z.infer<typeof savedViewResponse>;

export interface RegisterOptions {
  categories: { id: string; name: string; name_en: string | null }[];
  vendors: { id: string; name: string }[];
  departments: string[];
  schemes: { id: string; name: { ja: string; en: string }; levels: { code: string; level: number; name: { ja: string; en: string } }[] }[];
  default_scheme_id: string;
  data_kinds: { code: string; distress: number; loss: number; name: { ja: string; en: string } }[];
  can_create: boolean;
}

export interface Overview {
  total: number;
  totals: { total: number; annual_cost: number; residents_held: number; leak_estimate_yen: number };
  by_category: { category_id: string; count: number }[];
  by_impact_band: { band: 'high' | 'medium' | 'low'; count: number }[];
  by_network_zone: { key: string; count: number }[];
  by_status: { key: string; count: number }[];
  by_service_model: { key: string; count: number }[];
  heatmap_confidentiality_resident: { x: number; y: number; count: number }[];
  heatmap_distress_loss: { x: number; y: number; count: number }[];
  top_entries: { id: string; name: string; category_name: string; category_name_en: string | null; administrative_impact: number }[];
}

export interface EntryHistory {
  classification: { id: string; at: string; actor_label: string; reason: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> }[];
  changes: z.infer<typeof auditEntryResponse>[];
  names: Record<string, string>;
}

export interface ImportPlan {
  format: 'xlsx' | 'csv';
  encoding: string | null;
  rows: { row: number; external_key: string; name: string; action: 'create' | 'update' | 'unchanged'; changed_fields: string[] }[];
  errors: { row: number; column: string; value: string; reason: string; reason_en?: string }[];
  vendors_to_create: string[];
  summary: { rows: number; create: number; update: number; unchanged: number; errors: number };
}

export function useRegisterOptions() {
  return useQuery({ queryKey: ['register', 'options'], queryFn: () => api.get<RegisterOptions>('/api/register/options') });
}

export function useEntries(queryString: string) {
  return useQuery({ queryKey: ['register', 'entries', queryString], queryFn: () => api.get<EntryList>(`/api/register/entries?${queryString}`), placeholderData: keepPreviousData });
}

export function useOverview(queryString: string) {
  return useQuery({ queryKey: ['register', 'overview', queryString], queryFn: () => api.get<Overview>(`/api/register/overview?${queryString}`) });
}

export function useEntry(id: string | undefined) {
  return useQuery({ queryKey: ['register', 'entry', id], queryFn: () => api.get<Entry>(`/api/register/entries/${id}`), enabled: Boolean(id) });
}

export function useEntryHistory(id: string) {
  return useQuery({ queryKey: ['register', 'entry', id, 'history'], queryFn: () => api.get<EntryHistory>(`/api/register/entries/${id}/history`) });
}

export function useVendors(q: string) {
  return useQuery({ queryKey: ['register', 'vendors', q], queryFn: () => api.get<{ items: Vendor[] }>(`/api/register/vendors${q ? `?q=${encodeURIComponent(q)}` : ''}`), select: (d) => d.items });
}

export function useCategories() {
  return useQuery({ queryKey: ['register', 'categories'], queryFn: () => api.get<{ items: Category[] }>('/api/register/categories'), select: (d) => d.items });
}

export function useSavedViews() {
  return useQuery({ queryKey: ['register', 'views'], queryFn: () => api.get<{ items: SavedView[] }>('/api/register/views'), select: (d) => d.items });
}

/** A mutation that refreshes every register query when it succeeds. */
export function useRegisterMutation<T, V>(fn: (variables: V) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ['register'] }) });
}

/** Sends one file as multipart form data; the session's CSRF token goes in the header. */
export async function postFile<T>(path: string, file: File, csrf: string): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', body, credentials: 'same-origin', headers: { 'x-csrf-token': csrf, accept: 'application/json' } });
  } catch {
    throw new ApiError(0, { code: 'network', message: 'サーバーに接続できません。ネットワークを確認してください', message_en: 'Cannot reach the server', details: [] });
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, json?.error ?? { code: 'internal', message: 'サーバーで問題が発生しました', message_en: 'Server error', details: [] });
  return json as T;
}

export interface Attachment {
  id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_label: string;
  created_at: string;
}

export function useAttachments(entryId: string) {
  return useQuery({ queryKey: ['register', 'entry', entryId, 'attachments'], queryFn: () => api.get<{ items: Attachment[] }>(`/api/register/entries/${entryId}/attachments`), select: (d) => d.items });
}
