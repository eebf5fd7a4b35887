import type { ActionRow, EventWithNames, IncidentWithNames, ParticipantWithNames } from '../repositories/incidents.ts';
import type { VendorServiceWithVendor } from '../repositories/vendor-services.ts';
import { toBool } from '../repositories/executor.ts';
import type { EventType, ImpactStatus, IncidentSeverity, IncidentStatus, IncidentType, SeenImpactStatus } from '../../shared/incidents.ts';

// What leaves the server about incidents. The participant views are where tenancy lives: each
// organisation's impact notes stay with it, and what others see depends on who they are.

const num = (value: number | string | null | undefined) => (value === null || value === undefined ? null : Number(value));

export function presentVendorService(row: VendorServiceWithVendor & { linked_organisations?: number }) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    vendor: { id: row.organisation_id, name: row.vendor_name, corporate_number: row.vendor_corporate_number },
    ...(row.linked_organisations !== undefined ? { linked_organisations: row.linked_organisations } : {}),
  };
}

/** The link as the register entry shows it. */
export function presentEntryVendorService(row: VendorServiceWithVendor | null | undefined) {
  return row ? { id: row.id, name: row.name, vendor_organisation_id: row.organisation_id, vendor_name: row.vendor_name } : null;
}

export function vendorNameOf(row: IncidentWithNames): string | null {
  return row.vendor_organisation_name ?? row.entry_vendor_name ?? null;
}

export function presentIncidentItem(row: IncidentWithNames) {
  return {
    id: row.id,
    title: row.title,
    type: row.type as IncidentType,
    severity: row.severity as IncidentSeverity,
    status: row.status as IncidentStatus,
    reporter_kind: row.reporter_kind as 'vendor' | 'municipality',
    reporter_name: row.reporter_name,
    vendor_service: row.vendor_service_id ? { id: row.vendor_service_id, name: row.service_name ?? '' } : null,
    vendor_name: vendorNameOf(row),
    occurred_at: row.occurred_at ?? null,
    participant_count: row.participant_count,
    affected_count: row.affected_count,
    my_impact_status: (row.my_impact_status ?? null) as ImpactStatus | null,
    my_closed: Boolean(row.my_closed_at),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function presentEvent(row: EventWithNames, viewerOrganisationId: string) {
  return {
    id: row.id,
    type: row.type as EventType,
    at: row.at,
    source: row.source,
    note: row.note,
    shared: toBool(row.shared),
    organisation_name: row.organisation_name,
    organisation_name_en: row.organisation_name_en,
    mine: row.organisation_id === viewerOrganisationId,
  };
}

/**
 * full: the organisation's own row. shared: another municipality that chose to share (name and status).
 * vendor / coordinator: name and closing; status and residents only when shared; never the notes or the entry.
 */
export type ParticipantView = 'full' | 'shared' | 'vendor' | 'coordinator';

/** A body's impact as anyone else sees it: its status once it shares it, 'undisclosed' until then. */
export function seenImpactStatus(row: { impact_status: string; share_impact: number | boolean }): SeenImpactStatus {
  return toBool(row.share_impact) ? (row.impact_status as ImpactStatus) : 'undisclosed';
}

export function presentParticipant(row: ParticipantWithNames, view: ParticipantView) {
  const shared = toBool(row.share_impact);
  const full = view === 'full';
  return {
    organisation_id: row.organisation_id,
    organisation_name: row.organisation_name,
    organisation_name_en: row.organisation_name_en,
    entry_id: full ? row.entry_id : null,
    entry_name: full ? (row.entry_name ?? null) : null,
    // Until a body shares its impact, nobody else sees how it stands: only that it takes part.
    impact_status: full ? (row.impact_status as ImpactStatus) : seenImpactStatus(row),
    residents_affected: full || (view !== 'shared' && shared) ? num(row.residents_affected) : null,
    impact_notes: full ? row.impact_notes : null,
    share_impact: shared,
    closed_at: view === 'shared' ? null : row.closed_at,
    // 「<service>経由」: everyone sees the service it came through; only the body itself its own entry.
    via_service: row.via_service_id ? { id: row.via_service_id, name: row.via_service_name ?? '' } : null,
    via_entry: full && row.via_entry_id ? { id: row.via_entry_id, name: row.via_entry_name ?? '' } : null,
  };
}

export function presentAction(row: ActionRow) {
  return { id: row.id, title: row.title, owner: row.owner, due_on: row.due_on, status: row.status as 'open' | 'in_progress' | 'done', done_on: row.done_on };
}
