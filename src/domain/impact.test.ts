import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  administrativeImpact,
  identifiability,
  impactBand,
  leakEstimateForService,
  leakEstimatePerPerson,
  proposeDistressAndLoss,
  type Level,
} from './impact.ts';

const level = fc.constantFrom<Level>(1, 2, 3);

describe('行政運営影響度', () => {
  it('is the product of the four levels, between 1 and 81', () => {
    expect(administrativeImpact(3, 3, 3, 3)).toBe(81);
    expect(administrativeImpact(3, 3, 1, 2)).toBe(18);
    fc.assert(
      fc.property(level, level, level, level, (c, r, p, e) => {
        const impact = administrativeImpact(c, r, p, e);
        expect(impact).toBeGreaterThanOrEqual(1);
        expect(impact).toBeLessThanOrEqual(81);
      }),
    );
  });
  it('never falls when one level rises', () => {
    fc.assert(
      fc.property(level, level, level, level, (c, r, p, e) => {
        const raised = Math.min(3, c + 1) as Level;
        expect(administrativeImpact(raised, r, p, e)).toBeGreaterThanOrEqual(administrativeImpact(c, r, p, e));
      }),
    );
  });
  it('bands: 27+ high, 9-26 medium, up to 8 low', () => {
    expect(impactBand(81)).toBe('high');
    expect(impactBand(27)).toBe('high');
    expect(impactBand(26)).toBe('medium');
    expect(impactBand(9)).toBe('medium');
    expect(impactBand(8)).toBe('low');
  });
});

describe('JNSA damage model', () => {
  it('name and address only: 6,000 yen per person', () => {
    expect(leakEstimatePerPerson({ distress: 1, loss: 1, identifiability: identifiability(['name', 'address']) })).toBe(6_000);
  });
  it('the maximum is 1,500,000 yen per person', () => {
    expect(leakEstimatePerPerson({ distress: 3, loss: 3, identifiability: 6, socialResponsibility: 2, response: 2 })).toBe(1_500_000);
  });
  it('identifiability follows what is held', () => {
    expect(identifiability(['name', 'address', 'birth_date'])).toBe(6);
    expect(identifiability(['name'])).toBe(3);
    expect(identifiability(['address', 'phone'])).toBe(3);
    expect(identifiability(['address'])).toBe(1);
    expect(identifiability([])).toBe(1);
  });
  it('proposes the highest distress and loss of the kinds handled', () => {
    expect(proposeDistressAndLoss([])).toEqual({ distress: 1, loss: 1 });
    expect(proposeDistressAndLoss([{ distress: 1, loss: 3 }, { distress: 3, loss: 1 }])).toEqual({ distress: 3, loss: 3 });
  });
  it('a service estimate multiplies by residents held, 0 when unknown', () => {
    const input = { distress: 1, loss: 1, identifiability: 6 } as const;
    expect(leakEstimateForService(input, 120_000)).toBe(720_000_000);
    expect(leakEstimateForService(input, null)).toBe(0);
  });
});
