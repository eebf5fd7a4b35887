// Types and queries of the dependency screens (依存関係, 影響分析), inferred from the shared zod schemas
// (src/shared/schemas/dependencies.ts). Keys start with ['dependencies', entryId] as the slices agreed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { entryDependenciesView, entryDependencyItem, reachResponse, whatIfResponse, whatIfTargets, WhatIfTargetType } from '../../../shared/schemas/dependencies.ts';
import { api, withQuery } from '../../api/client.ts';

export type EntryDependencies = z.infer<typeof entryDependenciesView>;
export type EntryDependency = z.infer<typeof entryDependencyItem>;
export type WhatIf = z.infer<typeof whatIfResponse>;
export type WhatIfItem = WhatIf['items'][number];
export type WhatIfTargets = z.infer<typeof whatIfTargets>;
export type Reach = z.infer<typeof reachResponse>;

const ROOT = 'dependencies';

export function useEntryDependencies(entryId: string) {
  return useQuery({ queryKey: [ROOT, entryId], queryFn: () => api.get<EntryDependencies>(`/api/register/entries/${entryId}/dependencies`) });
}

/** A write on an entry's dependencies: refreshes its lists (and what-if answers, which follow them). */
export function useDependencyMutation<T, V>(entryId: string, fn: (variables: V) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [ROOT] });
      await client.invalidateQueries({ queryKey: ['what-if'] });
      void entryId;
    },
  });
}

export const addDependency = (entryId: string, body: { depends_on_entry_id?: string | null; depends_on_service_id?: string | null; note?: string | null }) =>
  api.post<EntryDependency>(`/api/register/entries/${entryId}/dependencies`, body);
export const updateDependency = (id: string, note: string | null) => api.patch<EntryDependency>(`/api/dependencies/${id}`, { note });
export const removeDependency = (id: string) => api.delete<{ ok: true }>(`/api/dependencies/${id}`);

export function useWhatIfTargets() {
  return useQuery({ queryKey: ['what-if', 'targets'], queryFn: () => api.get<WhatIfTargets>('/api/what-if/targets') });
}

export function useWhatIf(targetType: WhatIfTargetType | null, targetId: string | null) {
  return useQuery({
    queryKey: ['what-if', targetType, targetId],
    queryFn: () => api.get<WhatIf>(withQuery('/api/what-if', { target_type: targetType, target_id: targetId })),
    enabled: Boolean(targetType && targetId),
  });
}

export function useReach(serviceId: string, enabled = true) {
  return useQuery({ queryKey: ['vendor-services', 'reach', serviceId], queryFn: () => api.get<Reach>(`/api/vendor-services/${serviceId}/reach`), enabled });
}
