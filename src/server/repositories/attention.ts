import type { Executor } from './executor.ts';

// The few reads the 要対応 list needs that no feature had in this shape: per assessment item rather
// than per assessment (for the reviewer), the organisation's pending answer requests across its
// entries, and the moment each vendor last spoke on its incidents. Every query takes the organisation
// id, except the last, which reads only incidents the caller was already shown.

/** Open (unsettled) items of the organisation due before `before` (overdue and due soon), with their entry. */
export function openItemsDueBefore(db: Executor, organisationId: string, before: string, unsettled: readonly string[]) {
  return db
    .selectFrom('assessment_items as i')
    .innerJoin('assessments as a', (join) => join.onRef('a.id', '=', 'i.assessment_id').onRef('a.organisation_id', '=', 'i.organisation_id'))
    .innerJoin('register_entries as e', (join) => join.onRef('e.id', '=', 'a.register_entry_id').onRef('e.organisation_id', '=', 'a.organisation_id'))
    .select(['i.assessment_id', 'i.due_date', 'i.reviewer_user_id', 'a.catalogue_urn', 'e.id as entry_id', 'e.name as entry_name', 'e.external_key', 'e.department'])
    .where('i.organisation_id', '=', organisationId)
    .where('i.archived', '=', 0)
    .where('i.status', 'in', [...unsettled])
    .where('i.due_date', 'is not', null)
    .where('i.due_date', '<', before)
    .execute() as Promise<{ assessment_id: string; due_date: string; reviewer_user_id: string | null; catalogue_urn: string; entry_id: string; entry_name: string; external_key: string; department: string }[]>;
}

/** The organisation's answer requests still waiting for the vendor, with the entry and service they concern. */
export function pendingRequestsOfOrganisation(db: Executor, organisationId: string) {
  return db
    .selectFrom('answer_requests as r')
    .innerJoin('register_entries as e', (join) => join.onRef('e.id', '=', 'r.register_entry_id').onRef('e.organisation_id', '=', 'r.organisation_id'))
    .innerJoin('vendor_services as s', 's.id', 'r.vendor_service_id')
    .innerJoin('organisations as vo', 'vo.id', 's.organisation_id')
    .select(['r.id', 'r.catalogue_urn', 'r.due_date', 'r.requested_by', 'r.created_at', 'e.id as entry_id', 'e.name as entry_name', 'e.external_key', 'e.department', 's.name as service_name', 'vo.name as vendor_name'])
    .where('r.organisation_id', '=', organisationId)
    .where('r.status', '=', 'pending')
    .orderBy('r.due_date')
    .orderBy('r.id')
    .execute();
}

/** Per incident, when its vendor last posted a shared event (its report included). */
export async function lastVendorUpdates(db: Executor, incidentIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < incidentIds.length; i += 500) {
    const rows = await db
      .selectFrom('incident_events as ev')
      .innerJoin('incidents as inc', 'inc.id', 'ev.incident_id')
      .select('ev.incident_id')
      .select((eb) => eb.fn.max<string>('ev.created_at').as('last_at'))
      .where('ev.incident_id', 'in', incidentIds.slice(i, i + 500))
      .where('ev.shared', '=', 1)
      .whereRef('ev.organisation_id', '=', 'inc.vendor_organisation_id')
      .groupBy('ev.incident_id')
      .execute();
    for (const row of rows) if (row.last_at) out.set(row.incident_id, row.last_at);
  }
  return out;
}
