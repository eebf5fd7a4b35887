// 責任分界: the responsibility matrix of a register entry (layers × parties, fault roles), a vendor's
// declared standard split on its service profile, and adopting that split into an entry.
import { z } from 'zod';
import { bi } from '../messages.ts';
import { FAULT_ROLES, PARTY_ROLES, RESPONSIBILITY_DUTIES } from '../parties.ts';
import { idSchema } from './common.ts';
import type { ErrorDetail } from '../errors.ts';

/** At most this many cells in one matrix (11 layers × many parties). */
export const MAX_MATRIX_CELLS = 2000;
export const SPLIT_PARTY_ROLES = ['self', ...PARTY_ROLES] as const;
export type SplitPartyRole = (typeof SPLIT_PARTY_ROLES)[number];

const layerId = z.string({ error: bi('階層を指定してください', 'Name the layer') }).min(1, { error: bi('階層を指定してください', 'Name the layer') }).max(200);
const duty = z.enum(RESPONSIBILITY_DUTIES, { error: bi('役割はA（責任者）・R（実施）・C（協議）・I（報告先）のいずれかです', 'The duty is A, R, C or I') }).nullable();
const backup = z.boolean({ error: bi('バックアップの有無を指定してください', 'Say whether the party backs the layer up') });
const faultRole = z.enum(FAULT_ROLES, { error: bi('障害時の役割（検知・一次切り分け・第一報・復旧）を選んでください', 'Choose the fault role (detection, first triage, first report, recovery)') });
const minutes = z
  .number({ error: bi('第一報の期限を分で入力してください', 'Enter the first-report commitment in minutes') })
  .int({ error: bi('分は整数で入力してください', 'Use whole minutes') })
  .min(1, { error: bi('1分以上で入力してください', 'Enter at least 1 minute') })
  .max(10_080, { error: bi('7日（10080分）以内で入力してください', 'At most 7 days (10,080 minutes)') })
  .nullable();
const note = z.string().trim().max(500, { error: bi('500文字以内で入力してください', 'Use at most 500 characters') }).nullable();
const splitPartyRole = z.enum(SPLIT_PARTY_ROLES, { error: bi('関係事業者の役割を選んでください', 'Choose the party role') });

export const matrixCellBody = z.object({ layer_id: layerId, party_id: idSchema, duty, backup });
export const faultRoleBody = z.object({ role: faultRole, party_id: idSchema, commitment_minutes: minutes, note });
export const matrixBody = z.object({
  cells: z.array(matrixCellBody).max(MAX_MATRIX_CELLS, { error: bi(`セルは${MAX_MATRIX_CELLS}件までです`, `At most ${MAX_MATRIX_CELLS} cells`) }),
  roles: z.array(faultRoleBody).max(20, { error: bi('障害時の役割が多すぎます', 'Too many fault roles') }),
});

export const splitBody = z.object({
  cells: z.array(z.object({ layer_id: layerId, party_role: splitPartyRole, duty, backup })).max(500, { error: bi('セルは500件までです', 'At most 500 cells') }),
  roles: z.array(z.object({ role: faultRole, party_role: splitPartyRole, commitment_minutes: minutes, note })).max(20, { error: bi('障害時の役割が多すぎます', 'Too many fault roles') }),
  notes: z.string().trim().max(2000, { error: bi('2000文字以内で入力してください', 'Use at most 2000 characters') }).nullable(),
});

export const adoptBody = z.object({
  service_id: idSchema,
  mapping: z.partialRecord(splitPartyRole, idSchema),
});

/**
 * The rules across rows the schema cannot see, for the entry's matrix and a vendor's split alike: one
 * cell per layer and party, at most one accountable party per layer, a cell says something (a duty or a
 * backup), each fault role once. `who` is the party id or party role of a row.
 */
export function checkMatrixRows(
  cells: readonly { layer_id: string; duty: string | null; backup: boolean }[],
  roles: readonly { role: string }[],
  who: (index: number) => string,
  layerName: (id: string) => string,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  const accountable = new Map<string, number>();
  cells.forEach((c, i) => {
    const key = `${c.layer_id}\u0000${who(i)}`;
    if (seen.has(key)) problems.push({ field: `cells.${i}.party_id`, reason: bi(`「${layerName(c.layer_id)}」に同じ関係事業者のセルが2つあります`, `"${layerName(c.layer_id)}" has two cells for the same party`) });
    seen.add(key);
    if (c.duty === null && !c.backup) problems.push({ field: `cells.${i}.duty`, reason: bi('役割（A・R・C・I）を選ぶか、バックアップを指定してください', 'Choose a duty (A, R, C, I) or mark the backup') });
    if (c.duty === 'accountable') {
      const first = accountable.get(c.layer_id);
      if (first === undefined) accountable.set(c.layer_id, i);
      else
        problems.push({
          field: `cells.${i}.duty`,
          reason: bi(`「${layerName(c.layer_id)}」の責任者（A）は1者だけです（${first + 1}件目と重複）`, `"${layerName(c.layer_id)}" has exactly one accountable party (same as cell ${first + 1})`),
        });
    }
  });
  const seenRoles = new Set<string>();
  roles.forEach((r, i) => {
    if (seenRoles.has(r.role)) problems.push({ field: `roles.${i}.role`, reason: bi('障害時の役割はそれぞれ1者だけです', 'Each fault role names exactly one party') });
    seenRoles.add(r.role);
  });
  return problems;
}

const bilingual = z.object({ ja: z.string(), en: z.string() });

export const matrixLayer = z.object({ id: z.string(), order: z.number(), name: bilingual, description: bilingual, backup_expected: z.boolean() });
export const matrixParty = z.object({ id: z.string(), name: z.string(), role: z.enum(PARTY_ROLES) });
export const matrixCell = z.object({ layer_id: z.string(), party_id: z.string(), duty: z.enum(RESPONSIBILITY_DUTIES).nullable(), backup: z.boolean() });
export const matrixRole = z.object({ role: z.enum(FAULT_ROLES), party_id: z.string(), commitment_minutes: z.number().nullable(), note: z.string().nullable() });
export const matrixGap = z.object({
  kind: z.string(),
  layer_id: z.string().optional(),
  role: z.string().optional(),
  party_id: z.string().optional(),
  reason: bilingual,
});
export const declaredSplit = z.object({
  cells: z.array(z.object({ layer_id: z.string(), party_role: z.enum(SPLIT_PARTY_ROLES), duty: z.enum(RESPONSIBILITY_DUTIES).nullable(), backup: z.boolean() })),
  roles: z.array(z.object({ role: z.enum(FAULT_ROLES), party_role: z.enum(SPLIT_PARTY_ROLES), commitment_minutes: z.number().nullable(), note: z.string().nullable() })),
  notes: z.string().nullable(),
});

export const matrixView = z.object({
  layers: z.array(matrixLayer),
  parties: z.array(matrixParty),
  cells: z.array(matrixCell),
  roles: z.array(matrixRole),
  gaps: z.array(matrixGap),
  declared: z
    .object({
      service_id: z.string(),
      service_name: z.string(),
      vendor_name: z.string(),
      updated_at: z.string(),
      split: declaredSplit,
      /** party role → the party of this entry the split would be copied to (when one is obvious). */
      suggested_mapping: z.record(z.string(), z.string()),
    })
    .nullable(),
  adoption: z
    .object({
      service_id: z.string(),
      service_name: z.string(),
      adopted_at: z.string(),
      adopted_by_label: z.string(),
      /** What the vendor changed in its split since it was adopted, in words. */
      differences: z.array(bilingual),
    })
    .nullable(),
  can_edit: z.boolean(),
});

export const adoptResponse = matrixView.extend({
  /** Party roles of the split that the mapping left out (their cells and roles were not copied). */
  skipped: z.array(z.enum(SPLIT_PARTY_ROLES)),
});

export const splitView = z.object({
  service_id: z.string(),
  service_name: z.string(),
  vendor_name: z.string(),
  layers: z.array(matrixLayer),
  split: declaredSplit.nullable(),
  updated_at: z.string().nullable(),
  updated_by_label: z.string().nullable(),
  can_edit: z.boolean(),
});
