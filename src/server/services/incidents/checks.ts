import { identifiability, leakEstimateForService } from '../../../domain/impact.ts';
import { formatJapanDateTime } from '../../../domain/japan-time.ts';
import { bi } from '../../../shared/messages.ts';
import { INCIDENT_LABELS, type IncidentSeverity, type IncidentType } from '../../../shared/incidents.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';
import type { Catalogues } from '../../catalogs/load.ts';
import { AppError } from '../app-error.ts';
import { checkDataKinds, proposedLevels } from '../register-classification.ts';

/** Each time in the future, and each time before the incident occurred, names its field. */
export function checkTimes(times: Record<string, string | null | undefined>, now: Date, occurredAt?: string | null): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const [field, value] of Object.entries(times)) {
    if (!value) continue;
    const t = Date.parse(value);
    if (t > now.getTime()) problems.push({ field, reason: bi('未来の日時は記録できません', 'A time in the future cannot be recorded') });
    else if (occurredAt && t < Date.parse(occurredAt)) problems.push({ field, reason: bi('発生日時より前の日時です', 'This is before the incident occurred') });
  }
  return problems;
}

export function refuse(problems: ErrorDetail[]): void {
  if (problems.length) throw new AppError('validation_failed', problems);
}

/** The same instant as stored everywhere: ISO-8601 UTC. */
export const isoOf = (value: string) => new Date(value).toISOString();

/** Kinds of incident in which data reached someone it should not: the JNSA estimate applies. */
const LEAKS = new Set<string>(['data_leak', 'unauthorised_access']);

/**
 * The JNSA (JO model) damages estimate for a leak: the per-person figure from the kinds of data that
 * leaked, times the records affected. Null when nothing leaked or the figures are unknown.
 */
export function leakEstimate(catalogues: Catalogues, type: string, dataKinds: string[], recordsAffected: number | null | undefined): number | null {
  if (!LEAKS.has(type) || !dataKinds.length || !recordsAffected) return null;
  const { distress, loss } = proposedLevels(catalogues, dataKinds);
  return leakEstimateForService({ distress, loss, identifiability: identifiability(dataKinds) }, recordsAffected);
}

export function checkKinds(catalogues: Catalogues, dataKinds: string[] | undefined): void {
  if (dataKinds) checkDataKinds(catalogues, dataKinds);
}

/** Japan time as yyyy/MM/dd HH:mm. */
export function japanMinute(value: string | null | undefined): string {
  return value ? formatJapanDateTime(value).slice(0, 16) : '';
}

/** The lines every incident announcement carries, in Japanese and in English. */
export function announcementLines(incident: { type: string; severity: string; title: string }, occurredAt: string | null, vendorName: string | null, serviceName: string | null) {
  const type = INCIDENT_LABELS.type[incident.type as IncidentType];
  const severity = INCIDENT_LABELS.severity[incident.severity as IncidentSeverity];
  const ja = [`件名: ${incident.title}`, `種類: ${type.ja}`, `重大度: ${severity.ja}`];
  const en = [`Title: ${incident.title}`, `Type: ${type.en}`, `Severity: ${severity.en}`];
  if (vendorName) {
    ja.push(`事業者: ${vendorName}${serviceName ? `（${serviceName}）` : ''}`);
    en.push(`Vendor: ${vendorName}${serviceName ? ` (${serviceName})` : ''}`);
  }
  if (occurredAt) {
    ja.push(`発生: ${japanMinute(occurredAt)}（日本時間）`);
    en.push(`Occurred: ${japanMinute(occurredAt)} (Japan time)`);
  }
  return { ja: ja.join('\n'), en: en.join('\n') };
}
