// Types and queries of the contact-structure screens, inferred from the shared zod schemas
// (src/shared/schemas/contacts.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { contactResponse, contactsBody, contactsView, drillBody, drillResponse, reverifyDueItem, reverifyStatus } from '../../../shared/schemas/contacts.ts';
import { api } from '../../api/client.ts';

export type Contact = z.infer<typeof contactResponse>;
export type ContactsView = z.infer<typeof contactsView>;
export type ContactsInput = z.input<typeof contactsBody>;
export type Drill = z.infer<typeof drillResponse>;
export type DrillInput = z.input<typeof drillBody>;
export type ReverifyStatus = z.infer<typeof reverifyStatus>;
export type ReverifyDueItem = z.infer<typeof reverifyDueItem>;

const ROOT = ['contacts'] as const;

export function useContacts(entryId: string) {
  return useQuery({ queryKey: [...ROOT, 'entry', entryId], queryFn: () => api.get<ContactsView>(`/api/register/entries/${entryId}/contacts`) });
}

export function useReverifyDue(enabled = true) {
  return useQuery({ queryKey: [...ROOT, 'reverify-due'], queryFn: () => api.get<{ items: ReverifyDueItem[] }>('/api/register/contacts/reverify-due'), select: (d) => d.items, enabled });
}

/** A mutation that refreshes every contact query when it succeeds. */
export function useContactsMutation<T, V>(fn: (variables: V) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ROOT }) });
}

export const saveContacts = (entryId: string, body: unknown) => api.put<ContactsView>(`/api/register/entries/${entryId}/contacts`, body);
export const verifyContacts = (entryId: string) => api.post<ContactsView>(`/api/register/entries/${entryId}/contacts/verify`);
export const recordDrill = (entryId: string, body: unknown) => api.post<Drill>(`/api/register/entries/${entryId}/drills`, body);

