// Certificates (第三者認証) on both databases: a vendor publishes them on its services, linked
// municipalities see them on their entries and cite them on item 9-1, a municipality keeps its own for a
// vendor of its list; bad input names the field and writes nothing; reminders before and on expiry; an
// expired cited certificate reopens the item; the coverage view for a municipality and a prefecture.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildPrefecture, buildUser, buildVendor, type TestUser } from '../support/factories.ts';
import { api, signInFully, type Session } from '../support/http.ts';
import { auditEntries, auditHead, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody, uploadFile } from '../support/register.ts';
import { addDaysToDate, addMonthsToDate, japanToday } from '../../src/domain/japan-time.ts';
import { certificateValidity } from '../../src/domain/certificates.ts';
import { notifyCertificateExpiry, reopenItemsCitingExpired } from '../../src/server/services/certificates/reminders.ts';
import { runReminders } from '../../src/server/jobs/reminders.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const CONFIRMATION = 'urn:daicho:catalogue:confirmation-items';

describe.each(dialects)('certificates on %s', (dialect) => {
  const t = useTestApp(dialect, { config: { sessionIdleMinutes: 6000 } });
  const users: Record<string, TestUser> = {};
  const s: Record<string, Session> = {};
  let serviceId: string;
  let otherServiceId: string;
  let entryId: string;
  let cityId: string;
  let vendorId: string;
  let ismapId: string;
  let isoId: string;
  let keptId: string;
  let assessmentId: string;
  let today: string;
  let ismapThrough: string;

  const signInAll = async () => {
    for (const [name, user] of Object.entries(users)) s[name] = await signInFully(t.app, user);
  };
  const count = async () => Number((await t.db.selectFrom('certificates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  /** A refused request writes nothing: no certificate, no audit entry beyond the denial. */
  const unchanged = async (before: { certificates: number; audit: number }, denials = 0) => {
    expect(await count()).toBe(before.certificates);
    expect(await auditHead(t)).toBe(before.audit + denials);
  };
  const snapshot = async () => ({ certificates: await count(), audit: await auditHead(t) });

  beforeAll(async () => {
    today = japanToday(t.clock.now());
    const vendor = await buildVendor(t, { name: 'デモクラウド株式会社' });
    const otherVendor = await buildVendor(t, { name: '別会社株式会社' });
    const prefecture = await buildPrefecture(t);
    const city = await buildMunicipality(t, { prefectureId: prefecture.id, name: '認証市' });
    cityId = city.id;
    const outsider = await buildMunicipality(t, { name: '無関係町' });
    users.vendor = await buildUser(t, { organisation: vendor, role: 'vendor_member' });
    users.otherVendor = await buildUser(t, { organisation: otherVendor, role: 'vendor_member' });
    users.editor = await buildUser(t, { organisation: city, role: 'editor' });
    users.viewer = await buildUser(t, { organisation: city, role: 'viewer' });
    users.outsider = await buildUser(t, { organisation: outsider, role: 'editor' });
    users.prefecture = await buildUser(t, { organisation: prefecture, role: 'viewer' });
    await signInAll();
    serviceId = (await api(t.app, s.vendor).post('/api/vendor-services', { name: 'デモ住民記録クラウド' })).json().id;
    otherServiceId = (await api(t.app, s.otherVendor).post('/api/vendor-services', { name: '別会社の会計' })).json().id;
    const categories = await categoryIds(t.app, s.editor);
    vendorId = (await api(t.app, s.editor).post('/api/register/vendors', { name: '地元電算株式会社' })).json().id;
    entryId = (await api(t.app, s.editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { vendor_id: vendorId }))).json().id;
    expectStatus(await api(t.app, s.editor).put(`/api/register/entries/${entryId}/vendor-service`, { vendor_service_id: serviceId }), 200);
  });

  it('lets a vendor publish an ISMAP registration and an ISO/IEC 27001 certificate, with validity by rule', async () => {
    const periodTo = addDaysToDate(addMonthsToDate(today, -16), 100);
    ismapThrough = certificateValidity({ scheme: 'ismap', period_to: periodTo }, today).valid_through!;
    const ismap = await api(t.app, s.vendor).post('/api/certificates', {
      scheme: 'ismap',
      number: 'C21-0001-1',
      issuer: 'ISMAP運営委員会',
      scope: 'デモ住民記録クラウド（IaaS・SaaS）',
      regions: '東日本・西日本リージョン',
      period_from: addMonthsToDate(periodTo, -12),
      period_to: periodTo,
      service_ids: [serviceId],
    });
    expectStatus(ismap, 201);
    ismapId = ismap.json().id;
    expect(ismap.json()).toMatchObject({ scheme: 'ismap', number: 'C21-0001-1', mine: true, services: [{ id: serviceId, name: 'デモ住民記録クラウド' }], validity: { state: 'expiring', valid_through: ismapThrough }, citable: true });
    expect(ismap.json().validity.rule.ja).toContain('1年4か月');

    const iso = await api(t.app, s.vendor).post('/api/certificates', { scheme: 'iso27001', edition: '2022', number: 'IS 123456', issuer: 'BSI', issued_on: addDaysToDate(today, -200), service_ids: [serviceId] });
    expectStatus(iso, 201);
    isoId = iso.json().id;
    expect(iso.json().validity).toMatchObject({ state: 'valid', exceeds_rule: false });
    expect(iso.json().validity.rule.ja).toContain('3年');

    const mine = (await api(t.app, s.vendor).get('/api/certificates')).json().items;
    expect(mine.map((c: { id: string }) => c.id).sort()).toEqual([ismapId, isoId].sort());
    expect((await api(t.app, s.otherVendor).get('/api/certificates')).json().items).toEqual([]);
    expect((await auditEntries(t, { action: 'certificate.create' })).map((e) => e.target_id).sort()).toEqual([ismapId, isoId].sort());

    // A valid-until later than the rule allows is flagged; the rule's date counts.
    const flagged = await api(t.app, s.vendor).patch(`/api/certificates/${isoId}`, { valid_until: addDaysToDate(today, 3650) });
    expectStatus(flagged, 200);
    expect(flagged.json().validity.exceeds_rule).toBe(true);
    expect(flagged.json().validity.valid_through < addDaysToDate(today, 3650)).toBe(true);
    expectStatus(await api(t.app, s.vendor).patch(`/api/certificates/${isoId}`, { valid_until: null }), 200);
    expect((await auditEntries(t, { action: 'certificate.update', targetId: isoId })).length).toBe(2);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await snapshot();
    expectError(await api(t.app, s.vendor).post('/api/certificates', { scheme: 'ismap', number: 'ISMAP-123', service_ids: [serviceId] }), 400, 'validation_failed', ['number']);
    expectError(await api(t.app, s.vendor).post('/api/certificates', { scheme: 'ismap_liu', number: 'l23-0001-1' }), 400, 'validation_failed', ['number']);
    expectError(await api(t.app, s.vendor).post('/api/certificates', { scheme: 'ismap' }), 400, 'validation_failed', ['number']);
    expectError(await api(t.app, s.vendor).post('/api/certificates', { scheme: 'pmark', issued_on: '2026-04-01', valid_until: '2026-03-31' }), 400, 'validation_failed', ['valid_until']);
    expectError(await api(t.app, s.vendor).post('/api/certificates', { scheme: 'soc2', soc_type: 'type2', issued_on: '2026-04-01' }), 400, 'validation_failed', ['period_from', 'period_to']);
    expectError(await api(t.app, s.vendor).post('/api/certificates', { scheme: 'iso27001', issued_on: '2026-04-01' }), 400, 'validation_failed', ['edition']);
    expectError(await api(t.app, s.vendor).post('/api/certificates', { scheme: 'nonsense' }), 400, 'validation_failed', ['scheme']);
    expectError(await api(t.app, s.vendor).post('/api/certificates', { scheme: 'pmark', service_ids: [otherServiceId] }), 400, 'validation_failed', ['service_ids']);
    expectError(await api(t.app, s.editor).post('/api/certificates', { scheme: 'pmark' }), 400, 'validation_failed', ['vendor_id']);
    // A change that would break the whole is refused too, and the certificate stays as it was.
    expectError(await api(t.app, s.vendor).patch(`/api/certificates/${ismapId}`, { number: 'C21-1-1' }), 400, 'validation_failed', ['number']);
    expectError(await api(t.app, s.vendor).patch(`/api/certificates/${isoId}`, { scheme: 'soc2', soc_type: 'type2' }), 400, 'validation_failed', ['period_from', 'period_to']);
    await unchanged(before);
    expect((await api(t.app, s.vendor).get(`/api/certificates/${ismapId}`)).json().number).toBe('C21-0001-1');
    expect(ISMAP_EXAMPLES.every((n) => /^[A-Z]\d{2}-\d{4}-\d$/.test(n))).toBe(true);
  });

  it('keeps a vendor’s certificate to the vendor and the bodies linking its services', async () => {
    const before = await snapshot();
    // Another vendor: not found, for reading and writing.
    expectError(await api(t.app, s.otherVendor).get(`/api/certificates/${ismapId}`), 404, 'not_found');
    expectError(await api(t.app, s.otherVendor).patch(`/api/certificates/${ismapId}`, { issuer: '乗っ取り' }), 404, 'not_found');
    expectError(await api(t.app, s.otherVendor).delete(`/api/certificates/${ismapId}`), 404, 'not_found');
    expectError(await api(t.app, s.outsider).get(`/api/certificates/${ismapId}`), 404, 'not_found');
    expectError(await api(t.app, s.outsider).patch(`/api/certificates/${ismapId}`, { issuer: 'x' }), 404, 'not_found');
    await unchanged(before);
    // A linked municipality reads it but may not change it (403, audited).
    expectStatus(await api(t.app, s.viewer).get(`/api/certificates/${ismapId}`), 200);
    expectError(await api(t.app, s.editor).patch(`/api/certificates/${ismapId}`, { issuer: '市が書き換え' }), 403, 'forbidden', ['id']);
    expectError(await api(t.app, s.editor).delete(`/api/certificates/${ismapId}`), 403, 'forbidden', ['id']);
    await unchanged(before, 2);
    expect((await api(t.app, s.vendor).get(`/api/certificates/${ismapId}`)).json().issuer).toBe('ISMAP運営委員会');

    // The entry shows both, with their rules.
    const onEntry = (await api(t.app, s.viewer).get(`/api/register/entries/${entryId}/certificates`)).json().items;
    expect(onEntry.map((c: { scheme: string }) => c.scheme).sort()).toEqual(['ismap', 'iso27001']);
    expect(onEntry.every((c: { mine: boolean; holder: { name: string } }) => !c.mine && c.holder.name === 'デモクラウド株式会社')).toBe(true);
    expectError(await api(t.app, s.outsider).get(`/api/register/entries/${entryId}/certificates`), 404, 'not_found');
  });

  it('stores the file encrypted with its sha256, readable by the linked bodies only', async () => {
    const uploaded = await uploadFile(t.app, s.vendor, `/api/certificates/${isoId}/file`, 'ISO27001登録証.pdf', PDF);
    expectStatus(uploaded, 200);
    expect(uploaded.json().file).toMatchObject({ filename: 'ISO27001登録証.pdf', sha256: createHash('sha256').update(PDF).digest('hex'), size_bytes: PDF.length });
    const stored = await t.db.selectFrom('attachments').select(['content', 'organisation_id']).where('target_type', '=', 'certificate').where('target_id', '=', isoId).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.content).includes(Buffer.from('%PDF'))).toBe(false);
    const download = await api(t.app, s.viewer).get(`/api/certificates/${isoId}/file`);
    expectStatus(download, 200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expectError(await api(t.app, s.outsider).get(`/api/certificates/${isoId}/file`), 404, 'not_found');
    expectError(await uploadFile(t.app, s.editor, `/api/certificates/${isoId}/file`, 'x.pdf', PDF), 403, 'forbidden');
    expectError(await uploadFile(t.app, s.vendor, `/api/certificates/${isoId}/file`, 'x.pdf', Buffer.from('MZ not a pdf')), 400, 'validation_failed', ['file']);
    expect((await auditEntries(t, { action: 'certificate.file_upload' })).length).toBe(1);
  });

  it('lets a municipality keep certificates of a vendor of its list, seen only by itself', async () => {
    const kept = await api(t.app, s.editor).post('/api/certificates', { scheme: 'pmark', vendor_id: vendorId, number: '10820123(05)', issued_on: addDaysToDate(today, -30) });
    expectStatus(kept, 201);
    keptId = kept.json().id;
    expect(kept.json()).toMatchObject({ mine: true, vendor_id: vendorId, vendor_name: '地元電算株式会社', validity: { state: 'valid' } });
    expect((await api(t.app, s.viewer).get(`/api/register/entries/${entryId}/certificates`)).json().items).toHaveLength(3);
    expectError(await api(t.app, s.vendor).get(`/api/certificates/${keptId}`), 404, 'not_found');
    expectError(await api(t.app, s.outsider).get(`/api/certificates/${keptId}`), 404, 'not_found');
    expectError(await api(t.app, s.viewer).patch(`/api/certificates/${keptId}`, { renewal_pending: true }), 403, 'forbidden');
    const pending = await api(t.app, s.editor).patch(`/api/certificates/${keptId}`, { renewal_pending: true });
    expect(pending.json().validity.state).toBe('renewal_pending');
  });

  it('cites a valid certificate on item 9-1 only, and reopens the item when it expires', async () => {
    assessmentId = (await api(t.app, s.editor).post(`/api/register/entries/${entryId}/assessments`, { catalogue_urn: CONFIRMATION })).json().id;
    const url = `/api/assessments/${assessmentId}/items/9-1/certificates`;
    const offered = (await api(t.app, s.viewer).get(url)).json();
    expect(offered.accepts).toBe(true);
    expect(offered.available.map((c: { id: string }) => c.id).sort()).toEqual([ismapId, isoId, keptId].sort());
    expect((await api(t.app, s.viewer).get(`/api/assessments/${assessmentId}/items/1-1/certificates`)).json()).toMatchObject({ accepts: false, available: [] });

    const before = await snapshot();
    expectError(await api(t.app, s.editor).post(`/api/assessments/${assessmentId}/items/1-1/certificates`, { certificate_id: ismapId }), 400, 'validation_failed', ['key']);
    expectError(await api(t.app, s.viewer).post(url, { certificate_id: ismapId }), 403, 'forbidden');
    expectError(await api(t.app, s.outsider).post(url, { certificate_id: ismapId }), 404, 'not_found');
    const foreign = (await api(t.app, s.otherVendor).post('/api/certificates', { scheme: 'pmark', issued_on: today, service_ids: [otherServiceId] })).json().id;
    expectError(await api(t.app, s.editor).post(url, { certificate_id: foreign }), 400, 'validation_failed', ['certificate_id']);
    expect(await auditHead(t)).toBeGreaterThan(before.audit);

    const cited = await api(t.app, s.editor).post(url, { certificate_id: ismapId });
    expectStatus(cited, 201);
    expect(cited.json().cited.map((c: { certificate: { id: string } }) => c.certificate.id)).toEqual([ismapId]);
    expectError(await api(t.app, s.editor).post(url, { certificate_id: ismapId }), 409, 'conflict', ['certificate_id']);
    expect((await auditEntries(t, { action: 'assessment_item.certificate_cite' })).length).toBe(1);
    const item = (await api(t.app, s.editor).get(`/api/assessments/${assessmentId}`)).json().categories.flatMap((c: { items: { key: string; revision: number }[] }) => c.items).find((i: { key: string }) => i.key === '9-1');
    expectStatus(await api(t.app, s.editor).patch(`/api/assessments/${assessmentId}/items/9-1`, { revision: item.revision, status: 'confirmed' }), 200);

    // Not expired yet: nothing to reopen.
    expect(await reopenItemsCitingExpired(t.deps)).toBe(0);
    // The day after its last valid day the item goes back to 確認中, once, with a comment and a notice.
    t.clock.advanceDays(Math.round((Date.parse(ismapThrough) - Date.parse(today)) / 86_400_000) + 1);
    await signInAll();
    expect((await api(t.app, s.viewer).get(`/api/certificates/${ismapId}`)).json().validity.state).toBe('expired');
    expect(await reopenItemsCitingExpired(t.deps)).toBe(1);
    expect(await reopenItemsCitingExpired(t.deps)).toBe(0);
    const after = (await api(t.app, s.editor).get(`/api/assessments/${assessmentId}`)).json().categories.flatMap((c: { items: { key: string; status: string }[] }) => c.items).find((i: { key: string }) => i.key === '9-1');
    expect(after.status).toBe('in_progress');
    const comments = (await api(t.app, s.editor).get(`/api/assessments/${assessmentId}/items/9-1/comments`)).json().items;
    expect(comments.at(-1).body).toContain('C21-0001-1');
    const notices = await t.db.selectFrom('notifications').select(['organisation_id', 'link', 'title']).where('kind', '=', 'assessment_reopened').execute();
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((n) => n.organisation_id === cityId && n.link === `/assessments/${assessmentId}`)).toBe(true);
    expect((await auditEntries(t, { action: 'assessment_item.certificate_reopen' })).length).toBe(1);
    // An expired certificate is no longer offered, nor accepted.
    expectError(await api(t.app, s.editor).post(url, { certificate_id: ismapId }), 400, 'validation_failed', ['certificate_id']);
    expect((await api(t.app, s.viewer).get(url)).json().available.map((c: { id: string }) => c.id)).not.toContain(ismapId);
  });

  it('reminds the vendor and the linked bodies 120, 60 and 30 days before expiry and on expiry, once each', async () => {
    const expiry = async () => t.db.selectFrom('notifications').select(['organisation_id', 'title', 'event_count']).where('kind', '=', 'certificate_expiring').execute();
    // The ISMAP registration has expired by now (previous test): the expiry notice goes to the vendor and the city.
    const first = await notifyCertificateExpiry(t.deps);
    expect(first).toBeGreaterThan(0);
    expect(await notifyCertificateExpiry(t.deps)).toBe(0);
    const noticed = await expiry();
    expect(noticed.some((n) => n.title.includes('期限が切れました') || n.title.includes('件あります'))).toBe(true);
    expect(new Set(noticed.map((n) => n.organisation_id)).size).toBeGreaterThanOrEqual(2);
    // A new ISMAP registration 121 days from its end: nothing yet; at 120, 60 and 30 days one reminder each.
    const fresh = japanToday(t.clock.now());
    const periodTo = addDaysToDate(addMonthsToDate(fresh, -16), 121);
    const id = (await api(t.app, s.vendor).post('/api/certificates', { scheme: 'ismap', number: 'C24-0002-1', period_to: periodTo, service_ids: [serviceId] })).json().id;
    const stages = async () => (await auditEntries(t, { action: 'certificate.expiry_notified', targetId: id })).map((e) => e.after.stage);
    const daysLeft = certificateValidity({ scheme: 'ismap', period_to: periodTo }, fresh).days_left!;
    t.clock.advanceDays(daysLeft - 121);
    await runReminders(t.deps);
    expect(await stages()).toEqual([]);
    for (const [advance, expected] of [[1, ['120', '120']], [59, ['120', '120']], [1, ['120', '120', '60', '60']], [30, ['120', '120', '60', '60', '30', '30']], [30, ['120', '120', '60', '60', '30', '30']], [1, ['120', '120', '60', '60', '30', '30', 'expired', 'expired']]] as const) {
      t.clock.advanceDays(advance);
      await runReminders(t.deps);
      await runReminders(t.deps);
      expect(await stages()).toEqual(expected);
    }
  });

  it('counts entries by certification held: the municipality sees its entries, the prefecture only counts', async () => {
    await signInAll();
    const mine = (await api(t.app, s.viewer).get('/api/certificates/coverage')).json();
    expect(mine.scope).toBe('organisation');
    expect(mine.total_entries).toBe(1);
    expect(mine.entries[0]).toMatchObject({ id: entryId });
    expect(mine.entries[0].certificates.map((c: { scheme: string }) => c.scheme)).toContain('iso27001');
    expect(mine.schemes.find((c: { scheme: string }) => c.scheme === 'iso27001').entries).toBe(1);
    const pref = (await api(t.app, s.prefecture).get('/api/certificates/coverage')).json();
    expect(pref).toMatchObject({ scope: 'members', total_entries: 1, entries: [] });
    expect(pref.organisations).toEqual([expect.objectContaining({ id: cityId, name: '認証市', total_entries: 1 })]);
    expect(JSON.stringify(pref)).not.toContain('住民基本台帳システム');
    expectError(await api(t.app, s.vendor).get('/api/certificates/coverage'), 403, 'forbidden');
  });

  it('deletes a certificate with its file and the citations of it; the holder only', async () => {
    expectStatus(await api(t.app, s.vendor).delete(`/api/certificates/${ismapId}`), 200);
    expect(await t.db.selectFrom('certificate_citations').selectAll().where('certificate_id', '=', ismapId).execute()).toEqual([]);
    expect(await t.db.selectFrom('certificate_services').selectAll().where('certificate_id', '=', ismapId).execute()).toEqual([]);
    expectStatus(await api(t.app, s.vendor).delete(`/api/certificates/${isoId}`), 200);
    expect(await t.db.selectFrom('attachments').selectAll().where('target_id', '=', isoId).execute()).toEqual([]);
    expect((await auditEntries(t, { action: 'certificate.delete' })).length).toBe(2);
    expectError(await api(t.app, s.vendor).get(`/api/certificates/${isoId}`), 404, 'not_found');
  });
});

const ISMAP_EXAMPLES = ['C21-0001-1', 'L23-0001-1'];
