import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client.ts';
import type { Organisation, OrganisationList, UserList } from './types.ts';

/** Organisations the user may read: their own and those they coordinate (operators: all). */
export function useOrganisations(enabled = true) {
  return useQuery({ queryKey: ['organisations'], queryFn: () => api.get<OrganisationList>('/api/organisations'), enabled, select: (list) => list.items });
}

export function useOrganisation(id: string | undefined) {
  return useQuery({ queryKey: ['organisations', id], queryFn: () => api.get<Organisation>(`/api/organisations/${id}`), enabled: Boolean(id) });
}

export function useUsers(q: string, enabled = true) {
  return useQuery({
    queryKey: ['users', { q }],
    queryFn: () => api.get<UserList>(withQuery('/api/users', { q: q.trim() })),
    enabled,
    select: (list) => list.items,
  });
}
