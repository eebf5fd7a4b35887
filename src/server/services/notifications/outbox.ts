// The mail outbox as administrators see it: what waits, what went, what failed for good.
import { administeredOrganisationIds, authorize } from '../../policies/index.ts';
import { countOutbox, findOutboxMail, listOutbox, requeueFailedMail, type MailStatus } from '../../repositories/mail-outbox.ts';
import { nowIso } from '../../security/ids.ts';
import { bi } from '../../../shared/messages.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import { presentOutboxRow } from './present.ts';

/** Organisation administrators see their own organisation's mails; operators see every organisation's. */
export async function listOutboxMails(deps: Deps, actor: Actor, query: { status?: MailStatus; page: number; page_size: number }) {
  await authorize(deps, actor, 'user:manage', { type: 'mail_outbox' });
  const filter = { organisationIds: administeredOrganisationIds(actor), status: query.status };
  const [rows, total] = await Promise.all([listOutbox(deps.db, filter, { limit: query.page_size, offset: (query.page - 1) * query.page_size }), countOutbox(deps.db, filter)]);
  return { items: rows.map(presentOutboxRow), total, page: query.page, page_size: query.page_size };
}

/**
 * Sends a mail that failed for good once more (e.g. after the recipient's address was corrected or
 * the mail server was fixed): it goes back in the queue, due now, with a fresh count of attempts.
 */
export async function retryOutboxMail(deps: Deps, actor: Actor, id: string) {
  await authorize(deps, actor, 'user:manage', { type: 'mail_outbox', id });
  const organisationIds = administeredOrganisationIds(actor);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findOutboxMail(trx, organisationIds, id);
    if (!before) throw notFound();
    if (!(await requeueFailedMail(trx, id, nowIso(now)))) {
      throw new AppError('conflict', [{ field: 'status', reason: bi('再送できるのは送信に失敗したメールだけです', 'Only a mail that failed can be sent again') }]);
    }
    const after = (await findOutboxMail(trx, organisationIds, id))!;
    await recordAudit(trx, actor, { action: 'mail_outbox.retry', targetType: 'mail_outbox', targetId: id, organisationId: before.organisation_id, before: presentOutboxRow(before), after: presentOutboxRow(after) }, now);
    return presentOutboxRow(after);
  });
}
