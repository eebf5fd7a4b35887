import { certificateValidity, isCitable, type CertificateScheme } from '../../domain/certificates.ts';
import type { CertificateRow } from '../repositories/certificates.ts';
import type { AttachmentMeta } from '../repositories/attachments.ts';
import { presentAttachment } from '../services/attachments.ts';

export interface CertificateContext {
  today: string;
  viewerOrganisationId: string;
  organisations: Map<string, { id: string; name: string; kind: string }>;
  vendors: Map<string, string>;
  services: { certificate_id: string; id: string; name: string }[];
  files: Omit<AttachmentMeta, 'content'>[];
}

export function validityOf(row: CertificateRow, today: string) {
  return certificateValidity(
    { scheme: row.scheme as CertificateScheme, edition: row.edition, soc_type: row.soc_type, issued_on: row.issued_on, period_from: row.period_from, period_to: row.period_to, valid_until: row.valid_until, renewal_pending: Number(row.renewal_pending) === 1 },
    today,
  );
}

/** A certificate as it leaves the server: its fields, the services it covers, its file and its validity with the rule. */
export function presentCertificate(row: CertificateRow, ctx: CertificateContext) {
  const holder = ctx.organisations.get(row.organisation_id);
  const services = ctx.services.filter((s) => s.certificate_id === row.id).map((s) => ({ id: s.id, name: s.name }));
  const file = ctx.files.find((f) => f.target_id === row.id);
  const validity = validityOf(row, ctx.today);
  return {
    id: row.id,
    holder: { organisation_id: row.organisation_id, name: holder?.name ?? '', kind: holder?.kind ?? '' },
    mine: row.organisation_id === ctx.viewerOrganisationId,
    vendor_id: row.vendor_id,
    vendor_name: row.vendor_id ? (ctx.vendors.get(row.vendor_id) ?? null) : (holder?.name ?? null),
    ...certificateFields(row),
    service_ids: services.map((s) => s.id),
    services,
    file: file ? presentAttachment(file) : null,
    validity,
    citable: isCitable(validity),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export type PresentedCertificate = ReturnType<typeof presentCertificate>;

/** The certificate's own fields, as requests name them. */
function certificateFields(row: CertificateRow) {
  return {
    scheme: row.scheme as CertificateScheme,
    edition: row.edition,
    soc_type: row.soc_type,
    number: row.number,
    issuer: row.issuer,
    scope: row.scope,
    sites: row.sites,
    regions: row.regions,
    issued_on: row.issued_on,
    period_from: row.period_from,
    period_to: row.period_to,
    valid_until: row.valid_until,
    renewal_pending: Number(row.renewal_pending) === 1,
    notes: row.notes,
  };
}

/** What the audit log records of a certificate. */
export function certificateSnapshot(row: CertificateRow, serviceIds?: string[]) {
  return { ...certificateFields(row), vendor_id: row.vendor_id, ...(serviceIds ? { service_ids: serviceIds } : {}) };
}
