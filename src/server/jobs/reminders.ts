// Every reminder the daily job runs, in one list: a feature with due dates adds one line here. Each
// reminder announces what became due or overdue and returns how many announcements it made; dedupe
// keys make a repeat (or several processes running the same reminder) harmless.
import { notifyOverdueContacts } from '../services/contacts.ts';
import { notifyReviewsDue } from '../services/sla/reviews.ts';
import { notifyOverdueItems } from '../services/assessments/reminders.ts';
import { notifyOverdueRequests } from '../services/vendor-portal/reminders.ts';
import { notifyCertificateExpiry, reopenItemsCitingExpired } from '../services/certificates/reminders.ts';
import type { Deps } from '../services/deps.ts';

export interface Reminder {
  /** Names the reminder in the job's log line. */
  name: string;
  run(deps: Deps): Promise<number>;
}

export const REMINDERS: readonly Reminder[] = [
  { name: 'contacts_reverify', run: notifyOverdueContacts },
  { name: 'sla_reviews', run: notifyReviewsDue },
  { name: 'assessment_items', run: notifyOverdueItems },
  { name: 'answer_requests', run: notifyOverdueRequests },
  { name: 'certificate_expiry', run: notifyCertificateExpiry },
  { name: 'certificate_citations', run: reopenItemsCitingExpired },
];

/** Runs every reminder; one that fails is logged and does not stop the others. Returns the counts by name. */
export async function runReminders(deps: Deps, reminders: readonly Reminder[] = REMINDERS): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await Promise.all(
    reminders.map(async (reminder) => {
      try {
        counts[reminder.name] = await reminder.run(deps);
      } catch (error) {
        deps.log.error({ err: error, reminder: reminder.name }, 'reminders: one reminder failed');
      }
    }),
  );
  return counts;
}
