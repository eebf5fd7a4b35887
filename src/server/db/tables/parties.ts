// 責任分界と委託先: parties of a register entry, the responsibility matrix, fault roles, vendors'
// declared splits and their adoption, and dependencies (what runs on what).

export interface EntryPartyTable {
  id: string;
  organisation_id: string;
  entry_id: string;
  /** PARTY_ROLES of src/shared/parties.ts. */
  role: string;
  /** A vendor of the organisation's own list … */
  vendor_id: string | null;
  /** … or a vendor organisation on the platform (one of the two, except for the municipality itself). */
  vendor_organisation_id: string | null;
  /** The platform service this party provides, where there is one (incidents fan out along it). */
  vendor_service_id: string | null;
  /** Subcontractors only: the party that subcontracts to it (a party of the same entry). */
  parent_party_id: string | null;
  contract_reference: string | null;
  data_handled: string | null;
  may_carry_data_out: number;
  /** Application providers: the application is a 標準準拠アプリ. */
  standard_app: number;
  /** Subcontractors only: 'requested' | 'approved' | 'refused'. */
  approval_status: string | null;
  approval_requested_on: string | null;
  approval_decided_on: string | null;
  approver: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface EntryResponsibilityTable {
  organisation_id: string;
  entry_id: string;
  /** A layer id of catalogs/reference/responsibility-layers.yaml. */
  layer_id: string;
  party_id: string;
  /** RESPONSIBILITY_DUTIES or null (the party only backs the layer up). */
  duty: string | null;
  backup: number;
}

export interface EntryFaultRoleTable {
  organisation_id: string;
  entry_id: string;
  /** FAULT_ROLES: detection, first_triage, first_report, recovery. */
  role: string;
  party_id: string;
  commitment_minutes: number | null;
  note: string | null;
}

export interface VendorServiceSplitTable {
  service_id: string;
  organisation_id: string;
  /** DeclaredSplit (src/shared/parties.ts) as JSON, in party roles. */
  split_json: string;
  updated_at: string;
  updated_by_label: string;
}

export interface EntrySplitAdoptionTable {
  entry_id: string;
  organisation_id: string;
  service_id: string;
  /** The vendor's DeclaredSplit as it was when adopted (later changes show as a difference). */
  snapshot_json: string;
  adopted_at: string;
  adopted_by_label: string;
}

export interface EntryDependencyTable {
  id: string;
  organisation_id: string;
  entry_id: string;
  /** The entry runs on another entry of the organisation … */
  depends_on_entry_id: string | null;
  /** … or on a vendor's service on the platform (exactly one of the two). */
  depends_on_service_id: string | null;
  note: string | null;
  created_at: string;
  created_by_label: string;
}

export interface VendorServiceDependencyTable {
  id: string;
  /** The vendor organisation that declares it. */
  organisation_id: string;
  service_id: string;
  depends_on_service_id: string;
  note: string | null;
  created_at: string;
  created_by_label: string;
}

/** The tables of this feature, as the Database of db/schema.ts sees them. */
export interface PartiesTables {
  entry_parties: EntryPartyTable;
  entry_responsibilities: EntryResponsibilityTable;
  entry_fault_roles: EntryFaultRoleTable;
  vendor_service_splits: VendorServiceSplitTable;
  entry_split_adoptions: EntrySplitAdoptionTable;
  entry_dependencies: EntryDependencyTable;
  vendor_service_dependencies: VendorServiceDependencyTable;
}
