import { findUserByEmail } from '../repositories/users.ts';
import { listEntries } from '../repositories/register-entries.ts';
import { listServicesOfVendor } from '../repositories/vendor-services.ts';
import { adoptSplit, getMatrix, saveMatrix, saveSplit } from '../services/responsibilities.ts';
import type { Actor, Deps } from '../services/deps.ts';
import type { OrganisationKind, Role } from '../../shared/roles.ts';
import type { PartyRole } from '../../shared/parties.ts';

// 責任分界 for the demo (not yet called; the lead wires it in after the parties seed): the shared-cloud
// vendor declares the standard split of its 住民記録・税 service; the city adopts it into the core
// systems linked to that service, then fills the layers the split leaves open with the catalogue's
// typical owner among the entry's parties. One entry keeps its first triage without an incident
// contact, so the demo shows a gap.

const L = (id: string) => `urn:daicho:responsibility-layer:${id}`;

async function actorFor(deps: Deps, email: string, organisationId: string, kind: OrganisationKind): Promise<Actor> {
  const user = await findUserByEmail(deps.db, email);
  return { userId: user!.id, organisationId, organisationKind: kind, role: user!.role as Role, label: `${user!.display_name} <${email}>`, via: 'system', ip: null, department: null };
}

/** catalogs/reference/responsibility-layers.yaml's typical parties as party roles. */
const TYPICAL_ROLE: Record<string, PartyRole> = {
  'urn:daicho:responsibility-party:cloud-provider': 'cloud_provider',
  'urn:daicho:responsibility-party:package-vendor': 'package_vendor',
  'urn:daicho:responsibility-party:application-provider': 'application_provider',
  'urn:daicho:responsibility-party:operations-contractor': 'operations_contractor',
  'urn:daicho:responsibility-party:data-centre': 'data_centre',
  'urn:daicho:responsibility-party:network-carrier': 'network_carrier',
  'urn:daicho:responsibility-party:municipality': 'municipality',
};

export async function loadDemoMatrix(deps: Deps, ids: Partial<Record<string, string>>): Promise<void> {
  const vendor = await actorFor(deps, 'member@vendor-a.demo.daicho.example', ids.vendorA!, 'vendor');
  const city = await actorFor(deps, 'ciso@city.demo.daicho.example', ids.city!, 'municipality');
  const service = (await listServicesOfVendor(deps.db, vendor.organisationId)).find((s) => s.name === '自治体クラウド 住民記録・税');
  if (!service) return;
  await saveSplit(deps, vendor, service.id, {
    cells: [
      { layer_id: L('facility'), party_role: 'data_centre', duty: 'accountable', backup: false },
      { layer_id: L('network'), party_role: 'network_carrier', duty: 'accountable', backup: false },
      { layer_id: L('hardware'), party_role: 'cloud_provider', duty: 'accountable', backup: true },
      { layer_id: L('virtualisation'), party_role: 'cloud_provider', duty: 'accountable', backup: false },
      { layer_id: L('guest-os'), party_role: 'self', duty: 'accountable', backup: false },
      { layer_id: L('middleware'), party_role: 'self', duty: 'accountable', backup: false },
      { layer_id: L('application'), party_role: 'self', duty: 'accountable', backup: true },
      { layer_id: L('data'), party_role: 'municipality', duty: 'accountable', backup: false },
      { layer_id: L('data'), party_role: 'self', duty: 'responsible', backup: true },
      { layer_id: L('operations'), party_role: 'self', duty: 'accountable', backup: false },
      { layer_id: L('municipal-terminals'), party_role: 'municipality', duty: 'accountable', backup: false },
      { layer_id: L('municipal-network'), party_role: 'municipality', duty: 'accountable', backup: false },
    ],
    roles: [
      { role: 'detection', party_role: 'self', commitment_minutes: null, note: '24時間の死活監視' },
      { role: 'first_triage', party_role: 'self', commitment_minutes: null, note: '基盤・回線の障害も当社が切り分けて各事業者へ連絡' },
      { role: 'first_report', party_role: 'self', commitment_minutes: 30, note: '電話で第一報、その後メール' },
      { role: 'recovery', party_role: 'self', commitment_minutes: null, note: null },
    ],
    notes: 'ガバメントクラウド上の標準準拠アプリとしての標準的な分界です。団体の端末・庁内ネットワークとデータの正しさは団体の責任です。',
  });

  const entries = await listEntries(deps.db, { organisationId: city.organisationId }, { sort: 'external_key', order: 'asc', offset: 0, limit: 1000 });
  const layers = deps.catalogues.reference.responsibilityLayers.data.layers;
  for (const entry of entries.filter((e) => e.vendor_service_id === service.id)) {
    const view = await getMatrix(deps, city, entry.id);
    if (view.parties.length === 0 || !view.declared) continue;
    const adopted = await adoptSplit(deps, city, entry.id, { service_id: view.declared.service_id, mapping: view.declared.suggested_mapping });
    // Layers the split left without an owner among this entry's parties: the catalogue's typical owner.
    const owned = new Set(adopted.cells.filter((c) => c.duty === 'accountable').map((c) => c.layer_id));
    const extra = layers.flatMap((layer) => {
      if (owned.has(layer.id)) return [];
      const party = adopted.parties.find((p) => p.role === TYPICAL_ROLE[layer.typical_party]);
      if (!party || adopted.cells.some((c) => c.layer_id === layer.id && c.party_id === party.id)) return [];
      return [{ layer_id: layer.id, party_id: party.id, duty: 'accountable' as const, backup: layer.backup_expected }];
    });
    if (extra.length) await saveMatrix(deps, city, entry.id, { cells: [...adopted.cells, ...extra], roles: adopted.roles });
  }
}
