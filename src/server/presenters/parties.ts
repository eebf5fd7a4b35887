import type { ApprovalStatus, PartyRole } from '../../shared/parties.ts';
import type { Party, PartyFlag } from '../../shared/schemas/parties.ts';
import type { PartyWithNames } from '../repositories/parties.ts';
import { toBool } from '../repositories/executor.ts';

/** What a reader calls the party: the vendor's name, the platform organisation's, or the organisation itself. */
export function partyName(row: Pick<PartyWithNames, 'role' | 'vendor_name' | 'vendor_organisation_name' | 'organisation_name'>): string {
  if (row.role === 'municipality') return row.organisation_name;
  return row.vendor_name ?? row.vendor_organisation_name ?? '';
}

export function partyFlags(row: Pick<PartyWithNames, 'role' | 'approval_status'>, depth: number, maxDepth: number): PartyFlag[] {
  const flags: PartyFlag[] = [];
  if (row.role === 'subcontractor' && row.approval_status !== 'approved') flags.push('unapproved');
  if (depth > maxDepth) flags.push('too_deep');
  return flags;
}

export function presentParty(row: PartyWithNames, depth: number, maxDepth: number): Party {
  return {
    id: row.id,
    role: row.role as PartyRole,
    name: partyName(row),
    vendor: row.vendor_id ? { id: row.vendor_id, name: row.vendor_name ?? '', corporate_number: row.vendor_corporate_number } : null,
    vendor_organisation: row.vendor_organisation_id ? { id: row.vendor_organisation_id, name: row.vendor_organisation_name ?? '' } : null,
    vendor_service: row.vendor_service_id ? { id: row.vendor_service_id, name: row.vendor_service_name ?? '' } : null,
    parent_party_id: row.parent_party_id,
    depth,
    contract_reference: row.contract_reference,
    data_handled: row.data_handled,
    may_carry_data_out: toBool(row.may_carry_data_out),
    standard_app: toBool(row.standard_app),
    approval_status: (row.approval_status ?? null) as ApprovalStatus | null,
    approval_requested_on: row.approval_requested_on,
    approval_decided_on: row.approval_decided_on,
    approver: row.approver,
    notes: row.notes,
    flags: partyFlags(row, depth, maxDepth),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * The parties of one entry in tree order (each parent before its subcontractors, siblings in the order
 * given) with their depth. A party whose parent is missing is shown at the top level.
 */
export function arrangeParties<T extends Pick<PartyWithNames, 'id' | 'parent_party_id'>>(rows: T[]): { row: T; depth: number }[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const row of rows) {
    const parent = row.parent_party_id && ids.has(row.parent_party_id) ? row.parent_party_id : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const out: { row: T; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const row of children.get(parent) ?? []) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      out.push({ row, depth });
      walk(row.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function presentParties(rows: PartyWithNames[], maxDepth: number): Party[] {
  return arrangeParties(rows).map(({ row, depth }) => presentParty(row, depth, maxDepth));
}

/** A party as the audit log keeps it: names and words a reader knows, not ids. */
export function auditedParty(row: PartyWithNames, parentName: string | null) {
  return {
    party: partyName(row),
    party_role: row.role,
    vendor_service: row.vendor_service_name,
    parent_party: parentName,
    contract_reference: row.contract_reference,
    data_handled: row.data_handled,
    may_carry_data_out: toBool(row.may_carry_data_out),
    standard_app: toBool(row.standard_app),
    approval_status: row.approval_status,
    approval_requested_on: row.approval_requested_on,
    approval_decided_on: row.approval_decided_on,
    approver: row.approver,
    notes: row.notes,
  };
}
