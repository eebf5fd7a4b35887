// Fee reductions by achieved availability ("credit table" of an SLA).

export interface CreditBand {
  /** Availability from (inclusive), percent. */
  from: number;
  /** Availability up to (exclusive), percent; the top band may end at 100 inclusive. */
  to: number;
  /** Reduction of the monthly fee, percent. */
  creditPercent: number;
}

export type CreditTableProblem = { index: number; problem: 'bad_range' | 'gap' | 'overlap' | 'bad_credit' };

/** Checks that bands are well-formed and leave neither gaps nor overlaps between them. */
export function checkCreditTable(bands: readonly CreditBand[]): CreditTableProblem | null {
  const sorted = bands.map((b, index) => ({ ...b, index })).sort((a, b) => a.from - b.from);
  for (const band of sorted) {
    if (!(band.from >= 0 && band.to <= 100 && band.from < band.to)) return { index: band.index, problem: 'bad_range' };
    if (!(band.creditPercent >= 0 && band.creditPercent <= 100)) return { index: band.index, problem: 'bad_credit' };
  }
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].from > sorted[i - 1].to) return { index: sorted[i].index, problem: 'gap' };
    if (sorted[i].from < sorted[i - 1].to) return { index: sorted[i].index, problem: 'overlap' };
  }
  return null;
}

/** The fee reduction for an achieved availability (0 when no band applies). */
export function creditFor(bands: readonly CreditBand[], availability: number): number {
  const band = bands.find((b) => availability >= b.from && (availability < b.to || (b.to === 100 && availability === 100)));
  return band?.creditPercent ?? 0;
}

/** The credit in yen for a monthly fee, rounded down to whole yen. */
export function creditYen(bands: readonly CreditBand[], availability: number, monthlyFeeYen: number): number {
  return Math.floor((monthlyFeeYen * creditFor(bands, availability)) / 100);
}
