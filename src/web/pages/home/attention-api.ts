// The 要対応 list (GET /api/attention), typed from the shared zod schema.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { attentionResponse } from '../../../shared/schemas/attention.ts';
import { api } from '../../api/client.ts';

export type AttentionList = z.infer<typeof attentionResponse>;
export type AttentionItem = AttentionList['items'][number];

export function useAttention(mine: boolean) {
  return useQuery({ queryKey: ['attention', mine], queryFn: () => api.get<AttentionList>(`/api/attention${mine ? '?mine=true' : ''}`), placeholderData: keepPreviousData });
}
