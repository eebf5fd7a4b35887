// SLA vocabularies shared by the server and the web app (one definition each).

export const SLA_AUDIENCES = ['residents', 'staff'] as const;
export type SlaAudience = (typeof SLA_AUDIENCES)[number];

export const START_BASES = ['occurred', 'detected', 'reported', 'confirmed'] as const;
export type StartBasis = (typeof START_BASES)[number];

export { OUTAGE_CAUSES, type OutageCause } from '../domain/sla/availability.ts';

export const OUTAGE_SOURCES = ['manual', 'vendor_report', 'probe'] as const;
export type OutageSource = (typeof OUTAGE_SOURCES)[number];

export const REVIEW_KINDS = ['scheduled', 'ad_hoc'] as const;

export const SLA_ITEM_CODES = ['service_hours', 'availability', 'dr_method', 'backup_format', 'mttr', 'status_check_method', 'customisability', 'concurrent_users', 'backup_method', 'backup_retention'] as const;
export type SlaItemCode = (typeof SLA_ITEM_CODES)[number];

/** The descriptive SLA items stored as text on the terms (availability, MTTR and hours are structured). */
export const SLA_TEXT_ITEMS = ['dr_method', 'backup_format', 'status_check_method', 'customisability', 'concurrent_users', 'backup_method', 'backup_retention'] as const;
export type SlaTextItem = (typeof SLA_TEXT_ITEMS)[number];

export const LABELS = {
  audience: { residents: { ja: '住民向け', en: 'Resident-facing' }, staff: { ja: '職員向け', en: 'Staff-facing' } },
  startBasis: {
    occurred: { ja: '発生時点', en: 'When it occurred' },
    detected: { ja: '検知時点', en: 'When detected' },
    reported: { ja: '利用者への報告時点', en: 'When reported to us' },
    confirmed: { ja: '事業者の確認時点', en: 'When the vendor confirmed it' },
  },
  cause: {
    vendor: { ja: '事業者側の障害', en: 'Vendor-side fault' },
    planned_maintenance: { ja: '計画停止（保守）', en: 'Planned maintenance' },
    force_majeure: { ja: '不可抗力（天災等）', en: 'Force majeure' },
    third_party_attack: { ja: '第三者による攻撃', en: 'Attack by a third party' },
    customer_side: { ja: '利用者側の原因', en: 'Customer-side cause' },
    unknown: { ja: '原因不明', en: 'Unknown' },
  },
  source: {
    manual: { ja: '手入力', en: 'Entered by hand' },
    vendor_report: { ja: '事業者報告', en: 'Vendor report' },
    probe: { ja: '自団体の監視', en: 'Our monitor' },
  },
  reviewKind: { scheduled: { ja: '定期', en: 'Scheduled' }, ad_hoc: { ja: '臨時', en: 'Ad hoc' } },
} as const;

/** A Japan-time month as `YYYY-MM`. */
export const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function parseYearMonth(value: string): { year: number; month: number } {
  const m = YEAR_MONTH.exec(value);
  if (!m) throw new Error(`not a year-month: ${value}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function formatYearMonth(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Months from `from` to `to` inclusive, oldest first. */
export function monthsBetween(from: string, to: string): { year: number; month: number }[] {
  const a = parseYearMonth(from);
  const b = parseYearMonth(to);
  const out: { year: number; month: number }[] = [];
  for (let y = a.year, m = a.month; y < b.year || (y === b.year && m <= b.month); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) out.push({ year: y, month: m });
  return out;
}
