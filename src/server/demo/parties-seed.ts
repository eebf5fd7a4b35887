import { listEntries } from '../repositories/register-entries.ts';
import { addParty, platformVendors } from '../services/parties/parties.ts';
import { createVendor, listOrganisationVendors } from '../services/vendors.ts';
import { updateRegisterEntry } from '../services/register.ts';
import type { Actor, Deps } from '../services/deps.ts';

// 関係事業者 for the demo city's 住民基本台帳 on ガバメントクラウド: the IaaS (the platform vendor and
// its service), the standard-compliant application on the city's own vendor list, the operations
// contractor with an approved data-entry subcontractor and, under that one, a development company
// whose approval is still pending (the chain view flags it). Not yet called: the lead wires it into
// the demo loader after the merge. Every name is fictional.

const CLOUD = 'デモ自治体クラウド株式会社';
const OPERATIONS = 'サンプル情報システム株式会社';
const DATA_ENTRY = '架空データ入力サービス株式会社';
const DEVELOPER = '架空ソフトウェア開発有限会社';

export async function loadDemoParties(deps: Deps, actor: Actor): Promise<void> {
  const entries = await listEntries(deps.db, { organisationId: actor.organisationId }, { sort: 'external_key', order: 'asc', offset: 0, limit: 1000 });
  const entry = entries.find((e) => e.name === '住民基本台帳システム');
  if (!entry) return;
  await updateRegisterEntry(deps, actor, entry.id, { standardised_business: 'resident_registry', government_cloud: true });

  const vendorId = async (name: string, corporateNumber: string | null = null) => {
    const existing = (await listOrganisationVendors(deps, actor, name)).find((v) => v.name === name);
    return existing?.id ?? (await createVendor(deps, actor, { name, corporate_number: corporateNumber })).id;
  };
  const platform = (await platformVendors(deps, actor, CLOUD)).items.find((o) => o.name === CLOUD);
  const url = entry.id;

  if (platform) {
    await addParty(deps, actor, url, {
      role: 'cloud_provider',
      vendor_organisation_id: platform.id,
      vendor_service_id: platform.services[0]?.id ?? null,
      contract_reference: 'ガバメントクラウド利用（デジタル庁調達）',
      data_handled: '住民記録（暗号化して保管）',
    });
  }
  await addParty(deps, actor, url, { role: 'application_provider', vendor_id: await vendorId(CLOUD), standard_app: true, contract_reference: 'R4-市民-001', data_handled: '住民記録（氏名・住所・生年月日・本籍）' });
  const operations = await addParty(deps, actor, url, {
    role: 'operations_contractor',
    vendor_id: await vendorId(OPERATIONS),
    contract_reference: 'R6-情-017',
    data_handled: '障害対応時のログ、バックアップ媒体の搬送',
    may_carry_data_out: true,
  });
  const dataEntry = await addParty(deps, actor, url, {
    role: 'subcontractor',
    vendor_id: await vendorId(DATA_ENTRY),
    parent_party_id: operations.id,
    data_handled: '転入届の入力補助（庁内端末のみ）',
    approval_status: 'approved',
    approval_requested_on: '2026-04-01',
    approval_decided_on: '2026-04-08',
    approver: '情報政策課長',
  });
  await addParty(deps, actor, url, { role: 'subcontractor', vendor_id: await vendorId(DEVELOPER), parent_party_id: dataEntry.id, data_handled: '入力画面の保守', approval_status: 'requested', approval_requested_on: '2026-11-20' });
  await addParty(deps, actor, url, { role: 'municipality', data_handled: '端末・庁内ネットワークの管理', notes: '市民課・情報政策課' });
}
