// The daily reminder job: walks jobs/reminders.ts a few times a day, then signs an audit checkpoint. Every reminder announces each due
// date once (dedupe keys make repeats, and several processes running this, harmless).
import type { Deps } from '../services/deps.ts';
import { runReminders } from './reminders.ts';
import { writeAuditCheckpoint } from '../services/audit-checkpoints.ts';
import { queueDigests } from '../services/notifications/digest.ts';

const HOUR = 3_600_000;
/** The digest is looked for this often: it goes out within this long after the configured hour. */
const DIGEST_EVERY_MS = 10 * 60_000;

export function startDailyReminders(deps: Deps, options: { everyMs?: number; digestEveryMs?: number } = {}): { stop(): Promise<void> } {
  const everyMs = options.everyMs ?? 6 * HOUR;
  let running: Promise<unknown> | null = null;
  let digesting: Promise<unknown> | null = null;
  // The daily digest mails (services/notifications/digest.ts): the outbox's dedupe key claims each one.
  const digest = () => {
    if (digesting) return;
    digesting = queueDigests(deps)
      .then((queued) => queued > 0 && deps.log.info({ queued }, 'digest: daily summary mails queued'))
      .catch((error: unknown) => deps.log.error({ err: error }, 'digest: the daily summary failed'))
      .finally(() => (digesting = null));
  };
  const digestTimer = setInterval(digest, options.digestEveryMs ?? DIGEST_EVERY_MS);
  digestTimer.unref();
  const run = () => {
    if (running) return;
    running = runReminders(deps)
      .then((counts) => Object.values(counts).some((n) => n > 0) && deps.log.info(counts, 'reminders: announcements made'))
      // Sign the audit chain head at least this often, however few entries were written.
      .then(() => writeAuditCheckpoint(deps))
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
      clearInterval(digestTimer);
      await Promise.all([running, digesting]);
    },
  };
}
