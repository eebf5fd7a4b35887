import { INCIDENT_LABELS, type EventType } from '../../../shared/incidents.ts';
import { insertParticipants, type EventRow, type ParticipantRow } from '../../repositories/incidents.ts';
import type { Executor } from '../../repositories/executor.ts';
import { notifyOrganisations } from '../notifications/notify.ts';
import type { Deps } from '../deps.ts';
import { announcementLines, japanMinute } from './checks.ts';

// How one report reaches every municipality that uses the service: a participant row each and an
// announcement to every active user (in-app, and mail through the outbox), all in the reporting
// transaction, so the incident and its announcement exist together or not at all.

interface IncidentSummary {
  id: string;
  title: string;
  type: string;
  severity: string;
  summary?: string | null;
}

/** One participant row per organisation, for its most important affected entry (entries come most important first), with the way it came. */
export function participantRows(
  incidentId: string,
  linked: { entry_id: string; organisation_id: string; via_service_id?: string | null; via_entry_id?: string | null }[],
  at: string,
  impactStatus = 'unknown',
): ParticipantRow[] {
  const seen = new Set<string>();
  const rows: ParticipantRow[] = [];
  for (const entry of linked) {
    if (seen.has(entry.organisation_id)) continue;
    seen.add(entry.organisation_id);
    rows.push({ incident_id: incidentId, organisation_id: entry.organisation_id, entry_id: entry.entry_id, impact_status: impactStatus, residents_affected: null, impact_notes: null, share_impact: 0, via_service_id: entry.via_service_id ?? null, via_entry_id: entry.via_entry_id ?? null, closed_at: null, joined_at: at, updated_at: at });
  }
  return rows;
}

export async function addParticipants(trx: Executor, rows: ParticipantRow[]): Promise<void> {
  await insertParticipants(trx, rows);
}

const link = (id: string) => `/incidents/${id}`;

/** A vendor's report, announced to the municipalities that use the service. */
export async function announceReport(trx: Executor, deps: Deps, incident: IncidentSummary, vendorName: string, serviceName: string, occurredAt: string, organisationIds: string[]) {
  if (!organisationIds.length) return { notifications: 0, mails: 0 };
  const lines = announcementLines(incident, occurredAt, vendorName, serviceName);
  return notifyOrganisations(trx, deps, organisationIds, {
    kind: 'incident_reported',
    title: `【インシデント報告】${serviceName}: ${incident.title}`,
    titleEn: `[Incident reported] ${serviceName}: ${incident.title}`,
    body: `${vendorName}から、貴団体の台帳で利用が登録されているサービス「${serviceName}」のインシデントが報告されました。影響の有無を確認し、Daichoに記録してください。\n\n${lines.ja}${incident.summary ? `\n\n${incident.summary}` : ''}`,
    bodyEn: `${vendorName} reported an incident on "${serviceName}", a service your register lists as used. Check whether you are affected and record it in Daicho.\n\n${lines.en}`,
    link: link(incident.id),
    dedupeKey: `incident:${incident.id}:reported`,
  });
}

/** A municipality shares its own report with the vendor or with the bodies that coordinate it. */
export async function announceShared(trx: Executor, deps: Deps, incident: IncidentSummary, reporterName: string, vendorName: string | null, occurredAt: string, organisationIds: string[], audience: 'vendor' | 'coordinators') {
  if (!organisationIds.length) return { notifications: 0, mails: 0 };
  const lines = announcementLines(incident, occurredAt, vendorName, null);
  return notifyOrganisations(trx, deps, organisationIds, {
    kind: 'incident_shared',
    title: `【インシデント共有】${reporterName}: ${incident.title}`,
    titleEn: `[Incident shared] ${reporterName}: ${incident.title}`,
    body: `${reporterName}がインシデントを共有しました。\n\n${lines.ja}`,
    bodyEn: `${reporterName} shared an incident with you.\n\n${lines.en}`,
    link: link(incident.id),
    dedupeKey: `incident:${incident.id}:shared:${audience}`,
  });
}

/** A new event on the timeline (or the incident closing), announced to those it concerns. */
export async function announceUpdate(trx: Executor, deps: Deps, incident: IncidentSummary, event: Pick<EventRow, 'id' | 'type' | 'at' | 'note'> | null, authorName: string, organisationIds: string[]) {
  if (!organisationIds.length) return { notifications: 0, mails: 0 };
  const label = event ? INCIDENT_LABELS.event[event.type as EventType] : { ja: '対応完了', en: 'Closed' };
  const when = event ? `\n日時: ${japanMinute(event.at)}（日本時間）` : '';
  const whenEn = event ? `\nTime: ${japanMinute(event.at)} (Japan time)` : '';
  return notifyOrganisations(trx, deps, organisationIds, {
    kind: 'incident_updated',
    title: `【経過】${incident.title}: ${label.ja}`,
    titleEn: `[Update] ${incident.title}: ${label.en}`,
    body: `${authorName}が「${incident.title}」の経過を報告しました。\n種類: ${label.ja}${when}${event?.note ? `\n\n${event.note}` : ''}`,
    bodyEn: `${authorName} posted an update on "${incident.title}".\nKind: ${label.en}${whenEn}`,
    link: link(incident.id),
    dedupeKey: event ? `incident:${incident.id}:event:${event.id}` : `incident:${incident.id}:closed`,
  });
}
