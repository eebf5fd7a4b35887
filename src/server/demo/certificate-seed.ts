import { addDaysToDate, addMonthsToDate, japanToday } from '../../domain/japan-time.ts';
import { findUserByEmail } from '../repositories/users.ts';
import { listServicesOfVendor } from '../repositories/vendor-services.ts';
import { listVendors } from '../repositories/vendors.ts';
import { createCertificate } from '../services/certificates/certificates.ts';
import type { Actor, Deps } from '../services/deps.ts';
import type { OrganisationKind, Role } from '../../shared/roles.ts';

// Certificates for the demo (not wired in yet; call after loadDemoIncidents, which creates the shared-cloud
// vendor's services): the vendor publishes an ISMAP registration that expires in about six weeks, a
// current ISO/IEC 27001:2022 certificate with 27017, an old ISO/IEC 27001:2013 certificate that is no
// longer valid (the transition ended 2025-10-31) and a SOC 2 type II report; the city keeps a
// PrivacyMark of a vendor of its own list that is not on the platform. Dates are relative to today.

async function actorFor(deps: Deps, email: string, organisationId: string, kind: OrganisationKind): Promise<Actor> {
  const user = await findUserByEmail(deps.db, email);
  return { userId: user!.id, organisationId, organisationKind: kind, role: user!.role as Role, label: `${user!.display_name} <${email}>`, via: 'system', ip: null, department: null };
}

export async function loadDemoCertificates(deps: Deps, ids: Partial<Record<string, string>>): Promise<void> {
  const vendor = await actorFor(deps, 'member@vendor-a.demo.daicho.example', ids.vendorA!, 'vendor');
  const city = await actorFor(deps, 'ciso@city.demo.daicho.example', ids.city!, 'municipality');
  const today = japanToday(deps.now());
  const services = (await listServicesOfVendor(deps.db, vendor.organisationId)).map((s) => s.id);
  if (services.length === 0) return;

  // ISMAP: listed until one year four months from the day after the audited period ends — ~45 days left.
  const ismapPeriodTo = addDaysToDate(addMonthsToDate(today, -16), 45);
  await createCertificate(deps, vendor, {
    scheme: 'ismap',
    number: 'C22-0105-2',
    issuer: 'ISMAP運営委員会',
    scope: '自治体クラウド（IaaS 基盤および住民記録・税・福祉のSaaS）',
    regions: '東日本・西日本リージョン',
    period_from: addMonthsToDate(ismapPeriodTo, -12),
    period_to: ismapPeriodTo,
    renewal_pending: false,
    service_ids: services,
  });
  await createCertificate(deps, vendor, {
    scheme: 'iso27001',
    edition: '2022',
    number: 'IS 771234',
    issuer: '一般財団法人 日本品質保証機構（例示）',
    scope: '自治体向け共同利用型クラウドサービスの設計・開発・運用',
    sites: '本社（東京都千代田区）、東日本データセンター、西日本データセンター',
    issued_on: addMonthsToDate(today, -10),
    service_ids: services,
  });
  await createCertificate(deps, vendor, {
    scheme: 'iso27017',
    number: 'CLOUD 771235',
    issuer: '一般財団法人 日本品質保証機構（例示）',
    scope: '自治体向け共同利用型クラウドサービスの提供',
    issued_on: addMonthsToDate(today, -10),
    service_ids: services,
  });
  // Issued before the 2022 edition; no longer valid after 2025-10-31 whatever its three years say.
  await createCertificate(deps, vendor, {
    scheme: 'iso27001',
    edition: '2013',
    number: 'IS 650001',
    issuer: '一般財団法人 日本品質保証機構（例示）',
    scope: '旧データセンターの運用（移行前）',
    issued_on: '2023-08-01',
    notes: '2022年版への移行審査前の認証書',
    service_ids: services.slice(0, 1),
  });
  const socTo = addMonthsToDate(today, -4);
  await createCertificate(deps, vendor, {
    scheme: 'soc2',
    soc_type: 'type2',
    issuer: '監査法人（例示）',
    scope: '住民記録・税システムのセキュリティ・可用性',
    period_from: addDaysToDate(addMonthsToDate(socTo, -12), 1),
    period_to: socTo,
    issued_on: addMonthsToDate(socTo, 2),
    service_ids: services.slice(0, 1),
  });

  // The city keeps a PrivacyMark of a local vendor not on the platform (the first vendor of its list).
  const [local] = await listVendors(deps.db, city.organisationId);
  if (local) {
    await createCertificate(deps, city, { scheme: 'pmark', vendor_id: local.id, number: '10823456(04)', issuer: '一般財団法人日本情報経済社会推進協会', issued_on: addMonthsToDate(today, -20), notes: '更新申請済みと事業者から連絡あり' });
  }
}
