import { listEntries } from '../repositories/register-entries.ts';
import { findUserByEmail } from '../repositories/users.ts';
import { findVendorServiceByName } from '../repositories/vendor-services.ts';
import { createService } from '../services/incidents/vendor-services.ts';
import { addServiceDependency } from '../services/dependencies/service-dependencies.ts';
import { addEntryDependency } from '../services/dependencies/entry-dependencies.ts';
import type { Actor, Deps } from '../services/deps.ts';
import type { OrganisationKind, Role } from '../../shared/roles.ts';

// What runs on what, for the demo (to be called after loadDemoIncidents, which creates the shared-cloud
// vendor's services and links the city's and the town's core systems): the vendor's services run on
// its IaaS platform, and in the city one system runs on the IaaS directly and another on the 住民記録
// system — so 「影響分析」 for the IaaS shows direct, through-a-service and through-an-entry paths.

async function actorFor(deps: Deps, email: string, organisationId: string, kind: OrganisationKind): Promise<Actor> {
  const user = await findUserByEmail(deps.db, email);
  return { userId: user!.id, organisationId, organisationKind: kind, role: user!.role as Role, label: `${user!.display_name} <${email}>`, via: 'system', ip: null, department: null };
}

export async function loadDemoDependencies(deps: Deps, ids: Partial<Record<string, string>>): Promise<void> {
  const vendor = await actorFor(deps, 'member@vendor-a.demo.daicho.example', ids.vendorA!, 'vendor');
  const city = await actorFor(deps, 'ciso@city.demo.daicho.example', ids.city!, 'municipality');
  const iaas = await createService(deps, vendor, { name: '自治体IaaS基盤（東日本・西日本リージョン）', description: '共同利用型システムが動く仮想サーバー基盤（ガバメントクラウド接続）' });
  for (const name of ['自治体クラウド 住民記録・税', '自治体クラウド 福祉']) {
    const service = await findVendorServiceByName(deps.db, vendor.organisationId, name);
    if (service) await addServiceDependency(deps, vendor, service.id, { depends_on_service_id: iaas.id, note: '本番・待機とも同じ基盤上' });
  }
  const entries = new Map((await listEntries(deps.db, { organisationId: city.organisationId }, { sort: 'external_key', order: 'asc', offset: 0, limit: 1000 })).map((e) => [e.external_key, e.id]));
  const core = entries.get('SC-001');
  const onCore = entries.get('SC-004');
  const onIaas = entries.get('SC-008');
  if (core && onCore) await addEntryDependency(deps, city, onCore, { depends_on_entry_id: core, note: '住民記録システムの宛名情報を参照' });
  if (onIaas) await addEntryDependency(deps, city, onIaas, { depends_on_service_id: iaas.id, note: '同じ仮想サーバー基盤に構築' });
}
