// Vendors' service profiles and the link from a register entry: kept by the vendor's own users,
// searched by the bodies that use them, linked under the register's 所管課 rule, on both databases.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildOperator, buildPrefecture, buildUser, buildVendor, type TestOrganisation } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';

describe.each(dialects)('vendor services on %s', (dialect) => {
  const t = useTestApp(dialect);
  let vendor: TestOrganisation;
  let member: Session;
  let vendorAdmin: Session;
  let otherMember: Session;
  let editor: Session;
  let viewer: Session;
  let taxEditor: Session;
  let outsider: Session;
  let prefectureViewer: Session;
  let operator: Session;
  let entryId: string;
  let outsiderEntryId: string;

  beforeAll(async () => {
    vendor = await buildVendor(t, { name: 'デモ自治体クラウド株式会社' });
    member = await signInFully(t.app, await buildUser(t, { organisation: vendor, role: 'vendor_member' }));
    vendorAdmin = await signInFully(t.app, await buildUser(t, { organisation: vendor, role: 'org_admin' }));
    otherMember = await signInFully(t.app, await buildUser(t, { organisation: await buildVendor(t, { name: '別の情報株式会社' }), role: 'vendor_member' }));
    const prefecture = await buildPrefecture(t);
    const city = await buildMunicipality(t, { prefectureId: prefecture.id, name: 'リンク市' });
    editor = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'editor' }));
    viewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    const tax = await buildUser(t, { organisation: city, role: 'editor' });
    await t.db.updateTable('users').set({ department: '税務課' }).where('id', '=', tax.id).execute();
    taxEditor = await signInFully(t.app, tax);
    const other = await buildMunicipality(t);
    outsider = await signInFully(t.app, await buildUser(t, { organisation: other, role: 'editor' }));
    prefectureViewer = await signInFully(t.app, await buildUser(t, { organisation: prefecture, role: 'viewer' }));
    operator = await signInFully(t.app, await buildUser(t, { organisation: await buildOperator(t), role: 'operator_admin' }));
    const categories = await categoryIds(t.app, editor);
    entryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス']))).json().id;
    const outsiderCategories = await categoryIds(t.app, outsider);
    outsiderEntryId = (await api(t.app, outsider).post('/api/register/entries', entryBody(outsiderCategories['基幹系サービス']))).json().id;
  });

  it('lets vendor users keep their service profiles, audited, with clear refusals', async () => {
    const created = await api(t.app, member).post('/api/vendor-services', { name: '自治体クラウド 住民記録', description: '住基・税の共同利用型システム' });
    expectStatus(created, 201);
    expect(created.json()).toMatchObject({ name: '自治体クラウド 住民記録', description: '住基・税の共同利用型システム', vendor: { id: vendor.id, name: 'デモ自治体クラウド株式会社' }, linked_organisations: 0 });
    const id = created.json().id;
    expectStatus(await api(t.app, vendorAdmin).post('/api/vendor-services', { name: '自治体クラウド 福祉' }), 201);
    expectError(await api(t.app, member).post('/api/vendor-services', { name: '自治体クラウド 住民記録' }), 409, 'conflict', ['name']);
    expectError(await api(t.app, member).post('/api/vendor-services', { name: '  ' }), 400, 'validation_failed', ['name']);
    expectError(await api(t.app, member).post('/api/vendor-services', { name: 'x'.repeat(201) }), 400, 'validation_failed', ['name']);

    const renamed = await api(t.app, member).put(`/api/vendor-services/${id}`, { name: '自治体クラウド 住民記録・税', description: null });
    expectStatus(renamed, 200);
    expect(renamed.json()).toMatchObject({ id, name: '自治体クラウド 住民記録・税', description: null });
    expectError(await api(t.app, member).put(`/api/vendor-services/${id}`, { name: '自治体クラウド 福祉' }), 409, 'conflict', ['name']);

    // Another vendor's service does not exist for writes; municipalities and prefectures may not keep services.
    expectError(await api(t.app, otherMember).put(`/api/vendor-services/${id}`, { name: '乗っ取り' }), 404, 'not_found');
    expectError(await api(t.app, otherMember).delete(`/api/vendor-services/${id}`), 404, 'not_found');
    expectError(await api(t.app, editor).post('/api/vendor-services', { name: '市のサービス' }), 403, 'forbidden');
    expectError(await api(t.app, editor).put(`/api/vendor-services/${id}`, { name: '市のサービス' }), 403, 'forbidden');
    expectError(await api(t.app, editor).get('/api/vendor-services/mine'), 403, 'forbidden');

    const own = (await api(t.app, member).get('/api/vendor-services')).json().items;
    expect(own.map((s: { name: string }) => s.name)).toEqual(['自治体クラウド 住民記録・税', '自治体クラウド 福祉']);
    expect(own.every((s: { linked_organisations: number }) => s.linked_organisations === 0)).toBe(true);
    expect((await api(t.app, otherMember).get('/api/vendor-services')).json().items).toEqual([]);

    expect((await auditEntries(t, { action: 'vendor_service.create' })).map((e) => e.after.name)).toEqual(['自治体クラウド 住民記録', '自治体クラウド 福祉']);
    const update = await auditEntries(t, { action: 'vendor_service.update', targetId: id });
    expect(update).toHaveLength(1);
    expect(update[0]).toMatchObject({ organisation_id: vendor.id, before: { name: '自治体クラウド 住民記録' }, after: { name: '自治体クラウド 住民記録・税' } });
  });

  it('lets every municipality, prefecture and association user search the services; not the operator', async () => {
    const all = (await api(t.app, viewer).get('/api/vendor-services')).json().items;
    expect(all.map((s: { name: string }) => s.name)).toEqual(['自治体クラウド 住民記録・税', '自治体クラウド 福祉']);
    expect(all[0]).not.toHaveProperty('linked_organisations');
    // Half-width katakana and a full-width space match as in the register's search.
    const found = (await api(t.app, viewer).get(`/api/vendor-services?q=${encodeURIComponent('ｸﾗｳﾄﾞ\u3000福祉')}`)).json().items;
    expect(found.map((s: { name: string }) => s.name)).toEqual(['自治体クラウド 福祉']);
    const byVendor = (await api(t.app, prefectureViewer).get(`/api/vendor-services?q=${encodeURIComponent('デモ自治体')}`)).json().items;
    expect(byVendor).toHaveLength(2);
    expect((await api(t.app, outsider).get(`/api/vendor-services?q=${encodeURIComponent('存在しない')}`)).json().items).toEqual([]);
    expectError(await api(t.app, operator).get('/api/vendor-services'), 403, 'forbidden');
    expect((await auditEntries(t, { action: 'permission.denied' })).some((e) => e.after?.reason === 'operator')).toBe(true);
  });

  it('links a register entry to a service under the 所管課 rule, and shows the link on the entry and to the vendor', async () => {
    const [service] = (await api(t.app, viewer).get('/api/vendor-services')).json().items;
    const url = `/api/register/entries/${entryId}/vendor-service`;
    expect((await api(t.app, viewer).get(`/api/register/entries/${entryId}`)).json().vendor_service).toBeNull();

    expectError(await api(t.app, viewer).put(url, { vendor_service_id: service.id }), 403, 'forbidden');
    expectError(await api(t.app, taxEditor).put(url, { vendor_service_id: service.id }), 403, 'forbidden', ['department']);
    expectError(await api(t.app, outsider).put(url, { vendor_service_id: service.id }), 404, 'not_found');
    expectError(await api(t.app, member).put(url, { vendor_service_id: service.id }), 403, 'forbidden');
    expectError(await api(t.app, editor).put(url, { vendor_service_id: '01900000-0000-7000-8000-000000000000' }), 400, 'validation_failed', ['vendor_service_id']);
    expectError(await api(t.app, editor).put(url, { vendor_service_id: 'not-a-uuid' }), 400, 'validation_failed', ['vendor_service_id']);
    expectError(await api(t.app, editor).put(url, {}), 400, 'validation_failed', ['vendor_service_id']);
    expect((await api(t.app, viewer).get(`/api/register/entries/${entryId}`)).json().vendor_service).toBeNull();

    const linked = await api(t.app, editor).put(url, { vendor_service_id: service.id });
    expectStatus(linked, 200);
    const expected = { id: service.id, name: '自治体クラウド 住民記録・税', vendor_organisation_id: vendor.id, vendor_name: 'デモ自治体クラウド株式会社' };
    expect(linked.json()).toEqual({ vendor_service: expected });
    expect((await api(t.app, viewer).get(`/api/register/entries/${entryId}`)).json().vendor_service).toEqual(expected);
    const listed = (await api(t.app, viewer).get('/api/register/entries')).json().items.find((e: { id: string }) => e.id === entryId);
    expect(listed.vendor_service).toEqual(expected);
    expectStatus(await api(t.app, outsider).put(`/api/register/entries/${outsiderEntryId}/vendor-service`, { vendor_service_id: service.id }), 200);

    const mine = (await api(t.app, member).get('/api/vendor-services/mine')).json().items;
    const records = mine.find((s: { id: string }) => s.id === service.id);
    expect(records.linked.map((l: { organisation_name: string; entry_count: number }) => [l.organisation_name, l.entry_count]).sort()).toEqual([
      ['リンク市', 1],
      [expect.any(String), 1],
    ].sort());
    expect(records.linked).toHaveLength(2);
    expect((await api(t.app, member).get('/api/vendor-services')).json().items.find((s: { id: string }) => s.id === service.id).linked_organisations).toBe(2);
    // The other vendor sees nothing of who uses this vendor's services.
    expect((await api(t.app, otherMember).get('/api/vendor-services/mine')).json().items).toEqual([]);

    const audit = await auditEntries(t, { action: 'register_entry.link_vendor_service', targetId: entryId });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { vendor_service: null }, after: { vendor_service: expected, joined_incidents: [] } });
  });

  it('refuses to delete a service while a register links to it, and deletes it once unlinked', async () => {
    const [service] = (await api(t.app, member).get('/api/vendor-services')).json().items;
    const refused = expectError(await api(t.app, member).delete(`/api/vendor-services/${service.id}`), 409, 'conflict', ['id']);
    expect(refused.error.details[0].reason).toContain('2件');
    expectStatus(await api(t.app, editor).put(`/api/register/entries/${entryId}/vendor-service`, { vendor_service_id: null }), 200);
    expect((await api(t.app, viewer).get(`/api/register/entries/${entryId}`)).json().vendor_service).toBeNull();
    expectError(await api(t.app, member).delete(`/api/vendor-services/${service.id}`), 409, 'conflict', ['id']);
    expectStatus(await api(t.app, outsider).put(`/api/register/entries/${outsiderEntryId}/vendor-service`, { vendor_service_id: null }), 200);
    expectStatus(await api(t.app, member).delete(`/api/vendor-services/${service.id}`), 200);
    expect((await api(t.app, member).get('/api/vendor-services')).json().items.map((s: { name: string }) => s.name)).toEqual(['自治体クラウド 福祉']);
    expect(await auditEntries(t, { action: 'vendor_service.delete', targetId: service.id })).toHaveLength(1);
  });
});
