import type { Deps } from '../deps.ts';
import { applicableCatalogues, DEFAULT_ASSESSMENT_CATALOGUE } from '../catalogues/rules.ts';

export const CONFIRMATION_ITEMS_URN = DEFAULT_ASSESSMENT_CATALOGUE;

/** The catalogues the organisation's rules (管理 → カタログ) apply to an entry of this administrative impact. */
export function applicableCatalogueUrns(deps: Deps, organisationId: string, administrativeImpact: number): Promise<string[]> {
  return applicableCatalogues(deps, organisationId, administrativeImpact);
}
