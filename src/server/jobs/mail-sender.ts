// The mail sender: delivers the outbox (mail_outbox) by SMTP, with retries and backoff.
//
// The outbox is written in the transaction of the event it announces, so a mail exists exactly when
// its event does. Any number of processes may run this loop: a process claims due rows with a
// compare-and-set that sets a lease, sends them, and records the delivery in the same update that
// releases the lease; only the holder of a row's lease ever sends it. A process that dies holding a
// lease leaves it to run out, and the row is sent again later. The one window left — the SMTP server
// accepted a mail, the process died before recording it — can deliver a mail twice; its Message-ID
// is derived from the row id, so the receiving side can recognise the copy.
import nodemailer from 'nodemailer';
import { claimMails, listDueMailIds, markMailAttemptFailed, markMailSent, releaseMails, type ClaimedMail } from '../repositories/mail-outbox.ts';
import type { Deps } from '../services/deps.ts';

export interface MailSenderOptions {
  /** How often an idle sender looks for due mails. */
  pollMs?: number;
  /** Most mails claimed by one query. */
  batchSize?: number;
  /** Most mails handed to the SMTP server at once by this process (also the SMTP connections kept open). */
  concurrency?: number;
  /** Attempts before a mail is marked failed for good. */
  maxAttempts?: number;
  /** How long a claim lasts; well beyond the SMTP timeouts, so a slow delivery is never claimed twice. */
  leaseMs?: number;
  /** false: no timer; the caller drives it with tick() (tests, benchmarks). */
  loop?: boolean;
}

export interface MailSender {
  /** Claims and sends everything due now; the number of delivery attempts made (accepted or not). */
  tick(): Promise<number>;
  /** Stops polling, gives back claimed mails not yet started, waits for those under way to be recorded. */
  stop(): Promise<void>;
}

const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 3_600_000;

/** The wait after the n-th failed attempt: 30 s, 1 min, 2 min … capped at 1 h, plus up to 10 % jitter so retries spread out. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (1 + 0.1 * random()));
}

/** The Message-ID of an outbox row: the same on every attempt, so a receiver can drop a repeated delivery. */
export function messageIdOf(rowId: string): string {
  return `<${rowId}@daicho>`;
}

interface SmtpError extends Error {
  responseCode?: number;
  command?: string;
  code?: string;
}

/** A recipient the server refuses for good (5xx to RCPT TO) will not be accepted by trying again. */
function isPermanent(error: SmtpError): boolean {
  return error.command === 'RCPT TO' && typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600;
}

function errorText(error: unknown): string {
  const e = error as SmtpError;
  const parts = [e.code, e.responseCode, e.message ?? String(error)].filter((part) => part !== undefined && part !== '');
  return parts.join(' ');
}

export function startMailSender(deps: Deps, options: MailSenderOptions = {}): MailSender {
  const smtpUrl = deps.config.smtpUrl;
  if (!smtpUrl) throw new Error('startMailSender: DAICHO_SMTP_URL is not set');
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 5;
  const maxAttempts = options.maxAttempts ?? 10;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  // One pooled transporter per sender: connections are reused across mails and batches.
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: concurrency,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function deliver(mail: ClaimedMail, leaseUntil: string): Promise<void> {
    const messageId = messageIdOf(mail.id);
    try {
      await transporter.sendMail({ from: deps.config.mailFrom, to: mail.to_address, subject: mail.subject, text: mail.body_text, messageId });
    } catch (error) {
      const attempts = Number(mail.attempts) + 1;
      const giveUp = attempts >= maxAttempts || isPermanent(error as SmtpError);
      const nextAttemptAt = new Date(deps.now().getTime() + backoffMs(attempts)).toISOString();
      const recorded = await markMailAttemptFailed(deps.db, mail.id, leaseUntil, { error: errorText(error), nextAttemptAt, giveUp });
      if (giveUp) deps.log.warn({ mailId: mail.id, attempts, err: errorText(error) }, 'mail: delivery failed for good');
      if (!recorded) deps.log.warn({ mailId: mail.id }, 'mail: lease lost before a failure was recorded');
      return;
    }
    const recorded = await markMailSent(deps.db, mail.id, leaseUntil, { sentAt: deps.now().toISOString(), messageId });
    if (!recorded) deps.log.warn({ mailId: mail.id }, 'mail: lease lost before the delivery was recorded');
  }

  /** Claims one batch and sends it with `concurrency` workers; the number of attempts made. */
  async function sendBatch(): Promise<{ attempted: number; listed: number }> {
    if (stopped) return { attempted: 0, listed: 0 };
    const now = deps.now();
    const nowIso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const due = await listDueMailIds(deps.db, nowIso, batchSize);
    const claimed = await claimMails(deps.db, due, nowIso, leaseUntil);
    const queue = [...claimed];
    let attempted = 0;
    const worker = async () => {
      while (!stopped && queue.length) {
        const mail = queue.shift()!;
        attempted++;
        try {
          await deliver(mail, leaseUntil);
        } catch (error) {
          // Recording failed (database trouble): the lease runs out and the mail is tried again.
          deps.log.error({ err: error, mailId: mail.id }, 'mail: recording a delivery attempt failed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    // Stopped mid-batch: what no worker started goes back at once instead of waiting for its lease.
    if (queue.length) await releaseMails(deps.db, queue.map((mail) => mail.id), leaseUntil);
    return { attempted, listed: due.length };
  }

  /** Batches until nothing more is due now (one run at a time per sender). */
  function drain(): Promise<number> {
    if (running) return running.then(() => drain());
    const run = (async () => {
      let total = 0;
      for (;;) {
        const { attempted, listed } = await sendBatch();
        total += attempted;
        // A full list means more may be due (even if another process won some of these claims).
        if (stopped || listed < batchSize) return total;
      }
    })();
    running = run;
    return run.finally(() => {
      if (running === run) running = null;
    });
  }

  function schedule(delayMs: number) {
    if (stopped || timer) return;
    timer = setTimeout(poll, delayMs);
    // The sender alone never keeps the process alive.
    timer.unref();
  }

  async function poll() {
    timer = null;
    try {
      await drain();
    } catch (error) {
      deps.log.error({ err: error }, 'mail: looking for due mails failed');
    }
    schedule(pollMs);
  }

  if (options.loop !== false) schedule(0);

  return {
    tick: () => drain(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      while (running) await running.catch(() => undefined);
      transporter.close();
    },
  };
}
