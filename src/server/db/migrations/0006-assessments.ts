import type { Kysely } from 'kysely';

/**
 * Confirmation (確認) with vendors: catalogue versions, per-entry assessments, vendors' answers that
 * every linked municipality can read, answer requests, vendor invitations and importance surveys.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Every catalogue version ever used, with its content, so an assessment keeps the version it was
  // made against after the file moves on. scope = 'platform' or the organisation's id (own questionnaires).
  await db.schema
    .createTable('catalogue_versions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('scope', 'varchar(36)', (c) => c.notNull())
    .addColumn('catalogue_urn', 'varchar(200)', (c) => c.notNull())
    .addColumn('version', 'varchar(40)', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('name_ja', 'varchar(300)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(300)', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('source', 'varchar(20)', (c) => c.notNull())
    .addColumn('source_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('catalogue_versions_uq', ['scope', 'catalogue_urn', 'version'])
    .execute();

  // Which catalogue an entry's assessment follows, by the entry's administrative impact.
  await db.schema
    .createTable('assessment_rules')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('catalogue_urn', 'varchar(200)', (c) => c.notNull())
    .addColumn('min_impact', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('assessment_rules_uq', ['organisation_id', 'catalogue_urn'])
    .execute();

  await db.schema
    .createTable('assessments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('register_entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('catalogue_version_id', 'varchar(36)', (c) => c.notNull().references('catalogue_versions.id'))
    .addColumn('catalogue_urn', 'varchar(200)', (c) => c.notNull())
    .addColumn('started_by', 'varchar(36)')
    .addColumn('started_label', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('assessments_entry_catalogue_uq', ['organisation_id', 'register_entry_id', 'catalogue_urn'])
    .execute();
  await db.schema.createIndex('assessments_entry_idx').on('assessments').columns(['register_entry_id']).execute();

  await db.schema
    .createTable('assessment_items')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('assessment_id', 'varchar(36)', (c) => c.notNull().references('assessments.id'))
    // The version of the catalogue this item follows (an item can be migrated to a newer version on its own).
    .addColumn('catalogue_version_id', 'varchar(36)', (c) => c.notNull().references('catalogue_versions.id'))
    .addColumn('item_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('category_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('due_date', 'varchar(10)')
    .addColumn('reviewer_user_id', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('confirmed_before_use', 'integer')
    .addColumn('policy_defined', 'varchar(20)', (c) => c.notNull())
    .addColumn('vendor_answer_id', 'varchar(36)')
    .addColumn('vendor_review', 'varchar(20)')
    .addColumn('vendor_review_note', 'text')
    .addColumn('vendor_reviewed_at', 'varchar(30)')
    .addColumn('archived', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_by_label', 'varchar(300)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('assessment_items_key_uq', ['assessment_id', 'item_key'])
    .execute();
  await db.schema.createIndex('assessment_items_due_idx').on('assessment_items').columns(['organisation_id', 'status', 'due_date']).execute();

  await db.schema
    .createTable('assessment_comments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('assessment_item_id', 'varchar(36)', (c) => c.notNull().references('assessment_items.id'))
    .addColumn('author_user_id', 'varchar(36)')
    .addColumn('author_label', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assessment_comments_item_idx').on('assessment_comments').columns(['assessment_item_id']).execute();

  // A vendor answers an item once per service; each change is a new revision, the latest is current.
  await db.schema.alterTable('vendor_services').addColumn('answer_terms', 'text').execute();
  await db.schema
    .createTable('vendor_answers')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('vendor_service_id', 'varchar(36)', (c) => c.notNull().references('vendor_services.id'))
    .addColumn('catalogue_urn', 'varchar(200)', (c) => c.notNull())
    .addColumn('catalogue_version_id', 'varchar(36)', (c) => c.notNull().references('catalogue_versions.id'))
    .addColumn('item_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('note', 'text')
    .addColumn('sharing', 'varchar(20)', (c) => c.notNull())
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addColumn('answered_by', 'varchar(36)')
    .addColumn('answered_label', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('vendor_answers_revision_uq', ['vendor_service_id', 'catalogue_urn', 'item_key', 'revision'])
    .execute();
  await db.schema.createIndex('vendor_answers_current_idx').on('vendor_answers').columns(['vendor_service_id', 'catalogue_urn', 'is_current']).execute();

  // A municipality asks the vendor of a linked service for its answers to a catalogue.
  await db.schema
    .createTable('answer_requests')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('vendor_service_id', 'varchar(36)', (c) => c.notNull().references('vendor_services.id'))
    .addColumn('register_entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('catalogue_urn', 'varchar(200)', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('terms_accepted_at', 'varchar(30)')
    .addColumn('terms_accepted_label', 'varchar(300)')
    .addColumn('requested_by', 'varchar(36)')
    .addColumn('requested_label', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('answered_at', 'varchar(30)')
    .addColumn('last_reminded_at', 'varchar(30)')
    .addUniqueConstraint('answer_requests_uq', ['organisation_id', 'vendor_service_id', 'catalogue_urn'])
    .execute();
  await db.schema.createIndex('answer_requests_service_idx').on('answer_requests').columns(['vendor_service_id', 'status']).execute();

  // A vendor not yet on the platform: a mailed link (only its hash is kept) lets it create its account.
  await db.schema
    .createTable('vendor_invitations')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('register_entry_id', 'varchar(36)', (c) => c.notNull().references('register_entries.id'))
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    .addColumn('vendor_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('service_name', 'varchar(200)', (c) => c.notNull())
    // What the invitation carries into the account it creates: the vendor's 法人番号 (suggested) and
    // the catalogue whose answers are requested at once, with the request's due date.
    .addColumn('corporate_number', 'varchar(13)')
    .addColumn('catalogue_urn', 'varchar(200)')
    .addColumn('due_date', 'varchar(10)')
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('accepted_at', 'varchar(30)')
    .addColumn('revoked_at', 'varchar(30)')
    .addColumn('vendor_organisation_id', 'varchar(36)', (c) => c.references('organisations.id'))
    .addColumn('invited_by', 'varchar(36)')
    .addColumn('invited_label', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  // The paper's importance survey, run across organisations on a catalogue's items.
  await db.schema
    .createTable('surveys')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('catalogue_version_id', 'varchar(36)', (c) => c.notNull().references('catalogue_versions.id'))
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('closes_on', 'varchar(10)')
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('survey_participants')
    .addColumn('survey_id', 'varchar(36)', (c) => c.notNull().references('surveys.id'))
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('submitted_at', 'varchar(30)')
    .addPrimaryKeyConstraint('survey_participants_pk', ['survey_id', 'organisation_id'])
    .execute();
  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('survey_id', 'varchar(36)', (c) => c.notNull().references('surveys.id'))
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('item_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('importance', 'varchar(30)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('answered_label', 'varchar(300)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('survey_responses_uq', ['survey_id', 'organisation_id', 'item_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['survey_responses', 'survey_participants', 'surveys', 'vendor_invitations', 'answer_requests', 'vendor_answers', 'assessment_comments', 'assessment_items', 'assessments', 'assessment_rules', 'catalogue_versions']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('vendor_services').dropColumn('answer_terms').execute();
}
