import { sql, type Selectable } from 'kysely';
import type { SlaMonitorTable, SlaProbeHourlyTable } from '../db/schema.ts';
import { isPostgres, type Executor } from './executor.ts';

export type MonitorRow = Selectable<SlaMonitorTable>;
export type ProbeHourlyRow = Selectable<SlaProbeHourlyTable>;

// ---- the user's side: one monitor per register entry

/** The monitor of an entry; `lock` takes the row lock on PostgreSQL so a running check and an edit do not interleave. */
export function findMonitorOfEntry(db: Executor, organisationId: string, entryId: string, lock = false): Promise<MonitorRow | undefined> {
  let query = db.selectFrom('sla_monitors').selectAll().where('organisation_id', '=', organisationId).where('entry_id', '=', entryId);
  if (lock && isPostgres(db)) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertMonitor(db: Executor, row: MonitorRow): Promise<void> {
  await db.insertInto('sla_monitors').values(row).execute();
}

export async function updateMonitor(db: Executor, organisationId: string, id: string, changes: Partial<MonitorRow>): Promise<void> {
  await db.updateTable('sla_monitors').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** Removes a monitor and its hourly figures; the outages it found stay on record, no longer pointing at it. */
export async function deleteMonitor(db: Executor, organisationId: string, id: string): Promise<void> {
  await db.updateTable('sla_outages').set({ monitor_id: null }).where('organisation_id', '=', organisationId).where('monitor_id', '=', id).execute();
  await db.deleteFrom('sla_probe_hourly').where('organisation_id', '=', organisationId).where('monitor_id', '=', id).execute();
  await db.deleteFrom('sla_monitors').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** Hourly figures of a monitor from `fromHourIso` on, oldest first. */
export function listHourly(db: Executor, organisationId: string, monitorId: string, fromHourIso: string): Promise<ProbeHourlyRow[]> {
  return db
    .selectFrom('sla_probe_hourly')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('monitor_id', '=', monitorId)
    .where('hour_start', '>=', fromHourIso)
    .orderBy('hour_start')
    .execute();
}

// ---- the scheduler's side. Claiming is by nature across organisations (one scheduler serves them all);
// once a monitor is claimed, everything else is scoped by the monitor's organisation again.

export interface DueMonitor {
  id: string;
  next_check_at: string;
  interval_seconds: number;
  timeout_ms: number;
}

/** Enabled monitors that are due and not leased by a running check: the one query an idle scheduler makes. */
export function listDueMonitors(db: Executor, nowIso: string, limit: number): Promise<DueMonitor[]> {
  return db
    .selectFrom('sla_monitors')
    .select(['id', 'next_check_at', 'interval_seconds', 'timeout_ms'])
    .where('enabled', '=', 1)
    .where('next_check_at', '<=', nowIso)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
    .orderBy('next_check_at')
    .limit(limit)
    .execute();
}

/**
 * Claims a due monitor for one check: sets the lease and the next due time, provided nobody claimed it
 * since it was listed (compare-and-set on next_check_at). The claimed monitor's target, or undefined
 * when another caller won.
 */
export function claimMonitor(
  db: Executor,
  claim: { id: string; seenNextCheckAt: string; nowIso: string; leaseUntil: string; nextCheckAt: string },
): Promise<{ url: string; timeout_ms: number } | undefined> {
  return db
    .updateTable('sla_monitors')
    .set({ lease_until: claim.leaseUntil, next_check_at: claim.nextCheckAt })
    .where('id', '=', claim.id)
    .where('enabled', '=', 1)
    .where('next_check_at', '=', claim.seenNextCheckAt)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', claim.nowIso)]))
    .returning(['url', 'timeout_ms'])
    .executeTakeFirst();
}

/** A claimed monitor, read (and locked on PostgreSQL) in the transaction that records its check. */
export function findMonitorForCheck(db: Executor, id: string): Promise<MonitorRow | undefined> {
  let query = db.selectFrom('sla_monitors').selectAll().where('id', '=', id);
  if (isPostgres(db)) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Adds one check to its hour: a failure counts in `failures`, a success adds its latency. */
export async function addToHourly(db: Executor, row: { monitor_id: string; organisation_id: string; hour_start: string; ok: boolean; latencyMs: number | null }): Promise<void> {
  const latency = row.ok ? Math.max(0, Math.round(row.latencyMs ?? 0)) : 0;
  await db
    .insertInto('sla_probe_hourly')
    .values({ monitor_id: row.monitor_id, organisation_id: row.organisation_id, hour_start: row.hour_start, checks: 1, failures: row.ok ? 0 : 1, latency_sum_ms: latency, latency_max_ms: latency })
    .onConflict((oc) =>
      oc.columns(['monitor_id', 'hour_start']).doUpdateSet({
        checks: sql`sla_probe_hourly.checks + excluded.checks`,
        failures: sql`sla_probe_hourly.failures + excluded.failures`,
        latency_sum_ms: sql`sla_probe_hourly.latency_sum_ms + excluded.latency_sum_ms`,
        // greatest() on PostgreSQL is max() on SQLite: CASE reads the same on both.
        latency_max_ms: sql`case when excluded.latency_max_ms > sla_probe_hourly.latency_max_ms then excluded.latency_max_ms else sla_probe_hourly.latency_max_ms end`,
      }),
    )
    .execute();
}

/** Hourly figures written at once (demo data and imports of past measurements). */
export async function insertHourly(db: Executor, rows: ProbeHourlyRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('sla_probe_hourly').values(rows.slice(i, i + 200)).execute();
}
