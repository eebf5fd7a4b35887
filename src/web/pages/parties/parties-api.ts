// Types and queries of the parties screens, inferred from the shared zod schemas
// (src/shared/schemas/parties.ts). Every write refreshes the entry's parties and the two sections that
// depend on them: the responsibility matrix and the dependencies.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { chainsView, partiesView, partyCreateBody, partyResponse, subcontractPolicyResponse, vendorOrganisationItem } from '../../../shared/schemas/parties.ts';
import { api } from '../../api/client.ts';

export type Party = z.infer<typeof partyResponse>;
export type PartiesView = z.infer<typeof partiesView>;
export type PartyInput = z.input<typeof partyCreateBody>;
export type ChainsView = z.infer<typeof chainsView>;
export type SubcontractPolicy = z.infer<typeof subcontractPolicyResponse>;
export type PlatformVendor = z.infer<typeof vendorOrganisationItem>;

export function useParties(entryId: string) {
  return useQuery({ queryKey: ['parties', entryId], queryFn: () => api.get<PartiesView>(`/api/register/entries/${entryId}/parties`) });
}

export function usePlatformVendors(enabled: boolean) {
  return useQuery({ queryKey: ['parties', 'platform-vendors'], queryFn: () => api.get<{ items: PlatformVendor[] }>('/api/register/platform-vendors'), select: (d) => d.items, enabled });
}

export function useSubcontractChains(flagged: boolean) {
  return useQuery({ queryKey: ['parties', 'chains', flagged], queryFn: () => api.get<ChainsView>(`/api/register/subcontract-chains${flagged ? '?flagged=true' : ''}`) });
}

export function useSubcontractPolicy() {
  return useQuery({ queryKey: ['parties', 'policy'], queryFn: () => api.get<SubcontractPolicy>('/api/organisation/subcontract-policy') });
}

/** A mutation on an entry's parties: refreshes its parties, its matrix and its dependencies (and the chains). */
export function usePartiesMutation<T, V>(entryId: string | null, fn: (variables: V) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      const keys = entryId ? [['parties', entryId], ['responsibilities', entryId], ['dependencies', entryId], ['parties', 'chains']] : [['parties']];
      await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}

export const addParty = (entryId: string, body: unknown) => api.post<Party>(`/api/register/entries/${entryId}/parties`, body);
export const changeParty = (id: string, body: unknown) => api.patch<Party>(`/api/parties/${id}`, body);
export const removeParty = (id: string) => api.delete<{ ok: true }>(`/api/parties/${id}`);
export const saveSubcontractPolicy = (maxDepth: number) => api.put<SubcontractPolicy>('/api/organisation/subcontract-policy', { max_depth: maxDepth });
