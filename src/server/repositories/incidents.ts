import { type ExpressionBuilder, type Selectable } from 'kysely';
import type { Database, IncidentActionTable, IncidentEventTable, IncidentParticipantTable, IncidentTable } from '../db/schema.ts';
import { likeContains, sortable, type Executor } from './executor.ts';

export type IncidentRow = Selectable<IncidentTable>;
export type ParticipantRow = Selectable<IncidentParticipantTable>;
export type EventRow = Selectable<IncidentEventTable>;
export type ActionRow = Selectable<IncidentActionTable>;

/**
 * Who is looking: an organisation, and the municipalities it coordinates when it is a prefecture or a
 * joint-use association. Incidents are shared objects, so every read is filtered by this viewer.
 */
export interface IncidentViewer {
  organisationId: string;
  coordinated: string[];
}

export interface IncidentFilter {
  status?: string;
  type?: string;
  q?: string;
  /** Only incidents touching this register entry of the viewer (directly or through its vendor service). */
  entry?: { id: string; vendorServiceId: string | null };
  ids?: string[];
  /** Only incidents the viewer sees as coordinator (or as the vendor), for the summary. */
  coordinatorOnly?: boolean;
  limit?: number;
}

type IncidentEb = ExpressionBuilder<Database & { i: IncidentTable }, 'i'>;

const participantOf = (eb: IncidentEb, organisationIds: string[]) =>
  eb.exists(eb.selectFrom('incident_participants as vp').select('vp.incident_id').whereRef('vp.incident_id', '=', 'i.id').where('vp.organisation_id', 'in', organisationIds));

function asVendor(eb: IncidentEb, organisationId: string) {
  return eb.and([eb('i.vendor_organisation_id', '=', organisationId), eb.or([eb('i.reporter_kind', '=', 'vendor'), eb('i.shared_with_vendor', '=', 1)])]);
}

function asCoordinator(eb: IncidentEb, viewer: IncidentViewer) {
  return eb.and([eb.or([eb('i.reporter_kind', '=', 'vendor'), eb('i.shared_with_prefecture', '=', 1)]), participantOf(eb, viewer.coordinated)]);
}

/** The reporter, every participant, the vendor when the incident is its own or shared with it, and the coordinators of a participant. */
function visibleTo(eb: IncidentEb, viewer: IncidentViewer) {
  const ways = [eb('i.organisation_id', '=', viewer.organisationId), participantOf(eb, [viewer.organisationId]), asVendor(eb, viewer.organisationId)];
  if (viewer.coordinated.length) ways.push(asCoordinator(eb, viewer));
  return eb.or(ways);
}

function withNames(db: Executor, viewerOrganisationId: string) {
  return db
    .selectFrom('incidents as i')
    .innerJoin('organisations as r', 'r.id', 'i.organisation_id')
    .leftJoin('organisations as vo', 'vo.id', 'i.vendor_organisation_id')
    .leftJoin('vendor_services as s', 's.id', 'i.vendor_service_id')
    .leftJoin('incident_participants as me', (join) => join.onRef('me.incident_id', '=', 'i.id').on('me.organisation_id', '=', viewerOrganisationId))
    .selectAll('i')
    .select(['r.name as reporter_name', 'vo.name as vendor_organisation_name', 's.name as service_name', 'me.impact_status as my_impact_status', 'me.closed_at as my_closed_at'])
    .select((eb) => [
      eb.selectFrom('incident_participants as pc').select((e) => e.fn.countAll<number>().as('n')).whereRef('pc.incident_id', '=', 'i.id').as('participant_count'),
      // Another body's impact counts only once it shares it (the viewer's own always counts).
      eb
        .selectFrom('incident_participants as pa')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('pa.incident_id', '=', 'i.id')
        .where('pa.impact_status', '=', 'affected')
        .where((e) => e.or([e('pa.share_impact', '=', 1), e('pa.organisation_id', '=', viewerOrganisationId)]))
        .as('affected_count'),
      eb
        .selectFrom('incident_events as eo')
        .select((e) => e.fn.min<string>('eo.at').as('m'))
        .whereRef('eo.incident_id', '=', 'i.id')
        .where('eo.type', '=', 'occurred')
        .where((e) => e.or([e('eo.shared', '=', 1), e('eo.organisation_id', '=', viewerOrganisationId)]))
        .as('occurred_at'),
      // A municipality's own report on a service not on the platform: the vendor of its register entry.
      eb
        .selectFrom('incident_participants as rp')
        .innerJoin('register_entries as re', 're.id', 'rp.entry_id')
        .innerJoin('vendors as rv', 'rv.id', 're.vendor_id')
        .select('rv.name')
        .whereRef('rp.incident_id', '=', 'i.id')
        .whereRef('rp.organisation_id', '=', 'i.organisation_id')
        .limit(1)
        .as('entry_vendor_name'),
    ]);
}

export type IncidentWithNames = IncidentRow & {
  reporter_name: string;
  vendor_organisation_name: string | null;
  service_name: string | null;
  my_impact_status: string | null;
  my_closed_at: string | null;
  participant_count: number;
  affected_count: number;
  occurred_at: string | null;
  entry_vendor_name: string | null;
};

function normalise(row: any): IncidentWithNames {
  return { ...row, participant_count: Number(row.participant_count ?? 0), affected_count: Number(row.affected_count ?? 0), leak_estimate_yen: row.leak_estimate_yen === null ? null : Number(row.leak_estimate_yen) };
}

/** Incidents the viewer may see, newest first. */
export async function listVisibleIncidents(db: Executor, viewer: IncidentViewer, filter: IncidentFilter = {}): Promise<IncidentWithNames[]> {
  let query = withNames(db, viewer.organisationId).where((eb) =>
    filter.coordinatorOnly ? eb.or([asVendor(eb, viewer.organisationId), ...(viewer.coordinated.length ? [asCoordinator(eb, viewer)] : [])]) : visibleTo(eb, viewer),
  );
  if (filter.status) query = query.where('i.status', '=', filter.status);
  if (filter.type) query = query.where('i.type', '=', filter.type);
  if (filter.q) query = query.where((eb) => eb.or([likeContains('i.title', filter.q!), likeContains('vo.name', filter.q!), likeContains('s.name', filter.q!)]));
  if (filter.ids) {
    if (!filter.ids.length) return [];
    query = query.where('i.id', 'in', filter.ids);
  }
  if (filter.entry) {
    const { id, vendorServiceId } = filter.entry;
    query = query.where('me.organisation_id', '=', viewer.organisationId).where((eb) => (vendorServiceId ? eb.or([eb('me.entry_id', '=', id), eb('i.vendor_service_id', '=', vendorServiceId)]) : eb('me.entry_id', '=', id)));
  }
  const rows = await query.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(filter.limit ?? 500).execute();
  return rows.map(normalise);
}

/** One incident, when the viewer may see it. */
export async function findVisibleIncident(db: Executor, viewer: IncidentViewer, id: string): Promise<IncidentWithNames | undefined> {
  const row = await withNames(db, viewer.organisationId)
    .where('i.id', '=', id)
    .where((eb) => visibleTo(eb, viewer))
    .executeTakeFirst();
  return row ? normalise(row) : undefined;
}

export async function insertIncident(db: Executor, row: IncidentRow): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
}

/** Only the reporting organisation changes the incident itself. */
export async function updateIncident(db: Executor, reporterOrganisationId: string, id: string, changes: Partial<IncidentRow>): Promise<void> {
  await db.updateTable('incidents').set(changes).where('organisation_id', '=', reporterOrganisationId).where('id', '=', id).execute();
}

/** Touches updated_at (a new event, impact or participant changes what lists show). */
export async function touchIncident(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('incidents').set({ updated_at: at }).where('id', '=', id).execute();
}

/** Open incidents a vendor reported on the service: a newly linked municipality joins them. */
export function openVendorIncidentsOfService(db: Executor, serviceId: string) {
  return db
    .selectFrom('incidents as i')
    .selectAll('i')
    .select((eb) =>
      eb.selectFrom('incident_events as eo').select((e) => e.fn.min<string>('eo.at').as('m')).whereRef('eo.incident_id', '=', 'i.id').where('eo.type', '=', 'occurred').where('eo.shared', '=', 1).as('occurred_at'),
    )
    .where('i.vendor_service_id', '=', serviceId)
    .where('i.reporter_kind', '=', 'vendor')
    .where('i.status', '!=', 'closed')
    .execute();
}

// ---- participants ----

export async function insertParticipants(db: Executor, rows: ParticipantRow[]): Promise<void> {
  // 10 columns × 1,000 rows stays well under SQLite's 32,766 bound parameters.
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('incident_participants').values(rows.slice(i, i + 1000)).execute();
}

export async function participantOrganisationIds(db: Executor, incidentId: string): Promise<string[]> {
  const rows = await db.selectFrom('incident_participants').select('organisation_id').where('incident_id', '=', incidentId).execute();
  return rows.map((r) => r.organisation_id);
}

export function findParticipant(db: Executor, incidentId: string, organisationId: string): Promise<ParticipantRow | undefined> {
  return db.selectFrom('incident_participants').selectAll().where('incident_id', '=', incidentId).where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function updateParticipant(db: Executor, incidentId: string, organisationId: string, changes: Partial<ParticipantRow>): Promise<void> {
  await db.updateTable('incident_participants').set(changes).where('incident_id', '=', incidentId).where('organisation_id', '=', organisationId).execute();
}

export type ParticipantWithNames = ParticipantRow & { organisation_name: string; organisation_name_en: string | null; entry_name: string | null; via_service_name?: string | null; via_entry_name?: string | null };

/** Participants of incidents with their names, optionally only those of some organisations. */
export async function listParticipants(db: Executor, incidentIds: string[], organisationIds?: string[]): Promise<ParticipantWithNames[]> {
  if (!incidentIds.length || (organisationIds && !organisationIds.length)) return [];
  const rows: ParticipantWithNames[] = [];
  for (let i = 0; i < incidentIds.length; i += 500) {
    let query = db
      .selectFrom('incident_participants as p')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .leftJoin('register_entries as e', (join) => join.onRef('e.id', '=', 'p.entry_id').onRef('e.organisation_id', '=', 'p.organisation_id'))
      // The way an incident came (through a service that runs on the failed one, or an entry of the body).
      .leftJoin('vendor_services as vs', 'vs.id', 'p.via_service_id')
      .leftJoin('register_entries as ve', (join) => join.onRef('ve.id', '=', 'p.via_entry_id').onRef('ve.organisation_id', '=', 'p.organisation_id'))
      .selectAll('p')
      .select(['o.name as organisation_name', 'o.name_en as organisation_name_en', 'e.name as entry_name', 'vs.name as via_service_name', 've.name as via_entry_name'])
      .where('p.incident_id', 'in', incidentIds.slice(i, i + 500));
    if (organisationIds) query = query.where('p.organisation_id', 'in', organisationIds);
    rows.push(...((await query.orderBy(sortable(db, 'o.name', true)).orderBy('p.organisation_id').execute()) as ParticipantWithNames[]));
  }
  return rows;
}

/** Departments of the organisation's entries an incident touches: its participant entry and the entries linked to the incident's service. */
export async function departmentsTouched(db: Executor, organisationId: string, entryId: string | null, serviceId: string | null): Promise<string[]> {
  if (!entryId && !serviceId) return [];
  const rows = await db
    .selectFrom('register_entries')
    .select('department')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([...(entryId ? [eb('id', '=', entryId)] : []), ...(serviceId ? [eb('vendor_service_id', '=', serviceId)] : [])]))
    .execute();
  return [...new Set(rows.map((r) => r.department))];
}

// ---- events ----

export async function insertEvents(db: Executor, rows: EventRow[]): Promise<void> {
  if (rows.length) await db.insertInto('incident_events').values(rows).execute();
}

export type EventWithNames = EventRow & { organisation_name: string; organisation_name_en: string | null };

/** The timeline as the viewer sees it: shared events and its own, in time order. */
export function listVisibleEvents(db: Executor, incidentId: string, viewerOrganisationId: string): Promise<EventWithNames[]> {
  return db
    .selectFrom('incident_events as ev')
    .innerJoin('organisations as o', 'o.id', 'ev.organisation_id')
    .selectAll('ev')
    .select(['o.name as organisation_name', 'o.name_en as organisation_name_en'])
    .where('ev.incident_id', '=', incidentId)
    .where((eb) => eb.or([eb('ev.shared', '=', 1), eb('ev.organisation_id', '=', viewerOrganisationId)]))
    .orderBy('ev.at')
    .orderBy('ev.created_at')
    .orderBy('ev.id')
    .execute();
}

/** The moments figures are made of, for many incidents, as the viewer sees them. */
export async function listTimelineMoments(db: Executor, incidentIds: string[], viewerOrganisationId: string, types: string[]) {
  const rows: { incident_id: string; type: string; at: string }[] = [];
  for (let i = 0; i < incidentIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('incident_events')
        .select(['incident_id', 'type', 'at'])
        .where('incident_id', 'in', incidentIds.slice(i, i + 500))
        .where('type', 'in', types)
        .where((eb) => eb.or([eb('shared', '=', 1), eb('organisation_id', '=', viewerOrganisationId)]))
        .execute()),
    );
  }
  return rows;
}

// ---- actions (each organisation's own) ----

export function listActions(db: Executor, organisationId: string, incidentId: string): Promise<ActionRow[]> {
  return db.selectFrom('incident_actions').selectAll().where('organisation_id', '=', organisationId).where('incident_id', '=', incidentId).orderBy('due_on').orderBy('created_at').orderBy('id').execute();
}

export function findAction(db: Executor, organisationId: string, incidentId: string, id: string): Promise<ActionRow | undefined> {
  return db.selectFrom('incident_actions').selectAll().where('organisation_id', '=', organisationId).where('incident_id', '=', incidentId).where('id', '=', id).executeTakeFirst();
}

export async function insertAction(db: Executor, row: ActionRow): Promise<void> {
  await db.insertInto('incident_actions').values(row).execute();
}

export async function updateAction(db: Executor, organisationId: string, id: string, changes: Partial<ActionRow>): Promise<void> {
  await db.updateTable('incident_actions').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function countActions(db: Executor, organisationId: string, incidentId: string): Promise<number> {
  const row = await db.selectFrom('incident_actions').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', organisationId).where('incident_id', '=', incidentId).executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- what the organisation committed to (read from the contacts and SLA features) ----

/** Per register entry of the organisation: the contract's first-report commitment and the SLA's MTTR. */
export async function commitmentsOfEntries(db: Executor, organisationId: string, entryIds: string[]) {
  if (!entryIds.length) return new Map<string, { first_report_minutes: number | null; mttr_target_minutes: number | null }>();
  const rows = await db
    .selectFrom('register_entries as e')
    .leftJoin('contact_settings as c', (join) => join.onRef('c.entry_id', '=', 'e.id').onRef('c.organisation_id', '=', 'e.organisation_id'))
    .leftJoin('sla_terms as t', (join) => join.onRef('t.entry_id', '=', 'e.id').onRef('t.organisation_id', '=', 'e.organisation_id'))
    .select(['e.id', 'c.first_report_minutes', 't.mttr_target_minutes'])
    .where('e.organisation_id', '=', organisationId)
    .where('e.id', 'in', entryIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { first_report_minutes: r.first_report_minutes === null ? null : Number(r.first_report_minutes), mttr_target_minutes: r.mttr_target_minutes === null ? null : Number(r.mttr_target_minutes) }]));
}

/** Vendor organisations whose services the organisation's entries link to (for the per-vendor figures). */
export async function linkedVendorNames(db: Executor, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('register_entries as e')
    .innerJoin('vendor_services as s', 's.id', 'e.vendor_service_id')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select('o.name')
    .distinct()
    .where('e.organisation_id', '=', organisationId)
    .execute();
  return rows.map((r) => r.name);
}

/** Organisations that coordinate a municipality: its prefecture and the associations it belongs to. */
export async function coordinatorsOf(db: Executor, municipalityId: string): Promise<string[]> {
  const [organisation, associations] = await Promise.all([
    db.selectFrom('organisations').select('prefecture_id').where('id', '=', municipalityId).executeTakeFirst(),
    db.selectFrom('association_members').select('association_id').where('municipality_id', '=', municipalityId).execute(),
  ]);
  return [...(organisation?.prefecture_id ? [organisation.prefecture_id] : []), ...associations.map((a) => a.association_id)];
}

export function organisationName(db: Executor, id: string) {
  return db.selectFrom('organisations').select(['name', 'kind']).where('id', '=', id).executeTakeFirst();
}
