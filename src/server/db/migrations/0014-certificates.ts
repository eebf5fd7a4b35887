import type { Kysely } from 'kysely';

/**
 * Certificates (第三者認証):
 * - `certificates`: a typed certificate kept by its holder's organisation — a vendor on the platform
 *   (published on its service profiles, `certificate_services`) or a municipality for a vendor of its own
 *   list that is not on the platform (`vendor_id`, seen only by that municipality). The file is an
 *   attachment (target_type 'certificate') encrypted under the owner's data key, with its sha256.
 * - `certificate_services`: which of the vendor's services a certificate covers (its scope).
 * - `certificate_citations`: a municipality cites a certificate as evidence on an assessment item;
 *   `reopened_for` keeps the end date whose passing already reopened the item, so it reopens once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('certificates')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('vendor_id', 'varchar(36)', (c) => c.references('vendors.id'))
    .addColumn('scheme', 'varchar(20)', (c) => c.notNull())
    .addColumn('edition', 'varchar(10)')
    .addColumn('soc_type', 'varchar(10)')
    .addColumn('number', 'varchar(100)')
    .addColumn('issuer', 'varchar(200)')
    .addColumn('scope', 'text')
    .addColumn('sites', 'text')
    .addColumn('regions', 'varchar(500)')
    .addColumn('issued_on', 'varchar(10)')
    .addColumn('period_from', 'varchar(10)')
    .addColumn('period_to', 'varchar(10)')
    .addColumn('valid_until', 'varchar(10)')
    .addColumn('renewal_pending', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('certificates_org_idx').on('certificates').column('organisation_id').execute();
  await db.schema.createIndex('certificates_vendor_idx').on('certificates').column('vendor_id').execute();

  await db.schema
    .createTable('certificate_services')
    .addColumn('certificate_id', 'varchar(36)', (c) => c.notNull().references('certificates.id'))
    .addColumn('vendor_service_id', 'varchar(36)', (c) => c.notNull().references('vendor_services.id'))
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addPrimaryKeyConstraint('certificate_services_pk', ['certificate_id', 'vendor_service_id'])
    .execute();
  await db.schema.createIndex('certificate_services_service_idx').on('certificate_services').column('vendor_service_id').execute();

  await db.schema
    .createTable('certificate_citations')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('assessment_item_id', 'varchar(36)', (c) => c.notNull().references('assessment_items.id'))
    .addColumn('certificate_id', 'varchar(36)', (c) => c.notNull().references('certificates.id'))
    .addColumn('cited_by_label', 'varchar(300)', (c) => c.notNull())
    .addColumn('cited_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('reopened_for', 'varchar(10)')
    .execute();
  await db.schema.createIndex('certificate_citations_item_idx').on('certificate_citations').columns(['organisation_id', 'assessment_item_id']).execute();
  await db.schema.createIndex('certificate_citations_cert_idx').on('certificate_citations').column('certificate_id').execute();
  await db.schema.createIndex('certificate_citations_unique').on('certificate_citations').columns(['assessment_item_id', 'certificate_id']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificate_citations').execute();
  await db.schema.dropTable('certificate_services').execute();
  await db.schema.dropTable('certificates').execute();
}
