import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as platform from './migrations/0001-platform.ts';
import * as register from './migrations/0002-register.ts';
import * as attachments from './migrations/0003-attachments.ts';
import * as sla from './migrations/0004-sla.ts';
import * as incidents from './migrations/0005-incidents.ts';
import * as assessments from './migrations/0006-assessments.ts';
import * as hardening from './migrations/0007-hardening.ts';
import * as dailyWork from './migrations/0008-daily-work.ts';
import * as digest from './migrations/0009-digest.ts';
import * as parties from './migrations/0010-parties.ts';
import * as certificates from './migrations/0014-certificates.ts';
import * as unknownLogins from './migrations/0015-unknown-logins.ts';

// Migrations are imported statically (not read from a folder) so that they run the same under tsx,
// in tests and in a bundled build. Append new ones here in order.
const MIGRATIONS: Record<string, Migration> = {
  '0001-platform': platform,
  '0002-register': register,
  '0003-attachments': attachments,
  '0004-sla': sla,
  '0005-incidents': incidents,
  '0006-assessments': assessments,
  '0007-hardening': hardening,
  '0008-daily-work': dailyWork,
  '0009-digest': digest,
  '0010-parties': parties,
  '0014-certificates': certificates,
  '0015-unknown-logins': unknownLogins,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** Brings the schema to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Features are built side by side and numbered ahead; a database migrated by one branch must still
  // take a lower-numbered migration that lands later.
  const migrator = new Migrator({ db, provider: new StaticProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String((error as Error).message ?? error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
