// 責任分界と委託先: vocabularies shared by the server and the web app (one definition each).

type Bi = { ja: string; en: string };

/** The role a party plays in a service. Subcontractors name a parent party (the chain is a tree). */
export const PARTY_ROLES = ['cloud_provider', 'application_provider', 'package_vendor', 'operations_contractor', 'data_centre', 'network_carrier', 'subcontractor', 'municipality', 'other'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** The approval a municipality gives a subcontractor (再委託の承認). */
export const APPROVAL_STATUSES = ['requested', 'approved', 'refused'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** A party's duty on a layer of the responsibility matrix (RACI); exactly one accountable party per layer. */
export const RESPONSIBILITY_DUTIES = ['accountable', 'responsible', 'consulted', 'informed'] as const;
export type ResponsibilityDuty = (typeof RESPONSIBILITY_DUTIES)[number];

/** What must happen when the service fails: one party each. */
export const FAULT_ROLES = ['detection', 'first_triage', 'first_report', 'recovery'] as const;
export type FaultRole = (typeof FAULT_ROLES)[number];

/** The 20 businesses whose systems are standardised (標準化対象20業務) and move to ガバメントクラウド. */
export const STANDARDISED_BUSINESSES = [
  'resident_registry',
  'family_register',
  'family_register_annex',
  'seal_registration',
  'electoral_roll',
  'fixed_asset_tax',
  'individual_resident_tax',
  'corporate_resident_tax',
  'light_vehicle_tax',
  'school_enrolment',
  'national_health_insurance',
  'national_pension',
  'disability_welfare',
  'late_stage_elderly_medical',
  'long_term_care',
  'child_allowance',
  'public_assistance',
  'health_management',
  'child_rearing_allowance',
  'child_childcare_support',
] as const;
export type StandardisedBusiness = (typeof STANDARDISED_BUSINESSES)[number];

/** Subcontract chains deeper than this are flagged unless the organisation sets otherwise. */
export const DEFAULT_SUBCONTRACT_MAX_DEPTH = 2;

/**
 * A vendor's standard split, declared once on its service profile, in party roles: `self` is the
 * declaring vendor; the municipality maps the other roles to its own parties when it adopts the split.
 */
export interface DeclaredSplit {
  cells: { layer_id: string; party_role: PartyRole | 'self'; duty: ResponsibilityDuty | null; backup: boolean }[];
  roles: { role: FaultRole; party_role: PartyRole | 'self'; commitment_minutes: number | null; note: string | null }[];
  notes: string | null;
}

export const PARTY_LABELS: {
  role: Record<PartyRole, Bi>;
  approval: Record<ApprovalStatus, Bi>;
  duty: Record<ResponsibilityDuty, Bi>;
  faultRole: Record<FaultRole, Bi>;
  business: Record<StandardisedBusiness, Bi>;
} = {
  role: {
    cloud_provider: { ja: 'クラウド基盤（IaaS）事業者', en: 'Cloud (IaaS) provider' },
    application_provider: { ja: 'アプリケーション事業者', en: 'Application provider' },
    package_vendor: { ja: 'パッケージ事業者', en: 'Package vendor' },
    operations_contractor: { ja: '運用事業者（運用管理補助者）', en: 'Operations contractor' },
    data_centre: { ja: 'データセンター事業者', en: 'Data centre' },
    network_carrier: { ja: '通信事業者', en: 'Network carrier' },
    subcontractor: { ja: '再委託先', en: 'Subcontractor' },
    municipality: { ja: '自団体', en: 'Our organisation' },
    other: { ja: 'その他', en: 'Other' },
  },
  approval: {
    requested: { ja: '承認申請中', en: 'Approval requested' },
    approved: { ja: '承認済み', en: 'Approved' },
    refused: { ja: '不承認', en: 'Refused' },
  },
  duty: {
    accountable: { ja: '責任者（A）', en: 'Accountable (A)' },
    responsible: { ja: '実施（R）', en: 'Responsible (R)' },
    consulted: { ja: '協議（C）', en: 'Consulted (C)' },
    informed: { ja: '報告先（I）', en: 'Informed (I)' },
  },
  faultRole: {
    detection: { ja: '障害の検知', en: 'Fault detection' },
    first_triage: { ja: '一次切り分け', en: 'First triage' },
    first_report: { ja: '第一報', en: 'First report' },
    recovery: { ja: '復旧', en: 'Recovery' },
  },
  business: {
    resident_registry: { ja: '住民基本台帳', en: 'Resident registry' },
    family_register: { ja: '戸籍', en: 'Family register (koseki)' },
    family_register_annex: { ja: '戸籍の附票', en: 'Family register annex' },
    seal_registration: { ja: '印鑑登録', en: 'Seal registration' },
    electoral_roll: { ja: '選挙人名簿管理', en: 'Electoral roll' },
    fixed_asset_tax: { ja: '固定資産税', en: 'Fixed asset tax' },
    individual_resident_tax: { ja: '個人住民税', en: 'Individual resident tax' },
    corporate_resident_tax: { ja: '法人住民税', en: 'Corporate resident tax' },
    light_vehicle_tax: { ja: '軽自動車税', en: 'Light vehicle tax' },
    school_enrolment: { ja: '就学', en: 'School enrolment' },
    national_health_insurance: { ja: '国民健康保険', en: 'National health insurance' },
    national_pension: { ja: '国民年金', en: 'National pension' },
    disability_welfare: { ja: '障害者福祉', en: 'Disability welfare' },
    late_stage_elderly_medical: { ja: '後期高齢者医療', en: 'Late-stage elderly medical care' },
    long_term_care: { ja: '介護保険', en: 'Long-term care insurance' },
    child_allowance: { ja: '児童手当', en: 'Child allowance' },
    public_assistance: { ja: '生活保護', en: 'Public assistance' },
    health_management: { ja: '健康管理', en: 'Health management' },
    child_rearing_allowance: { ja: '児童扶養手当', en: 'Child-rearing allowance' },
    child_childcare_support: { ja: '子ども・子育て支援', en: 'Child and childcare support' },
  },
};
