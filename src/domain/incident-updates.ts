// When a vendor's next update on an open incident is due. Contracts rarely state an interval for
// 経過報告, so the platform expects one by severity: the graver the incident, the sooner the next
// word. The clock runs from the vendor's last shared update (its report counts as the first).

/** Hours within which a vendor is expected to post its next update, by severity. */
export const UPDATE_INTERVAL_HOURS: Record<string, number> = { critical: 1, high: 2, medium: 4, low: 24 };

/** Statuses during which updates are still expected (a recovered or closed incident owes none). */
const EXPECTING_UPDATES = new Set(['open', 'mitigated']);

/**
 * The instant the vendor's next update is due, or null when none is expected: the incident is no
 * longer open, or the vendor has said nothing yet that the rule could count from.
 */
export function nextUpdateDue(incident: { status: string; severity: string }, lastVendorUpdateAt: string | null): string | null {
  if (!EXPECTING_UPDATES.has(incident.status) || !lastVendorUpdateAt) return null;
  const hours = UPDATE_INTERVAL_HOURS[incident.severity] ?? UPDATE_INTERVAL_HOURS.low!;
  return new Date(Date.parse(lastVendorUpdateAt) + hours * 3_600_000).toISOString();
}

export function updateOverdue(nextDue: string | null, now: Date): boolean {
  return nextDue !== null && Date.parse(nextDue) < now.getTime();
}
