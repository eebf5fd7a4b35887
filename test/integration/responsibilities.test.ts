// 責任分界: the responsibility matrix of a register entry (layers × parties, fault roles, gaps), the
// vendor's declared standard split and its adoption, on both databases; bad input writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, buildVendor, type TestOrganisation } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, auditHead, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';
import { newId } from '../../src/server/security/ids.ts';

const L = (id: string) => `urn:daicho:responsibility-layer:${id}`;
const LAYERS = ['facility', 'network', 'hardware', 'virtualisation', 'guest-os', 'middleware', 'application', 'data', 'operations', 'administrators', 'municipal-terminals', 'municipal-network'];
/** The layers the catalogue expects a backup for (every technical layer, S003 §2.2.3 9)). */
const BACKED_UP = ['hardware', 'virtualisation', 'guest-os', 'middleware', 'application', 'data'];

type Cell = { layer_id: string; party_id: string; duty: string | null; backup: boolean };
type Role = { role: string; party_id: string; commitment_minutes: number | null; note: string | null };

describe.each(dialects)('responsibility matrix on %s', (dialect) => {
  const t = useTestApp(dialect);
  let city: TestOrganisation;
  let vendor: TestOrganisation;
  let editor: Session;
  let viewer: Session;
  let taxEditor: Session;
  let outsider: Session;
  let vendorMember: Session;
  let otherVendorMember: Session;
  let entryId: string;
  let otherEntryId: string;
  let serviceId: string;
  let cityVendorId: string;
  const party = { iaas: '', app: '', ops: '', city: '', other: '' };

  async function addParty(entry: string, role: string, refs: { vendor_id?: string; vendor_organisation_id?: string; vendor_service_id?: string } = {}) {
    const res = await api(t.app, editor).post(`/api/register/entries/${entry}/parties`, { role, ...refs });
    expectStatus(res, 201);
    return res.json().id as string;
  }

  beforeAll(async () => {
    city = await buildMunicipality(t, { name: '分界市' });
    vendor = await buildVendor(t, { name: '基盤クラウド株式会社' });
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    viewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    const tax = await buildUser(t, { organisation: city, role: 'editor' });
    await t.db.updateTable('users').set({ department: '税務課' }).where('id', '=', tax.id).execute();
    taxEditor = await signInFully(t.app, tax);
    outsider = await signInFully(t.app, await buildUser(t, { organisation: await buildMunicipality(t), role: 'org_admin' }));
    vendorMember = await signInFully(t.app, await buildUser(t, { organisation: vendor, role: 'vendor_member' }));
    otherVendorMember = await signInFully(t.app, await buildUser(t, { organisation: await buildVendor(t, { name: '別の情報株式会社' }), role: 'vendor_member' }));
    serviceId = (await api(t.app, vendorMember).post('/api/vendor-services', { name: '基盤クラウド IaaS' })).json().id;
    cityVendorId = (await api(t.app, editor).post('/api/register/vendors', { name: '住記アプリ株式会社', corporate_number: '7000012050002' })).json().id;
    const categories = await categoryIds(t.app, editor);
    entryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { vendor_id: cityVendorId }))).json().id;
    otherEntryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['申請系サービス'], { name: '電子申請システム' }))).json().id;
    expectStatus(await api(t.app, editor).put(`/api/register/entries/${entryId}/vendor-service`, { vendor_service_id: serviceId }), 200);
    party.iaas = await addParty(entryId, 'cloud_provider', { vendor_organisation_id: vendor.id, vendor_service_id: serviceId });
    party.app = await addParty(entryId, 'application_provider', { vendor_id: cityVendorId });
    party.city = await addParty(entryId, 'municipality');
    party.other = await addParty(otherEntryId, 'municipality');
  });

  const url = () => `/api/register/entries/${entryId}/responsibilities`;
  const cellCount = async () => Number((await t.db.selectFrom('entry_responsibilities').select((eb) => eb.fn.countAll().as('n')).where('entry_id', '=', entryId).executeTakeFirstOrThrow()).n);

  /** A full matrix: the IaaS owns the lower layers, the application vendor the upper ones, the city its own. */
  function fullMatrix(): { cells: Cell[]; roles: Role[] } {
    const owner: Record<string, string> = { facility: party.iaas, network: party.iaas, hardware: party.iaas, virtualisation: party.iaas, 'guest-os': party.app, middleware: party.app, application: party.app, data: party.city, operations: party.app, administrators: party.app, 'municipal-terminals': party.city, 'municipal-network': party.city };
    const cells: Cell[] = LAYERS.map((l) => ({ layer_id: L(l), party_id: owner[l], duty: 'accountable', backup: BACKED_UP.includes(l) }));
    cells.push({ layer_id: L('application'), party_id: party.city, duty: 'informed', backup: false });
    const roles: Role[] = [
      { role: 'detection', party_id: party.iaas, commitment_minutes: null, note: '監視' },
      { role: 'first_triage', party_id: party.app, commitment_minutes: null, note: null },
      { role: 'first_report', party_id: party.app, commitment_minutes: 30, note: null },
      { role: 'recovery', party_id: party.app, commitment_minutes: null, note: null },
    ];
    return { cells, roles };
  }

  it('shows the layers, the parties and every gap of an empty matrix', async () => {
    const res = await api(t.app, viewer).get(url());
    expectStatus(res, 200);
    const view = res.json();
    expect(view.can_edit).toBe(false);
    expect(view.layers.map((l: { id: string }) => l.id)).toEqual(LAYERS.map(L));
    expect(view.parties.map((p: { name: string }) => p.name)).toEqual(['基盤クラウド株式会社', '住記アプリ株式会社', '分界市']);
    const kinds = view.gaps.map((g: { kind: string }) => g.kind);
    expect(kinds.filter((k: string) => k === 'layer_no_owner')).toHaveLength(LAYERS.length);
    expect(kinds).toEqual(expect.arrayContaining(['layer_no_backup', 'no_detection', 'no_first_triage', 'no_first_report', 'no_recovery']));
    expect(view.gaps[0].reason.ja).toContain('データセンター設備');
    expect((await api(t.app, editor).get(url())).json().can_edit).toBe(true);
  });

  it('saves a full matrix, audited in words, and the gaps disappear once the first-triage party can be reached', async () => {
    const res = await api(t.app, editor).put(url(), fullMatrix());
    expectStatus(res, 200);
    const view = res.json();
    expect(view.cells).toHaveLength(LAYERS.length + 1);
    expect(view.gaps).toEqual([{ kind: 'triage_no_incident_contact', role: 'first_triage', party_id: party.app, reason: expect.objectContaining({ ja: expect.stringContaining('住記アプリ株式会社') }) }]);
    const [audit] = await auditEntries(t, { action: 'entry_responsibilities.update', targetId: entryId });
    expect(audit.target_type).toBe('register_entry');
    expect(audit.after.matrix).toContainEqual({ layer: 'アプリケーション', party: '住記アプリ株式会社', duty: 'accountable', backup: true });
    expect(audit.after.fault_roles).toContainEqual({ fault_role: 'first_report', party: '住記アプリ株式会社', commitment_minutes: 30, note: null });

    // A vendor-side incident contact that names no party counts for the party of the entry's own vendor.
    const contacts = `/api/register/entries/${entryId}/contacts`;
    const desk = { phase: 'incident', side: 'vendor', escalation_order: 1, name: 'サポートデスク', phone: '0120-000-111' };
    expectStatus(await api(t.app, editor).put(contacts, { reverify_interval_months: 6, contacts: [desk] }), 200);
    expect((await api(t.app, editor).get(url())).json().gaps).toEqual([]);

    // The first triage moves to the IaaS: its incident contact must name it.
    const moved = fullMatrix();
    moved.roles[1].party_id = party.iaas;
    expect((await api(t.app, editor).put(url(), moved)).json().gaps.map((g: { kind: string }) => g.kind)).toEqual(['triage_no_incident_contact']);
    const named = await api(t.app, editor).put(contacts, { reverify_interval_months: 6, contacts: [desk, { ...desk, escalation_order: 2, name: '基盤クラウド 障害窓口', party_id: party.iaas }] });
    expectStatus(named, 200);
    expect(named.json().contacts.incident[1].party_id).toBe(party.iaas);
    expect((await api(t.app, editor).get(url())).json().gaps).toEqual([]);
    const [contactAudit] = (await auditEntries(t, { action: 'contacts.update', targetId: entryId })).slice(-1);
    expect(contactAudit.after.contacts.incident[1].party).toBe('基盤クラウド株式会社');

    // A contact naming a party of another entry is refused, nothing written.
    const head = await auditHead(t);
    expectError(await api(t.app, editor).put(contacts, { reverify_interval_months: 6, contacts: [{ ...desk, party_id: party.other }] }), 400, 'validation_failed', ['contacts.0.party_id']);
    expect(await auditHead(t)).toBe(head);
    expectStatus(await api(t.app, editor).put(url(), fullMatrix()), 200);
  });

  it('refuses bad matrices, naming the field, and writes nothing', async () => {
    const before = (await api(t.app, editor).get(url())).json();
    const head = await auditHead(t);
    const twoOwners = fullMatrix();
    twoOwners.cells[LAYERS.length].duty = 'accountable'; // the city is also accountable for the application
    const err = expectError(await api(t.app, editor).put(url(), twoOwners), 400, 'validation_failed', [`cells.${LAYERS.length}.duty`]);
    expect(err.error.details[0].reason).toContain('アプリケーション');

    const otherEntry = fullMatrix();
    otherEntry.cells[0].party_id = party.other;
    expectError(await api(t.app, editor).put(url(), otherEntry), 400, 'validation_failed', ['cells.0.party_id']);
    const otherRole = fullMatrix();
    otherRole.roles[1].party_id = party.other;
    expectError(await api(t.app, editor).put(url(), otherRole), 400, 'validation_failed', ['roles.1.party_id']);
    const unknownLayer = fullMatrix();
    unknownLayer.cells[0].layer_id = 'urn:daicho:responsibility-layer:moon';
    expectError(await api(t.app, editor).put(url(), unknownLayer), 400, 'validation_failed', ['cells.0.layer_id']);
    const twice = fullMatrix();
    twice.roles.push({ ...twice.roles[0], party_id: party.city });
    expectError(await api(t.app, editor).put(url(), twice), 400, 'validation_failed', ['roles.4.role']);
    const empty = fullMatrix();
    empty.cells[0].duty = null;
    expectError(await api(t.app, editor).put(url(), empty), 400, 'validation_failed', ['cells.0.duty']);
    const minutes = fullMatrix();
    minutes.roles[2].commitment_minutes = 0;
    expectError(await api(t.app, editor).put(url(), minutes), 400, 'validation_failed', ['roles.2.commitment_minutes']);
    minutes.roles[2].commitment_minutes = 10_081;
    expectError(await api(t.app, editor).put(url(), minutes), 400, 'validation_failed', ['roles.2.commitment_minutes']);

    // Who may not: a vendor (not its register), a viewer, another 所管課, another organisation.
    expectError(await api(t.app, vendorMember).put(url(), fullMatrix()), 403, 'forbidden');
    expectError(await api(t.app, vendorMember).get(url()), 403, 'forbidden');
    expectError(await api(t.app, viewer).put(url(), fullMatrix()), 403, 'forbidden');
    expectError(await api(t.app, taxEditor).put(url(), fullMatrix()), 403, 'forbidden', ['department']);
    expectError(await api(t.app, outsider).put(url(), fullMatrix()), 404, 'not_found');
    expectError(await api(t.app, outsider).get(url()), 404, 'not_found');

    expect((await api(t.app, editor).get(url())).json().cells).toEqual(before.cells);
    expect(await cellCount()).toBe(LAYERS.length + 1);
    expect((await auditEntries(t, { afterSeq: head })).every((e) => e.outcome === 'denied')).toBe(true);
  });

  it('lets the vendor declare its standard split on its own service only', async () => {
    const split = `/api/vendor-services/${serviceId}/split`;
    expect((await api(t.app, vendorMember).get(split)).json()).toMatchObject({ service_name: '基盤クラウド IaaS', split: null, can_edit: true });
    const body = {
      cells: [
        { layer_id: L('facility'), party_role: 'self', duty: 'accountable', backup: false },
        { layer_id: L('hardware'), party_role: 'self', duty: 'accountable', backup: true },
        { layer_id: L('guest-os'), party_role: 'application_provider', duty: 'accountable', backup: false },
        { layer_id: L('data'), party_role: 'municipality', duty: 'accountable', backup: true },
        { layer_id: L('data'), party_role: 'self', duty: 'informed', backup: true },
      ],
      roles: [
        { role: 'detection', party_role: 'self', commitment_minutes: null, note: null },
        { role: 'first_report', party_role: 'self', commitment_minutes: 60, note: '24時間受付' },
      ],
      notes: 'IaaSの標準的な分界',
    };
    const saved = await api(t.app, vendorMember).put(split, body);
    expectStatus(saved, 200);
    expect(saved.json().split.cells).toHaveLength(5);
    const [audit] = await auditEntries(t, { action: 'vendor_service_split.update', targetId: serviceId });
    expect(audit.after.matrix[0]).toEqual({ layer: 'データセンター設備', party_role: 'self', duty: 'accountable', backup: false });

    const head = await auditHead(t);
    const two = { ...body, cells: [...body.cells, { layer_id: L('facility'), party_role: 'data_centre', duty: 'accountable', backup: false }] };
    expectError(await api(t.app, vendorMember).put(split, two), 400, 'validation_failed', ['cells.5.duty']);
    expectError(await api(t.app, otherVendorMember).put(split, body), 404, 'not_found');
    expectError(await api(t.app, otherVendorMember).get(split), 404, 'not_found');
    expectError(await api(t.app, editor).put(split, body), 403, 'forbidden', ['service_id']);
    expectError(await api(t.app, outsider).get(split), 404, 'not_found');
    expect((await auditEntries(t, { afterSeq: head })).every((e) => e.outcome === 'denied')).toBe(true);
    // The city links an entry to the service, so it may read the split.
    expect((await api(t.app, viewer).get(split)).json()).toMatchObject({ can_edit: false, split: { notes: 'IaaSの標準的な分界' } });
  });

  it('adopts the declared split with a party mapping, and shows what the vendor changed since', async () => {
    const view = (await api(t.app, editor).get(url())).json();
    expect(view.declared).toMatchObject({ service_id: serviceId, service_name: '基盤クラウド IaaS', vendor_name: '基盤クラウド株式会社' });
    expect(view.declared.suggested_mapping).toEqual({ self: party.iaas, application_provider: party.app, municipality: party.city });
    expect(view.adoption).toBeNull();

    const head = await auditHead(t);
    expectError(await api(t.app, editor).post(`${url()}/adopt`, { service_id: serviceId, mapping: { self: party.other } }), 400, 'validation_failed', ['mapping.self']);
    expectError(await api(t.app, editor).post(`${url()}/adopt`, { service_id: newId(), mapping: {} }), 400, 'validation_failed', ['service_id']);
    expectError(await api(t.app, vendorMember).post(`${url()}/adopt`, { service_id: serviceId, mapping: { self: party.iaas } }), 403, 'forbidden');
    expect((await auditEntries(t, { afterSeq: head })).every((e) => e.outcome === 'denied')).toBe(true);
    expect(await cellCount()).toBe(LAYERS.length + 1);

    const adopted = await api(t.app, editor).post(`${url()}/adopt`, { service_id: serviceId, mapping: { self: party.iaas, municipality: party.city } });
    expectStatus(adopted, 200);
    const after = adopted.json();
    expect(after.skipped).toEqual(['application_provider']);
    expect(after.cells).toHaveLength(4);
    expect(after.cells).toContainEqual({ layer_id: L('hardware'), party_id: party.iaas, duty: 'accountable', backup: true });
    expect(after.roles).toContainEqual({ role: 'first_report', party_id: party.iaas, commitment_minutes: 60, note: '24時間受付' });
    expect(after.adoption).toMatchObject({ service_id: serviceId, service_name: '基盤クラウド IaaS', differences: [] });
    const [audit] = await auditEntries(t, { action: 'entry_responsibilities.adopt', targetId: entryId });
    expect(audit.after).toMatchObject({ adopted_from: '基盤クラウド株式会社 基盤クラウド IaaS', skipped: ['アプリケーション事業者'] });

    // The entry's copy is its own: the vendor's later change shows as a difference only.
    const split = (await api(t.app, vendorMember).get(`/api/vendor-services/${serviceId}/split`)).json().split;
    split.roles[1].commitment_minutes = 120;
    expectStatus(await api(t.app, vendorMember).put(`/api/vendor-services/${serviceId}/split`, split), 200);
    const changed = (await api(t.app, editor).get(url())).json();
    expect(changed.roles).toContainEqual(expect.objectContaining({ role: 'first_report', commitment_minutes: 60 }));
    expect(changed.adoption.differences).toEqual([{ ja: '第一報: 宣言した事業者（60分以内） → 宣言した事業者（120分以内）', en: 'First report: The declaring vendor (within 60 min) → The declaring vendor (within 120 min)' }]);
  });
});
