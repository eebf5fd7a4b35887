// 連絡体制: contact settings, contacts and drills.

export interface ContactSettingsTable {
  entry_id: string;
  organisation_id: string;
  first_report_minutes: number | null;
  last_verified_on: string | null;
  reverify_interval_months: number;
  notes: string | null;
  updated_at: string;
  updated_by_label: string;
}

export interface ContactTable {
  id: string;
  organisation_id: string;
  entry_id: string;
  phase: string;
  side: string;
  escalation_order: number;
  name: string;
  role_title: string | null;
  phone: string | null;
  email: string | null;
  notes: string | null;
  /** The party of the entry this contact belongs to (vendor side), where named. */
  party_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactDrillTable {
  id: string;
  organisation_id: string;
  entry_id: string;
  held_on: string;
  scenario: string;
  participants: string | null;
  findings: string | null;
  created_at: string;
  created_by_label: string;
}

/** The tables of this feature, as the Database of db/schema.ts sees them. */
export interface ContactsTables {
  contact_settings: ContactSettingsTable;
  contacts: ContactTable;
  contact_drills: ContactDrillTable;
}
