import {
  CONTRACT_FORM_LABELS,
  DATA_LOCATION_LABELS,
  ENTRY_STATUS_LABELS,
  NETWORK_ZONE_LABELS,
  RESIDENT_IMPACT_LABELS,
  SERVICE_MODEL_LABELS,
  type ContractForm,
  type DataLocation,
  type EntryStatus,
  type NetworkZone,
  type ServiceModel,
} from '../../../shared/register.ts';
import type { Lang } from '../../i18n/index.ts';
import type { Tone } from '../../components/StatusTag.tsx';

export const label = {
  model: (v: ServiceModel, lang: Lang) => SERVICE_MODEL_LABELS[v]?.[lang] ?? v,
  zone: (v: NetworkZone, lang: Lang) => NETWORK_ZONE_LABELS[v]?.[lang] ?? v,
  location: (v: DataLocation, lang: Lang) => DATA_LOCATION_LABELS[v]?.[lang] ?? v,
  status: (v: EntryStatus, lang: Lang) => ENTRY_STATUS_LABELS[v]?.[lang] ?? v,
  contract: (v: ContractForm, lang: Lang) => CONTRACT_FORM_LABELS[v]?.[lang] ?? v,
  residentImpact: (v: number, lang: Lang) => RESIDENT_IMPACT_LABELS[String(v) as '1' | '2' | '3']?.[lang] ?? String(v),
};

export const STATUS_TONE: Record<EntryStatus, Tone> = { planned: 'info', in_use: 'success', ending: 'warning', ended: 'neutral' };
export const BAND_TONE: Record<'high' | 'medium' | 'low', Tone> = { high: 'error', medium: 'warning', low: 'neutral' };

export function yen(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  return `${value.toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP')}${lang === 'en' ? ' yen' : '円'}`;
}

/** Large yen amounts the way Japanese readers scan them: 3.6億円, 7,200万円. */
export function yenShort(value: number, lang: Lang): string {
  if (lang === 'en') return `${value.toLocaleString('en-US')} yen`;
  if (value >= 100_000_000) return `${(value / 100_000_000).toLocaleString('ja-JP', { maximumFractionDigits: 1 })}億円`;
  if (value >= 10_000) return `${Math.round(value / 10_000).toLocaleString('ja-JP')}万円`;
  return `${value.toLocaleString('ja-JP')}円`;
}
