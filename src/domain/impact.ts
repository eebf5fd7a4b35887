// Classification of an external service by how much harm it could do (seed 000 §4.1, DOMAIN.md §1).

export type Level = 1 | 2 | 3;

export interface DataKindLevels {
  /** 精神的苦痛 (mental distress) of the JNSA grid, 1-3. */
  distress: Level;
  /** 経済的損失 (economic loss) of the JNSA grid, 1-3. */
  loss: Level;
}

/** 行政運営影響度: the product of the four levels (1..81). */
export function administrativeImpact(confidentiality: Level, residentImpact: Level, mentalDistress: Level, economicLoss: Level): number {
  return confidentiality * residentImpact * mentalDistress * economicLoss;
}

export type ImpactBand = 'high' | 'medium' | 'low';

/**
 * Our bands for 行政運営影響度 (the paper gives the product, not bands): 27 or more means at least
 * three axes at 3 or every axis high; 9..26 is the middle; 8 or less is low.
 */
export function impactBand(impact: number): ImpactBand {
  if (impact >= 27) return 'high';
  if (impact >= 9) return 'medium';
  return 'low';
}

/** Proposed mental-distress and economic-loss levels: the highest of the data kinds handled (1 when none). */
export function proposeDistressAndLoss(kinds: DataKindLevels[]): DataKindLevels {
  let distress: Level = 1;
  let loss: Level = 1;
  for (const kind of kinds) {
    if (kind.distress > distress) distress = kind.distress;
    if (kind.loss > loss) loss = kind.loss;
  }
  return { distress, loss };
}

/**
 * 本人特定容易度 of the JNSA model: 6 when name and address are both held, 3 when the name alone
 * or address with phone number identifies a person, 1 otherwise.
 */
export function identifiability(dataKindCodes: readonly string[]): 1 | 3 | 6 {
  const has = (code: string) => dataKindCodes.includes(code);
  if (has('name') && has('address')) return 6;
  if (has('name') || (has('address') && has('phone'))) return 3;
  return 1;
}

export interface LeakEstimateInput {
  distress: Level;
  loss: Level;
  identifiability: 1 | 3 | 6;
  /** 社会的責任度: 1, or 2 for bodies with a heavier duty of care. */
  socialResponsibility?: 1 | 2;
  /** 事後対応評価: 1 when the response is appropriate, 2 when not. */
  response?: 1 | 2;
}

/** JNSA (JO model) estimated damages per person, in yen: 500 × (10^(P−1) + 5^(E−1)) × identifiability × responsibility × response. */
export function leakEstimatePerPerson(input: LeakEstimateInput): number {
  const base = 10 ** (input.distress - 1) + 5 ** (input.loss - 1);
  return 500 * base * input.identifiability * (input.socialResponsibility ?? 1) * (input.response ?? 1);
}

/** The estimate for a whole service: per-person figure × residents whose data it holds (0 when unknown). */
export function leakEstimateForService(input: LeakEstimateInput, residentsHeld: number | null): number {
  if (!residentsHeld || residentsHeld <= 0) return 0;
  return leakEstimatePerPerson(input) * residentsHeld;
}
