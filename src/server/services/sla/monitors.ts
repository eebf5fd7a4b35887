// The municipality's own monitor of a service (issue #5): configure, read and remove it (users, audited),
// and record what a check found (the scheduler in jobs/probe-scheduler.ts runs the checks).
import type { z } from 'zod';
import type { monitorBody, monitorResponse } from '../../../shared/schemas/sla.ts';
import { bi } from '../../../shared/messages.ts';
import {
  addToHourly,
  deleteMonitor,
  findMonitorForCheck,
  findMonitorOfEntry,
  insertMonitor,
  listHourly,
  updateMonitor,
  type MonitorRow,
  type ProbeHourlyRow,
} from '../../repositories/sla-monitors.ts';
import { findOutage, insertOutages, updateOutage, type OutageRow } from '../../repositories/sla.ts';
import { presentOutage } from '../../presenters/sla.ts';
import { toBool, fromBool, isUniqueViolation } from '../../repositories/executor.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { systemActor, type Actor, type Deps } from '../deps.ts';
import { slaEntry } from './access.ts';
import { judgeProbeUrl, type ProbeResult } from './probe.ts';

type MonitorInput = z.infer<typeof monitorBody>;
export type MonitorView = z.infer<typeof monitorResponse>;

const HOUR = 3_600_000;
/** How many hours of figures the monitor's page shows. */
export const HOURLY_WINDOW = 48;

export interface HourlyView {
  hour_start: string;
  checks: number;
  failures: number;
  /** Over successful checks only: a timeout is not a latency. Null when no check succeeded. */
  avg_latency_ms: number | null;
  max_latency_ms: number | null;
}

/** The UTC hour a moment falls in, as the hourly table keys it. */
export function hourStartOf(at: Date): string {
  return new Date(Math.floor(at.getTime() / HOUR) * HOUR).toISOString();
}

export function presentMonitor(row: MonitorRow): MonitorView {
  return {
    id: row.id,
    entry_id: row.entry_id,
    url: row.url,
    interval_seconds: row.interval_seconds,
    timeout_ms: row.timeout_ms,
    failures_to_open: row.failures_to_open,
    enabled: toBool(row.enabled),
    last_checked_at: row.last_checked_at,
    last_ok: row.last_ok === null ? null : toBool(row.last_ok),
    last_status_code: row.last_status_code,
    last_latency_ms: row.last_latency_ms,
    last_error: row.last_error,
    open_outage_id: row.open_outage_id,
  };
}

function presentHourly(row: ProbeHourlyRow): HourlyView {
  const successes = Number(row.checks) - Number(row.failures);
  return {
    hour_start: row.hour_start,
    checks: Number(row.checks),
    failures: Number(row.failures),
    avg_latency_ms: successes > 0 ? Math.round(Number(row.latency_sum_ms) / successes) : null,
    max_latency_ms: successes > 0 ? Number(row.latency_max_ms) : null,
  };
}

/** Refuses URLs that lead into the installation's own network (unless the operator allows it) and names that do not exist. */
async function assertMonitorable(deps: Deps, url: string): Promise<void> {
  const verdict = await judgeProbeUrl(url, deps.config.probeAllowPrivate);
  if (!verdict) return;
  if ('refused' in verdict) {
    const { host, address } = verdict.refused;
    throw invalid(
      'url',
      bi(
        `${host} は内部ネットワークのアドレス（${address}）です。ループバック・プライベート・リンクローカルのアドレスは監視できません`,
        `${host} is an internal address (${address}); loopback, private and link-local addresses cannot be monitored`,
      ),
    );
  }
  throw invalid('url', bi(`ホスト名 ${verdict.unresolvable} が見つかりません`, `The host name ${verdict.unresolvable} does not exist`));
}

export async function getMonitor(deps: Deps, actor: Actor, entryId: string): Promise<{ monitor: MonitorView | null; hourly: HourlyView[] }> {
  await slaEntry(deps, actor, entryId, false);
  const row = await findMonitorOfEntry(deps.db, actor.organisationId, entryId);
  if (!row) return { monitor: null, hourly: [] };
  const from = hourStartOf(new Date(deps.now().getTime() - (HOURLY_WINDOW - 1) * HOUR));
  const hourly = await listHourly(deps.db, actor.organisationId, row.id, from);
  return { monitor: presentMonitor(row), hourly: hourly.map(presentHourly) };
}

/** State a monitor starts over with: no failures counted and no outage open. */
const CLEAR_STATE = { consecutive_failures: 0, first_failure_at: null, open_outage_id: null } as const;

/** Creates the entry's monitor or changes it. A new or re-aimed monitor is checked at once. */
export async function configureMonitor(deps: Deps, actor: Actor, entryId: string, input: MonitorInput): Promise<MonitorView> {
  await slaEntry(deps, actor, entryId, true);
  await assertMonitorable(deps, input.url);
  const now = deps.now();
  const at = nowIso(now);
  const settings = { url: input.url, interval_seconds: input.interval_seconds, timeout_ms: input.timeout_ms, failures_to_open: input.failures_to_open, enabled: fromBool(input.enabled) };
  const save = deps.db.transaction().execute(async (trx) => {
    const existing = await findMonitorOfEntry(trx, actor.organisationId, entryId, true);
    if (!existing) {
      const row: MonitorRow = {
        id: newId(),
        organisation_id: actor.organisationId,
        entry_id: entryId,
        ...settings,
        next_check_at: at,
        lease_until: null,
        last_checked_at: null,
        last_ok: null,
        last_status_code: null,
        last_latency_ms: null,
        last_error: null,
        ...CLEAR_STATE,
        created_at: at,
        updated_at: at,
      };
      await insertMonitor(trx, row);
      await recordAudit(trx, actor, { action: 'sla_monitor.create', targetType: 'register_entry', targetId: entryId, after: presentMonitor(row) }, now);
      return presentMonitor(row);
    }
    const changes: Partial<MonitorRow> = { ...settings, updated_at: at };
    if (existing.url !== input.url) changes.next_check_at = at;
    else if (existing.interval_seconds !== input.interval_seconds) {
      // A shorter interval takes effect now rather than after the old, longer wait.
      const sooner = new Date(now.getTime() + input.interval_seconds * 1000).toISOString();
      if (sooner < existing.next_check_at) changes.next_check_at = sooner;
    }
    let closedOutageId: string | null = null;
    if (!input.enabled && existing.open_outage_id) {
      // Nobody watches a disabled monitor, so its outage cannot be left running: it ends when watching stops.
      closedOutageId = existing.open_outage_id;
      await updateOutage(trx, actor.organisationId, closedOutageId, { recovered_at: at });
    }
    if (!input.enabled) Object.assign(changes, CLEAR_STATE);
    const after = { ...existing, ...changes };
    await updateMonitor(trx, actor.organisationId, existing.id, changes);
    await recordAudit(
      trx,
      actor,
      { action: 'sla_monitor.update', targetType: 'register_entry', targetId: entryId, before: presentMonitor(existing), after: { ...presentMonitor(after), ...(closedOutageId ? { closed_outage_id: closedOutageId } : {}) } },
      now,
    );
    return presentMonitor(after);
  });
  return save.catch((error: unknown) => {
    // Two first saves at the same moment: the second meets the first one's monitor.
    if (isUniqueViolation(error)) throw new AppError('conflict', [{ field: 'entry_id', reason: bi('同時に別の保存がありました。画面を読み込み直してから保存してください', 'Someone saved at the same moment; reload and save again') }]);
    throw error;
  });
}

/** Removes the entry's monitor and its hourly figures; an outage it still sees ends now. */
export async function removeMonitor(deps: Deps, actor: Actor, entryId: string): Promise<void> {
  await slaEntry(deps, actor, entryId, true);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const existing = await findMonitorOfEntry(trx, actor.organisationId, entryId, true);
    if (!existing) throw notFound();
    if (existing.open_outage_id) await updateOutage(trx, actor.organisationId, existing.open_outage_id, { recovered_at: nowIso(now) });
    await deleteMonitor(trx, actor.organisationId, existing.id);
    await recordAudit(
      trx,
      actor,
      { action: 'sla_monitor.delete', targetType: 'register_entry', targetId: entryId, before: presentMonitor(existing), after: existing.open_outage_id ? { closed_outage_id: existing.open_outage_id } : undefined },
      now,
    );
  });
}


// ---- what a check found (system writes: not audited per check, which would flood the chain; only
// the opening and the closing of an outage are)

/** Who wrote an outage the monitor found. */
export const PROBE_LABEL = '自団体の監視 (probe)';

export interface ClaimedCheck {
  monitorId: string;
  /** The URL that was checked, and the lease the claim set: if either changed meanwhile, the result is stale. */
  url: string;
  leaseUntil: string;
  checkedAt: Date;
}

/**
 * Records one check in one transaction: the monitor's last result and failure count, the hour's
 * figures, and an outage opened after `failures_to_open` failures in a row (dated from the first of
 * them) or closed by the first success.
 */
export async function recordProbeResult(deps: Deps, claim: ClaimedCheck, result: ProbeResult): Promise<void> {
  const at = nowIso(claim.checkedAt);
  await deps.db.transaction().execute(async (trx) => {
    const monitor = await findMonitorForCheck(trx, claim.monitorId);
    // Removed meanwhile, or the lease ran out and another process took over: nothing to record.
    if (!monitor || monitor.lease_until !== claim.leaseUntil) return;
    if (!toBool(monitor.enabled) || monitor.url !== claim.url) {
      // Switched off or re-aimed while the check ran: its result no longer describes this monitor.
      await updateMonitor(trx, monitor.organisation_id, monitor.id, { lease_until: null });
      return;
    }
    const organisationId = monitor.organisation_id;
    const probeActor = systemActor(organisationId, 'probe');
    const changes: Partial<MonitorRow> = {
      lease_until: null,
      last_checked_at: at,
      last_ok: fromBool(result.ok),
      last_status_code: result.statusCode,
      last_latency_ms: result.latencyMs,
      last_error: result.error?.slice(0, 500) ?? null,
    };
    await addToHourly(trx, { monitor_id: monitor.id, organisation_id: organisationId, hour_start: hourStartOf(claim.checkedAt), ok: result.ok, latencyMs: result.latencyMs });

    if (result.ok) {
      if (monitor.open_outage_id) {
        const open = await findOutage(trx, organisationId, monitor.open_outage_id);
        if (open && !open.recovered_at) {
          await updateOutage(trx, organisationId, open.id, { recovered_at: at });
          const now = deps.now();
          await recordAudit(
            trx,
            probeActor,
            { action: 'sla_outage.probe_close', targetType: 'register_entry', targetId: monitor.entry_id, before: presentOutage(open, now), after: presentOutage({ ...open, recovered_at: at }, now) },
            now,
          );
          deps.log.info({ monitorId: monitor.id, entryId: monitor.entry_id, outageId: open.id }, 'SLA probe: service back up, outage closed');
        }
      }
      Object.assign(changes, CLEAR_STATE);
    } else {
      const failures = monitor.consecutive_failures + 1;
      const firstFailureAt = failures === 1 || !monitor.first_failure_at ? at : monitor.first_failure_at;
      Object.assign(changes, { consecutive_failures: failures, first_failure_at: firstFailureAt });
      if (failures >= monitor.failures_to_open && !monitor.open_outage_id) {
        const outage: OutageRow = {
          id: newId(),
          organisation_id: organisationId,
          entry_id: monitor.entry_id,
          source: 'probe',
          occurred_at: firstFailureAt,
          detected_at: at,
          reported_at: null,
          confirmed_at: null,
          recovered_at: null,
          cause: 'unknown',
          description: result.error ?? 'down',
          import_id: null,
          monitor_id: monitor.id,
          created_at: nowIso(deps.now()),
          created_by_label: PROBE_LABEL,
        };
        await insertOutages(trx, [outage]);
        changes.open_outage_id = outage.id;
        const now = deps.now();
        await recordAudit(trx, probeActor, { action: 'sla_outage.probe_open', targetType: 'register_entry', targetId: monitor.entry_id, after: presentOutage(outage, now) }, now);
        deps.log.warn({ monitorId: monitor.id, entryId: monitor.entry_id, outageId: outage.id, error: result.error }, 'SLA probe: service down, outage opened');
      }
    }
    await updateMonitor(trx, organisationId, monitor.id, changes);
  });
}
