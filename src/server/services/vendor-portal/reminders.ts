import { japanToday } from '../../../domain/japan-time.ts';
import { markRequestReminded, overdueRequests } from '../../repositories/answer-requests.ts';
import { nowIso } from '../../security/ids.ts';
import { notifyOrganisations } from '../notifications/notify.ts';
import type { Deps } from '../deps.ts';

/**
 * Reminds vendors of answer requests past their due date: once per request and due date (the dedupe
 * key carries both, so a new due date reminds again), recording last_reminded_at. Returns how many
 * reminders were sent (requests whose vendor had at least one new notification).
 */
export async function notifyOverdueRequests(deps: Deps): Promise<number> {
  const now = deps.now();
  const rows = await overdueRequests(deps.db, japanToday(now));
  let sent = 0;
  for (const row of rows) {
    const added = await deps.db.transaction().execute(async (trx) => {
      const result = await notifyOrganisations(trx, deps, [row.vendor_organisation_id], {
        kind: 'answer_request_overdue',
        title: `${row.organisation_name}からの回答依頼（${row.service_name}）が期限を過ぎています`,
        titleEn: `The request from ${row.organisation_name} (${row.service_name}) is overdue`,
        body: `期限 ${row.due_date} を過ぎても、未回答の項目があります。回答を入力してください。`,
        bodyEn: `Items are still unanswered after the due date ${row.due_date}. Please answer them.`,
        link: `/vendor/services/${row.vendor_service_id}/answers?catalogue=${encodeURIComponent(row.catalogue_urn)}`,
        dedupeKey: `answer_request_overdue:${row.id}:${row.due_date}`,
      });
      if (result.notifications > 0) await markRequestReminded(trx, row.id, nowIso(now));
      return result.notifications;
    });
    if (added > 0) sent++;
  }
  return sent;
}
