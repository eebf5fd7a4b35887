// Daily reminders: contact structures overdue for re-verification and SLA reviews overdue are
// announced once per due date (dedupe keys make repeats, and several processes running this, harmless).
import { notifyOverdueContacts } from '../services/contacts.ts';
import { notifyReviewsDue } from '../services/sla/reviews.ts';
import type { Deps } from '../services/deps.ts';

const HOUR = 3_600_000;

export function startDailyReminders(deps: Deps, options: { everyMs?: number } = {}): { stop(): Promise<void> } {
  const everyMs = options.everyMs ?? 6 * HOUR;
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = Promise.all([notifyOverdueContacts(deps), notifyReviewsDue(deps)])
      .then(([contacts, reviews]) => (contacts || reviews) && deps.log.info({ contacts, reviews }, 'reminders: overdue contact re-verifications and SLA reviews announced'))
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
