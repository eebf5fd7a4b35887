// Status tags (colour AND text), durations and Japan-time inputs of the incident screens.
import type { ACTION_STATUSES, IncidentSeverity, IncidentStatus, SeenImpactStatus } from '../../../shared/incidents.ts';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { useIncidentText, type IncidentText } from './incidents-text.ts';

export const SEVERITY_TONE: Record<IncidentSeverity, Tone> = { low: 'neutral', medium: 'info', high: 'warning', critical: 'error' };
export const STATUS_TONE: Record<IncidentStatus, Tone> = { open: 'error', mitigated: 'warning', recovered: 'success', closed: 'neutral' };
export const IMPACT_TONE: Record<SeenImpactStatus, Tone> = { unknown: 'warning', affected: 'error', not_affected: 'neutral', recovered: 'success', undisclosed: 'neutral' };
export const ACTION_TONE: Record<(typeof ACTION_STATUSES)[number], Tone> = { open: 'warning', in_progress: 'info', done: 'success' };

/** 重大度: 高 — `labelled` adds the word 重大度 where no column heading says it. */
export function SeverityTag({ value, labelled = false }: { value: IncidentSeverity; labelled?: boolean }) {
  const { text: t, vocab } = useIncidentText();
  return <StatusTag tone={SEVERITY_TONE[value]}>{labelled ? `${t.list.severity}: ${vocab.severity(value)}` : vocab.severity(value)}</StatusTag>;
}

export function IncidentStatusTag({ value }: { value: IncidentStatus }) {
  const { vocab } = useIncidentText();
  return <StatusTag tone={STATUS_TONE[value]}>{vocab.status(value)}</StatusTag>;
}

export function ImpactTag({ value }: { value: SeenImpactStatus }) {
  const { vocab } = useIncidentText();
  return <StatusTag tone={IMPACT_TONE[value]}>{vocab.impact(value)}</StatusTag>;
}

export function ActionStatusTag({ value }: { value: (typeof ACTION_STATUSES)[number] }) {
  const { vocab } = useIncidentText();
  return <StatusTag tone={ACTION_TONE[value]}>{vocab.action(value)}</StatusTag>;
}

type Fill = (template: string, values: Record<string, string | number>) => string;

/** Minutes as 45分 / 2時間15分 / 1日3時間 (or the English short forms); a dash when unknown. */
export function duration(minutes: number | null | undefined, t: IncidentText, fill: Fill): string {
  if (minutes === null || minutes === undefined) return '—';
  const total = Math.max(0, Math.round(minutes));
  if (total < 60) return fill(t.common.minutes, { m: total });
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours >= 24) return fill(t.common.days, { d: Math.floor(hours / 24), h: hours % 24 });
  return rest ? fill(t.common.hoursMinutes, { h: hours, m: rest }) : fill(t.common.hours, { h: hours });
}

export function yenText(amount: number, lang: 'ja' | 'en', t: IncidentText, fill: Fill): string {
  return fill(t.common.yen, { amount: amount.toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP') });
}

/** Now in Japan time as the value of <input type="datetime-local"> (YYYY-MM-DDTHH:mm). */
export function japanLocalNow(now = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 16);
}

/** The value of <input type="datetime-local">, read as Japan time, as ISO 8601 with +09:00 (null when empty). */
export function japanLocalToIso(local: string | null | undefined): string | null {
  if (!local) return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+09:00` : local;
}


export const sectionTitle = (title: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>;
