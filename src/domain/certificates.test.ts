import { describe, expect, it } from 'vitest';
import { certificateProblems, certificateValidity, isCitable, periodEnd, reminderStage } from './certificates.ts';

const TODAY = '2026-12-02';

describe('periods counted as 民法 143 counts them', () => {
  it('ends the day before the same day number, or on the last day of a month without it', () => {
    expect(periodEnd('2023-01-10', 36)).toBe('2026-01-09');
    expect(periodEnd('2024-02-29', 24)).toBe('2026-02-28');
    expect(periodEnd('2025-04-01', 16)).toBe('2026-07-31');
    expect(periodEnd('2025-01-31', 1)).toBe('2025-02-28');
    expect(periodEnd('2025-03-01', 12)).toBe('2026-02-28');
  });
});

describe('validity by scheme', () => {
  it('ISMAP: one year four months from the day after the audited period ends', () => {
    const v = certificateValidity({ scheme: 'ismap', period_from: '2024-10-01', period_to: '2025-09-30' }, TODAY);
    expect(v.valid_through).toBe('2027-01-31');
    expect(v.state).toBe('expiring');
    expect(v.days_left).toBe(60);
    expect(v.rule.ja).toContain('1年4か月');
    // The last day counts; the day after it does not.
    expect(certificateValidity({ scheme: 'ismap_liu', period_to: '2025-08-02' }, TODAY).state).toBe('expiring');
    expect(certificateValidity({ scheme: 'ismap_liu', period_to: '2025-08-01' }, TODAY).valid_through).toBe('2026-12-01');
    expect(certificateValidity({ scheme: 'ismap_liu', period_to: '2025-08-01' }, TODAY).state).toBe('expired');
    expect(certificateValidity({ scheme: 'ismap_liu', period_to: '2025-08-02' }, TODAY).valid_through).toBe(TODAY);
  });

  it('Pマーク and ASPIC: two years; ISO/IEC: three years', () => {
    expect(certificateValidity({ scheme: 'pmark', issued_on: '2024-12-03' }, TODAY)).toMatchObject({ valid_through: '2026-12-02', state: 'expiring', days_left: 0 });
    expect(certificateValidity({ scheme: 'aspic', issued_on: '2024-12-02' }, TODAY)).toMatchObject({ valid_through: '2026-12-01', state: 'expired' });
    expect(certificateValidity({ scheme: 'iso27017', issued_on: '2024-04-01' }, TODAY)).toMatchObject({ valid_through: '2027-03-31', state: 'expiring', days_left: 119 });
    expect(certificateValidity({ scheme: 'iso27001', edition: '2022', issued_on: '2024-08-01' }, TODAY)).toMatchObject({ valid_through: '2027-07-31', state: 'valid' });
    expect(certificateValidity({ scheme: 'iso27001', edition: '2022', issued_on: '2024-03-31' }, TODAY)).toMatchObject({ valid_through: '2027-03-30', days_left: 118, state: 'expiring' });
    expect(certificateValidity({ scheme: 'iso27001', edition: '2022', issued_on: '2024-04-04' }, TODAY)).toMatchObject({ valid_through: '2027-04-03', days_left: 122, state: 'valid' });
  });

  it('ISO/IEC 27001:2013 is not valid after 2025-10-31, whatever its issue date', () => {
    const v = certificateValidity({ scheme: 'iso27001', edition: '2013', issued_on: '2024-01-15' }, TODAY);
    expect(v).toMatchObject({ valid_through: '2025-10-31', state: 'expired' });
    expect(v.rule.ja).toContain('2025/10/31');
    expect(certificateValidity({ scheme: 'iso27001', edition: '2013', issued_on: '2024-01-15' }, '2025-10-31').state).toBe('expiring');
    expect(certificateValidity({ scheme: 'iso27001', edition: '2013', issued_on: '2024-01-15' }, '2025-11-01').state).toBe('expired');
  });

  it('SOC reports: stale once older than 12 months from the period end', () => {
    expect(certificateValidity({ scheme: 'soc2', soc_type: 'type2', period_from: '2025-01-01', period_to: '2025-12-01' }, TODAY)).toMatchObject({ valid_through: '2026-12-01', state: 'stale', age_days: 366 });
    expect(certificateValidity({ scheme: 'soc2', soc_type: 'type2', period_from: '2025-01-01', period_to: '2025-12-02' }, TODAY)).toMatchObject({ valid_through: '2026-12-02', state: 'expiring', age_days: 365 });
    expect(certificateValidity({ scheme: 'soc1', soc_type: 'type1', issued_on: '2026-09-30' }, TODAY)).toMatchObject({ state: 'valid', age_days: 63 });
  });

  it('flags a valid-until later than the rule allows, and the earlier date counts', () => {
    const v = certificateValidity({ scheme: 'pmark', issued_on: '2025-04-01', valid_until: '2028-03-31' }, TODAY);
    expect(v).toMatchObject({ exceeds_rule: true, valid_through: '2027-03-31', rule_through: '2027-03-31' });
    expect(certificateValidity({ scheme: 'pmark', issued_on: '2025-04-01', valid_until: '2027-01-31' }, TODAY)).toMatchObject({ exceeds_rule: false, valid_through: '2027-01-31' });
    expect(certificateValidity({ scheme: 'other', valid_until: '2030-01-01' }, TODAY)).toMatchObject({ exceeds_rule: false, valid_through: '2030-01-01', state: 'valid' });
    expect(certificateValidity({ scheme: 'other' }, TODAY)).toMatchObject({ valid_through: null, state: 'valid' });
  });

  it('renewal pending while not yet expired; expired stays expired', () => {
    expect(certificateValidity({ scheme: 'pmark', issued_on: '2025-01-10', renewal_pending: true }, TODAY).state).toBe('renewal_pending');
    expect(certificateValidity({ scheme: 'pmark', issued_on: '2024-01-10', renewal_pending: true }, TODAY).state).toBe('expired');
    expect(isCitable(certificateValidity({ scheme: 'pmark', issued_on: '2024-01-10' }, TODAY))).toBe(false);
    expect(isCitable(certificateValidity({ scheme: 'pmark', issued_on: '2025-01-10', renewal_pending: true }, TODAY))).toBe(true);
  });

  it('reminder stages at 120, 60, 30 days and on expiry', () => {
    const stage = (days: number) => reminderStage({ days_left: days } as never);
    expect([121, 120, 61, 60, 31, 30, 0, -1].map(stage)).toEqual([null, '120', '120', '60', '60', '30', '30', 'expired']);
  });
});

describe('problems of a certificate as a whole', () => {
  it('names the field', () => {
    expect(certificateProblems({ scheme: 'ismap', number: 'C21-0001-1' })).toEqual([]);
    expect(certificateProblems({ scheme: 'ismap_liu', number: 'L23-0001-1' })).toEqual([]);
    expect(certificateProblems({ scheme: 'ismap', number: 'C2-0001-1' })).toEqual([{ field: 'number', problem: 'number_pattern' }]);
    expect(certificateProblems({ scheme: 'ismap', number: 'c21-0001-1' })).toEqual([{ field: 'number', problem: 'number_pattern' }]);
    expect(certificateProblems({ scheme: 'ismap', number: 'C21-00001-1' })).toEqual([{ field: 'number', problem: 'number_pattern' }]);
    expect(certificateProblems({ scheme: 'ismap' })).toEqual([{ field: 'number', problem: 'number_required' }]);
    expect(certificateProblems({ scheme: 'soc2', soc_type: 'type2' }).map((p) => p.field)).toEqual(['period_from', 'period_to']);
    expect(certificateProblems({ scheme: 'soc2', soc_type: 'type1' })).toEqual([]);
    expect(certificateProblems({ scheme: 'pmark', issued_on: '2025-04-01', valid_until: '2025-03-31' })).toEqual([{ field: 'valid_until', problem: 'valid_until_before_issued' }]);
    expect(certificateProblems({ scheme: 'iso27001' })).toEqual([{ field: 'edition', problem: 'edition_required' }]);
  });
});
