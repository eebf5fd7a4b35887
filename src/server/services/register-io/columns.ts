import {
  CONTRACT_FORM_LABELS,
  DATA_LOCATION_LABELS,
  ENTRY_STATUS_LABELS,
  NETWORK_ZONE_LABELS,
  SERVICE_MODEL_LABELS,
} from '../../../shared/register.ts';
import type { Catalogues } from '../../catalogs/load.ts';
import { PARTY_LABELS } from '../../../shared/parties.ts';

// The spreadsheet layout of the register, shared by the template, the export and the import, so that
// an exported file imports back unchanged. Headers are Japanese; enumerations are written as their
// Japanese labels and read from either the label or the code.

export type ColumnKey =
  | 'external_key' | 'name' | 'vendor_name' | 'vendor_corporate_number' | 'service_model' | 'category' | 'department'
  | 'business_purpose' | 'users_description' | 'network_zone' | 'data_location' | 'data_region' | 'status' | 'contract_form'
  | 'contract_start' | 'contract_end' | 'notice_period_days' | 'auto_renewal' | 'annual_cost' | 'contract_number' | 'data_kinds'
  | 'residents_held' | 'related_services' | 'notes' | 'scheme' | 'confidentiality' | 'confidentiality_reason' | 'resident_impact'
  | 'resident_impact_reason' | 'mental_distress' | 'economic_loss' | 'override_reason' | 'standardised_business' | 'government_cloud';

export interface Column {
  key: ColumnKey;
  header: string;
  required?: boolean;
  width?: number;
}

export const COLUMNS: Column[] = [
  { key: 'external_key', header: '管理番号', required: true, width: 12 },
  { key: 'name', header: 'サービス名', required: true, width: 30 },
  { key: 'vendor_name', header: '事業者名', width: 28 },
  { key: 'vendor_corporate_number', header: '事業者の法人番号', width: 16 },
  { key: 'service_model', header: 'サービス形態', required: true, width: 16 },
  { key: 'category', header: '区分', required: true, width: 20 },
  { key: 'department', header: '所管課', required: true, width: 14 },
  { key: 'business_purpose', header: '利用目的', width: 30 },
  { key: 'users_description', header: '利用者', width: 16 },
  { key: 'network_zone', header: 'ネットワーク区分', required: true, width: 20 },
  { key: 'data_location', header: 'データの保管場所', required: true, width: 12 },
  { key: 'data_region', header: '保管地域', width: 20 },
  { key: 'status', header: '状態', required: true, width: 10 },
  { key: 'contract_form', header: '契約形態', required: true, width: 14 },
  { key: 'contract_start', header: '契約開始日', width: 12 },
  { key: 'contract_end', header: '契約終了日', width: 12 },
  { key: 'notice_period_days', header: '解約予告期間（日）', width: 10 },
  { key: 'auto_renewal', header: '自動更新', width: 8 },
  { key: 'annual_cost', header: '年額費用（円）', width: 14 },
  { key: 'contract_number', header: '契約番号', width: 14 },
  { key: 'data_kinds', header: '扱う個人データ', width: 36 },
  { key: 'residents_held', header: '保有する住民数', width: 12 },
  { key: 'related_services', header: '関連サービス', width: 20 },
  { key: 'notes', header: '備考', width: 30 },
  { key: 'scheme', header: '分類体系', required: true, width: 12 },
  { key: 'confidentiality', header: '機密性', required: true, width: 8 },
  { key: 'confidentiality_reason', header: '機密性の理由', width: 24 },
  { key: 'resident_impact', header: '住民影響', required: true, width: 8 },
  { key: 'resident_impact_reason', header: '住民影響の理由', width: 24 },
  { key: 'mental_distress', header: '精神的苦痛（変更時のみ）', width: 10 },
  { key: 'economic_loss', header: '経済的損失（変更時のみ）', width: 10 },
  { key: 'override_reason', header: '変更の理由', width: 24 },
  { key: 'standardised_business', header: '標準化対象業務', width: 16 },
  { key: 'government_cloud', header: 'ガバメントクラウド', width: 10 },
];

/** Read-only figures appended to exports for the reader; the import ignores them. */
export const DERIVED_HEADERS = ['行政運営影響度（参考）', '想定損害額・円（参考）', '最終更新（参考）'] as const;

export const LABEL_TABLES = {
  service_model: SERVICE_MODEL_LABELS,
  network_zone: NETWORK_ZONE_LABELS,
  data_location: DATA_LOCATION_LABELS,
  status: ENTRY_STATUS_LABELS,
  contract_form: CONTRACT_FORM_LABELS,
} as const;

/** Short aliases people type for enumerations, beside the full labels and the codes. */
const ALIASES: Record<string, Record<string, string>> = {
  contract_form: { 約款: 'standard_terms', 標準約款: 'standard_terms', 個別: 'individual' },
  network_zone: { マイナンバー系: 'my_number', マイナンバー: 'my_number', lgwan: 'lgwan', lgwan系: 'lgwan', インターネット系: 'internet', インターネット: 'internet' },
  service_model: { 共同利用: 'shared_system', 自治体クラウド: 'shared_system', sns: 'social_media' },
};

export function labelOf(table: keyof typeof LABEL_TABLES, code: string): string {
  return (LABEL_TABLES[table] as Record<string, { ja: string }>)[code]?.ja ?? code;
}

/** The code for a label, a code or an alias; null when unknown. */
export function codeOf(table: keyof typeof LABEL_TABLES, text: string): string | null {
  const normalised = text.normalize('NFKC').trim().toLowerCase();
  for (const [code, label] of Object.entries(LABEL_TABLES[table] as Record<string, { ja: string; en: string }>)) {
    if (code === normalised || label.ja.normalize('NFKC').toLowerCase() === normalised || label.en.toLowerCase() === normalised) return code;
  }
  return ALIASES[table]?.[normalised] ?? null;
}

export function schemeShortId(id: string): string {
  return id.replace('urn:daicho:scheme:', '');
}

export function dataKindNames(catalogues: Catalogues, codes: string[]): string {
  return codes.map((code) => catalogues.dataKinds.data.kinds.find((k) => k.code === code)?.name.ja ?? code).join('、');
}

/** The code of a 標準化対象業務 from its Japanese or English label or its code; null for 該当しない; undefined when unknown. */
export function businessCodeOf(text: string): string | null | undefined {
  const normalised = text.normalize('NFKC').trim().toLowerCase();
  if (normalised === '' || normalised === '該当しない' || normalised === 'なし' || normalised === 'not applicable') return null;
  for (const [code, label] of Object.entries(PARTY_LABELS.business)) {
    if (code === normalised || label.ja.normalize('NFKC').toLowerCase() === normalised || label.en.toLowerCase() === normalised) return code;
  }
  return undefined;
}
