import type { Kysely } from 'kysely';

/**
 * 責任分界と委託先: the parties of a service, who owns each layer, who triages first, and what runs on what.
 *
 * - `entry_parties`: every party of a register entry (a vendor of the organisation's list or a vendor
 *   organisation on the platform, optionally the platform service it provides), with its role;
 *   subcontractors name their parent party, so the re-subcontracting chain is a tree, and carry the
 *   municipality's approval (requested / approved / refused).
 * - `entry_responsibilities`: the responsibility matrix, one row per (layer, party) cell: the duty
 *   (accountable / responsible / consulted / informed) and whether the party backs the layer up.
 *   Layers are catalogue ids (catalogs/reference/responsibility-layers.yaml).
 * - `entry_fault_roles`: who detects a fault, triages first (一次切り分け), reports first (within how
 *   many minutes) and recovers: one party each per entry.
 * - `vendor_service_splits`: a vendor's standard split declared once on its service profile, in party
 *   roles; `entry_split_adoptions`: the copy an entry adopted, so later changes show as a difference.
 * - `entry_dependencies` / `vendor_service_dependencies`: what runs on what (SaaS on an IaaS, systems
 *   in one data centre); incidents fan out along them, marked with the path (`via_*` on participants).
 * - Register entries gain 標準化対象業務 and ガバメントクラウド; organisations the allowed subcontract depth;
 *   contacts may name the party they belong to.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('register_entries').addColumn('standardised_business', 'varchar(60)').execute();
  await db.schema.alterTable('register_entries').addColumn('government_cloud', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('organisations').addColumn('subcontract_max_depth', 'integer', (c) => c.notNull().defaultTo(2)).execute();

  await db.schema
    .createTable('entry_parties')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('role', 'varchar(40)', (c) => c.notNull())
    .addColumn('vendor_id', 'varchar(36)', (c) => c.references('vendors.id'))
    .addColumn('vendor_organisation_id', 'varchar(36)', (c) => c.references('organisations.id'))
    .addColumn('vendor_service_id', 'varchar(36)', (c) => c.references('vendor_services.id'))
    .addColumn('parent_party_id', 'varchar(36)', (c) => c.references('entry_parties.id'))
    .addColumn('contract_reference', 'varchar(200)')
    .addColumn('data_handled', 'text')
    .addColumn('may_carry_data_out', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('standard_app', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('approval_status', 'varchar(20)')
    .addColumn('approval_requested_on', 'varchar(10)')
    .addColumn('approval_decided_on', 'varchar(10)')
    .addColumn('approver', 'varchar(200)')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entry_parties_entry_idx').on('entry_parties').columns(['organisation_id', 'entry_id']).execute();
  await db.schema.createIndex('entry_parties_vendor_idx').on('entry_parties').column('vendor_id').execute();
  await db.schema.createIndex('entry_parties_vendor_org_idx').on('entry_parties').column('vendor_organisation_id').execute();
  await db.schema.createIndex('entry_parties_service_idx').on('entry_parties').column('vendor_service_id').execute();
  await db.schema.createIndex('entry_parties_parent_idx').on('entry_parties').column('parent_party_id').execute();

  await db.schema
    .createTable('entry_responsibilities')
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('layer_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('party_id', 'varchar(36)', (c) => c.notNull().references('entry_parties.id'))
    .addColumn('duty', 'varchar(20)')
    .addColumn('backup', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('entry_responsibilities_pk', ['entry_id', 'layer_id', 'party_id'])
    .execute();
  await db.schema.createIndex('entry_responsibilities_party_idx').on('entry_responsibilities').column('party_id').execute();

  await db.schema
    .createTable('entry_fault_roles')
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('party_id', 'varchar(36)', (c) => c.notNull().references('entry_parties.id'))
    .addColumn('commitment_minutes', 'integer')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('entry_fault_roles_pk', ['entry_id', 'role'])
    .execute();
  await db.schema.createIndex('entry_fault_roles_party_idx').on('entry_fault_roles').column('party_id').execute();

  await db.schema
    .createTable('vendor_service_splits')
    .addColumn('service_id', 'varchar(36)', (c) => c.primaryKey().references('vendor_services.id'))
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('split_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_by_label', 'varchar(200)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('entry_split_adoptions')
    .addColumn('entry_id', 'varchar(36)', (c) => c.primaryKey().references('register_entries.id'))
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('service_id', 'varchar(36)', (c) => c.notNull().references('vendor_services.id'))
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('adopted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('adopted_by_label', 'varchar(200)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entry_split_adoptions_service_idx').on('entry_split_adoptions').column('service_id').execute();

  await db.schema
    .createTable('entry_dependencies')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('depends_on_entry_id', 'varchar(36)', (c) => c.references('register_entries.id'))
    .addColumn('depends_on_service_id', 'varchar(36)', (c) => c.references('vendor_services.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by_label', 'varchar(200)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entry_dependencies_entry_idx').on('entry_dependencies').columns(['organisation_id', 'entry_id']).execute();
  await db.schema.createIndex('entry_dependencies_on_entry_idx').on('entry_dependencies').column('depends_on_entry_id').execute();
  await db.schema.createIndex('entry_dependencies_on_service_idx').on('entry_dependencies').column('depends_on_service_id').execute();

  await db.schema
    .createTable('vendor_service_dependencies')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('service_id', 'varchar(36)', (c) => c.notNull().references('vendor_services.id'))
    .addColumn('depends_on_service_id', 'varchar(36)', (c) => c.notNull().references('vendor_services.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by_label', 'varchar(200)', (c) => c.notNull())
    .addUniqueConstraint('vendor_service_dependencies_uq', ['service_id', 'depends_on_service_id'])
    .execute();
  await db.schema.createIndex('vendor_service_dependencies_on_idx').on('vendor_service_dependencies').column('depends_on_service_id').execute();

  await db.schema.alterTable('incident_participants').addColumn('via_service_id', 'varchar(36)', (c) => c.references('vendor_services.id')).execute();
  await db.schema.alterTable('incident_participants').addColumn('via_entry_id', 'varchar(36)', (c) => c.references('register_entries.id')).execute();
  await db.schema.alterTable('contacts').addColumn('party_id', 'varchar(36)', (c) => c.references('entry_parties.id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contacts').dropColumn('party_id').execute();
  await db.schema.alterTable('incident_participants').dropColumn('via_entry_id').execute();
  await db.schema.alterTable('incident_participants').dropColumn('via_service_id').execute();
  for (const table of ['vendor_service_dependencies', 'entry_dependencies', 'entry_split_adoptions', 'vendor_service_splits', 'entry_fault_roles', 'entry_responsibilities', 'entry_parties']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('organisations').dropColumn('subcontract_max_depth').execute();
  await db.schema.alterTable('register_entries').dropColumn('government_cloud').execute();
  await db.schema.alterTable('register_entries').dropColumn('standardised_business').execute();
}
