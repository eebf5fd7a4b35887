// Certificates (第三者認証) and how long each stays valid, by its scheme's own rule. Pure: dates are
// calendar dates (YYYY-MM-DD, Japan time), today is handed in.
//
// Periods are counted as Japanese law counts them (民法 140–143, the first day counted because the period
// runs 「から起算して」): a period of N months from a start day ends the day before the start day's
// number in the month N months later; where that month has no such day, on its last day. So a
// certificate issued 2023-01-10 for three years is valid through 2026-01-09, and one issued 2024-02-29
// for two years through 2026-02-28.
//
// - ISMAP / ISMAP-LIU: listed until one year four months counted from the day after the audited period ends.
// - Pマーク: two years from issue. ASPIC disclosure certification: two years from issue.
// - ISO/IEC 27001, 27017, 27018: three years from issue; an ISO/IEC 27001:2013 certificate is no longer
//   valid after 2025-10-31 (the end of the transition to the 2022 edition).
// - SOC 1 / SOC 2 reports do not expire: their age counts from the end of the period covered (type I:
//   the report date), and a report older than 12 months is stale.
// - Other: the valid-until date the holder entered, if any.
// A valid-until the holder entered that is later than the rule allows is flagged, and the earlier date counts.

export const CERTIFICATE_SCHEMES = ['ismap', 'ismap_liu', 'iso27001', 'iso27017', 'iso27018', 'soc1', 'soc2', 'pmark', 'aspic', 'other'] as const;
export type CertificateScheme = (typeof CERTIFICATE_SCHEMES)[number];

export const ISO27001_EDITIONS = ['2013', '2022'] as const;
export type Iso27001Edition = (typeof ISO27001_EDITIONS)[number];

export const SOC_TYPES = ['type1', 'type2'] as const;
export type SocType = (typeof SOC_TYPES)[number];

export const CERTIFICATE_STATES = ['valid', 'expiring', 'renewal_pending', 'expired', 'stale'] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

/** Days before the end of validity within which a certificate is 「期限間近」 and reminders start. */
export const EXPIRING_WITHIN_DAYS = 120;
/** Reminders go out at these many days before the end of validity, and once it has passed. */
export const REMINDER_DAYS = [120, 60, 30] as const;
/** The last day an ISO/IEC 27001:2013 certificate was valid. */
export const ISO27001_2013_LAST_DAY = '2025-10-31';

/**
 * ISMAP and ISMAP-LIU registration numbers as the registry lists them: a letter (C for ISMAP cloud
 * services, L for ISMAP-LIU), two digits (the fiscal year), a hyphen, four digits (the serial number), a
 * hyphen and one digit (the renewal count), e.g. C21-0001-1, L23-0001-1. Accepted in upper case only.
 */
export const ISMAP_NUMBER_PATTERN = /^[A-Z]\d{2}-\d{4}-\d$/;

export interface CertificateFacts {
  scheme: CertificateScheme;
  edition?: string | null;
  soc_type?: string | null;
  issued_on?: string | null;
  period_from?: string | null;
  period_to?: string | null;
  valid_until?: string | null;
  renewal_pending?: boolean;
}

type Bi = { ja: string; en: string };

export interface Validity {
  state: CertificateState;
  /** The last day the certificate counts (SOC: the last day the report is not stale); null: no end known. */
  valid_through: string | null;
  /** The last day the scheme's rule allows, where the rule gives one. */
  rule_through: string | null;
  /** The holder's valid-until is later than the rule allows. */
  exceeds_rule: boolean;
  /** Days from today to valid_through (negative once passed). */
  days_left: number | null;
  /** SOC reports: days since the period covered ended. */
  age_days: number | null;
  /** The rule in words, with the dates it gives. */
  rule: Bi;
}

const DAY = 86_400_000;

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
}

function iso(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** The last day of a period of `months` months that begins on `start` (start counted), as 民法 143 counts it. */
export function periodEnd(start: string, months: number): string {
  const [y, m, d] = parts(start);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const ty = target.getUTCFullYear();
  const tm = target.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (d > lastDay) return iso(ty, tm, lastDay);
  return addDays(iso(ty, tm, d), -1);
}

const slash = (date: string) => date.replaceAll('-', '/');

function ruleOf(facts: CertificateFacts): { through: string | null; words: Bi; stale?: boolean } {
  switch (facts.scheme) {
    case 'ismap':
    case 'ismap_liu': {
      if (!facts.period_to) return { through: null, words: { ja: '監査対象期間の末日の翌日から起算して1年4か月（監査対象期間が未入力のため計算できません）', en: 'One year four months from the day after the audited period ends (no audited period entered, so it cannot be computed)' } };
      const through = periodEnd(addDays(facts.period_to, 1), 16);
      return { through, words: { ja: `監査対象期間の末日（${slash(facts.period_to)}）の翌日から起算して1年4か月: ${slash(through)}まで`, en: `One year four months from the day after the audited period ends (${slash(facts.period_to)}): through ${slash(through)}` } };
    }
    case 'pmark':
    case 'aspic': {
      const name = facts.scheme === 'pmark' ? { ja: 'プライバシーマーク', en: 'PrivacyMark' } : { ja: 'ASPIC情報開示認定', en: 'ASPIC disclosure certification' };
      if (!facts.issued_on) return { through: null, words: { ja: `${name.ja}は有効期間2年（発行日が未入力のため計算できません）`, en: `${name.en} is valid for two years (no issue date entered, so it cannot be computed)` } };
      const through = periodEnd(facts.issued_on, 24);
      return { through, words: { ja: `${name.ja}は発行日（${slash(facts.issued_on)}）から2年: ${slash(through)}まで`, en: `${name.en}: two years from issue (${slash(facts.issued_on)}): through ${slash(through)}` } };
    }
    case 'iso27001':
    case 'iso27017':
    case 'iso27018': {
      const withdrawn = facts.scheme === 'iso27001' && facts.edition === '2013';
      const tail = withdrawn ? { ja: '。27001:2013の認証は2025/10/31を過ぎると無効', en: '; ISO/IEC 27001:2013 certificates are not valid after 2025/10/31' } : { ja: '', en: '' };
      if (!facts.issued_on) {
        if (withdrawn) return { through: ISO27001_2013_LAST_DAY, words: { ja: `ISO/IEC認証は発行日から3年${tail.ja}`, en: `ISO/IEC certificates: three years from issue${tail.en}` } };
        return { through: null, words: { ja: 'ISO/IEC認証は発行日から3年（発行日が未入力のため計算できません）', en: 'ISO/IEC certificates: three years from issue (no issue date entered, so it cannot be computed)' } };
      }
      let through = periodEnd(facts.issued_on, 36);
      if (withdrawn && through > ISO27001_2013_LAST_DAY) through = ISO27001_2013_LAST_DAY;
      return { through, words: { ja: `ISO/IEC認証は発行日（${slash(facts.issued_on)}）から3年${tail.ja}: ${slash(through)}まで`, en: `ISO/IEC certificates: three years from issue (${slash(facts.issued_on)})${tail.en}: through ${slash(through)}` } };
    }
    case 'soc1':
    case 'soc2': {
      const base = facts.period_to ?? facts.issued_on;
      if (!base) return { through: null, stale: true, words: { ja: 'SOC報告書は対象期間の末日からの経過で判断し、12か月を超えると古い報告書（対象期間が未入力）', en: 'A SOC report is judged by its age from the end of the period covered; older than 12 months is stale (no period entered)' } };
      const through = periodEnd(addDays(base, 1), 12);
      return { through, stale: true, words: { ja: `SOC報告書は対象期間の末日（${slash(base)}）からの経過で判断し、12か月を超えると古い報告書: ${slash(through)}まで`, en: `A SOC report is judged by its age from the end of the period covered (${slash(base)}); older than 12 months is stale: through ${slash(through)}` } };
    }
    default:
      return { through: null, words: { ja: '制度の規則はありません。入力された有効期限で判断します', en: 'No scheme rule; the valid-until date entered counts' } };
  }
}

/** Validity of a certificate on `today` by its scheme's rule (see the top of this file). */
export function certificateValidity(facts: CertificateFacts, today: string): Validity {
  const rule = ruleOf(facts);
  const entered = facts.valid_until ?? null;
  const exceeds = Boolean(entered && rule.through && entered > rule.through);
  const through = rule.through && entered ? (entered < rule.through ? entered : rule.through) : (rule.through ?? entered);
  const daysLeft = through ? daysBetween(today, through) : null;
  const base = rule.stale ? (facts.period_to ?? facts.issued_on ?? null) : null;
  let words = rule.words;
  if (exceeds) words = { ja: `${words.ja}（入力された有効期限 ${slash(entered!)} は規則より後のため、規則の期限で判断します）`, en: `${words.en} (the valid-until entered, ${slash(entered!)}, is later than the rule allows; the rule's date counts)` };
  let state: CertificateState;
  if (daysLeft !== null && daysLeft < 0) state = rule.stale ? 'stale' : 'expired';
  else if (facts.renewal_pending) state = 'renewal_pending';
  else if (daysLeft !== null && daysLeft <= EXPIRING_WITHIN_DAYS) state = 'expiring';
  else state = 'valid';
  return { state, valid_through: through, rule_through: rule.through, exceeds_rule: exceeds, days_left: daysLeft, age_days: base ? daysBetween(base, today) : null, rule: words };
}

/** A certificate that may be cited as evidence: not expired, not stale. */
export function isCitable(validity: Validity): boolean {
  return validity.state !== 'expired' && validity.state !== 'stale';
}

/**
 * Which reminder is due: 120, 60 or 30 days before the end of validity (the nearest threshold reached),
 * 'expired' once it has passed, null while further off or without an end.
 */
export function reminderStage(validity: Validity): '120' | '60' | '30' | 'expired' | null {
  if (validity.days_left === null) return null;
  if (validity.days_left < 0) return 'expired';
  for (const days of [...REMINDER_DAYS].reverse()) if (validity.days_left <= days) return String(days) as '30' | '60' | '120';
  return null;
}

export interface CertificateProblem {
  field: string;
  problem: 'number_required' | 'number_pattern' | 'valid_until_before_issued' | 'period_required' | 'period_order' | 'edition_required' | 'soc_type_required';
}

/** What is wrong with a certificate as a whole (fields that depend on each other and on the scheme). */
export function certificateProblems(facts: CertificateFacts & { number?: string | null }): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  if (facts.scheme === 'ismap' || facts.scheme === 'ismap_liu') {
    if (!facts.number) problems.push({ field: 'number', problem: 'number_required' });
    else if (!ISMAP_NUMBER_PATTERN.test(facts.number)) problems.push({ field: 'number', problem: 'number_pattern' });
  }
  if (facts.scheme === 'iso27001' && !facts.edition) problems.push({ field: 'edition', problem: 'edition_required' });
  if ((facts.scheme === 'soc1' || facts.scheme === 'soc2') && !facts.soc_type) problems.push({ field: 'soc_type', problem: 'soc_type_required' });
  if ((facts.scheme === 'soc1' || facts.scheme === 'soc2') && facts.soc_type === 'type2') {
    if (!facts.period_from) problems.push({ field: 'period_from', problem: 'period_required' });
    if (!facts.period_to) problems.push({ field: 'period_to', problem: 'period_required' });
  }
  if (facts.period_from && facts.period_to && facts.period_to < facts.period_from) problems.push({ field: 'period_to', problem: 'period_order' });
  if (facts.issued_on && facts.valid_until && facts.valid_until < facts.issued_on) problems.push({ field: 'valid_until', problem: 'valid_until_before_issued' });
  return problems;
}
