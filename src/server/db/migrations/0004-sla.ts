import type { Kysely } from 'kysely';

// SLA: contracted terms and counting rules per register entry, outage records from three sources,
// the vendor's monthly figures, reviews, and the municipality's own monitor of a service.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sla_terms')
    .addColumn('entry_id', 'varchar(36)', (c) => c.primaryKey().references('register_entries.id'))
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('audience', 'varchar(20)', (c) => c.notNull())
    .addColumn('calendar_kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('weekdays', 'varchar(20)', (c) => c.notNull())
    .addColumn('start_minute', 'integer', (c) => c.notNull())
    .addColumn('end_minute', 'integer', (c) => c.notNull())
    .addColumn('exclude_holidays', 'integer', (c) => c.notNull())
    .addColumn('service_hours_note', 'text')
    .addColumn('availability_target', 'double precision')
    .addColumn('mttr_target_minutes', 'integer')
    .addColumn('dr_method', 'text')
    .addColumn('backup_format', 'text')
    .addColumn('status_check_method', 'text')
    .addColumn('customisability', 'text')
    .addColumn('concurrent_users', 'text')
    .addColumn('backup_method', 'text')
    .addColumn('backup_retention', 'text')
    .addColumn('minimum_outage_minutes', 'integer', (c) => c.notNull())
    .addColumn('truncate_unit_minutes', 'integer', (c) => c.notNull())
    .addColumn('start_basis', 'varchar(20)', (c) => c.notNull())
    .addColumn('excluded_causes', 'text', (c) => c.notNull())
    .addColumn('maintenance_windows', 'text', (c) => c.notNull())
    .addColumn('credit_table', 'text', (c) => c.notNull())
    .addColumn('monthly_fee_yen', 'bigint')
    .addColumn('review_interval_months', 'integer', (c) => c.notNull())
    .addColumn('source_document', 'varchar(500)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_by_label', 'varchar(300)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_terms_org_idx').on('sla_terms').column('organisation_id').execute();

  await db.schema
    .createTable('sla_report_imports')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('filename', 'varchar(300)', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by_label', 'varchar(300)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sla_outages')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('source', 'varchar(20)', (c) => c.notNull())
    .addColumn('occurred_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('detected_at', 'varchar(30)')
    .addColumn('reported_at', 'varchar(30)')
    .addColumn('confirmed_at', 'varchar(30)')
    // Null while a monitor's outage is still open.
    .addColumn('recovered_at', 'varchar(30)')
    .addColumn('cause', 'varchar(30)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('import_id', 'varchar(36)', (c) => c.references('sla_report_imports.id'))
    .addColumn('monitor_id', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by_label', 'varchar(300)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_outages_entry_idx').on('sla_outages').columns(['organisation_id', 'entry_id', 'occurred_at']).execute();
  // Which services we measure ourselves (hand-entered or monitor outages), read from the index alone.
  await db.schema.createIndex('sla_outages_org_source_idx').on('sla_outages').columns(['organisation_id', 'source', 'entry_id']).execute();
  await db.schema.createIndex('sla_outages_org_time_idx').on('sla_outages').columns(['organisation_id', 'occurred_at']).execute();
  // Outages that began earlier and lasted into a period are found by their end; the start rides along
  // in the index so the filter needs no table reads.
  await db.schema.createIndex('sla_outages_org_recovered_idx').on('sla_outages').columns(['organisation_id', 'recovered_at', 'occurred_at']).execute();

  await db.schema
    .createTable('sla_vendor_reports')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('year_month', 'varchar(7)', (c) => c.notNull())
    .addColumn('reported_availability', 'double precision')
    .addColumn('reported_outage_minutes', 'double precision')
    .addColumn('import_id', 'varchar(36)', (c) => c.notNull().references('sla_report_imports.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('sla_vendor_reports_entry_month_uq', ['organisation_id', 'entry_id', 'year_month'])
    .execute();
  await db.schema.createIndex('sla_vendor_reports_org_month_idx').on('sla_vendor_reports').columns(['organisation_id', 'year_month']).execute();

  await db.schema
    .createTable('sla_reviews')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('reviewed_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('participants', 'varchar(500)')
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('decisions', 'text')
    .addColumn('term_changes', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by_label', 'varchar(300)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_reviews_entry_idx').on('sla_reviews').columns(['organisation_id', 'entry_id', 'reviewed_on']).execute();

  await db.schema
    .createTable('sla_monitors')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().unique().references('register_entries.id'))
    .addColumn('url', 'varchar(2000)', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('timeout_ms', 'integer', (c) => c.notNull())
    .addColumn('failures_to_open', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    // Scheduling lives in the database so that several processes share the work without doubling it.
    .addColumn('next_check_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('lease_until', 'varchar(30)')
    .addColumn('last_checked_at', 'varchar(30)')
    .addColumn('last_ok', 'integer')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_latency_ms', 'integer')
    .addColumn('last_error', 'varchar(500)')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'varchar(30)')
    .addColumn('open_outage_id', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_monitors_due_idx').on('sla_monitors').columns(['enabled', 'next_check_at']).execute();

  // Checks are summarised per hour: one row per check would be 1.4 million rows a day for 1,000 monitors.
  await db.schema
    .createTable('sla_probe_hourly')
    .addColumn('monitor_id', 'varchar(36)', (c) => c.notNull().references('sla_monitors.id'))
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('hour_start', 'varchar(30)', (c) => c.notNull())
    .addColumn('checks', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('latency_sum_ms', 'bigint', (c) => c.notNull())
    .addColumn('latency_max_ms', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_probe_hourly_pk', ['monitor_id', 'hour_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sla_probe_hourly', 'sla_monitors', 'sla_reviews', 'sla_vendor_reports', 'sla_outages', 'sla_report_imports', 'sla_terms']) await db.schema.dropTable(table).execute();
}
