import type { Selectable } from 'kysely';
import type { SlaOutageTable, SlaReportImportTable, SlaReviewTable, SlaTermsTable, SlaVendorReportTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type SlaTermsRow = Selectable<SlaTermsTable>;
export type OutageRow = Selectable<SlaOutageTable>;
export type VendorReportRow = Selectable<SlaVendorReportTable>;
export type ReviewRow = Selectable<SlaReviewTable>;
export type ReportImportRow = Selectable<SlaReportImportTable>;

// ---- terms

export function findTerms(db: Executor, organisationId: string, entryId: string): Promise<SlaTermsRow | undefined> {
  return db.selectFrom('sla_terms').selectAll().where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).executeTakeFirst();
}

/** Terms of every entry of the organisation (optionally only some entries), with the entry's name and key. */
export function listTermsWithEntries(db: Executor, organisationId: string, entryIds?: string[]) {
  let query = db
    .selectFrom('sla_terms as t')
    .innerJoin('register_entries as e', 'e.id', 't.entry_id')
    .selectAll('t')
    .select(['e.name as entry_name', 'e.external_key', 'e.department', 'e.status as entry_status', 'e.contract_start', 'e.contract_end'])
    .where('t.organisation_id', '=', organisationId);
  if (entryIds) query = query.where('t.entry_id', 'in', entryIds.length ? entryIds : ['']);
  return query.orderBy('e.external_key').execute();
}

export async function upsertTerms(db: Executor, row: SlaTermsRow, exists: boolean): Promise<void> {
  if (exists) {
    const { entry_id: _e, organisation_id: _o, created_at: _c, ...changes } = row;
    await db.updateTable('sla_terms').set(changes).where('organisation_id', '=', row.organisation_id).where('entry_id', '=', row.entry_id).execute();
  } else {
    await db.insertInto('sla_terms').values(row).execute();
  }
}

// ---- outages

/** Outages of one entry that overlap [fromIso, toIso) (open ones included). */
export function listOutages(db: Executor, organisationId: string, entryId: string, fromIso: string, toIso: string): Promise<OutageRow[]> {
  return db
    .selectFrom('sla_outages')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('entry_id', '=', entryId)
    .where('occurred_at', '<', toIso)
    .where((eb) => eb.or([eb('recovered_at', 'is', null), eb('recovered_at', '>', fromIso)]))
    .orderBy('occurred_at')
    .execute();
}

/**
 * Outages of many entries overlapping a period, for organisation-wide monthly results. Two indexed
 * reads: those that began in the period, and the few that began earlier and lasted into it (or are
 * still open) — so a month's view never scans years of history.
 */
export async function listOutagesOfOrganisation(db: Executor, organisationId: string, fromIso: string, toIso: string, entryIds?: string[]) {
  const base = () => {
    let query = db
      .selectFrom('sla_outages')
      .select(['entry_id', 'source', 'occurred_at', 'detected_at', 'reported_at', 'confirmed_at', 'recovered_at', 'cause'])
      .where('organisation_id', '=', organisationId);
    if (entryIds) query = query.where('entry_id', 'in', entryIds.length ? entryIds : ['']);
    return query;
  };
  const [began, earlier, open] = await Promise.all([
    base().where('occurred_at', '>=', fromIso).where('occurred_at', '<', toIso).execute(),
    base().where('recovered_at', '>', fromIso).where('occurred_at', '<', fromIso).execute(),
    base().where('recovered_at', 'is', null).where('occurred_at', '<', fromIso).execute(),
  ]);
  return [...earlier, ...open, ...began];
}

export function findOutage(db: Executor, organisationId: string, id: string): Promise<OutageRow | undefined> {
  return db.selectFrom('sla_outages').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export async function insertOutages(db: Executor, rows: OutageRow[]): Promise<void> {
  // Chunked: SQLite limits the number of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('sla_outages').values(rows.slice(i, i + 500)).execute();
}

export async function updateOutage(db: Executor, organisationId: string, id: string, changes: Partial<OutageRow>): Promise<void> {
  await db.updateTable('sla_outages').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** Removes an outage; a monitor that held it open starts counting afresh. */
export async function deleteOutage(db: Executor, organisationId: string, id: string): Promise<void> {
  await db
    .updateTable('sla_monitors')
    .set({ open_outage_id: null, consecutive_failures: 0, first_failure_at: null })
    .where('organisation_id', '=', organisationId)
    .where('open_outage_id', '=', id)
    .execute();
  await db.deleteFrom('sla_outages').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** Vendor-reported outages of one entry in a period (to replace a month's report). */
export async function deleteVendorOutages(db: Executor, organisationId: string, entryId: string, fromIso: string, toIso: string): Promise<number> {
  const result = await db
    .deleteFrom('sla_outages')
    .where('organisation_id', '=', organisationId)
    .where('entry_id', '=', entryId)
    .where('source', '=', 'vendor_report')
    .where('occurred_at', '>=', fromIso)
    .where('occurred_at', '<', toIso)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---- vendor monthly figures and imports

export function listVendorReports(db: Executor, organisationId: string, fromMonth: string, toMonth: string, entryIds?: string[]): Promise<VendorReportRow[]> {
  let query = db.selectFrom('sla_vendor_reports').selectAll().where('organisation_id', '=', organisationId).where('year_month', '>=', fromMonth).where('year_month', '<=', toMonth);
  if (entryIds) query = query.where('entry_id', 'in', entryIds.length ? entryIds : ['']);
  return query.execute();
}

export function findVendorReport(db: Executor, organisationId: string, entryId: string, yearMonth: string): Promise<VendorReportRow | undefined> {
  return db.selectFrom('sla_vendor_reports').selectAll().where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).where('year_month', '=', yearMonth).executeTakeFirst();
}

export async function deleteVendorReport(db: Executor, organisationId: string, entryId: string, yearMonth: string): Promise<void> {
  await db.deleteFrom('sla_vendor_reports').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).where('year_month', '=', yearMonth).execute();
}

export async function insertVendorReports(db: Executor, rows: VendorReportRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('sla_vendor_reports').values(rows.slice(i, i + 500)).execute();
}

export async function insertReportImport(db: Executor, row: ReportImportRow): Promise<void> {
  await db.insertInto('sla_report_imports').values(row).execute();
}

export function listReportImports(db: Executor, organisationId: string, limit = 20): Promise<ReportImportRow[]> {
  return db.selectFrom('sla_report_imports').selectAll().where('organisation_id', '=', organisationId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

// ---- reviews

/** Terms of every organisation's services in use, with their latest review: for the reminder job. */
export function listTermsForReviewReminders(db: Executor) {
  return db
    .selectFrom('sla_terms as t')
    .innerJoin('register_entries as e', 'e.id', 't.entry_id')
    .leftJoin(
      (eb) => eb.selectFrom('sla_reviews').select(['entry_id', (x) => x.fn.max('reviewed_on').as('last_reviewed_on')]).groupBy('entry_id').as('r'),
      (join) => join.onRef('r.entry_id', '=', 't.entry_id'),
    )
    .select(['t.entry_id', 't.organisation_id', 't.review_interval_months', 't.created_at', 'e.name as entry_name', 'e.external_key', 'r.last_reviewed_on'])
    .where('e.status', '!=', 'ended')
    .execute();
}

export function listReviews(db: Executor, organisationId: string, entryId: string): Promise<ReviewRow[]> {
  return db.selectFrom('sla_reviews').selectAll().where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).orderBy('reviewed_on', 'desc').orderBy('created_at', 'desc').execute();
}

/** The latest review date per entry of the organisation. */
export function lastReviewDates(db: Executor, organisationId: string) {
  return db
    .selectFrom('sla_reviews')
    .select(['entry_id', (eb) => eb.fn.max('reviewed_on').as('last_reviewed_on')])
    .where('organisation_id', '=', organisationId)
    .groupBy('entry_id')
    .execute();
}

export async function insertReview(db: Executor, row: ReviewRow): Promise<void> {
  await db.insertInto('sla_reviews').values(row).execute();
}

// ---- removal with the register entry

/** Everything SLA-related of one entry, removed with the entry. */
export async function deleteSlaOfEntry(db: Executor, organisationId: string, entryId: string): Promise<void> {
  const monitors = await db.selectFrom('sla_monitors').select('id').where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
  if (monitors.length) await db.deleteFrom('sla_probe_hourly').where('monitor_id', 'in', monitors.map((m) => m.id)).execute();
  for (const table of ['sla_monitors', 'sla_reviews', 'sla_vendor_reports', 'sla_outages', 'sla_terms'] as const) {
    await db.deleteFrom(table).where('organisation_id', '=', organisationId).where('entry_id', '=', entryId).execute();
  }
}

/** Entries the organisation measures itself: a monitor, or outages it recorded by hand or by monitor. */
export async function entriesMeasuredByUs(db: Executor, organisationId: string, entryIds?: string[]): Promise<Set<string>> {
  let monitors = db.selectFrom('sla_monitors').select('entry_id').where('organisation_id', '=', organisationId);
  let own = db.selectFrom('sla_outages').select('entry_id').distinct().where('organisation_id', '=', organisationId).where('source', 'in', ['manual', 'probe']);
  if (entryIds) {
    const ids = entryIds.length ? entryIds : [''];
    monitors = monitors.where('entry_id', 'in', ids);
    own = own.where('entry_id', 'in', ids);
  }
  const rows = await monitors.union(own).execute();
  return new Set(rows.map((r) => r.entry_id));
}
