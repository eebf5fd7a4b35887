import type { Role } from '../../shared/roles.ts';
import { createOrganisation } from '../services/organisations.ts';
import { createUser } from '../services/users.ts';
import { systemActor, type Actor, type Deps } from '../services/deps.ts';
import { listOrganisations } from '../repositories/organisations.ts';
import { findUserByEmail } from '../repositories/users.ts';
import { loadDemoRegister } from './register-seed.ts';
import { loadDemoSla } from './sla-seed.ts';
import { loadDemoContacts } from './contact-seed.ts';
import { loadDemoResponsibilities } from './responsibility-seed.ts';
import { loadDemoCertificates } from './certificate-seed.ts';
import { loadDemoIncidents } from './incident-seed.ts';
import { loadDemoAssessments } from './assessment-seed.ts';
import { loadDemoVendorAnswers } from './vendor-answer-seed.ts';
import { loadDemoSurveys } from './survey-seed.ts';

/** The one password of every demo account; printed at start-up, clearly fictional. */
export const DEMO_PASSWORD = 'daicho-demo-2026';

export interface DemoLogin {
  email: string;
  role: Role;
  organisation: string;
  mfa: 'required' | 'optional';
}

// Fictional bodies with well-formed codes: prefecture number 99 does not exist (real ones are 01-47),
// and the corporate numbers are check-digit-valid in a range no real company holds. All marked is_demo.
const ORGS = {
  operator: { kind: 'operator', name: 'Daicho 運用管理（デモ）', name_en: 'Daicho operator (demo)' },
  prefecture: { kind: 'prefecture', name: 'サンプル県', name_en: 'Sample Prefecture', local_government_code: '990001', population: 680_000 },
  city: { kind: 'municipality', name: 'サンプル市', name_en: 'Sample City', local_government_code: '992011', population: 120_000 },
  town: { kind: 'municipality', name: 'サンプル町', name_en: 'Sample Town', local_government_code: '994243', population: 15_000 },
  association: { kind: 'association', name: 'サンプル県自治体クラウド協議会', name_en: 'Sample joint-use association' },
  vendorA: { kind: 'vendor', name: 'デモ自治体クラウド株式会社', name_en: 'Demo Municipal Cloud Co.', corporate_number: '7999901000001' },
  vendorB: { kind: 'vendor', name: 'サンプル情報システム株式会社', name_en: 'Sample Information Systems Co.', corporate_number: '6999901000002' },
  // A ガバメントクラウド IaaS provider on the platform, without a demo login: the shared cloud runs on it.
  vendorC: { kind: 'vendor', name: '架空クラウド基盤株式会社', name_en: 'Fictional Cloud Infrastructure Co.', corporate_number: '4999901000004' },
} as const;

const USERS: { key: keyof typeof ORGS; email: string; name: string; role: Role }[] = [
  { key: 'operator', email: 'operator@demo.daicho.example', name: '運用 太郎', role: 'operator_admin' },
  { key: 'city', email: 'ciso@city.demo.daicho.example', name: '情報 政策（CISO）', role: 'org_admin' },
  { key: 'city', email: 'editor@city.demo.daicho.example', name: '所管 花子', role: 'editor' },
  { key: 'city', email: 'viewer@city.demo.daicho.example', name: '閲覧 一郎', role: 'viewer' },
  { key: 'city', email: 'auditor@city.demo.daicho.example', name: '監査 次郎', role: 'auditor' },
  { key: 'town', email: 'admin@town.demo.daicho.example', name: '町 管理者', role: 'org_admin' },
  { key: 'town', email: 'editor@town.demo.daicho.example', name: '町 編集者', role: 'editor' },
  { key: 'prefecture', email: 'admin@pref.demo.daicho.example', name: '県 管理者', role: 'org_admin' },
  { key: 'prefecture', email: 'editor@pref.demo.daicho.example', name: '県 編集者', role: 'editor' },
  { key: 'prefecture', email: 'viewer@pref.demo.daicho.example', name: '県 閲覧者', role: 'viewer' },
  { key: 'association', email: 'admin@assoc.demo.daicho.example', name: '協議会 事務局', role: 'org_admin' },
  { key: 'vendorA', email: 'member@vendor-a.demo.daicho.example', name: 'デモクラウド 担当', role: 'vendor_member' },
  { key: 'vendorA', email: 'admin@vendor-a.demo.daicho.example', name: 'デモクラウド 管理者', role: 'org_admin' },
  { key: 'vendorB', email: 'member@vendor-b.demo.daicho.example', name: 'サンプル情報 担当', role: 'vendor_member' },
];

export async function isDatabaseEmpty(deps: Deps): Promise<boolean> {
  return (await listOrganisations(deps.db, { ids: 'all' })).length === 0;
}

/** Loads the fictional demo organisations and one user per role. Everything goes through services, so it is audited. */
export async function loadDemoData(deps: Deps): Promise<DemoLogin[]> {
  const system = systemActor('', 'demo loader');
  const ids: Partial<Record<keyof typeof ORGS, string>> = {};
  for (const key of ['operator', 'prefecture', 'city', 'town', 'vendorA', 'vendorB', 'vendorC'] as const) {
    const spec = ORGS[key];
    const input = { ...spec, ...(key === 'city' || key === 'town' ? { prefecture_id: ids.prefecture } : {}) };
    ids[key] = (await createOrganisation(deps, system, input as never, { isDemo: true })).id;
  }
  ids.association = (await createOrganisation(deps, system, { ...ORGS.association, member_ids: [ids.city!, ids.town!] }, { isDemo: true })).id;

  const logins: DemoLogin[] = [];
  for (const spec of USERS) {
    // Demo accounts start ready to use: no forced password change (administrators still enrol MFA).
    await createUser(
      deps,
      system,
      { organisation_id: ids[spec.key], email: spec.email, display_name: spec.name, role: spec.role, locale: 'ja', temporary_password: DEMO_PASSWORD },
      { mustChangePassword: false },
    );
    logins.push({ email: spec.email, role: spec.role, organisation: ORGS[spec.key].name, mfa: spec.role === 'operator_admin' || spec.role === 'org_admin' ? 'required' : 'optional' });
  }
  // The registers are written as each municipality's own editor would, so the audit trail reads true.
  for (const [key, email, which] of [['city', 'ciso@city.demo.daicho.example', 'city'], ['town', 'admin@town.demo.daicho.example', 'town']] as const) {
    const user = await findUserByEmail(deps.db, email);
    const actor: Actor = { userId: user!.id, organisationId: ids[key]!, organisationKind: 'municipality', role: 'org_admin', label: `${user!.display_name} <${email}>`, via: 'system', ip: null, department: null };
    await loadDemoRegister(deps, actor, ORGS[key].population, which);
    if (which === 'city') await loadDemoSla(deps, actor);
    if (which === 'city') await loadDemoContacts(deps, actor);
  }
  await loadDemoIncidents(deps, ids);
  await loadDemoResponsibilities(deps, ids);
  await loadDemoCertificates(deps, ids);
  // Confirmation: the municipalities' assessments, then the vendor's answers they request and review, then a survey.
  await loadDemoAssessments(deps, ids);
  await loadDemoVendorAnswers(deps, ids);
  await loadDemoSurveys(deps, ids);
  return logins;
}
