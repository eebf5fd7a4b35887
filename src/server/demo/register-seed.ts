import type { ContractForm, EntryStatus, NetworkZone, ServiceModel } from '../../shared/register.ts';
import type { StandardisedBusiness } from '../../shared/parties.ts';
import { createEntry } from '../services/register.ts';
import { createVendor } from '../services/vendors.ts';
import { listOrganisationCategories } from '../services/register-categories.ts';
import type { Actor, Deps } from '../services/deps.ts';

// A fictional register shaped like the mix the paper found (seed 000 §4.1): core systems on a shared
// cloud, online applications, internal systems, public information services and social media, with
// some contracts on the vendor's standard terms and a few weak spots a CISO should notice.

type CategoryCode = 'core' | 'application' | 'internal' | 'information' | 'social_media';

interface DemoEntry {
  name: string;
  vendor: string;
  model: ServiceModel;
  category: CategoryCode;
  department: string;
  zone: NetworkZone;
  status?: EntryStatus;
  form: ContractForm;
  conf: '3A' | '3B' | '3C' | '2' | '1';
  resident: 1 | 2 | 3;
  kinds: string[];
  /** Share of the population whose data the service holds. */
  share?: number;
  cost?: number;
  start?: string;
  end?: string;
  overseas?: boolean;
  purpose: string;
}

const VENDORS = [
  { name: 'デモ自治体クラウド株式会社', corporate_number: '7999901000001', address: 'サンプル県サンプル市中央1-1', contact_name: '営業部 自治体担当', certifications: 'ISO/IEC 27001, ISO/IEC 27017, ISMAP登録' },
  { name: 'サンプル情報システム株式会社', corporate_number: '6999901000002', address: 'サンプル県サンプル市港町2-3', contact_name: 'カスタマーサポート', certifications: 'ISO/IEC 27001, プライバシーマーク' },
  { name: '架空グループウェア合同会社', corporate_number: '5999901000003', certifications: 'ISO/IEC 27001' },
  { name: 'ソーシャルメディア各社（約款）', certifications: '約款による利用（個別の認証確認なし）' },
];

const CORE = 'デモ自治体クラウド株式会社';
const SIS = 'サンプル情報システム株式会社';
const GW = '架空グループウェア合同会社';
const SNS = 'ソーシャルメディア各社（約款）';
const basic = ['name', 'address', 'birth_date', 'sex'];

const CITY_ENTRIES: DemoEntry[] = [
  { name: '住民基本台帳システム', vendor: CORE, model: 'shared_system', category: 'core', department: '市民課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'resident_code', 'honseki'], share: 1, cost: 18_000_000, start: '2022-04-01', end: '2027-03-31', purpose: '住民記録の管理と証明書交付' },
  { name: '個人住民税システム', vendor: CORE, model: 'shared_system', category: 'core', department: '税務課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'income', 'assets'], share: 0.55, cost: 12_500_000, start: '2022-04-01', end: '2027-03-31', purpose: '個人住民税の賦課・収納' },
  { name: '固定資産税システム', vendor: CORE, model: 'shared_system', category: 'core', department: '税務課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'assets'], share: 0.35, cost: 8_000_000, start: '2022-04-01', end: '2027-03-31', purpose: '固定資産税の課税' },
  { name: '国民健康保険システム', vendor: CORE, model: 'shared_system', category: 'core', department: '保険年金課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'insurance_number', 'income', 'medical_history'], share: 0.22, cost: 9_000_000, start: '2022-04-01', end: '2027-03-31', purpose: '国民健康保険の資格・賦課・給付' },
  { name: '介護保険システム', vendor: CORE, model: 'shared_system', category: 'core', department: '介護保険課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'insurance_number', 'medical_record', 'disability'], share: 0.28, cost: 7_500_000, start: '2022-04-01', end: '2027-03-31', purpose: '要介護認定と給付管理' },
  { name: '児童手当システム', vendor: CORE, model: 'shared_system', category: 'core', department: 'こども家庭課', zone: 'my_number', form: 'individual', conf: '3B', resident: 3, kinds: [...basic, 'income', 'bank_account_pin'], share: 0.12, cost: 3_000_000, start: '2022-04-01', end: '2027-03-31', purpose: '児童手当の認定と支給' },
  { name: '障害者福祉システム', vendor: CORE, model: 'shared_system', category: 'core', department: '障害福祉課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'disability', 'medical_record'], share: 0.05, cost: 4_200_000, start: '2022-04-01', end: '2027-03-31', purpose: '障害福祉サービスの支給決定' },
  { name: '生活保護システム', vendor: SIS, model: 'saas', category: 'core', department: '生活福祉課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'income', 'assets', 'debts', 'medical_history'], share: 0.015, cost: 3_800_000, start: '2023-04-01', end: '2028-03-31', purpose: '生活保護の決定と実施' },
  { name: '後期高齢者医療システム', vendor: CORE, model: 'shared_system', category: 'core', department: '保険年金課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'insurance_number', 'medical_history'], share: 0.15, cost: 2_900_000, start: '2022-04-01', end: '2027-03-31', purpose: '後期高齢者医療の資格と保険料' },
  { name: '戸籍情報システム', vendor: SIS, model: 'hosting', category: 'core', department: '市民課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'honseki'], share: 0.9, cost: 6_000_000, start: '2021-10-01', end: '2026-09-30', purpose: '戸籍の記載と証明' },
  { name: '電子申請システム', vendor: SIS, model: 'saas', category: 'application', department: 'デジタル推進課', zone: 'lgwan', form: 'standard_terms', conf: '3C', resident: 2, kinds: ['name', 'address', 'phone', 'email'], share: 0.2, cost: 1_800_000, start: '2024-04-01', purpose: '各種届出・申請のオンライン受付' },
  { name: 'ワクチン接種予約システム', vendor: SIS, model: 'saas', category: 'application', department: '健康推進課', zone: 'internet', status: 'ended', form: 'standard_terms', conf: '3C', resident: 2, kinds: ['name', 'birth_date', 'phone', 'insurance_number'], share: 0.6, cost: 0, start: '2021-04-01', end: '2024-03-31', purpose: '新型コロナワクチン接種の予約受付' },
  { name: '公共施設予約システム', vendor: SIS, model: 'saas', category: 'application', department: '文化スポーツ課', zone: 'internet', form: 'standard_terms', conf: '2', resident: 2, kinds: ['name', 'phone', 'email', 'account_password'], share: 0.08, cost: 1_200_000, start: '2023-04-01', purpose: '体育館・会議室の予約と抽選' },
  { name: 'LINE公式アカウントでの申請', vendor: SNS, model: 'social_media', category: 'application', department: '広報課', zone: 'internet', form: 'standard_terms', conf: '3C', resident: 2, kinds: ['name', 'address', 'phone'], share: 0.1, cost: 600_000, overseas: true, purpose: '粗大ごみ収集・道路損傷通報などの申請' },
  { name: '図書館システム', vendor: SIS, model: 'saas', category: 'application', department: '図書館', zone: 'internet', form: 'individual', conf: '3C', resident: 2, kinds: ['name', 'address', 'phone', 'purchase_history'], share: 0.25, cost: 2_400_000, start: '2022-10-01', end: '2027-09-30', purpose: '蔵書検索・貸出予約' },
  { name: '保育所入所申込システム', vendor: SIS, model: 'saas', category: 'application', department: 'こども家庭課', zone: 'lgwan', status: 'planned', form: 'individual', conf: '3B', resident: 3, kinds: [...basic, 'income', 'health_check'], share: 0.02, cost: 1_500_000, purpose: '保育所の入所申込と選考（導入検討中）' },
  { name: 'グループウェア', vendor: GW, model: 'saas', category: 'internal', department: '情報政策課', zone: 'lgwan', form: 'standard_terms', conf: '2', resident: 2, kinds: ['name', 'email', 'account_password'], cost: 3_600_000, start: '2023-04-01', purpose: '職員のスケジュール・掲示板・メール' },
  { name: '財務会計システム', vendor: CORE, model: 'shared_system', category: 'internal', department: '会計課', zone: 'lgwan', form: 'individual', conf: '2', resident: 2, kinds: ['name', 'bank_account_pin'], share: 0.01, cost: 5_000_000, start: '2022-04-01', end: '2027-03-31', purpose: '予算執行・支払・決算（債権者口座を含む）' },
  { name: '人事給与システム', vendor: CORE, model: 'shared_system', category: 'internal', department: '人事課', zone: 'lgwan', form: 'individual', conf: '3C', resident: 2, kinds: [...basic, 'income', 'bank_account_pin'], share: 0.01, cost: 4_000_000, start: '2022-04-01', end: '2027-03-31', purpose: '職員の人事・給与・口座振込' },
  { name: '文書管理システム', vendor: GW, model: 'saas', category: 'internal', department: '総務課', zone: 'lgwan', form: 'individual', conf: '2', resident: 2, kinds: ['name'], cost: 2_200_000, start: '2023-04-01', end: '2028-03-31', purpose: '起案・決裁・文書保存' },
  { name: '電子入札システム', vendor: SIS, model: 'saas', category: 'internal', department: '契約課', zone: 'internet', form: 'standard_terms', conf: '2', resident: 2, kinds: ['name', 'email', 'account_password'], cost: 900_000, start: '2020-04-01', purpose: '工事・物品の入札' },
  { name: 'Web会議サービス', vendor: GW, model: 'saas', category: 'internal', department: '情報政策課', zone: 'internet', form: 'standard_terms', conf: '2', resident: 1, kinds: ['name', 'email'], cost: 800_000, overseas: true, purpose: '庁外とのオンライン会議' },
  { name: '庁内ファイル共有（オンラインストレージ）', vendor: GW, model: 'saas', category: 'internal', department: '情報政策課', zone: 'lgwan', form: 'standard_terms', conf: '2', resident: 2, kinds: ['name'], cost: 1_000_000, purpose: '課をまたぐ資料の共有' },
  { name: '例規集データベース', vendor: SIS, model: 'saas', category: 'information', department: '総務課', zone: 'internet', form: 'standard_terms', conf: '1', resident: 1, kinds: [], cost: 700_000, start: '2019-04-01', purpose: '条例・規則の公開' },
  { name: '会議録検索システム', vendor: SIS, model: 'saas', category: 'information', department: '議会事務局', zone: 'internet', form: 'standard_terms', conf: '1', resident: 1, kinds: [], cost: 650_000, purpose: '市議会会議録の検索公開' },
  { name: '地図情報システム（公開型GIS）', vendor: SIS, model: 'saas', category: 'information', department: '都市計画課', zone: 'internet', form: 'individual', conf: '1', resident: 2, kinds: [], cost: 1_100_000, start: '2022-04-01', end: '2027-03-31', purpose: '都市計画図・避難所の地図公開' },
  { name: '窓口混雑状況配信', vendor: SIS, model: 'saas', category: 'information', department: '市民課', zone: 'internet', form: 'standard_terms', conf: '1', resident: 1, kinds: [], cost: 300_000, purpose: '市民課窓口の待ち人数の公開' },
  { name: 'AIチャットボット', vendor: SIS, model: 'saas', category: 'information', department: 'デジタル推進課', zone: 'internet', form: 'standard_terms', conf: '2', resident: 1, kinds: [], cost: 500_000, overseas: true, purpose: 'よくある質問への自動応答（入力内容は海外で処理）' },
  { name: '防災情報メール配信', vendor: SIS, model: 'saas', category: 'information', department: '危機管理課', zone: 'internet', form: 'standard_terms', conf: '3C', resident: 3, kinds: ['email'], share: 0.15, cost: 400_000, purpose: '避難情報・気象警報の配信' },
  { name: '公式ホームページCMS', vendor: SIS, model: 'hosting', category: 'information', department: '広報課', zone: 'internet', form: 'individual', conf: '1', resident: 2, kinds: [], cost: 2_800_000, start: '2021-04-01', end: '2026-03-31', status: 'ending', purpose: '市公式サイトの作成と公開（契約更新手続き中）' },
  { name: 'オープンデータカタログ', vendor: SIS, model: 'saas', category: 'information', department: 'デジタル推進課', zone: 'internet', form: 'standard_terms', conf: '1', resident: 1, kinds: [], cost: 0, purpose: '統計データの公開' },
  { name: 'X（旧Twitter）公式アカウント', vendor: SNS, model: 'social_media', category: 'social_media', department: '広報課', zone: 'internet', form: 'standard_terms', conf: '1', resident: 1, kinds: [], cost: 0, overseas: true, purpose: '市政情報・災害時の情報発信' },
  { name: 'Facebook公式ページ', vendor: SNS, model: 'social_media', category: 'social_media', department: '広報課', zone: 'internet', form: 'standard_terms', conf: '1', resident: 1, kinds: [], cost: 0, overseas: true, purpose: 'イベント情報の発信' },
  { name: 'YouTube公式チャンネル', vendor: SNS, model: 'social_media', category: 'social_media', department: '広報課', zone: 'internet', form: 'standard_terms', conf: '1', resident: 1, kinds: [], cost: 0, overseas: true, purpose: '市長会見・議会中継の動画配信' },
  { name: 'Instagram公式アカウント', vendor: SNS, model: 'social_media', category: 'social_media', department: '観光課', zone: 'internet', form: 'standard_terms', conf: '1', resident: 1, kinds: [], cost: 0, overseas: true, purpose: '観光プロモーション' },
  { name: '選挙事務システム', vendor: CORE, model: 'shared_system', category: 'core', department: '選挙管理委員会', zone: 'my_number', form: 'individual', conf: '3B', resident: 3, kinds: [...basic], share: 0.83, cost: 1_600_000, start: '2022-04-01', end: '2027-03-31', purpose: '選挙人名簿の調製' },
  { name: '健康管理システム', vendor: CORE, model: 'shared_system', category: 'core', department: '健康推進課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'health_check', 'medical_history'], share: 0.5, cost: 3_300_000, start: '2022-04-01', end: '2027-03-31', purpose: '健診・予防接種の記録' },
  { name: '住民情報バックアップ（遠隔地保管）', vendor: CORE, model: 'iaas', category: 'core', department: '情報政策課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'resident_code', 'income'], share: 1, cost: 2_000_000, start: '2022-04-01', end: '2027-03-31', purpose: '広域災害に備えた住民情報の遠隔地バックアップ' },
  { name: '口座振替受付サービス', vendor: SIS, model: 'saas', category: 'application', department: '収納課', zone: 'internet', form: 'standard_terms', conf: '3C', resident: 2, kinds: ['name', 'address', 'bank_account_pin'], share: 0.1, cost: 1_300_000, start: '2024-10-01', purpose: '税・料金の口座振替のオンライン申込' },
  { name: '職員研修eラーニング', vendor: GW, model: 'saas', category: 'internal', department: '人事課', zone: 'internet', form: 'standard_terms', conf: '2', resident: 1, kinds: ['name', 'email', 'grades'], cost: 450_000, overseas: true, purpose: '情報セキュリティ研修ほか' },
];

/**
 * 標準化対象業務 of the demo's core systems, and whether each already runs on ガバメントクラウド (most have
 * moved with the shared cloud; 戸籍 and 生活保護 are still on their old contracts, as in many bodies).
 */
const STANDARDISED: Record<string, { business: StandardisedBusiness; governmentCloud: boolean }> = {
  住民基本台帳システム: { business: 'resident_registry', governmentCloud: true },
  個人住民税システム: { business: 'individual_resident_tax', governmentCloud: true },
  税務システム: { business: 'individual_resident_tax', governmentCloud: true },
  固定資産税システム: { business: 'fixed_asset_tax', governmentCloud: true },
  国民健康保険システム: { business: 'national_health_insurance', governmentCloud: true },
  介護保険システム: { business: 'long_term_care', governmentCloud: true },
  児童手当システム: { business: 'child_allowance', governmentCloud: true },
  障害者福祉システム: { business: 'disability_welfare', governmentCloud: true },
  生活保護システム: { business: 'public_assistance', governmentCloud: false },
  後期高齢者医療システム: { business: 'late_stage_elderly_medical', governmentCloud: true },
  戸籍情報システム: { business: 'family_register', governmentCloud: false },
  選挙事務システム: { business: 'electoral_roll', governmentCloud: true },
  健康管理システム: { business: 'health_management', governmentCloud: true },
};

const TOWN_ENTRIES: DemoEntry[] = [
  { name: '住民基本台帳システム', vendor: CORE, model: 'shared_system', category: 'core', department: '住民課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'resident_code', 'honseki'], share: 1, cost: 3_200_000, start: '2022-04-01', end: '2027-03-31', purpose: '住民記録（共同利用）' },
  { name: '税務システム', vendor: CORE, model: 'shared_system', category: 'core', department: '税務課', zone: 'my_number', form: 'individual', conf: '3A', resident: 3, kinds: [...basic, 'income', 'assets'], share: 0.6, cost: 2_500_000, start: '2022-04-01', end: '2027-03-31', purpose: '町税の賦課・収納（共同利用）' },
  { name: '電子申請システム', vendor: SIS, model: 'saas', category: 'application', department: '総務課', zone: 'lgwan', form: 'standard_terms', conf: '3C', resident: 2, kinds: ['name', 'address', 'phone'], share: 0.1, cost: 400_000, purpose: '各種申請のオンライン受付' },
  { name: 'グループウェア', vendor: GW, model: 'saas', category: 'internal', department: '総務課', zone: 'lgwan', form: 'standard_terms', conf: '2', resident: 2, kinds: ['name', 'email'], cost: 600_000, purpose: '職員の情報共有' },
  { name: '町公式LINE', vendor: SNS, model: 'social_media', category: 'social_media', department: '企画課', zone: 'internet', form: 'standard_terms', conf: '1', resident: 1, kinds: [], cost: 0, overseas: true, purpose: '町からのお知らせ' },
];

/** Loads a municipality's demo register through the services (audited, classified like any entry). */
export async function loadDemoRegister(deps: Deps, actor: Actor, population: number, which: 'city' | 'town'): Promise<number> {
  const vendorIds = new Map<string, string>();
  for (const vendor of VENDORS) vendorIds.set(vendor.name, (await createVendor(deps, actor, vendor)).id);
  const categories = await listOrganisationCategories(deps, actor);
  const categoryId = (code: CategoryCode) => categories.find((c) => c.code === code)!.id;
  const entries = which === 'city' ? CITY_ENTRIES : TOWN_ENTRIES;
  for (const [index, entry] of entries.entries()) {
    await createEntry(deps, actor, {
      external_key: `${which === 'city' ? 'SC' : 'ST'}-${String(index + 1).padStart(3, '0')}`,
      name: entry.name,
      vendor_id: vendorIds.get(entry.vendor),
      standardised_business: STANDARDISED[entry.name]?.business ?? null,
      government_cloud: STANDARDISED[entry.name]?.governmentCloud ?? false,
      service_model: entry.model,
      category_id: categoryId(entry.category),
      department: entry.department,
      business_purpose: entry.purpose,
      users_description: entry.category === 'internal' ? '職員' : entry.category === 'core' ? '職員（窓口・内部事務）' : '住民・事業者',
      network_zone: entry.zone,
      data_location: entry.overseas ? 'overseas' : 'domestic',
      data_region: entry.overseas ? '国外（事業者の約款による）' : '国内（東日本・西日本の2拠点）',
      status: entry.status ?? 'in_use',
      contract_form: entry.form,
      contract_start: entry.start ?? null,
      contract_end: entry.end ?? null,
      notice_period_days: entry.form === 'individual' ? 90 : 30,
      auto_renewal: entry.form === 'standard_terms',
      annual_cost: entry.cost ?? null,
      contract_number: entry.form === 'individual' ? `R4-${which === 'city' ? 'C' : 'T'}-${100 + index}` : null,
      data_kinds: entry.kinds,
      residents_held: entry.share ? Math.round(population * entry.share) : null,
      related_services: null,
      notes: null,
      classification: {
        scheme_id: 'urn:daicho:scheme:mic-2024',
        confidentiality: entry.conf,
        confidentiality_reason: entry.conf.startsWith('3') ? '個人情報を扱うため' : entry.conf === '2' ? '公開前の行政事務の情報を扱うため' : '公開済みの情報のみを扱うため',
        resident_impact: entry.resident,
        resident_impact_reason: entry.resident === 3 ? '停止すると住民の手続きや給付が止まるため' : entry.resident === 2 ? '窓口での代替が可能なため' : 'Webサイトで代替できるため',
      },
    });
  }
  return entries.length;
}
