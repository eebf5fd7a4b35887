import { japanToday } from '../../../domain/japan-time.ts';
import { markRequestReminded, overdueRequests } from '../../repositories/answer-requests.ts';
import { nowIso } from '../../security/ids.ts';
import { announceSummary } from '../notifications/reminder-summary.ts';
import type { Deps } from '../deps.ts';

/**
 * Reminds vendors of answer requests past their due date: once per request and due date (the dedupe
 * key carries both, so a new due date reminds again), one notice per vendor listing them
 * (notifications/reminder-summary.ts), recording last_reminded_at. Returns how many requests were
 * newly reminded.
 */
export async function notifyOverdueRequests(deps: Deps): Promise<number> {
  const now = deps.now();
  const subjects = (await overdueRequests(deps.db, japanToday(now))).map((row) => ({
    row,
    organisationId: row.vendor_organisation_id,
    dedupeKey: `answer_request_overdue:${row.id}:${row.due_date}`,
    title: { ja: `${row.organisation_name}からの回答依頼（${row.service_name}）が期限を過ぎています`, en: `The request from ${row.organisation_name} (${row.service_name}) is overdue` },
    body: { ja: `期限 ${row.due_date} を過ぎても、未回答の項目があります。回答を入力してください。`, en: `Items are still unanswered after the due date ${row.due_date}. Please answer them.` },
    link: `/vendor/services/${row.vendor_service_id}/answers?catalogue=${encodeURIComponent(row.catalogue_urn)}`,
    line: { ja: `${row.organisation_name}（${row.service_name}）期限 ${row.due_date}`, en: `${row.organisation_name} (${row.service_name}) due ${row.due_date}` },
  }));
  return announceSummary(deps, {
    kind: 'answer_request_overdue',
    title: (count) => ({ ja: `期限を過ぎた回答依頼が${count}件あります`, en: `${count} answer requests are overdue` }),
    lead: { ja: '次の回答依頼が期限を過ぎても未回答の項目を残しています。回答を入力してください。', en: 'These requests still have unanswered items after their due date. Please answer them.' },
    listLink: '/vendor/requests',
    subjects,
    onAnnounced: ({ row }, trx) => markRequestReminded(trx, row.id, nowIso(now)),
  });
}
