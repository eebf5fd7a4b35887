// Types and queries of the assessment screens, inferred from the shared zod schemas
// (src/shared/schemas/assessments.ts).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  assessmentDetail,
  assessmentItem,
  assessmentList,
  assessmentListRow,
  commentResponse,
  entryAssessments,
  evidenceItem,
  historyEntry,
  itemPatchBody,
  migrateResponse,
  progress,
} from '../../../shared/schemas/assessments.ts';
import type { ItemStatus } from '../../../shared/assessments.ts';
import { api, withQuery } from '../../api/client.ts';

export type AssessmentDetail = z.infer<typeof assessmentDetail>;
export type AssessmentItem = z.infer<typeof assessmentItem>;
export type AssessmentCategory = AssessmentDetail['categories'][number];
export type EntryAssessments = z.infer<typeof entryAssessments>;
export type AssessmentList = z.infer<typeof assessmentList>;
export type AssessmentListRow = z.infer<typeof assessmentListRow>;
export type Progress = z.infer<typeof progress>;
export type Comment = z.infer<typeof commentResponse>;
export type Evidence = z.infer<typeof evidenceItem>;
export type HistoryEntry = z.infer<typeof historyEntry>;
export type ItemPatch = z.input<typeof itemPatchBody>;
export type MigrateResult = z.infer<typeof migrateResponse>;

export interface AssessmentFilters {
  status?: ItemStatus;
  overdue?: boolean;
  q?: string;
  sort: string;
  order: 'asc' | 'desc';
  page: number;
  page_size: number;
}

const ROOT = ['assessments'] as const;

export function useEntryAssessments(entryId: string) {
  return useQuery({ queryKey: [...ROOT, 'entry', entryId], queryFn: () => api.get<EntryAssessments>(`/api/register/entries/${entryId}/assessments`) });
}

export function useAssessment(id: string | undefined) {
  return useQuery({ queryKey: [...ROOT, 'detail', id], queryFn: () => api.get<AssessmentDetail>(`/api/assessments/${id}`), enabled: Boolean(id) });
}

export function useAssessmentList(filters: AssessmentFilters) {
  return useQuery({
    queryKey: [...ROOT, 'list', filters],
    queryFn: () =>
      api.get<AssessmentList>(
        withQuery('/api/assessments', { status: filters.status, overdue: filters.overdue ? 'true' : undefined, q: filters.q, sort: filters.sort, order: filters.order, page: filters.page, page_size: filters.page_size }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useReviewers(enabled: boolean) {
  return useQuery({ queryKey: [...ROOT, 'reviewers'], queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/api/assessments/reviewers'), select: (d) => d.items, enabled, staleTime: 60_000 });
}

export function useItemComments(assessmentId: string, key: string) {
  return useQuery({ queryKey: [...ROOT, 'detail', assessmentId, 'comments', key], queryFn: () => api.get<{ items: Comment[] }>(`/api/assessments/${assessmentId}/items/${encodeURIComponent(key)}/comments`), select: (d) => d.items });
}

export function useItemHistory(assessmentId: string, key: string) {
  return useQuery({ queryKey: [...ROOT, 'detail', assessmentId, 'history', key], queryFn: () => api.get<{ items: HistoryEntry[]; names: Record<string, string> }>(`/api/assessments/${assessmentId}/items/${encodeURIComponent(key)}/history`) });
}

/** A write that refreshes every assessment view afterwards. */
export function useAssessmentMutation<T, V>(fn: (variables: V) => Promise<T>) {
  const client = useQueryClient();
  // Not awaited: the caller's own onSuccess runs before the refetch remounts the form it came from.
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ROOT });
    },
  });
}

export const assessmentApi = {
  start: (entryId: string, urn: string) => api.post<AssessmentDetail>(`/api/register/entries/${entryId}/assessments`, { catalogue_urn: urn }),
  patchItem: (id: string, key: string, body: ItemPatch) => api.patch<AssessmentDetail>(`/api/assessments/${id}/items/${encodeURIComponent(key)}`, body),
  comment: (id: string, key: string, body: string) => api.post<Comment>(`/api/assessments/${id}/items/${encodeURIComponent(key)}/comments`, { body }),
  removeEvidence: (attachmentId: string) => api.delete<{ ok: true }>(`/api/assessments/evidence/${attachmentId}`),
  migrateItem: (id: string, key: string) => api.post<MigrateResult>(`/api/assessments/${id}/items/${encodeURIComponent(key)}/migrate`),
  migrateAll: (id: string) => api.post<MigrateResult>(`/api/assessments/${id}/migrate`),
};

export const evidenceUrl = (attachmentId: string) => `/api/assessments/evidence/${attachmentId}`;
export const evidenceUploadUrl = (id: string, key: string) => `/api/assessments/${id}/items/${encodeURIComponent(key)}/evidence`;
