// Daily reminders: contact structures overdue for re-verification, SLA reviews, assessment items and
// vendors' answer requests overdue are announced once per due date (dedupe keys make repeats, and several processes running this, harmless).
import { notifyOverdueContacts } from '../services/contacts.ts';
import { notifyReviewsDue } from '../services/sla/reviews.ts';
import { notifyOverdueItems } from '../services/assessments/reminders.ts';
import { notifyOverdueRequests } from '../services/vendor-portal/reminders.ts';
import type { Deps } from '../services/deps.ts';

const HOUR = 3_600_000;

export function startDailyReminders(deps: Deps, options: { everyMs?: number } = {}): { stop(): Promise<void> } {
  const everyMs = options.everyMs ?? 6 * HOUR;
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = Promise.all([notifyOverdueContacts(deps), notifyReviewsDue(deps), notifyOverdueItems(deps), notifyOverdueRequests(deps)])
      .then(([contacts, reviews, items, requests]) => (contacts || reviews || items || requests) && deps.log.info({ contacts, reviews, items, requests }, 'reminders: overdue re-verifications, SLA reviews, assessment items and answer requests announced'))
      .catch((error: unknown) => deps.log.error({ err: error }, 'reminders: the daily check failed'))
      .finally(() => (running = null));
  };
  // First run shortly after start, then a few times a day (a missed run is caught up by the next).
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
