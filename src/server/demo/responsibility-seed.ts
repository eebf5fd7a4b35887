import { listEntries } from '../repositories/register-entries.ts';
import { findVendorServiceByName } from '../repositories/vendor-services.ts';
import { createService } from '../services/incidents/vendor-services.ts';
import { createVendor } from '../services/vendors.ts';
import { addParty } from '../services/parties/parties.ts';
import { adoptSplit, saveMatrix, saveSplit } from '../services/responsibilities.ts';
import { addEntryDependency } from '../services/dependencies/entry-dependencies.ts';
import { addServiceDependency } from '../services/dependencies/service-dependencies.ts';
import { getContacts, saveContacts } from '../services/contacts.ts';
import { findUserByEmail } from '../repositories/users.ts';
import type { DeclaredSplit } from '../../shared/parties.ts';
import type { Actor, Deps } from '../services/deps.ts';
import type { Role } from '../../shared/roles.ts';

// 責任分界 for the demo: the shared-cloud vendor's services run on a fictional ガバメントクラウド IaaS,
// the vendor declares its standard split once, and サンプル市 records who is party to its core systems.
// 住民基本台帳 adopted the vendor's split and names the vendor's incident desk as its first-triage
// contact (no gaps; the vendor changed one commitment since, so a difference shows); 個人住民税's
// matrix is half filled, with a third-tier printing subcontractor still awaiting approval — the shape
// of the 2022 case in which a third-tier subcontractor lost residents' data. One carrier line serves
// several systems, and the remote backup runs on the resident registry, so "what stops if …" has a
// story to tell.

const L = (name: string) => `urn:daicho:responsibility-layer:${name}`;

/** The shared-cloud vendor's standard split for its resident-records service, in party roles. */
const RECORDS_SPLIT: DeclaredSplit = {
  cells: [
    { layer_id: L('facility'), party_role: 'cloud_provider', duty: 'accountable', backup: false },
    { layer_id: L('network'), party_role: 'network_carrier', duty: 'accountable', backup: false },
    { layer_id: L('network'), party_role: 'municipality', duty: 'informed', backup: false },
    { layer_id: L('hardware'), party_role: 'cloud_provider', duty: 'accountable', backup: true },
    { layer_id: L('virtualisation'), party_role: 'cloud_provider', duty: 'accountable', backup: true },
    { layer_id: L('guest-os'), party_role: 'self', duty: 'accountable', backup: true },
    { layer_id: L('middleware'), party_role: 'self', duty: 'accountable', backup: true },
    { layer_id: L('application'), party_role: 'self', duty: 'accountable', backup: true },
    { layer_id: L('data'), party_role: 'self', duty: 'accountable', backup: true },
    { layer_id: L('data'), party_role: 'municipality', duty: 'responsible', backup: false },
    { layer_id: L('operations'), party_role: 'operations_contractor', duty: 'accountable', backup: false },
    { layer_id: L('operations'), party_role: 'self', duty: 'consulted', backup: false },
    { layer_id: L('administrators'), party_role: 'operations_contractor', duty: 'accountable', backup: false },
    { layer_id: L('administrators'), party_role: 'municipality', duty: 'responsible', backup: false },
    { layer_id: L('municipal-terminals'), party_role: 'municipality', duty: 'accountable', backup: false },
    { layer_id: L('municipal-network'), party_role: 'municipality', duty: 'accountable', backup: false },
  ],
  roles: [
    { role: 'detection', party_role: 'self', commitment_minutes: null, note: '24時間監視（アプリケーションの稼働確認を含む）' },
    { role: 'first_triage', party_role: 'self', commitment_minutes: null, note: '24時間サポートデスクが受け付け、階層を切り分けて担当へ振り分ける' },
    { role: 'first_report', party_role: 'self', commitment_minutes: 30, note: '原因は後でよく、発生の事実を先に連絡' },
    { role: 'recovery', party_role: 'self', commitment_minutes: null, note: '基盤の障害はクラウド基盤事業者と共同で復旧' },
  ],
  notes: '共同利用型（東西2拠点）の標準の責任分界。団体ごとの調整は契約時に協議します。',
};

async function actorFor(deps: Deps, email: string, organisationId: string, kind: Actor['organisationKind']): Promise<Actor> {
  const user = await findUserByEmail(deps.db, email);
  return { userId: user!.id, organisationId, organisationKind: kind, role: user!.role as Role, label: `${user!.display_name} <${email}>`, via: 'system', ip: null, department: null };
}

export async function loadDemoResponsibilities(deps: Deps, ids: Partial<Record<string, string>>): Promise<void> {
  const vendor = await actorFor(deps, 'member@vendor-a.demo.daicho.example', ids.vendorA!, 'vendor');
  const city = await actorFor(deps, 'ciso@city.demo.daicho.example', ids.city!, 'municipality');
  // The IaaS provider has no demo login: its profile is written as the platform would on its behalf.
  const iaasVendor: Actor = { userId: null, organisationId: ids.vendorC!, organisationKind: 'vendor', role: 'vendor_member', label: 'デモデータの読み込み', via: 'system', ip: null, department: null };

  const iaas = await createService(deps, iaasVendor, { name: '架空クラウド基盤（ガバメントクラウド）', description: 'IaaS（東日本・西日本リージョン）。標準準拠システムの稼働基盤' });
  const records = (await findVendorServiceByName(deps.db, ids.vendorA!, '自治体クラウド 住民記録・税'))!;
  const welfare = (await findVendorServiceByName(deps.db, ids.vendorA!, '自治体クラウド 福祉'))!;
  for (const service of [records, welfare]) await addServiceDependency(deps, vendor, service.id, { depends_on_service_id: iaas.id, note: 'ガバメントクラウド上で稼働' });
  await saveSplit(deps, vendor, records.id, RECORDS_SPLIT);

  const entries = await listEntries(deps.db, { organisationId: city.organisationId }, { sort: 'external_key', order: 'asc', offset: 0, limit: 1000 });
  const entry = (name: string) => entries.find((e) => e.name === name)!;
  const vendorId = (name: string) => entries.find((e) => e.vendor_name === name)!.vendor_id!;
  const sis = vendorId('サンプル情報システム株式会社');
  const newVendor = async (name: string, corporate_number: string) => (await createVendor(deps, city, { name, corporate_number })).id;
  const carrier = await newVendor('架空通信株式会社', '3999901000005');
  const dataEntry = await newVendor('架空データ入力センター株式会社', '2999901000006');
  const printing = await newVendor('架空印刷サービス株式会社', '1999901000007');
  const delivery = await newVendor('架空封入封緘株式会社', '9999901000008');

  /** The parties every core system on the shared cloud has, returned by role. */
  const coreParties = async (entryId: string, service: { id: string }, contract: string) => {
    const add = (input: Parameters<typeof addParty>[3]) => addParty(deps, city, entryId, input);
    return {
      cloud: await add({ role: 'cloud_provider', vendor_organisation_id: ids.vendorC!, vendor_service_id: iaas.id, data_handled: '暗号化された業務データ（鍵は事業者が管理）', notes: 'ガバメントクラウド（デジタル庁の調達）' }),
      app: await add({ role: 'application_provider', vendor_organisation_id: ids.vendorA!, vendor_service_id: service.id, standard_app: true, contract_reference: contract, data_handled: '住民記録・税の全データ', may_carry_data_out: false }),
      ops: await add({ role: 'operations_contractor', vendor_id: sis, contract_reference: `${contract}-運用`, data_handled: '運用ログ、利用者ID', notes: '運用管理補助者' }),
      line: await add({ role: 'network_carrier', vendor_id: carrier, contract_reference: 'LGWAN接続回線 R3-回線-07' }),
      us: await add({ role: 'municipality' }),
    };
  };

  // 住民基本台帳: the vendor's split adopted as it was; the vendor's incident desk named as the first-triage contact.
  const registry = entry('住民基本台帳システム');
  const registryParties = await coreParties(registry.id, records, registry.contract_number ?? 'R4-C-100');
  const input = await addParty(deps, city, registry.id, { role: 'subcontractor', parent_party_id: registryParties.ops.id, vendor_id: dataEntry, data_handled: '転入・転出届の入力（庁舎内の端末で作業）', may_carry_data_out: false, approval_status: 'approved', approval_requested_on: '2022-03-01', approval_decided_on: '2022-03-15', approver: '市民課長' });
  await addParty(deps, city, registry.id, { role: 'subcontractor', parent_party_id: input.id, vendor_id: printing, data_handled: '住民票の写しの郵送分の印刷', may_carry_data_out: true, approval_status: 'requested', approval_requested_on: '2026-11-20' });
  await adoptSplit(deps, city, registry.id, { service_id: records.id, mapping: { self: registryParties.app.id, cloud_provider: registryParties.cloud.id, operations_contractor: registryParties.ops.id, network_carrier: registryParties.line.id, municipality: registryParties.us.id } });
  const view = await getContacts(deps, city, registry.id);
  const all = Object.values(view.contacts).flat();
  await saveContacts(deps, city, registry.id, {
    first_report_minutes: view.settings?.first_report_minutes ?? null,
    reverify_interval_months: view.settings?.reverify_interval_months ?? 6,
    notes: view.settings?.notes ?? null,
    contacts: all.map(({ id: _id, party_id, ...c }) => ({ ...c, party_id: c.side === 'vendor' ? registryParties.app.id : party_id })),
  });
  // Since the adoption the vendor shortened its first-report commitment: the entry shows the difference.
  await saveSplit(deps, vendor, records.id, { ...RECORDS_SPLIT, roles: RECORDS_SPLIT.roles.map((r) => (r.role === 'first_report' ? { ...r, commitment_minutes: 20 } : r)) });

  // 個人住民税: parties recorded, the matrix half done (no first triage yet), and a chain three tiers deep.
  const tax = entry('個人住民税システム');
  const taxParties = await coreParties(tax.id, records, tax.contract_number ?? 'R4-C-101');
  const taxInput = await addParty(deps, city, tax.id, { role: 'subcontractor', parent_party_id: taxParties.ops.id, vendor_id: dataEntry, data_handled: '給与支払報告書の入力', may_carry_data_out: false, approval_status: 'approved', approval_requested_on: '2025-12-01', approval_decided_on: '2025-12-10', approver: '税務課長' });
  const taxPrint = await addParty(deps, city, tax.id, { role: 'subcontractor', parent_party_id: taxInput.id, vendor_id: printing, data_handled: '税額決定通知書の印刷', may_carry_data_out: true, approval_status: 'approved', approval_requested_on: '2026-04-01', approval_decided_on: '2026-04-20', approver: '税務課長' });
  await addParty(deps, city, tax.id, { role: 'subcontractor', parent_party_id: taxPrint.id, vendor_id: delivery, data_handled: '通知書の封入封緘（印刷データを受け取る）', may_carry_data_out: true, approval_status: 'requested', approval_requested_on: '2026-11-25', notes: '印刷事業者からの再々委託の申請' });
  await saveMatrix(deps, city, tax.id, {
    cells: [
      { layer_id: L('hardware'), party_id: taxParties.cloud.id, duty: 'accountable', backup: true },
      { layer_id: L('virtualisation'), party_id: taxParties.cloud.id, duty: 'accountable', backup: false },
      { layer_id: L('application'), party_id: taxParties.app.id, duty: 'accountable', backup: true },
      { layer_id: L('data'), party_id: taxParties.app.id, duty: 'accountable', backup: true },
      { layer_id: L('operations'), party_id: taxParties.ops.id, duty: 'accountable', backup: false },
      { layer_id: L('municipal-terminals'), party_id: taxParties.us.id, duty: 'accountable', backup: false },
    ],
    roles: [{ role: 'detection', party_id: taxParties.app.id, commitment_minutes: null, note: null }],
  });

  // The same carrier line serves the tax and insurance systems too; the remote backup runs on the registry.
  for (const name of ['国民健康保険システム', '固定資産税システム']) await addParty(deps, city, entry(name).id, { role: 'network_carrier', vendor_id: carrier, contract_reference: 'LGWAN接続回線 R3-回線-07' });
  await addEntryDependency(deps, city, entry('住民情報バックアップ（遠隔地保管）').id, { depends_on_entry_id: registry.id, note: '住民記録システムの夜間バックアップを遠隔地へ複製' });
  await addEntryDependency(deps, city, entry('口座振替受付サービス').id, { depends_on_entry_id: tax.id, note: '受け付けた口座情報を税の収納に連携' });
  await addEntryDependency(deps, city, entry('電子申請システム').id, { depends_on_service_id: iaas.id, note: '申請データの保管領域をガバメントクラウド上に置く' });
}
