// The mail outbox as administrators see it: what waits, what went, what failed for good.
import { administeredOrganisationIds, authorize } from '../../policies/index.ts';
import { countOutbox, listOutbox, type MailStatus } from '../../repositories/mail-outbox.ts';
import type { Actor, Deps } from '../deps.ts';
import { presentOutboxRow } from './present.ts';

/** Organisation administrators see their own organisation's mails; operators see every organisation's. */
export async function listOutboxMails(deps: Deps, actor: Actor, query: { status?: MailStatus; page: number; page_size: number }) {
  await authorize(deps, actor, 'user:manage', { type: 'mail_outbox' });
  const filter = { organisationIds: administeredOrganisationIds(actor), status: query.status };
  const [rows, total] = await Promise.all([listOutbox(deps.db, filter, { limit: query.page_size, offset: (query.page - 1) * query.page_size }), countOutbox(deps.db, filter)]);
  return { items: rows.map(presentOutboxRow), total, page: query.page, page_size: query.page_size };
}
