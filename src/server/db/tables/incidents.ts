// Vendors' service profiles and incidents with their participants, events and actions.

export interface VendorServiceTable {
  id: string;
  organisation_id: string;
  name: string;
  description: string | null;
  /** Terms a municipality accepts before it may read answers shared with sharing = 'terms'. */
  answer_terms: string | null;
  created_at: string;
  updated_at: string;
}

export interface IncidentTable {
  id: string;
  organisation_id: string;
  reporter_kind: string;
  vendor_service_id: string | null;
  vendor_organisation_id: string | null;
  title: string;
  type: string;
  severity: string;
  status: string;
  summary: string | null;
  /** JSON array of JNSA data-kind codes that leaked. */
  data_kinds: string;
  records_affected: number | null;
  residents_affected: number | null;
  leak_estimate_yen: number | null;
  shared_with_vendor: number;
  shared_with_prefecture: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  created_by_label: string;
}

export interface IncidentParticipantTable {
  incident_id: string;
  organisation_id: string;
  entry_id: string | null;
  impact_status: string;
  residents_affected: number | null;
  impact_notes: string | null;
  share_impact: number;
  /** Reached through a dependency: the platform service the path went through … */
  via_service_id: string | null;
  /** … or the organisation's own entry that runs on the failing service. */
  via_entry_id: string | null;
  closed_at: string | null;
  joined_at: string;
  updated_at: string;
}

export interface IncidentEventTable {
  id: string;
  incident_id: string;
  organisation_id: string;
  type: string;
  at: string;
  source: string | null;
  note: string | null;
  shared: number;
  created_at: string;
  created_by_label: string;
}

export interface IncidentActionTable {
  id: string;
  incident_id: string;
  organisation_id: string;
  title: string;
  owner: string;
  due_on: string;
  status: string;
  done_on: string | null;
  created_at: string;
  updated_at: string;
}

/** The tables of this feature, as the Database of db/schema.ts sees them. */
export interface IncidentsTables {
  vendor_services: VendorServiceTable;
  incidents: IncidentTable;
  incident_participants: IncidentParticipantTable;
  incident_events: IncidentEventTable;
  incident_actions: IncidentActionTable;
}
