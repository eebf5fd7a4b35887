// The register: vendors, categories, entries, classification history, saved views, attachments.

export interface VendorTable {
  id: string;
  organisation_id: string;
  name: string;
  corporate_number: string | null;
  address: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  certifications: string | null;
  notes: string | null;
  vendor_organisation_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface RegisterCategoryTable {
  id: string;
  organisation_id: string;
  code: string | null;
  name: string;
  name_en: string | null;
  sort_order: number;
  created_at: string;
}

export interface RegisterEntryTable {
  id: string;
  organisation_id: string;
  external_key: string;
  name: string;
  vendor_id: string | null;
  service_model: string;
  category_id: string;
  department: string;
  business_purpose: string | null;
  users_description: string | null;
  network_zone: string;
  data_location: string;
  data_region: string | null;
  status: string;
  contract_form: string;
  contract_start: string | null;
  contract_end: string | null;
  notice_period_days: number | null;
  auto_renewal: number;
  annual_cost: number | null;
  contract_number: string | null;
  /** JSON array of JNSA data-kind codes. */
  data_kinds: string;
  residents_held: number | null;
  related_services: string | null;
  notes: string | null;
  scheme_id: string;
  confidentiality: string;
  confidentiality_level: number;
  confidentiality_reason: string | null;
  resident_impact: number;
  resident_impact_reason: string | null;
  mental_distress: number;
  economic_loss: number;
  distress_loss_overridden: number;
  override_reason: string | null;
  administrative_impact: number;
  leak_estimate_yen: number;
  search_text: string;
  /** The vendor's service profile on the platform this entry uses (incidents fan out along it). */
  vendor_service_id: string | null;
  /** One of STANDARDISED_BUSINESSES (標準化対象20業務, src/shared/parties.ts), or null. */
  standardised_business: string | null;
  /** Runs on ガバメントクラウド (0/1). */
  government_cloud: number;
  created_at: string;
  updated_at: string;
}

export interface ClassificationHistoryTable {
  id: string;
  organisation_id: string;
  entry_id: string;
  at: string;
  actor_label: string;
  reason: string | null;
  before_json: string | null;
  after_json: string;
}

export interface SavedViewTable {
  id: string;
  organisation_id: string;
  user_id: string;
  name: string;
  query_json: string;
  columns_json: string;
  created_at: string;
}

export interface AttachmentTable {
  id: string;
  organisation_id: string;
  target_type: string;
  target_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  /** AES-256-GCM under the organisation's data key: iv (12) + tag (16) + ciphertext. */
  content: Buffer;
  uploaded_by: string | null;
  uploaded_label: string;
  created_at: string;
}

/** The tables of this feature, as the Database of db/schema.ts sees them. */
export interface RegisterTables {
  attachments: AttachmentTable;
  vendors: VendorTable;
  register_categories: RegisterCategoryTable;
  register_entries: RegisterEntryTable;
  classification_history: ClassificationHistoryTable;
  saved_views: SavedViewTable;
}
