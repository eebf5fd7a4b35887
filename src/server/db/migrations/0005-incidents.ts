import type { Kysely } from 'kysely';

// Incidents: vendors' service profiles (what a vendor offers, linked from municipalities' register
// entries), contact structures and drills per entry, incidents with a typed timeline, each
// municipality's impact and actions, in-app notifications and a mail outbox.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('vendor_services')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('vendor_services_org_name_uq', ['organisation_id', 'name'])
    .execute();
  await db.schema.alterTable('register_entries').addColumn('vendor_service_id', 'varchar(36)', (c) => c.references('vendor_services.id')).execute();
  await db.schema.createIndex('register_entries_vendor_service_idx').on('register_entries').column('vendor_service_id').execute();

  await db.schema
    .createTable('contact_settings')
    .addColumn('entry_id', 'varchar(36)', (c) => c.primaryKey().references('register_entries.id'))
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('first_report_minutes', 'integer')
    .addColumn('last_verified_on', 'varchar(10)')
    .addColumn('reverify_interval_months', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_by_label', 'varchar(300)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('contacts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('phase', 'varchar(20)', (c) => c.notNull())
    .addColumn('side', 'varchar(20)', (c) => c.notNull())
    .addColumn('escalation_order', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('role_title', 'varchar(100)')
    .addColumn('phone', 'varchar(40)')
    .addColumn('email', 'varchar(254)')
    .addColumn('notes', 'varchar(500)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_entry_idx').on('contacts').columns(['organisation_id', 'entry_id', 'phase', 'escalation_order']).execute();
  await db.schema
    .createTable('contact_drills')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('participants', 'varchar(500)')
    .addColumn('findings', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by_label', 'varchar(300)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_drills_entry_idx').on('contact_drills').columns(['organisation_id', 'entry_id', 'held_on']).execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    // The organisation that reported it: a vendor (for all its linked municipalities) or a municipality.
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('reporter_kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('vendor_service_id', 'varchar(36)', (c) => c.references('vendor_services.id'))
    .addColumn('vendor_organisation_id', 'varchar(36)', (c) => c.references('organisations.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('type', 'varchar(30)', (c) => c.notNull())
    .addColumn('severity', 'varchar(20)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('data_kinds', 'text', (c) => c.notNull())
    .addColumn('records_affected', 'integer')
    .addColumn('residents_affected', 'integer')
    .addColumn('leak_estimate_yen', 'bigint')
    .addColumn('shared_with_vendor', 'integer', (c) => c.notNull())
    .addColumn('shared_with_prefecture', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('closed_at', 'varchar(30)')
    .addColumn('created_by_label', 'varchar(300)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_org_idx').on('incidents').columns(['organisation_id', 'created_at']).execute();
  await db.schema.createIndex('incidents_vendor_idx').on('incidents').columns(['vendor_organisation_id', 'created_at']).execute();

  // One row per organisation that takes part: the municipalities whose register links to the
  // service (each with its own impact, kept private unless shared), and the reporter itself.
  await db.schema
    .createTable('incident_participants')
    .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id'))
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('entry_id', 'varchar(36)', (c) => c.references('register_entries.id'))
    .addColumn('impact_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('residents_affected', 'integer')
    .addColumn('impact_notes', 'text')
    .addColumn('share_impact', 'integer', (c) => c.notNull())
    // Each municipality closes its own handling (with its prevention actions); the reporter closes the incident.
    .addColumn('closed_at', 'varchar(30)')
    .addColumn('joined_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_participants_pk', ['incident_id', 'organisation_id'])
    .execute();
  await db.schema.createIndex('incident_participants_org_idx').on('incident_participants').columns(['organisation_id', 'joined_at']).execute();

  await db.schema
    .createTable('incident_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id'))
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('type', 'varchar(30)', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('source', 'varchar(200)')
    .addColumn('note', 'text')
    // Shared with every participant, or kept to the author's organisation.
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by_label', 'varchar(300)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_events_incident_idx').on('incident_events').columns(['incident_id', 'at']).execute();

  await db.schema
    .createTable('incident_actions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id'))
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('owner', 'varchar(100)', (c) => c.notNull())
    .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('done_on', 'varchar(10)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_actions_idx').on('incident_actions').columns(['organisation_id', 'incident_id']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('link', 'varchar(500)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('email', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();

  // Written in the same transaction as the event it announces; a sender delivers and retries.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('to_address', 'varchar(254)', (c) => c.notNull())
    .addColumn('subject', 'varchar(300)', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('lease_until', 'varchar(30)')
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('message_id', 'varchar(300)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('mail_outbox_due_idx').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['mail_outbox', 'notification_preferences', 'notifications', 'incident_actions', 'incident_events', 'incident_participants', 'incidents', 'contact_drills', 'contacts', 'contact_settings']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('register_entries_vendor_service_idx').execute();
  await db.schema.alterTable('register_entries').dropColumn('vendor_service_id').execute();
  await db.schema.dropTable('vendor_services').execute();
}
