// Inviting a vendor that is not yet on the platform: a mailed single-use link (only its hash kept),
// valid 14 days, that creates the vendor, its first user and service, and links the inviting entry.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { useTestApp } from '../support/harness.ts';
import { buildMunicipality, buildUser, buildVendor, withCorporateCheckDigit, breakCheckDigit, type TestOrganisation, type TestUser } from '../support/factories.ts';
import { api, signIn, signInFully, type Session } from '../support/http.ts';
import { auditEntries, countRows, expectError, expectStatus } from '../support/assertions.ts';
import { categoryIds, entryBody } from '../support/register.ts';
import { japanToday, addDaysToDate } from '../../src/domain/japan-time.ts';

const CATALOGUE = 'urn:daicho:catalogue:confirmation-items';
const PASSWORD = 'Kumo-no-Ue-Sanpo-2026';

describe.each(dialects)('vendor invitations on %s', (dialect) => {
  const t = useTestApp(dialect);
  let city: TestOrganisation;
  let editorUser: TestUser;
  let editor: Session;
  let viewer: Session;
  let outsider: Session;
  let existingVendorUser: TestUser;
  let entryId: string;
  let secondEntryId: string;
  let corporate = 0;

  const nextCorporateNumber = () => withCorporateCheckDigit(`7777${String(++corporate).padStart(8, '0')}`);
  const invitationsUrl = (id = entryId) => `/api/register/entries/${id}/vendor-invitations`;
  /** The token from the link in the invitation mail (the only place it exists). */
  const tokenFromMail = async (email: string): Promise<string> => {
    const mails = await t.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).orderBy('created_at', 'desc').execute();
    const match = /\/invite\/([A-Za-z0-9_-]+)/.exec(mails[0]!.body_text);
    expect(match, 'the mail carries the invitation link').not.toBeNull();
    expect(mails[0]!.body_text).toContain(`${t.config.publicUrl}/invite/${match![1]}`);
    return match![1]!;
  };
  const accept = (token: string, overrides: Record<string, unknown> = {}) =>
    api(t.app).post(`/api/invitations/${token}/accept`, { organisation_name: '招待クラウド株式会社', corporate_number: nextCorporateNumber(), display_name: '招待 太郎', password: PASSWORD, ...overrides });

  beforeAll(async () => {
    city = await buildMunicipality(t, { name: '招待市' });
    editorUser = await buildUser(t, { organisation: city, role: 'editor' });
    editor = await signInFully(t.app, editorUser);
    viewer = await signInFully(t.app, await buildUser(t, { organisation: city, role: 'viewer' }));
    outsider = await signInFully(t.app, await buildUser(t, { organisation: await buildMunicipality(t), role: 'editor' }));
    existingVendorUser = await buildUser(t, { organisation: await buildVendor(t), role: 'vendor_member' });
    const categories = await categoryIds(t.app, editor);
    entryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { name: '電子申請システム' }))).json().id;
    secondEntryId = (await api(t.app, editor).post('/api/register/entries', entryBody(categories['基幹系サービス'], { name: '施設予約システム' }))).json().id;
  });

  it('mails a single-use link, keeps only its hash, and refuses what should not be invited', async () => {
    const due = addDaysToDate(japanToday(t.clock.now()), 30);
    const body = { email: 'Sales@Invited-Cloud.example', vendor_name: '招待クラウド株式会社', service_name: '電子申請クラウド', corporate_number: null, catalogue_urn: CATALOGUE, due_date: due };
    expectError(await api(t.app, viewer).post(invitationsUrl(), body), 403, 'forbidden');
    expectError(await api(t.app, outsider).post(invitationsUrl(), body), 404, 'not_found');
    expectError(await api(t.app, editor).post(invitationsUrl(), { ...body, email: existingVendorUser.email }), 409, 'conflict', ['email']);
    expectError(await api(t.app, editor).post(invitationsUrl(), { ...body, corporate_number: breakCheckDigit(nextCorporateNumber(), 'first') }), 400, 'validation_failed', ['corporate_number']);
    expectError(await api(t.app, editor).post(invitationsUrl(), { ...body, due_date: null }), 400, 'validation_failed', ['due_date']);
    expectError(await api(t.app, editor).post(invitationsUrl(), { ...body, email: 'not-an-address' }), 400, 'validation_failed', ['email']);
    expect(await t.db.selectFrom('vendor_invitations').select('id').execute()).toEqual([]);
    expect(await t.db.selectFrom('mail_outbox').select('id').where('user_id', 'is', null).execute()).toEqual([]);

    const created = await api(t.app, editor).post(invitationsUrl(), body);
    expectStatus(created, 201);
    expect(created.json()).toMatchObject({ email: 'sales@invited-cloud.example', vendor_name: '招待クラウド株式会社', state: 'pending', catalogue_urn: CATALOGUE, due_date: due });
    expect(created.json()).not.toHaveProperty('token');
    expectError(await api(t.app, editor).post(invitationsUrl(), body), 409, 'conflict', ['email']);

    const mails = await t.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'sales@invited-cloud.example').execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ organisation_id: city.id, user_id: null, dedupe_key: `vendor_invitation:${created.json().id}`, status: 'pending' });
    expect(mails[0]!.body_text).toContain('招待市');
    const token = await tokenFromMail('sales@invited-cloud.example');
    const stored = await t.db.selectFrom('vendor_invitations').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(Date.parse(stored.expires_at) - t.clock.now().getTime()).toBe(14 * 86_400_000);
    const audit = await auditEntries(t, { action: 'vendor_invitation.create', targetId: entryId });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(token);

    const listed = (await api(t.app, viewer).get(invitationsUrl())).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: created.json().id, state: 'pending' })]);
    expectError(await api(t.app, outsider).get(invitationsUrl()), 404, 'not_found');

    const described = await api(t.app).get(`/api/invitations/${token}`);
    expectStatus(described, 200);
    expect(described.json()).toEqual({ organisation_name: '招待市', vendor_name: '招待クラウド株式会社', service_name: '電子申請クラウド', email: 'sales@invited-cloud.example', corporate_number: null, expires_at: stored.expires_at });
    expectError(await api(t.app).get(`/api/invitations/${token.slice(0, -2)}xy`), 404, 'not_found');
  });

  it('creates the vendor, its user and service, links the entry and requests answers — once', async () => {
    const token = await tokenFromMail('sales@invited-cloud.example');
    const organisations = await countRows(t, 'organisations');
    expectError(await accept(token, { corporate_number: '1234567890123' }), 400, 'validation_failed', ['corporate_number']);
    expectError(await accept(token, { password: 'short' }), 400, 'validation_failed', ['password']);
    expectError(await accept(token, { password: 'sales-invited-2026' }), 400, 'validation_failed', ['password']);
    expectError(await accept(token, { organisation_name: ' ' }), 400, 'validation_failed', ['organisation_name']);
    const taken = (await t.db.selectFrom('organisations').select('corporate_number').where('kind', '=', 'vendor').executeTakeFirstOrThrow()).corporate_number;
    expectError(await accept(token, { corporate_number: taken }), 409, 'conflict', ['corporate_number']);
    // Nothing changed by the refusals, and the invitation is still usable.
    expect(await countRows(t, 'organisations')).toBe(organisations);
    expectStatus(await api(t.app).get(`/api/invitations/${token}`), 200);

    const number = nextCorporateNumber();
    const [first, second] = await Promise.all([accept(token, { corporate_number: number }), accept(token, { corporate_number: nextCorporateNumber() })]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses).toEqual([201, 404]);
    const won = first.statusCode === 201 ? first : second;
    expect(won.json()).toEqual({ email: 'sales@invited-cloud.example', organisation_name: '招待クラウド株式会社', service_name: '電子申請クラウド' });
    expect(await countRows(t, 'organisations')).toBe(organisations + 1);
    expectError(await accept(token), 404, 'not_found');
    expectError(await api(t.app).get(`/api/invitations/${token}`), 404, 'not_found');

    const vendor = await t.db.selectFrom('organisations').selectAll().where('name', '=', '招待クラウド株式会社').executeTakeFirstOrThrow();
    expect(vendor).toMatchObject({ kind: 'vendor' });
    const user = await t.db.selectFrom('users').selectAll().where('email', '=', 'sales@invited-cloud.example').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ organisation_id: vendor.id, role: 'vendor_member', display_name: '招待 太郎' });
    const service = await t.db.selectFrom('vendor_services').selectAll().where('organisation_id', '=', vendor.id).executeTakeFirstOrThrow();
    expect(service.name).toBe('電子申請クラウド');
    expect((await api(t.app, viewer).get(`/api/register/entries/${entryId}`)).json().vendor_service).toMatchObject({ id: service.id, vendor_name: '招待クラウド株式会社' });
    const invitation = await t.db.selectFrom('vendor_invitations').selectAll().executeTakeFirstOrThrow();
    expect(invitation.vendor_organisation_id).toBe(vendor.id);
    expect(invitation.accepted_at).not.toBeNull();

    // The new vendor signs in straight away, sees the request and its service.
    const session = await signIn(t.app, 'sales@invited-cloud.example', PASSWORD);
    expect(session.me.next_step).toBe('none');
    const requests = (await api(t.app, session).get('/api/vendor-portal/requests')).json().items;
    expect(requests).toEqual([expect.objectContaining({ organisation_name: '招待市', service_name: '電子申請クラウド', catalogue_urn: CATALOGUE, status: 'pending', pending_items: 12 })]);
    expect((await api(t.app, editor).get(`/api/register/entries/${entryId}/answer-requests`)).json().items).toHaveLength(1);

    const accepted = await auditEntries(t, { action: 'vendor_invitation.accept', targetId: entryId });
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ organisation_id: city.id, actor_user_id: user.id, after: { vendor_organisation_id: vendor.id, vendor_service_id: service.id, linked: true } });
    expect(await auditEntries(t, { action: 'organisation.create', targetId: vendor.id })).toHaveLength(1);
    expect(await auditEntries(t, { action: 'user.create', targetId: user.id })).toHaveLength(1);
    expect((await api(t.app, editor).get(invitationsUrl())).json().items[0]).toMatchObject({ state: 'accepted' });
    // The entry is now linked: inviting for it again is refused.
    expectError(await api(t.app, editor).post(invitationsUrl(), { email: 'other@invited.example', vendor_name: 'x', service_name: 'y' }), 400, 'validation_failed', ['vendor_service_id']);
  });

  it('answers 404 alike for expired, revoked and unknown links', async () => {
    const invite = async (email: string) => {
      const res = await api(t.app, editor).post(invitationsUrl(secondEntryId), { email, vendor_name: '期限切れ株式会社', service_name: '施設予約クラウド' });
      expectStatus(res, 201);
      return { id: res.json().id as string, token: await tokenFromMail(email) };
    };
    const revoked = await invite('revoke@expiring.example');
    expectError(await api(t.app, outsider).post(`${invitationsUrl(secondEntryId)}/${revoked.id}/revoke`), 404, 'not_found');
    expectError(await api(t.app, viewer).post(`${invitationsUrl(secondEntryId)}/${revoked.id}/revoke`), 403, 'forbidden');
    expectStatus(await api(t.app, editor).post(`${invitationsUrl(secondEntryId)}/${revoked.id}/revoke`), 200);
    expectError(await api(t.app, editor).post(`${invitationsUrl(secondEntryId)}/${revoked.id}/revoke`), 409, 'conflict');
    expect(await auditEntries(t, { action: 'vendor_invitation.revoke', targetId: secondEntryId })).toHaveLength(1);
    expectError(await api(t.app).get(`/api/invitations/${revoked.token}`), 404, 'not_found');
    expectError(await accept(revoked.token), 404, 'not_found');

    const expiring = await invite('late@expiring.example');
    t.clock.advanceDays(13);
    expectStatus(await api(t.app).get(`/api/invitations/${expiring.token}`), 200);
    t.clock.advanceDays(1);
    expectError(await api(t.app).get(`/api/invitations/${expiring.token}`), 404, 'not_found');
    expectError(await accept(expiring.token), 404, 'not_found');
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'late@expiring.example').execute()).toEqual([]);
    editor = await signInFully(t.app, editorUser);
    expect((await api(t.app, editor).get(invitationsUrl(secondEntryId))).json().items.map((i: { state: string }) => i.state).sort()).toEqual(['expired', 'revoked']);

    expectError(await api(t.app).get('/api/invitations/unknown-token-value'), 404, 'not_found');
    expectError(await accept('unknown-token-value'), 404, 'not_found');
  });
});
