// Table types live in tables/, one file per feature; this file composes them into the Database that
// Kysely sees. Portable across SQLite and PostgreSQL: timestamps are ISO-8601 UTC text, booleans are
// 0/1 integers, JSON is text; repositories convert to domain types. A new feature adds
// tables/<feature>.ts (its row types and a <Feature>Tables interface) and one name to the list below.
import type { PlatformTables } from './tables/platform.ts';
import type { RegisterTables } from './tables/register.ts';
import type { SlaTables } from './tables/sla.ts';
import type { IncidentsTables } from './tables/incidents.ts';
import type { ContactsTables } from './tables/contacts.ts';
import type { NotificationsTables } from './tables/notifications.ts';
import type { ConfirmationTables } from './tables/confirmation.ts';
import type { SurveysTables } from './tables/surveys.ts';
import type { PartiesTables } from './tables/parties.ts';
import type { CertificatesTables } from './tables/certificates.ts';

export type * from './tables/platform.ts';
export type * from './tables/register.ts';
export type * from './tables/sla.ts';
export type * from './tables/incidents.ts';
export type * from './tables/contacts.ts';
export type * from './tables/notifications.ts';
export type * from './tables/confirmation.ts';
export type * from './tables/surveys.ts';
export type * from './tables/parties.ts';
export type * from './tables/certificates.ts';

export interface Database
  extends PlatformTables,
    RegisterTables,
    SlaTables,
    IncidentsTables,
    ContactsTables,
    NotificationsTables,
    ConfirmationTables,
    SurveysTables,
    PartiesTables,
    CertificatesTables {}
