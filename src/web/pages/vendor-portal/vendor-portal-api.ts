// Types and queries of the vendor portal screens, inferred from the shared zod schemas
// (src/shared/schemas/vendor-portal.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  answerBody,
  answerItem,
  answerRequestBody,
  answerRevision,
  assessmentVendorAnswers,
  entryRequest,
  entryRequests,
  evidenceItem,
  invitationAccepted,
  invitationAcceptBody,
  invitationBody,
  invitationItem,
  publicInvitation,
  requestSummary,
  reviewResponse,
  serviceAnswers,
  vendorPortalService,
  vendorReviewBody,
} from '../../../shared/schemas/vendor-portal.ts';
import { api } from '../../api/client.ts';
import { postFile } from '../register/register-api.ts';

export type PortalService = z.infer<typeof vendorPortalService>;
export type RequestSummary = z.infer<typeof requestSummary>;
export type ServiceAnswers = z.infer<typeof serviceAnswers>;
export type AnswerItem = z.infer<typeof answerItem>;
export type AnswerRevision = z.infer<typeof answerRevision>;
export type Evidence = z.infer<typeof evidenceItem>;
export type EntryRequests = z.infer<typeof entryRequests>;
export type EntryRequest = z.infer<typeof entryRequest>;
export type AssessmentVendorAnswers = z.infer<typeof assessmentVendorAnswers>;
export type VendorAnswerForItem = AssessmentVendorAnswers['items'][number];
export type Invitation = z.infer<typeof invitationItem>;
export type PublicInvitation = z.infer<typeof publicInvitation>;
export type AnswerInput = z.input<typeof answerBody>;
export type RequestInput = z.input<typeof answerRequestBody>;
export type InvitationInput = z.input<typeof invitationBody>;
export type AcceptInput = z.input<typeof invitationAcceptBody>;
export type ReviewInput = z.input<typeof vendorReviewBody>;

const ROOT = ['vendor-portal'] as const;
const q = (urn: string) => `?catalogue=${encodeURIComponent(urn)}`;

export const vendorPortalApi = {
  services: () => api.get<{ items: PortalService[] }>('/api/vendor-portal/services'),
  requests: () => api.get<{ items: RequestSummary[] }>('/api/vendor-portal/requests'),
  answers: (serviceId: string, urn: string) => api.get<ServiceAnswers>(`/api/vendor-portal/services/${serviceId}/answers${q(urn)}`),
  revisions: (serviceId: string, key: string, urn: string) => api.get<{ items: AnswerRevision[] }>(`/api/vendor-portal/services/${serviceId}/answers/${encodeURIComponent(key)}/revisions${q(urn)}`),
  save: (serviceId: string, key: string, urn: string, body: AnswerInput) => api.put<AnswerItem & { revision: number }>(`/api/vendor-portal/services/${serviceId}/answers/${encodeURIComponent(key)}${q(urn)}`, body),
  upload: (serviceId: string, key: string, urn: string, file: File, csrf: string) => postFile<Evidence>(`/api/vendor-portal/services/${serviceId}/answers/${encodeURIComponent(key)}/evidence${q(urn)}`, file, csrf),
  deleteEvidence: (serviceId: string, attachmentId: string) => api.delete<{ ok: true }>(`/api/vendor-portal/services/${serviceId}/evidence/${attachmentId}`),
  terms: (serviceId: string, answerTerms: string | null) => api.put<{ id: string; answer_terms: string | null }>(`/api/vendor-portal/services/${serviceId}/terms`, { answer_terms: answerTerms }),
  entryRequests: (entryId: string) => api.get<EntryRequests>(`/api/register/entries/${entryId}/answer-requests`),
  request: (entryId: string, body: RequestInput) => api.post<EntryRequest>(`/api/register/entries/${entryId}/answer-requests`, body),
  acceptTerms: (entryId: string, requestId: string) => api.post<EntryRequest>(`/api/register/entries/${entryId}/answer-requests/${requestId}/accept-terms`),
  withdraw: (entryId: string, requestId: string) => api.post<EntryRequest>(`/api/register/entries/${entryId}/answer-requests/${requestId}/withdraw`),
  invitations: (entryId: string) => api.get<{ items: Invitation[] }>(`/api/register/entries/${entryId}/vendor-invitations`),
  invite: (entryId: string, body: InvitationInput) => api.post<Invitation>(`/api/register/entries/${entryId}/vendor-invitations`, body),
  revoke: (entryId: string, invitationId: string) => api.post<Invitation>(`/api/register/entries/${entryId}/vendor-invitations/${invitationId}/revoke`),
  assessmentAnswers: (assessmentId: string) => api.get<AssessmentVendorAnswers>(`/api/assessments/${assessmentId}/vendor-answers`),
  review: (assessmentId: string, key: string, body: ReviewInput) => api.post<z.infer<typeof reviewResponse>>(`/api/assessments/${assessmentId}/items/${encodeURIComponent(key)}/vendor-review`, body),
  invitation: (token: string) => api.get<PublicInvitation>(`/api/invitations/${encodeURIComponent(token)}`),
  accept: (token: string, body: AcceptInput) => api.post<z.infer<typeof invitationAccepted>>(`/api/invitations/${encodeURIComponent(token)}/accept`, body),
};

/** The answers page of a service, opened on one catalogue. */
export function answersPath(serviceId: string, urn: string): string {
  return `/vendor/services/${serviceId}/answers?catalogue=${encodeURIComponent(urn)}`;
}

export const evidenceHref = (attachmentId: string) => `/api/vendor-portal/evidence/${attachmentId}`;

export function usePortalServices() {
  return useQuery({ queryKey: [...ROOT, 'services'], queryFn: vendorPortalApi.services, select: (d) => d.items });
}

export function useVendorRequests() {
  return useQuery({ queryKey: [...ROOT, 'requests'], queryFn: vendorPortalApi.requests, select: (d) => d.items });
}

export function useServiceAnswers(serviceId: string | undefined, urn: string | undefined) {
  return useQuery({ queryKey: [...ROOT, 'answers', serviceId, urn], queryFn: () => vendorPortalApi.answers(serviceId!, urn!), enabled: !!serviceId && !!urn });
}

export function useRevisions(serviceId: string, key: string, urn: string, enabled: boolean) {
  return useQuery({ queryKey: [...ROOT, 'revisions', serviceId, key, urn], queryFn: () => vendorPortalApi.revisions(serviceId, key, urn), select: (d) => d.items, enabled });
}

export function useEntryRequests(entryId: string) {
  return useQuery({ queryKey: [...ROOT, 'entry', entryId, 'requests'], queryFn: () => vendorPortalApi.entryRequests(entryId) });
}

export function useInvitations(entryId: string) {
  return useQuery({ queryKey: [...ROOT, 'entry', entryId, 'invitations'], queryFn: () => vendorPortalApi.invitations(entryId), select: (d) => d.items });
}

export function useAssessmentVendorAnswers(assessmentId: string) {
  return useQuery({ queryKey: [...ROOT, 'assessment', assessmentId], queryFn: () => vendorPortalApi.assessmentAnswers(assessmentId) });
}

export function usePublicInvitation(token: string | undefined) {
  return useQuery({ queryKey: ['invitation', token], queryFn: () => vendorPortalApi.invitation(token!), enabled: !!token, retry: false });
}

/** A write of the portal: afterwards the portal's, the register's and the assessments' views are read again. */
export function usePortalMutation<T, V>(fn: (variables: V) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ROOT }),
        client.invalidateQueries({ queryKey: ['register'] }),
        client.invalidateQueries({ queryKey: ['assessments'] }),
        client.invalidateQueries({ queryKey: ['notifications'] }),
      ]),
  });
}
