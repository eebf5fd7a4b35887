import type { Executor } from '../../repositories/executor.ts';
import type { NotificationKind } from '../../../shared/incidents.ts';
import type { Deps } from '../deps.ts';

export interface NotificationInput {
  kind: NotificationKind;
  /** Japanese first; the mail carries the English below it. */
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  /** Path inside the web app, e.g. /incidents/<id>. */
  link: string;
  /** Same key, same announcement: a retried request never notifies twice. */
  dedupeKey: string;
}

/**
 * Notifies every active user of the given organisations: an in-app notification each, and a mail in
 * the outbox for those whose preferences ask for mail — all inside the caller's transaction, so the
 * announcement exists exactly when the event does.
 */
export async function notifyOrganisations(_trx: Executor, _deps: Deps, _organisationIds: string[], _input: NotificationInput): Promise<{ notifications: number; mails: number }> {
  throw new Error('notifyOrganisations: not implemented yet');
}
