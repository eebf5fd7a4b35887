// The SLA probe scheduler: checks every enabled monitor at its interval and records up/down, hourly
// figures and outages (source 'probe').
//
// Schedules live in the database, so any number of processes can run this loop side by side: a
// process claims a due monitor with a compare-and-set on next_check_at plus a lease, and only the
// winner checks it. A process that dies mid-check leaves a lease that simply runs out. An idle loop
// costs one indexed query per poll.
import { claimMonitor, listDueMonitors, type DueMonitor } from '../repositories/sla-monitors.ts';
import { recordProbeResult } from '../services/sla/monitors.ts';
import { probe, type ProbeResult, type ProbeTarget } from '../services/sla/probe.ts';
import type { Deps } from '../services/deps.ts';

export interface ProbeSchedulerOptions {
  /** How often an idle scheduler looks for due monitors. */
  pollMs?: number;
  /** Most monitors claimed by one query. */
  batchSize?: number;
  /** Most checks running at once in this process. */
  concurrency?: number;
  /** false: no timer; the caller drives it with tick() (tests). */
  loop?: boolean;
  /** The check itself (replaceable for benchmarks of the scheduler alone). */
  check?: (target: ProbeTarget) => Promise<ProbeResult>;
}

export interface ProbeScheduler {
  /** Stops polling and waits for the checks under way to be recorded. */
  stop(): Promise<void>;
  /** Claims and checks everything due now, waits for the results; the number of checks made. */
  tick(): Promise<number>;
}

/** A claim outlives the check's own timeout by this much (recording the result takes a moment too). */
const LEASE_MARGIN_MS = 15_000;

/** When the monitor is next due: on its cadence, unless the cadence has fallen behind (then one interval from now). */
function nextDue(seen: DueMonitor, now: Date): string {
  const interval = seen.interval_seconds * 1000;
  const onCadence = Date.parse(seen.next_check_at) + interval;
  return new Date(onCadence > now.getTime() ? onCadence : now.getTime() + interval).toISOString();
}

export function startProbeScheduler(deps: Deps, options: ProbeSchedulerOptions = {}): ProbeScheduler {
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 20;
  const check = options.check ?? probe;
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<unknown> | null = null;
  let waitingForSlot = false;

  async function runCheck(seen: DueMonitor, claimed: { url: string; timeout_ms: number }, checkedAt: Date, leaseUntil: string): Promise<void> {
    try {
      const result = await check({ url: claimed.url, timeoutMs: claimed.timeout_ms, allowPrivate: deps.config.probeAllowPrivate });
      await recordProbeResult(deps, { monitorId: seen.id, url: claimed.url, leaseUntil, checkedAt }, result);
    } catch (error) {
      // The lease runs out and the monitor is checked again at its next turn.
      deps.log.error({ err: error, monitorId: seen.id }, 'SLA probe: recording a check failed');
    }
  }

  /** Claims up to as many due monitors as there are free slots and starts their checks. */
  async function claimAndStart(): Promise<{ started: number; limit: number }> {
    const limit = Math.min(batchSize, concurrency - inFlight.size);
    if (stopped || limit <= 0) return { started: 0, limit };
    const now = deps.now();
    const nowIso = now.toISOString();
    const due = await listDueMonitors(deps.db, nowIso, limit);
    let started = 0;
    for (const seen of due) {
      if (stopped) break;
      const leaseUntil = new Date(now.getTime() + seen.timeout_ms + LEASE_MARGIN_MS).toISOString();
      const claimed = await claimMonitor(deps.db, { id: seen.id, seenNextCheckAt: seen.next_check_at, nowIso, leaseUntil, nextCheckAt: nextDue(seen, now) });
      if (!claimed) continue; // another process (or loop) got there first
      const running = runCheck(seen, claimed, now, leaseUntil).finally(() => {
        inFlight.delete(running);
        if (waitingForSlot && !stopped) {
          waitingForSlot = false;
          schedule(0);
        }
      });
      inFlight.add(running);
      started++;
    }
    return { started, limit };
  }

  function schedule(delayMs: number) {
    if (stopped || timer) return;
    timer = setTimeout(poll, delayMs);
    // The scheduler alone never keeps the process alive.
    timer.unref();
  }

  async function poll() {
    timer = null;
    try {
      const pending = claimAndStart();
      polling = pending;
      const { started, limit } = await pending;
      // Every slot busy: go on as soon as a running check frees one (its completion calls schedule).
      if (inFlight.size >= concurrency) waitingForSlot = true;
      // A full claim means more may be due: go on at once.
      else schedule(started > 0 && started === limit ? 0 : pollMs);
    } catch (error) {
      deps.log.error({ err: error }, 'SLA probe: looking for due monitors failed');
      schedule(pollMs);
    } finally {
      polling = null;
    }
  }

  if (options.loop !== false) schedule(0);

  return {
    async tick() {
      let total = 0;
      for (;;) {
        const { started } = await claimAndStart();
        total += started;
        if (inFlight.size === 0) break;
        await Promise.all([...inFlight]);
        if (started === 0) break;
      }
      return total;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (polling) await polling.catch(() => undefined);
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}
