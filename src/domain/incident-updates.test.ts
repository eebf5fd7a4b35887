import { describe, expect, it } from 'vitest';
import { nextUpdateDue, updateOverdue } from './incident-updates.ts';

describe("a vendor's next update on an open incident", () => {
  const last = '2026-12-01T00:00:00.000Z';

  it('is due sooner the graver the incident', () => {
    expect(nextUpdateDue({ status: 'open', severity: 'critical' }, last)).toBe('2026-12-01T01:00:00.000Z');
    expect(nextUpdateDue({ status: 'mitigated', severity: 'high' }, last)).toBe('2026-12-01T02:00:00.000Z');
    expect(nextUpdateDue({ status: 'open', severity: 'medium' }, last)).toBe('2026-12-01T04:00:00.000Z');
    expect(nextUpdateDue({ status: 'open', severity: 'low' }, last)).toBe('2026-12-02T00:00:00.000Z');
  });

  it('is not expected once recovered or closed, nor before the vendor said anything', () => {
    expect(nextUpdateDue({ status: 'recovered', severity: 'critical' }, last)).toBeNull();
    expect(nextUpdateDue({ status: 'closed', severity: 'critical' }, last)).toBeNull();
    expect(nextUpdateDue({ status: 'open', severity: 'critical' }, null)).toBeNull();
  });

  it('is overdue only after its time has passed', () => {
    const due = '2026-12-01T02:00:00.000Z';
    expect(updateOverdue(due, new Date('2026-12-01T02:00:00.000Z'))).toBe(false);
    expect(updateOverdue(due, new Date('2026-12-01T02:00:01.000Z'))).toBe(true);
    expect(updateOverdue(null, new Date('2030-01-01T00:00:00.000Z'))).toBe(false);
  });
});
