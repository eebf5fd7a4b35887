// Types and queries of the importance survey screens, inferred from the shared zod schemas
// (src/shared/schemas/surveys.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { surveyAnswersBody, surveyCreateBody, surveyDetail, surveyListItem, surveyOptions, surveyResults } from '../../../shared/schemas/surveys.ts';
import { api } from '../../api/client.ts';

export type SurveyListItem = z.infer<typeof surveyListItem>;
export type SurveyDetail = z.infer<typeof surveyDetail>;
export type SurveyResults = z.infer<typeof surveyResults>;
export type SurveyResultItem = SurveyResults['items'][number];
export type SurveyOptions = z.infer<typeof surveyOptions>;
export type SurveyCreate = z.input<typeof surveyCreateBody>;
export type SurveyAnswers = z.input<typeof surveyAnswersBody>;

const ROOT = ['surveys'] as const;

export function useSurveys() {
  return useQuery({ queryKey: [...ROOT, 'list'], queryFn: () => api.get<{ items: SurveyListItem[] }>('/api/surveys'), select: (d) => d.items });
}

export function useSurveyOptions(enabled: boolean) {
  return useQuery({ queryKey: [...ROOT, 'options'], queryFn: () => api.get<SurveyOptions>('/api/surveys/options'), enabled });
}

export function useSurvey(id: string | undefined) {
  return useQuery({ queryKey: [...ROOT, 'detail', id], queryFn: () => api.get<SurveyDetail>(`/api/surveys/${id}`), enabled: Boolean(id) });
}

export function useSurveyResults(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...ROOT, 'results', id], queryFn: () => api.get<SurveyResults>(`/api/surveys/${id}/results`), enabled });
}

export const surveyApi = {
  create: (body: SurveyCreate) => api.post<SurveyDetail>('/api/surveys', body),
  answer: ({ id, body }: { id: string; body: SurveyAnswers }) => api.put<SurveyDetail>(`/api/surveys/${id}/responses`, body),
  close: (id: string) => api.post<SurveyDetail>(`/api/surveys/${id}/close`),
};

export function resultsXlsxUrl(id: string): string {
  return `/api/surveys/${id}/results.xlsx`;
}

/** A survey mutation that refreshes every survey view (and the notification bell). */
export function useSurveyMutation<T, V>(fn: (variables: V) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ROOT }), client.invalidateQueries({ queryKey: ['notifications'] })]),
  });
}

