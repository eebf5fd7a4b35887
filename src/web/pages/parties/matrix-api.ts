// Types and queries of the responsibility matrix and the vendor's declared split, inferred from the
// shared zod schemas (src/shared/schemas/responsibilities.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { adoptResponse, matrixView, splitView } from '../../../shared/schemas/responsibilities.ts';
import { api } from '../../api/client.ts';

export type MatrixView = z.infer<typeof matrixView>;
export type MatrixLayer = MatrixView['layers'][number];
export type AdoptResult = z.infer<typeof adoptResponse>;
export type SplitView = z.infer<typeof splitView>;
export type DeclaredSplitValue = NonNullable<SplitView['split']>;

export function useMatrix(entryId: string) {
  return useQuery({ queryKey: ['responsibilities', entryId], queryFn: () => api.get<MatrixView>(`/api/register/entries/${entryId}/responsibilities`) });
}

export function useMatrixMutation<T, V>(entryId: string, fn: (variables: V) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ['responsibilities', entryId] }) });
}

export const saveMatrix = (entryId: string, body: unknown) => api.put<MatrixView>(`/api/register/entries/${entryId}/responsibilities`, body);
export const adoptSplit = (entryId: string, body: unknown) => api.post<AdoptResult>(`/api/register/entries/${entryId}/responsibilities/adopt`, body);

export function useSplit(serviceId: string) {
  return useQuery({ queryKey: ['vendor-split', serviceId], queryFn: () => api.get<SplitView>(`/api/vendor-services/${serviceId}/split`) });
}

export function useSaveSplit(serviceId: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (body: unknown) => api.put<SplitView>(`/api/vendor-services/${serviceId}/split`, body), onSuccess: () => client.invalidateQueries({ queryKey: ['vendor-split', serviceId] }) });
}
