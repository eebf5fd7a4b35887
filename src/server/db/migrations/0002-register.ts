import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // 所管課: an editor with a department edits only that department's entries.
  await db.schema.alterTable('users').addColumn('department', 'varchar(100)').execute();

  await db.schema
    .createTable('vendors')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('corporate_number', 'varchar(13)')
    .addColumn('address', 'varchar(300)')
    .addColumn('contact_name', 'varchar(100)')
    .addColumn('contact_email', 'varchar(254)')
    .addColumn('contact_phone', 'varchar(40)')
    .addColumn('certifications', 'text')
    .addColumn('notes', 'text')
    .addColumn('vendor_organisation_id', 'varchar(36)', (c) => c.references('organisations.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('vendors_org_name_uq', ['organisation_id', 'name'])
    .execute();
  await db.schema.createIndex('vendors_org_corporate_idx').on('vendors').columns(['organisation_id', 'corporate_number']).execute();

  await db.schema
    .createTable('register_categories')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('code', 'varchar(40)')
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(100)')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('register_categories_org_name_uq', ['organisation_id', 'name'])
    .execute();

  await db.schema
    .createTable('register_entries')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('external_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('vendor_id', 'varchar(36)', (c) => c.references('vendors.id'))
    .addColumn('service_model', 'varchar(20)', (c) => c.notNull())
    .addColumn('category_id', 'varchar(36)', (c) => c.notNull().references('register_categories.id'))
    .addColumn('department', 'varchar(100)', (c) => c.notNull())
    .addColumn('business_purpose', 'text')
    .addColumn('users_description', 'varchar(500)')
    .addColumn('network_zone', 'varchar(20)', (c) => c.notNull())
    .addColumn('data_location', 'varchar(20)', (c) => c.notNull())
    .addColumn('data_region', 'varchar(200)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('contract_form', 'varchar(20)', (c) => c.notNull())
    .addColumn('contract_start', 'varchar(10)')
    .addColumn('contract_end', 'varchar(10)')
    .addColumn('notice_period_days', 'integer')
    .addColumn('auto_renewal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('annual_cost', 'bigint')
    .addColumn('contract_number', 'varchar(100)')
    .addColumn('data_kinds', 'text', (c) => c.notNull())
    .addColumn('residents_held', 'integer')
    .addColumn('related_services', 'text')
    .addColumn('notes', 'text')
    .addColumn('scheme_id', 'varchar(80)', (c) => c.notNull())
    .addColumn('confidentiality', 'varchar(5)', (c) => c.notNull())
    .addColumn('confidentiality_level', 'integer', (c) => c.notNull())
    .addColumn('confidentiality_reason', 'text')
    .addColumn('resident_impact', 'integer', (c) => c.notNull())
    .addColumn('resident_impact_reason', 'text')
    .addColumn('mental_distress', 'integer', (c) => c.notNull())
    .addColumn('economic_loss', 'integer', (c) => c.notNull())
    .addColumn('distress_loss_overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('override_reason', 'text')
    // Derived from the levels and data kinds; stored so the list can sort and filter on them.
    .addColumn('administrative_impact', 'integer', (c) => c.notNull())
    .addColumn('leak_estimate_yen', 'bigint', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('register_entries_org_key_uq', ['organisation_id', 'external_key'])
    .execute();
  for (const column of ['administrative_impact', 'category_id', 'status', 'network_zone', 'vendor_id', 'updated_at']) {
    await db.schema.createIndex(`register_entries_org_${column}_idx`).on('register_entries').columns(['organisation_id', column]).execute();
  }

  await db.schema
    .createTable('classification_history')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_label', 'varchar(300)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('classification_history_entry_idx').on('classification_history').columns(['entry_id', 'at']).execute();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('query_json', 'text', (c) => c.notNull())
    .addColumn('columns_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_views_user_idx').on('saved_views').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['saved_views', 'classification_history', 'register_entries', 'register_categories', 'vendors']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('users').dropColumn('department').execute();
}
