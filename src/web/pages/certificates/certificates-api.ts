// Types and queries of the certificate screens, inferred from the shared zod schemas
// (src/shared/schemas/certificates.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { certificateItem, coverageResponse, itemCertificates } from '../../../shared/schemas/certificates.ts';
import { api } from '../../api/client.ts';

export type Certificate = z.infer<typeof certificateItem>;
export type Coverage = z.infer<typeof coverageResponse>;
export type ItemCertificates = z.infer<typeof itemCertificates>;

const ROOT = ['certificates'] as const;

export function useMyCertificates(enabled = true) {
  return useQuery({ queryKey: [...ROOT, 'mine'], queryFn: () => api.get<{ items: Certificate[] }>('/api/certificates'), select: (d) => d.items, enabled });
}

export function useEntryCertificates(entryId: string) {
  return useQuery({ queryKey: [...ROOT, 'entry', entryId], queryFn: () => api.get<{ items: Certificate[] }>(`/api/register/entries/${entryId}/certificates`), select: (d) => d.items });
}

export function useItemCertificates(assessmentId: string, key: string) {
  return useQuery({ queryKey: [...ROOT, 'item', assessmentId, key], queryFn: () => api.get<ItemCertificates>(`/api/assessments/${assessmentId}/items/${encodeURIComponent(key)}/certificates`) });
}

export function useCoverage(enabled = true) {
  return useQuery({ queryKey: [...ROOT, 'coverage'], queryFn: () => api.get<Coverage>('/api/certificates/coverage'), enabled });
}

/** A mutation that refreshes every certificate query (and the assessments a citation touches) when it succeeds. */
export function useCertificateMutation<T, V>(fn: (variables: V) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ROOT });
      await client.invalidateQueries({ queryKey: ['assessments'] });
    },
  });
}

export const certificateApi = {
  create: (body: unknown) => api.post<Certificate>('/api/certificates', body),
  update: (id: string, body: unknown) => api.patch<Certificate>(`/api/certificates/${id}`, body),
  remove: (id: string) => api.delete<{ ok: true }>(`/api/certificates/${id}`),
  fileUrl: (id: string) => `/api/certificates/${id}/file`,
  fileUploadUrl: (id: string) => `/api/certificates/${id}/file`,
  cite: (assessmentId: string, key: string, certificateId: string) => api.post<ItemCertificates>(`/api/assessments/${assessmentId}/items/${encodeURIComponent(key)}/certificates`, { certificate_id: certificateId }),
  uncite: (assessmentId: string, key: string, certificateId: string) => api.delete<ItemCertificates>(`/api/assessments/${assessmentId}/items/${encodeURIComponent(key)}/certificates/${certificateId}`),
};
