import { describe, expect, it } from 'vitest';
import { partiesWithIncidentContact, responsibilityGaps, type GapCell, type GapFaultRole } from './responsibility-gaps.ts';

const layers = [
  { id: 'app', order: 2, backup_expected: true },
  { id: 'net', order: 1, backup_expected: false },
];
const parties = [
  { id: 'iaas', role: 'cloud_provider', name: 'クラウド社' },
  { id: 'apl', role: 'application_provider', name: 'アプリ社' },
  { id: 'city', role: 'municipality', name: '自団体' },
];
const fullRoles: GapFaultRole[] = [
  { role: 'detection', party_id: 'iaas', commitment_minutes: null },
  { role: 'first_triage', party_id: 'apl', commitment_minutes: null },
  { role: 'first_report', party_id: 'apl', commitment_minutes: 30 },
  { role: 'recovery', party_id: 'apl', commitment_minutes: null },
];
const fullCells: GapCell[] = [
  { layer_id: 'net', party_id: 'iaas', duty: 'accountable', backup: false },
  { layer_id: 'app', party_id: 'apl', duty: 'accountable', backup: true },
];

describe('responsibilityGaps', () => {
  it('names every gap of an empty matrix, layers in catalogue order, then the roles', () => {
    const gaps = responsibilityGaps({ layers, parties, cells: [], roles: [], partiesWithIncidentContact: new Set() });
    expect(gaps).toEqual([
      { kind: 'layer_no_owner', layer_id: 'net' },
      { kind: 'layer_no_owner', layer_id: 'app' },
      { kind: 'layer_no_backup', layer_id: 'app' },
      { kind: 'no_detection', role: 'detection' },
      { kind: 'no_first_triage', role: 'first_triage' },
      { kind: 'no_first_report', role: 'first_report' },
      { kind: 'no_recovery', role: 'recovery' },
    ]);
  });

  it('has no gap when every layer has one owner, backups are there and the triage party can be reached', () => {
    expect(responsibilityGaps({ layers, parties, cells: fullCells, roles: fullRoles, partiesWithIncidentContact: new Set(['apl']) })).toEqual([]);
  });

  it('flags two owners, a triage party without incident contact and a first report without minutes', () => {
    const cells = [...fullCells, { layer_id: 'net', party_id: 'city', duty: 'accountable', backup: false }];
    const roles = fullRoles.map((r) => (r.role === 'first_report' ? { ...r, commitment_minutes: null } : r));
    expect(responsibilityGaps({ layers, parties, cells, roles, partiesWithIncidentContact: new Set() })).toEqual([
      { kind: 'layer_two_owners', layer_id: 'net', party_ids: ['iaas', 'city'] },
      { kind: 'triage_no_incident_contact', role: 'first_triage', party_id: 'apl' },
      { kind: 'first_report_no_commitment', role: 'first_report', party_id: 'apl' },
    ]);
  });

  it('does not ask the municipality itself for an incident contact, and ignores unknown parties', () => {
    const roles = fullRoles.map((r) => (r.role === 'first_triage' ? { ...r, party_id: 'city' } : r));
    expect(responsibilityGaps({ layers, parties, cells: fullCells, roles, partiesWithIncidentContact: new Set() })).toEqual([]);
    const ghost = responsibilityGaps({ layers, parties, cells: [{ layer_id: 'net', party_id: 'gone', duty: 'accountable', backup: false }], roles: [], partiesWithIncidentContact: new Set() });
    expect(ghost[0]).toEqual({ kind: 'layer_no_owner', layer_id: 'net' });
  });
});

describe('partiesWithIncidentContact', () => {
  const ps = [
    { id: 'a', vendor_id: 'v1' },
    { id: 'b', vendor_id: 'v2' },
  ];
  it('counts a contact that names its party, and an unnamed vendor contact for the entry vendor', () => {
    expect([...partiesWithIncidentContact([{ phase: 'incident', side: 'vendor', party_id: 'b' }], ps, 'v1')]).toEqual(['b']);
    expect([...partiesWithIncidentContact([{ phase: 'incident', side: 'vendor', party_id: null }], ps, 'v1')]).toEqual(['a']);
    expect([...partiesWithIncidentContact([{ phase: 'normal', side: 'vendor', party_id: 'b' }, { phase: 'incident', side: 'municipal', party_id: null }], ps, 'v1')]).toEqual([]);
  });
});
