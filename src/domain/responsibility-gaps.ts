// 責任分界: what is missing from an entry's responsibility matrix. Pure: the caller supplies the layers
// (from the catalogue), the entry's parties, its cells and fault roles, and which parties can be
// reached during an incident (連絡体制, phase 'incident'). The server words each gap.

export const GAP_KINDS = [
  'layer_no_owner',
  'layer_two_owners',
  'layer_no_backup',
  'no_detection',
  'no_first_triage',
  'triage_no_incident_contact',
  'no_first_report',
  'first_report_no_commitment',
  'no_recovery',
] as const;
export type GapKind = (typeof GAP_KINDS)[number];

export interface GapLayer {
  id: string;
  order: number;
  backup_expected: boolean;
}
export interface GapParty {
  id: string;
  role: string;
  name: string;
}
export interface GapCell {
  layer_id: string;
  party_id: string;
  duty: string | null;
  backup: boolean;
}
export interface GapFaultRole {
  role: string;
  party_id: string;
  commitment_minutes: number | null;
}
export interface Gap {
  kind: GapKind;
  layer_id?: string;
  role?: string;
  party_id?: string;
  /** layer_two_owners: every accountable party of the layer. */
  party_ids?: string[];
}

export interface GapInput {
  layers: readonly GapLayer[];
  parties: readonly GapParty[];
  cells: readonly GapCell[];
  roles: readonly GapFaultRole[];
  /** Parties that have an incident-phase (障害発生時) contact in 連絡体制. */
  partiesWithIncidentContact: ReadonlySet<string>;
}

const ROLE_GAPS: { role: string; kind: GapKind }[] = [
  { role: 'detection', kind: 'no_detection' },
  { role: 'first_triage', kind: 'no_first_triage' },
  { role: 'first_report', kind: 'no_first_report' },
  { role: 'recovery', kind: 'no_recovery' },
];

/**
 * The gaps of a matrix, layers first (in catalogue order), then the fault roles. Cells and roles that
 * name a party not among `parties` are ignored (a removed party leaves a gap, not an owner).
 */
export function responsibilityGaps(input: GapInput): Gap[] {
  const partyById = new Map(input.parties.map((p) => [p.id, p]));
  const cells = input.cells.filter((c) => partyById.has(c.party_id));
  const gaps: Gap[] = [];
  for (const layer of [...input.layers].sort((a, b) => a.order - b.order)) {
    const own = cells.filter((c) => c.layer_id === layer.id);
    const accountable = own.filter((c) => c.duty === 'accountable').map((c) => c.party_id);
    if (accountable.length === 0) gaps.push({ kind: 'layer_no_owner', layer_id: layer.id });
    else if (accountable.length > 1) gaps.push({ kind: 'layer_two_owners', layer_id: layer.id, party_ids: accountable });
    if (layer.backup_expected && !own.some((c) => c.backup)) gaps.push({ kind: 'layer_no_backup', layer_id: layer.id });
  }
  const roles = input.roles.filter((r) => partyById.has(r.party_id));
  for (const { role, kind } of ROLE_GAPS) {
    const assigned = roles.find((r) => r.role === role);
    if (!assigned) {
      gaps.push({ kind, role });
      continue;
    }
    if (role === 'first_triage') {
      const party = partyById.get(assigned.party_id)!;
      if (party.role !== 'municipality' && !input.partiesWithIncidentContact.has(party.id)) gaps.push({ kind: 'triage_no_incident_contact', role, party_id: party.id });
    }
    if (role === 'first_report' && (assigned.commitment_minutes === null || assigned.commitment_minutes === undefined)) gaps.push({ kind: 'first_report_no_commitment', role, party_id: assigned.party_id });
  }
  return gaps;
}

/**
 * Which parties have an incident contact. A contact of phase 'incident' that names its party counts
 * for it; a vendor-side incident contact that names no party counts for every party whose vendor is
 * the entry's own vendor (register_entries.vendor_id).
 */
export function partiesWithIncidentContact(
  contacts: readonly { phase: string; side: string; party_id: string | null }[],
  parties: readonly { id: string; vendor_id: string | null }[],
  entryVendorId: string | null,
): Set<string> {
  const found = new Set<string>();
  const known = new Set(parties.map((p) => p.id));
  let unnamedVendorContact = false;
  for (const c of contacts) {
    if (c.phase !== 'incident') continue;
    if (c.party_id && known.has(c.party_id)) found.add(c.party_id);
    else if (!c.party_id && c.side === 'vendor') unnamedVendorContact = true;
  }
  if (unnamedVendorContact && entryVendorId) for (const p of parties) if (p.vendor_id === entryVendorId) found.add(p.id);
  return found;
}
