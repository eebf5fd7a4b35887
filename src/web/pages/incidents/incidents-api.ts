// Types and queries of the incident screens, inferred from the shared zod schemas
// (src/shared/schemas/incidents.ts): vendor service profiles, the register entry's link to one, and
// incidents with their timeline, participants, actions, figures and the coordinators' summary.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  actionBody,
  actionResponse,
  actionUpdateBody,
  entryVendorService,
  entryVendorServiceResponse,
  eventBody,
  eventResponse,
  impactBody,
  incidentCreateBody,
  incidentDetail,
  incidentFigures,
  incidentListItem,
  incidentSummaryItem,
  incidentUpdateBody,
  participantResponse,
  vendorFiguresItem,
  vendorServiceBody,
  vendorServiceItem,
  vendorServiceMine,
} from '../../../shared/schemas/incidents.ts';
import type { IncidentStatus, IncidentType } from '../../../shared/incidents.ts';
import { api, withQuery } from '../../api/client.ts';
import { can } from '../../api/session.ts';
import type { Me } from '../../api/types.ts';

export type IncidentListItem = z.infer<typeof incidentListItem>;
export type IncidentDetail = z.infer<typeof incidentDetail>;
export type IncidentEvent = z.infer<typeof eventResponse>;
export type Participant = z.infer<typeof participantResponse>;
export type PreventionAction = z.infer<typeof actionResponse>;
export type IncidentFigures = z.infer<typeof incidentFigures>;
export type IncidentSummaryItem = z.infer<typeof incidentSummaryItem>;
export type VendorFigures = z.infer<typeof vendorFiguresItem>;
export type VendorService = z.infer<typeof vendorServiceItem>;
export type MyVendorService = z.infer<typeof vendorServiceMine>;
export type EntryVendorService = z.infer<typeof entryVendorService>;
export type EntryVendorServiceResponse = z.infer<typeof entryVendorServiceResponse>;

export type IncidentCreate = z.input<typeof incidentCreateBody>;
export type IncidentUpdate = z.input<typeof incidentUpdateBody>;
export type EventInput = z.input<typeof eventBody>;
export type ImpactInput = z.input<typeof impactBody>;
export type ActionInput = z.input<typeof actionBody>;
export type ActionUpdate = z.input<typeof actionUpdateBody>;
export type VendorServiceInput = z.input<typeof vendorServiceBody>;

export interface IncidentFilters {
  status?: IncidentStatus;
  type?: IncidentType;
  q?: string;
}

/** Who reports incidents from the web app: vendor users, and a municipality's editors and administrators. */
export function mayReport(me: Me): boolean {
  if (me.organisation.kind === 'vendor') return true;
  return me.organisation.kind === 'municipality' && can(me, 'register:write');
}

/** Prefectures and joint-use associations follow their bodies' incidents. */
export const isCoordinator = (me: Me) => me.organisation.kind === 'prefecture' || me.organisation.kind === 'association';

const ROOT = ['incidents'] as const;
const SERVICES = ['vendor-services'] as const;

export function useIncidents(filters: IncidentFilters) {
  return useQuery({
    queryKey: [...ROOT, 'list', filters],
    queryFn: () => api.get<{ items: IncidentListItem[] }>(withQuery('/api/incidents', { status: filters.status, type: filters.type, q: filters.q })),
    select: (d) => d.items,
    placeholderData: keepPreviousData,
  });
}

export function useIncident(id: string | undefined) {
  return useQuery({ queryKey: [...ROOT, 'detail', id], queryFn: () => api.get<IncidentDetail>(`/api/incidents/${id}`), enabled: Boolean(id) });
}

/** The JNSA data kinds, for describing what leaked (vendors cannot read the register's options). */
export function useDataKinds(enabled = true) {
  return useQuery({ queryKey: [...ROOT, 'data-kinds'], queryFn: () => api.get<{ items: { code: string; name: { ja: string; en: string } }[] }>('/api/incidents/data-kinds'), select: (d) => d.items, enabled, staleTime: Infinity });
}

export function useIncidentSummary(enabled = true) {
  return useQuery({ queryKey: [...ROOT, 'summary'], queryFn: () => api.get<{ items: IncidentSummaryItem[] }>('/api/incidents/summary'), select: (d) => d.items, enabled });
}

export function useVendorFigures(enabled = true) {
  return useQuery({ queryKey: [...ROOT, 'vendor-figures'], queryFn: () => api.get<{ items: VendorFigures[] }>('/api/incidents/vendor-figures'), select: (d) => d.items, enabled });
}

export function useEntryIncidents(entryId: string) {
  return useQuery({ queryKey: [...ROOT, 'entry', entryId], queryFn: () => api.get<{ items: IncidentListItem[] }>(`/api/incidents/entries/${entryId}`), select: (d) => d.items });
}

/** The vendor's own service profiles with the organisations linked to each (vendor users). */
export function useMyVendorServices(enabled = true) {
  return useQuery({ queryKey: [...SERVICES, 'mine'], queryFn: () => api.get<{ items: MyVendorService[] }>('/api/vendor-services/mine'), select: (d) => d.items, enabled });
}

/** Every vendor's service profiles, matched like the register's search (municipalities). */
export function useVendorServiceSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: [...SERVICES, 'search', q],
    queryFn: () => api.get<{ items: VendorService[] }>(withQuery('/api/vendor-services', { q })),
    select: (d) => d.items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A mutation that refreshes the incident and vendor-service queries (and the register's, for links) when it succeeds. */
export function useIncidentMutation<T, V>(fn: (variables: V) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ROOT }),
        client.invalidateQueries({ queryKey: SERVICES }),
        client.invalidateQueries({ queryKey: ['register'] }),
        client.invalidateQueries({ queryKey: ['notifications'] }),
      ]),
  });
}

export const incidentApi = {
  create: (body: IncidentCreate) => api.post<IncidentDetail>('/api/incidents', body),
  update: (id: string, body: IncidentUpdate) => api.patch<IncidentDetail>(`/api/incidents/${id}`, body),
  postEvent: (id: string, body: EventInput) => api.post<IncidentEvent>(`/api/incidents/${id}/events`, body),
  recordImpact: (id: string, body: ImpactInput) => api.put<Participant>(`/api/incidents/${id}/impact`, body),
  addAction: (id: string, body: ActionInput) => api.post<PreventionAction>(`/api/incidents/${id}/actions`, body),
  changeAction: (id: string, actionId: string, body: ActionUpdate) => api.patch<PreventionAction>(`/api/incidents/${id}/actions/${actionId}`, body),
  close: (id: string) => api.post<IncidentDetail>(`/api/incidents/${id}/close`),
  reportUrl: (id: string) => `/api/incidents/${id}/report.xlsx`,
  createService: (body: VendorServiceInput) => api.post<VendorService>('/api/vendor-services', body),
  updateService: (id: string, body: VendorServiceInput) => api.put<VendorService>(`/api/vendor-services/${id}`, body),
  deleteService: (id: string) => api.delete<{ ok: true }>(`/api/vendor-services/${id}`),
  linkEntry: (entryId: string, vendorServiceId: string | null) => api.put<EntryVendorServiceResponse>(`/api/register/entries/${entryId}/vendor-service`, { vendor_service_id: vendorServiceId }),
};
