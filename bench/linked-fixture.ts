// Shared by the fan-out benchmarks (incidents, vendor answers): one vendor service linked from many
// municipalities, built quickly by copying the bench city's rows in bulk.
import type { openBench } from './register-fixture.ts';
import { createOrganisation } from '../src/server/services/organisations.ts';
import { createUser } from '../src/server/services/users.ts';
import { systemActor } from '../src/server/services/deps.ts';
import { insertEntries } from '../src/server/repositories/register-entries.ts';
import { newId } from '../src/server/security/ids.ts';

type Bench = Awaited<ReturnType<typeof openBench>>;
export const PASSWORD = 'bench-password-2026';

export async function signIn(bench: Bench, email: string) {
  const login = await bench.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
  if (login.statusCode !== 200) throw new Error(login.body);
  return { cookie: `daicho_session=${login.cookies.find((c) => c.name === 'daicho_session')!.value}`, 'x-csrf-token': login.json().csrf_token as string };
}

/** A vendor, its service, and `municipalities` municipalities linked to it (the bench's own city through the API, the rest copied in bulk, each with an editor and a viewer). */
export async function setUpLinkedService(bench: Bench, municipalities: number) {
  const { deps, app } = bench;
  const system = systemActor('', 'bench');
  const editor = { cookie: bench.cookie, 'x-csrf-token': bench.csrf };
  const vendor = await createOrganisation(deps, system, { kind: 'vendor', name: 'ベンチ自治体クラウド株式会社', corporate_number: '7999901000001' });
  await createUser(deps, systemActor(vendor.id, 'bench'), { organisation_id: vendor.id, email: 'member@vendor.bench.daicho.example', display_name: 'ベンチ 事業者', role: 'vendor_member', locale: 'ja', temporary_password: PASSWORD }, { mustChangePassword: false });
  const member = await signIn(bench, 'member@vendor.bench.daicho.example');
  const service = await app.inject({ method: 'POST', url: '/api/vendor-services', headers: member, payload: { name: '自治体クラウド 住民記録・税' } });
  const serviceId = service.json().id as string;

  const options = (await app.inject({ method: 'GET', url: '/api/register/options', headers: editor })).json();
  const categoryId = options.categories.find((c: { name: string }) => c.name === '基幹系サービス').id;
  const entry = await app.inject({
    method: 'POST',
    url: '/api/register/entries',
    headers: editor,
    payload: { name: '住民基本台帳システム', service_model: 'shared_system', category_id: categoryId, department: '市民課', network_zone: 'my_number', data_location: 'domestic', status: 'in_use', contract_form: 'individual', data_kinds: ['name', 'address'], residents_held: 10_000, classification: { scheme_id: 'urn:daicho:scheme:mic-2024', confidentiality: '3A', resident_impact: 3 } },
  });
  const entryId = entry.json().id as string;
  await app.inject({ method: 'PUT', url: `/api/register/entries/${entryId}/vendor-service`, headers: editor, payload: { vendor_service_id: serviceId } });

  const db = deps.db;
  const template = await db.selectFrom('register_entries').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow();
  const category = await db.selectFrom('register_categories').selectAll().where('id', '=', template.category_id).executeTakeFirstOrThrow();
  const user = await db.selectFrom('users').selectAll().where('organisation_id', '=', template.organisation_id).executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  const t0 = performance.now();
  const organisations = Array.from({ length: municipalities - 1 }, (_, i) => ({
    id: newId(), kind: 'municipality', name: `ベンチ町${String(i + 1).padStart(4, '0')}`, name_en: null, local_government_code: null, corporate_number: null,
    prefecture_id: null, population: 10_000, is_demo: 0, subcontract_max_depth: 2, created_at: at, updated_at: at,
  }));
  const categories = organisations.map((o) => ({ ...category, id: newId(), organisation_id: o.id }));
  const users = organisations.flatMap((o, i) => (['editor', 'viewer'] as const).map((role) => ({ ...user, id: newId(), organisation_id: o.id, role, email: `${role}-${i + 1}@fanout.bench.daicho.example`, display_name: `${o.name} ${role}`, last_login_at: null })));
  const entries = organisations.map((o, i) => ({ ...template, id: newId(), organisation_id: o.id, category_id: categories[i].id, vendor_id: null, external_key: 'RE-0001' }));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < organisations.length; i += 500) await trx.insertInto('organisations').values(organisations.slice(i, i + 500)).execute();
    for (let i = 0; i < categories.length; i += 500) await trx.insertInto('register_categories').values(categories.slice(i, i + 500)).execute();
    for (let i = 0; i < users.length; i += 500) await trx.insertInto('users').values(users.slice(i, i + 500)).execute();
    await insertEntries(trx, entries);
  });
  console.log(`[${deps.dialect}] ${municipalities} linked municipalities, ${users.length + 1} of their users, set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { member, serviceId, entryId, organisationIds: organisations.map((o) => o.id) };
}

