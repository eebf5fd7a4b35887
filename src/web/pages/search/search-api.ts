import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { searchResponse } from '../../../shared/schemas/search.ts';
import { api, withQuery } from '../../api/client.ts';

export type SearchResult = z.infer<typeof searchResponse>;

/** Results of the header search (nothing is asked for an empty query). */
export function useSearch(q: string, limit: number) {
  const query = q.trim();
  return useQuery({
    queryKey: ['search', query, limit],
    queryFn: () => api.get<SearchResult>(withQuery('/api/search', { q: query, limit })),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
  });
}
