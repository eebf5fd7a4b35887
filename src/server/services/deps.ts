import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { Dialect } from '../db/connect.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { OrganisationKind, Role } from '../../shared/roles.ts';
import type { Catalogues } from '../catalogs/load.ts';

/** What every service needs; built once in buildApp and handed down. */
export interface Deps {
  db: Kysely<Database>;
  dialect: Dialect;
  config: Config;
  secretBox: SecretBox;
  /** Signs audit checkpoints; derived from the master key (security/audit-key.ts), never stored. */
  auditKey: Buffer;
  log: FastifyBaseLogger;
  now: () => Date;
  catalogues: Catalogues;
}

/** Who is acting: a signed-in user, an API token, or the system itself (CLI, jobs). */
export interface Actor {
  userId: string | null;
  organisationId: string;
  organisationKind: OrganisationKind;
  role: Role;
  label: string;
  via: 'session' | 'token' | 'system';
  ip: string | null;
  sessionId?: string;
  tokenId?: string;
  /** 所管課 of the user; null means every department of the organisation. */
  department?: string | null;
}

export function systemActor(organisationId: string, label = 'system'): Actor {
  return { userId: null, organisationId, organisationKind: 'operator', role: 'operator_admin', label, via: 'system', ip: null };
}
