import type { z } from 'zod';
import type { contactResponse, contactSettingsResponse, drillResponse } from '../../shared/schemas/contacts.ts';
import type { ContactDrillRow, ContactRow, ContactSettingsRow } from '../repositories/contacts.ts';
import { CONTACT_PHASES, type ContactPhase } from '../../shared/incidents.ts';

export function presentContactSettings(row: ContactSettingsRow): z.infer<typeof contactSettingsResponse> {
  return {
    first_report_minutes: row.first_report_minutes === null ? null : Number(row.first_report_minutes),
    last_verified_on: row.last_verified_on,
    reverify_interval_months: Number(row.reverify_interval_months),
    notes: row.notes,
    updated_at: row.updated_at,
    updated_by_label: row.updated_by_label,
  };
}

export function presentContact(row: ContactRow): z.infer<typeof contactResponse> {
  return {
    id: row.id,
    phase: row.phase as ContactPhase,
    side: row.side as 'vendor' | 'municipal',
    escalation_order: Number(row.escalation_order),
    name: row.name,
    role_title: row.role_title,
    phone: row.phone,
    email: row.email,
    notes: row.notes,
    party_id: row.party_id,
  };
}

/** Contacts grouped by phase, each phase in escalation order. */
export function presentContactsByPhase(rows: ContactRow[]): Record<ContactPhase, z.infer<typeof contactResponse>[]> {
  const grouped = Object.fromEntries(CONTACT_PHASES.map((p) => [p, [] as z.infer<typeof contactResponse>[]])) as Record<ContactPhase, z.infer<typeof contactResponse>[]>;
  for (const row of rows) grouped[row.phase as ContactPhase]?.push(presentContact(row));
  for (const phase of CONTACT_PHASES) grouped[phase].sort((a, b) => a.escalation_order - b.escalation_order || a.id.localeCompare(b.id));
  return grouped;
}

/** The structure as the audit log keeps it (without row ids, which change on every replacement). */
export function auditedStructure(settings: ContactSettingsRow | undefined, rows: ContactRow[], partyNames: ReadonlyMap<string, string> = new Map()) {
  if (!settings) return undefined;
  const byPhase = presentContactsByPhase(rows);
  // The party is recorded by its name (a reader does not know party ids).
  const strip = ({ id: _id, phase: _phase, party_id, ...rest }: z.infer<typeof contactResponse>) => (party_id ? { ...rest, party: partyNames.get(party_id) ?? party_id } : rest);
  return {
    first_report_minutes: settings.first_report_minutes,
    reverify_interval_months: settings.reverify_interval_months,
    last_verified_on: settings.last_verified_on,
    notes: settings.notes,
    contacts: Object.fromEntries(CONTACT_PHASES.map((p) => [p, byPhase[p].map(strip)])),
  };
}

export function presentDrill(row: ContactDrillRow): z.infer<typeof drillResponse> {
  return {
    id: row.id,
    held_on: row.held_on,
    scenario: row.scenario,
    participants: row.participants,
    findings: row.findings,
    created_at: row.created_at,
    created_by_label: row.created_by_label,
  };
}
