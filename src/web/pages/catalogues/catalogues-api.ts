// Types and queries of the catalogue screens, inferred from the shared zod schemas (src/shared/schemas/catalogues.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  assessmentRulesBody,
  assessmentRulesResponse,
  catalogueDetail,
  catalogueHistoryResponse,
  catalogueImportResponse,
  catalogueListResponse,
  ReferenceName,
  referenceResponse,
} from '../../../shared/schemas/catalogues.ts';
import { api, withQuery } from '../../api/client.ts';

export type CatalogueList = z.infer<typeof catalogueListResponse>;
export type CatalogueSummary = CatalogueList['items'][number];
export type ReferenceSummary = CatalogueList['reference'][number];
export type CatalogueDetail = z.infer<typeof catalogueDetail>;
export type CatalogueItemView = CatalogueDetail['categories'][number]['items'][number];
export type ItemLink = CatalogueItemView['refs'][number];
export type CatalogueHistory = z.infer<typeof catalogueHistoryResponse>;
export type ReferenceContent = z.infer<typeof referenceResponse>;
export type CatalogueImportResult = z.infer<typeof catalogueImportResponse>;
export type AssessmentRules = z.infer<typeof assessmentRulesResponse>;
export type AssessmentRulesInput = z.input<typeof assessmentRulesBody>;

export function useCatalogues() {
  return useQuery({ queryKey: ['catalogues', 'list'], queryFn: () => api.get<CatalogueList>('/api/catalogues') });
}

export function useCatalogue(id: string) {
  return useQuery({ queryKey: ['catalogues', 'version', id], queryFn: () => api.get<CatalogueDetail>(`/api/catalogues/versions/${id}`) });
}

export function useCatalogueHistory(urn: string | undefined) {
  return useQuery({ queryKey: ['catalogues', 'history', urn], enabled: Boolean(urn), queryFn: () => api.get<CatalogueHistory>(withQuery('/api/catalogues/history', { urn })) });
}

export function useReferenceCatalogue(name: ReferenceName | null) {
  return useQuery({ queryKey: ['catalogues', 'reference', name], enabled: name !== null, queryFn: () => api.get<ReferenceContent>(`/api/catalogues/reference/${name}`) });
}

export function useAssessmentRules(enabled: boolean) {
  return useQuery({ queryKey: ['catalogues', 'rules'], enabled, queryFn: () => api.get<AssessmentRules>('/api/catalogues/rules') });
}

export function useSaveAssessmentRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AssessmentRulesInput) => api.put<AssessmentRules>('/api/catalogues/rules', body),
    onSuccess: (data) => client.setQueryData(['catalogues', 'rules'], data),
  });
}
