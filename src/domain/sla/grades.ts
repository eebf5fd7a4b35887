// Comparing a contract's SLA terms with the grades recommended for municipal clouds.

export type GradeCheck = { kind: 'defined' } | { kind: 'service_hours' } | { kind: 'min_percent'; value: number } | { kind: 'max_minutes'; value: number };

export interface GradeItem {
  code: string;
  name: { ja: string; en: string };
  check: GradeCheck;
}

/** The terms as far as the comparison needs them. */
export interface TermsForGrades {
  audience: 'residents' | 'staff';
  calendarKind: 'always' | 'office';
  availabilityTarget: number | null;
  mttrTargetMinutes: number | null;
  /** Descriptive items by code; empty or missing means not defined. */
  texts: Record<string, string | null | undefined>;
  startBasis: 'occurred' | 'detected' | 'reported' | 'confirmed';
  minimumOutageMinutes: number;
  creditBands: number;
}

export interface GradeFlag {
  item: string;
  severity: 'missing' | 'weaker' | 'note';
  reason: { ja: string; en: string };
}

function formatMinutes(minutes: number): { ja: string; en: string } {
  if (minutes % 60 === 0) return { ja: `${minutes / 60}時間`, en: `${minutes / 60} h` };
  return { ja: `${minutes}分`, en: `${minutes} min` };
}

function valueOf(terms: TermsForGrades, code: string): unknown {
  if (code === 'availability') return terms.availabilityTarget;
  if (code === 'mttr') return terms.mttrTargetMinutes;
  if (code === 'service_hours') return terms.calendarKind;
  const text = terms.texts[code];
  return text && text.trim() ? text : null;
}

/** Flags every term that is missing or weaker than its recommended grade, with the reason. */
export function compareWithGrades(terms: TermsForGrades, items: readonly GradeItem[]): GradeFlag[] {
  const flags: GradeFlag[] = [];
  for (const item of items) {
    const value = valueOf(terms, item.code);
    if (value === null || value === undefined) {
      flags.push({ item: item.code, severity: 'missing', reason: { ja: `${item.name.ja}が定められていない`, en: `${item.name.en} not defined` } });
      continue;
    }
    const check = item.check;
    if (check.kind === 'min_percent' && typeof value === 'number' && value < check.value) {
      flags.push({ item: item.code, severity: 'weaker', reason: { ja: `稼働率 ${value}% は推奨の ${check.value}% を下回る`, en: `Availability ${value}% is below the recommended ${check.value}%` } });
    }
    if (check.kind === 'max_minutes' && typeof value === 'number' && value > check.value) {
      const got = formatMinutes(value);
      const want = formatMinutes(check.value);
      flags.push({ item: item.code, severity: 'weaker', reason: { ja: `${item.name.ja} ${got.ja} は推奨の約${want.ja}より長い`, en: `${item.name.en} of ${got.en} is longer than the recommended ${want.en}` } });
    }
    if (check.kind === 'service_hours' && terms.audience === 'residents' && value === 'office') {
      flags.push({ item: item.code, severity: 'weaker', reason: { ja: '住民向けサービスが開庁時間のみの提供（推奨は24時間365日）', en: 'A resident-facing service runs in office hours only (24 h / 365 d recommended)' } });
    }
  }
  // How the contract counts matters as much as the target (seed 003 §2.3).
  if (terms.startBasis === 'confirmed') {
    flags.push({ item: 'counting', severity: 'note', reason: { ja: '停止時間を事業者の確認時点から数えるため、実際の停止より短く算定される', en: 'Outages count from the vendor’s confirmation, so they count shorter than they were' } });
  }
  if (terms.minimumOutageMinutes >= 5) {
    flags.push({ item: 'counting', severity: 'note', reason: { ja: `${terms.minimumOutageMinutes}分未満の停止は数えない契約（短い停止の繰り返しは算定されない）`, en: `Outages under ${terms.minimumOutageMinutes} min are not counted (repeated short outages go unseen)` } });
  }
  if (terms.creditBands === 0) {
    flags.push({ item: 'credit', severity: 'note', reason: { ja: '未達時の減額（サービスクレジット）の定めがない', en: 'No fee reduction (service credit) if the target is missed' } });
  }
  return flags;
}
