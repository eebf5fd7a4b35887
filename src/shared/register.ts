// The fixed vocabularies of a register entry, with Japanese and English labels. Categories are
// per-organisation data; these are the lists the guideline itself fixes.

type Labels<K extends string> = Record<K, { ja: string; en: string }>;

export const SERVICE_MODELS = ['iaas', 'paas', 'saas', 'hosting', 'shared_system', 'social_media'] as const;
export type ServiceModel = (typeof SERVICE_MODELS)[number];
export const SERVICE_MODEL_LABELS: Labels<ServiceModel> = {
  iaas: { ja: 'IaaS', en: 'IaaS' },
  paas: { ja: 'PaaS', en: 'PaaS' },
  saas: { ja: 'SaaS', en: 'SaaS' },
  hosting: { ja: 'ホスティング', en: 'Hosting' },
  shared_system: { ja: '共同利用型システム', en: 'Shared-use system' },
  social_media: { ja: 'ソーシャルメディア', en: 'Social media' },
};

export const NETWORK_ZONES = ['my_number', 'lgwan', 'internet'] as const;
export type NetworkZone = (typeof NETWORK_ZONES)[number];
export const NETWORK_ZONE_LABELS: Labels<NetworkZone> = {
  my_number: { ja: 'マイナンバー利用事務系', en: 'My Number zone' },
  lgwan: { ja: 'LGWAN接続系', en: 'LGWAN zone' },
  internet: { ja: 'インターネット接続系', en: 'Internet zone' },
};

export const DATA_LOCATIONS = ['domestic', 'overseas', 'both'] as const;
export type DataLocation = (typeof DATA_LOCATIONS)[number];
export const DATA_LOCATION_LABELS: Labels<DataLocation> = {
  domestic: { ja: '国内', en: 'Japan' },
  overseas: { ja: '国外', en: 'Overseas' },
  both: { ja: '国内・国外', en: 'Japan and overseas' },
};

export const ENTRY_STATUSES = ['planned', 'in_use', 'ending', 'ended'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export const ENTRY_STATUS_LABELS: Labels<EntryStatus> = {
  planned: { ja: '検討中', en: 'Planned' },
  in_use: { ja: '利用中', en: 'In use' },
  ending: { ja: '終了予定', en: 'Ending' },
  ended: { ja: '終了', en: 'Ended' },
};

export const CONTRACT_FORMS = ['standard_terms', 'individual'] as const;
export type ContractForm = (typeof CONTRACT_FORMS)[number];
export const CONTRACT_FORM_LABELS: Labels<ContractForm> = {
  standard_terms: { ja: '約款（事業者の標準契約）', en: "Vendor's standard terms" },
  individual: { ja: '個別契約', en: 'Individual contract' },
};

export const IMPACT_BAND_LABELS: Labels<'high' | 'medium' | 'low'> = {
  high: { ja: '高（27以上）', en: 'High (27+)' },
  medium: { ja: '中（9〜26）', en: 'Medium (9-26)' },
  low: { ja: '低（8以下）', en: 'Low (≤8)' },
};

export const RESIDENT_IMPACT_LABELS: Labels<'1' | '2' | '3'> = {
  3: { ja: '3：住民の暮らしに直結（手続きの停止・給付や判定への影響）', en: "3 — directly affects residents' lives" },
  2: { ja: '2：内部事務・入札等、または窓口で代替可能', en: '2 — internal work, bidding, or replaceable at the counter' },
  1: { ja: '1：ソーシャルメディア等、Webサイトで代替可能', en: '1 — social media and channels the website can replace' },
};

/** Sortable columns of the register list (the API refuses others). */
export const REGISTER_SORT_FIELDS = [
  'external_key', 'name', 'vendor_name', 'category_name', 'department', 'service_model', 'network_zone', 'status',
  'confidentiality_level', 'resident_impact', 'mental_distress', 'economic_loss', 'administrative_impact',
  'leak_estimate_yen', 'residents_held', 'annual_cost', 'contract_end', 'updated_at',
] as const;
export type RegisterSortField = (typeof REGISTER_SORT_FIELDS)[number];

/** The columns a person can choose for the register list; an export of the list has the same ones. */
export const REGISTER_LIST_COLUMNS = [
  'external_key', 'name', 'vendor', 'category', 'department', 'service_model', 'network_zone', 'status', 'confidentiality', 'resident_impact',
  'mental_distress', 'economic_loss', 'administrative_impact', 'leak_estimate', 'residents_held', 'annual_cost', 'contract_form', 'contract_end',
  'standardised_business', 'government_cloud',
] as const;
export type RegisterListColumn = (typeof REGISTER_LIST_COLUMNS)[number];
