import {
  administrativeImpact,
  identifiability,
  impactBand,
  leakEstimateForService,
  leakEstimatePerPerson,
  proposeDistressAndLoss,
  type Level,
} from '../../domain/impact.ts';
import { normaliseForSearch } from '../../domain/search-text.ts';
import type { Catalogues } from '../catalogs/load.ts';
import type { EntryRow } from '../repositories/register-entries.ts';
import { toBool } from '../repositories/executor.ts';
import { invalid } from './app-error.ts';
import { bi } from '../../shared/messages.ts';
import { PARTY_LABELS, type StandardisedBusiness } from '../../shared/parties.ts';

export interface ClassificationInput {
  scheme_id: string;
  confidentiality: string;
  confidentiality_reason?: string | null;
  resident_impact: number;
  resident_impact_reason?: string | null;
  mental_distress?: number | null;
  economic_loss?: number | null;
  override_reason?: string | null;
}

/** The numeric level (1-3) of a confidentiality code under a scheme; errors name the field. */
export function confidentialityLevel(catalogues: Catalogues, schemeId: string, code: string, fieldPrefix = ''): Level {
  const scheme = catalogues.schemes.data.schemes.find((s) => s.id === schemeId);
  if (!scheme) throw invalid(`${fieldPrefix}scheme_id`, bi('分類体系が見つかりません', 'Classification scheme not found'));
  const found = scheme.levels.find((l) => l.code === code);
  if (!found) throw invalid(`${fieldPrefix}confidentiality`, bi(`この分類体系の機密性は ${scheme.levels.map((l) => l.code).join(' / ')} のいずれかです`, `Under this scheme confidentiality is one of ${scheme.levels.map((l) => l.code).join(' / ')}`));
  return found.level;
}

export function checkDataKinds(catalogues: Catalogues, codes: string[], field = 'data_kinds'): void {
  const known = new Set(catalogues.dataKinds.data.kinds.map((k) => k.code));
  codes.forEach((code, index) => {
    if (!known.has(code)) throw invalid(`${field}.${index}`, bi(`不明なデータの種類です: ${code}`, `Unknown kind of data: ${code}`));
  });
}

export function proposedLevels(catalogues: Catalogues, dataKinds: string[]) {
  const kinds = catalogues.dataKinds.data.kinds.filter((k) => dataKinds.includes(k.code));
  return proposeDistressAndLoss(kinds);
}

/** The stored classification columns of an entry, derived from what the user chose and the data it holds. */
export function deriveClassification(catalogues: Catalogues, input: ClassificationInput, dataKinds: string[], residentsHeld: number | null, fieldPrefix = '') {
  const level = confidentialityLevel(catalogues, input.scheme_id, input.confidentiality, fieldPrefix);
  const proposed = proposedLevels(catalogues, dataKinds);
  const overridden = Boolean(input.mental_distress || input.economic_loss);
  const distress = (input.mental_distress ?? proposed.distress) as Level;
  const loss = (input.economic_loss ?? proposed.loss) as Level;
  const residentImpact = input.resident_impact as Level;
  const leak = leakEstimateForService({ distress, loss, identifiability: identifiability(dataKinds) }, residentsHeld);
  return {
    scheme_id: input.scheme_id,
    confidentiality: input.confidentiality,
    confidentiality_level: level,
    confidentiality_reason: input.confidentiality_reason ?? null,
    resident_impact: residentImpact,
    resident_impact_reason: input.resident_impact_reason ?? null,
    mental_distress: distress,
    economic_loss: loss,
    distress_loss_overridden: overridden ? 1 : 0,
    override_reason: overridden ? (input.override_reason ?? null) : null,
    administrative_impact: administrativeImpact(level, residentImpact, distress, loss),
    leak_estimate_yen: leak,
  };
}

/** Re-derives distress/loss/impact/estimate after the data kinds or residents held change. */
export function rederive(catalogues: Catalogues, entry: EntryRow, dataKinds: string[], residentsHeld: number | null) {
  return deriveClassification(
    catalogues,
    {
      scheme_id: entry.scheme_id,
      confidentiality: entry.confidentiality,
      confidentiality_reason: entry.confidentiality_reason,
      resident_impact: entry.resident_impact,
      resident_impact_reason: entry.resident_impact_reason,
      mental_distress: toBool(entry.distress_loss_overridden) ? entry.mental_distress : null,
      economic_loss: toBool(entry.distress_loss_overridden) ? entry.economic_loss : null,
      override_reason: entry.override_reason,
    },
    dataKinds,
    residentsHeld,
  );
}

/** What the detail page shows of the classification, with the proposals and the estimate per person. */
export function presentClassification(catalogues: Catalogues, entry: EntryRow) {
  const dataKinds = JSON.parse(entry.data_kinds) as string[];
  const proposed = proposedLevels(catalogues, dataKinds);
  const ident = identifiability(dataKinds);
  const impact = Number(entry.administrative_impact);
  return {
    scheme_id: entry.scheme_id,
    confidentiality: entry.confidentiality,
    confidentiality_level: Number(entry.confidentiality_level),
    confidentiality_reason: entry.confidentiality_reason,
    resident_impact: Number(entry.resident_impact),
    resident_impact_reason: entry.resident_impact_reason,
    proposed_mental_distress: proposed.distress,
    proposed_economic_loss: proposed.loss,
    mental_distress: Number(entry.mental_distress),
    economic_loss: Number(entry.economic_loss),
    overridden: toBool(entry.distress_loss_overridden),
    override_reason: entry.override_reason,
    administrative_impact: impact,
    impact_band: impactBand(impact),
    identifiability: ident,
    leak_estimate_per_person_yen: leakEstimatePerPerson({ distress: Number(entry.mental_distress) as Level, loss: Number(entry.economic_loss) as Level, identifiability: ident }),
    leak_estimate_yen: Number(entry.leak_estimate_yen),
  };
}

/** The normalised text the list searches: name, key, vendor, category, department, purpose, notes. */
export function searchTextOf(
  entry: Pick<EntryRow, 'external_key' | 'name' | 'department' | 'business_purpose' | 'notes' | 'related_services' | 'contract_number'> & Partial<Pick<EntryRow, 'standardised_business' | 'government_cloud'>>,
  vendorName: string | null,
  categoryName: string,
): string {
  // 標準化対象業務 and ガバメントクラウド are found by their Japanese words.
  const business = entry.standardised_business ? PARTY_LABELS.business[entry.standardised_business as StandardisedBusiness]?.ja : null;
  const governmentCloud = entry.government_cloud === 1 || (entry.government_cloud as unknown) === true ? 'ガバメントクラウド' : null;
  return normaliseForSearch(
    [entry.external_key, entry.name, vendorName, categoryName, entry.department, entry.business_purpose, entry.related_services, entry.contract_number, entry.notes, business, governmentCloud]
      .filter(Boolean)
      .join(' '),
  );
}

/** The classification columns of an entry, as kept in its history and audit entries. */
export function classificationOf(row: EntryRow) {
  return {
    scheme_id: row.scheme_id, confidentiality: row.confidentiality, confidentiality_level: row.confidentiality_level,
    resident_impact: row.resident_impact, mental_distress: row.mental_distress, economic_loss: row.economic_loss,
    administrative_impact: row.administrative_impact, leak_estimate_yen: Number(row.leak_estimate_yen),
  };
}

/** An entry for the audit log: everything but the derived search column. */
export function withoutSearch<T extends Partial<EntryRow>>(row: T): Omit<T, 'search_text'> {
  const { search_text: _search, ...rest } = row;
  return rest;
}
