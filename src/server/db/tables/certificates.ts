// Certificates (第三者認証): typed certificates kept by a vendor (on its services) or by a municipality
// (for a vendor of its own list), the services each covers, and citations as evidence on assessment items.

export interface CertificateTable {
  id: string;
  /** The holder: a vendor organisation, or the municipality that keeps it for a vendor of its list. */
  organisation_id: string;
  /** Kept by a municipality: the vendor of its own list the certificate belongs to. */
  vendor_id: string | null;
  /** CERTIFICATE_SCHEMES of src/domain/certificates.ts. */
  scheme: string;
  /** ISO/IEC 27001 only: '2013' | '2022'. */
  edition: string | null;
  /** SOC 1 / SOC 2 only: 'type1' | 'type2'. */
  soc_type: string | null;
  /** Certificate or registration number (ISMAP: C21-0001-1). */
  number: string | null;
  issuer: string | null;
  scope: string | null;
  sites: string | null;
  regions: string | null;
  issued_on: string | null;
  period_from: string | null;
  period_to: string | null;
  valid_until: string | null;
  renewal_pending: number;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface CertificateServiceTable {
  certificate_id: string;
  vendor_service_id: string;
  /** The vendor organisation (the holder). */
  organisation_id: string;
}

export interface CertificateCitationTable {
  id: string;
  /** The municipality whose assessment item cites the certificate. */
  organisation_id: string;
  assessment_item_id: string;
  certificate_id: string;
  cited_by_label: string;
  cited_at: string;
  /** The end date whose passing reopened the item (so it reopens once per end date). */
  reopened_for: string | null;
}

export interface CertificatesTables {
  certificates: CertificateTable;
  certificate_services: CertificateServiceTable;
  certificate_citations: CertificateCitationTable;
}
