import type { SharingLevel } from '../../../shared/assessments.ts';
import type { VisibilityState } from '../../../shared/schemas/vendor-portal.ts';
import { findRequestOf, organisationLinksService } from '../../repositories/answer-requests.ts';
import type { Executor } from '../../repositories/executor.ts';

// THE rule of who reads a vendor's answer. A municipality (an organisation keeping a register) may read
// a service's current answer to an item only if it links a register entry to the service, and
//   sharing 'linked'     — always;
//   sharing 'on_request' — once it has requested the service's answers to that catalogue;
//   sharing 'terms'      — once it has requested them and accepted the service's terms.
// A withdrawn request counts as none. Everything else is invisible (404 on direct access, hidden in
// lists). Every read path below goes through answerVisibility().

export interface OrganisationAccess {
  /** The organisation links at least one register entry to the service. */
  linked: boolean;
  /** Its request for the service's answers to the catalogue, if any. */
  request: { status: string; terms_accepted_at: string | null } | null;
}

/** Whether an organisation with this access may read an answer shared at this level, and if not, why. */
export function answerVisibility(access: OrganisationAccess, sharing: SharingLevel | string | null): VisibilityState {
  if (!access.linked) return 'not_linked';
  if (sharing === null) return 'not_answered';
  if (sharing === 'linked') return 'visible';
  const request = access.request && access.request.status !== 'withdrawn' ? access.request : null;
  if (!request) return 'needs_request';
  if (sharing === 'on_request') return 'visible';
  if (sharing === 'terms') return request.terms_accepted_at ? 'visible' : 'needs_terms';
  return 'not_linked';
}

export function canRead(access: OrganisationAccess, sharing: SharingLevel | string): boolean {
  return answerVisibility(access, sharing) === 'visible';
}

/** The facts for one organisation, service and catalogue (two indexed reads). */
export async function organisationAccess(db: Executor, organisationId: string, serviceId: string, catalogueUrn: string): Promise<OrganisationAccess> {
  const [linked, request] = await Promise.all([organisationLinksService(db, organisationId, serviceId), findRequestOf(db, organisationId, serviceId, catalogueUrn)]);
  return { linked, request: request ? { status: request.status, terms_accepted_at: request.terms_accepted_at } : null };
}
