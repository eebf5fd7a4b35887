import type { z } from 'zod';
import { administrativeImpact } from '../../../domain/impact.ts';
import { bi } from '../../../shared/messages.ts';
import type { assessmentRulesBody, assessmentRulesResponse } from '../../../shared/schemas/catalogues.ts';
import { authorize } from '../../policies/index.ts';
import { replaceRules, rulesOf } from '../../repositories/assessment-rules.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import { listCurrentCatalogues } from './registry.ts';

// Which catalogues an entry's assessment follows, by the entry's 行政運営影響度 (administrative impact):
// a rule {catalogue_urn, min_impact} applies to every entry whose impact is at least min_impact.
// Default: an organisation without rules assesses every entry against the confirmation items.

export const DEFAULT_ASSESSMENT_CATALOGUE = 'urn:daicho:catalogue:confirmation-items';
/** The highest administrative impact: every axis at 3. */
export const MAX_IMPACT = administrativeImpact(3, 3, 3, 3);

/**
 * The URNs of the catalogues that apply to an entry of this administrative impact, lowest threshold
 * first. Without rules: the confirmation items, for every entry. An unclassified entry (null) counts as 1.
 */
export async function applicableCatalogues(deps: Pick<Deps, 'db'>, organisationId: string, impact: number | null): Promise<string[]> {
  const rules = await rulesOf(deps.db, organisationId);
  if (rules.length === 0) return [DEFAULT_ASSESSMENT_CATALOGUE];
  const value = impact ?? 1;
  return rules
    .map((r) => ({ urn: r.catalogue_urn, min: Number(r.min_impact) }))
    .filter((r) => r.min <= value)
    .sort((a, b) => a.min - b.min || a.urn.localeCompare(b.urn))
    .map((r) => r.urn);
}

type RulesResponse = z.infer<typeof assessmentRulesResponse>;

export async function assessmentRulesOf(deps: Deps, actor: Actor): Promise<RulesResponse> {
  await authorize(deps, actor, 'register:read', { type: 'assessment_rules' });
  const [rows, options] = await Promise.all([
    rulesOf(deps.db, actor.organisationId),
    listCurrentCatalogues(deps, actor.organisationId, { assessableOnly: true }),
  ]);
  const names = new Map(options.map((o) => [o.urn, o.catalogue.name]));
  return {
    using_default: rows.length === 0,
    default_catalogue_urn: DEFAULT_ASSESSMENT_CATALOGUE,
    max_impact: MAX_IMPACT,
    rules: rows
      .map((r) => ({ catalogue_urn: r.catalogue_urn, catalogue_name: names.get(r.catalogue_urn) ?? null, min_impact: Number(r.min_impact), updated_at: r.updated_at }))
      .sort((a, b) => a.min_impact - b.min_impact || a.catalogue_urn.localeCompare(b.catalogue_urn)),
    options: options.map((o) => ({ urn: o.urn, name: o.catalogue.name, scope: o.scope === actor.organisationId ? ('organisation' as const) : ('platform' as const) })),
  };
}

/** Replaces the organisation's rules (an empty list returns to the default); every problem is named by its field. */
export async function replaceAssessmentRules(deps: Deps, actor: Actor, body: z.infer<typeof assessmentRulesBody>): Promise<RulesResponse> {
  await authorize(deps, actor, 'register:configure', { type: 'assessment_rules' });
  const usable = new Set((await listCurrentCatalogues(deps, actor.organisationId, { assessableOnly: true })).map((v) => v.urn));
  const details: { field: string; reason: string }[] = [];
  const seen = new Set<string>();
  body.rules.forEach((rule, i) => {
    if (rule.min_impact < 1 || rule.min_impact > MAX_IMPACT) details.push({ field: `rules.${i}.min_impact`, reason: bi(`1〜${MAX_IMPACT}（行政運営影響度の範囲）で入力してください`, `Enter 1 to ${MAX_IMPACT} (the range of the administrative impact)`) });
    if (!usable.has(rule.catalogue_urn)) details.push({ field: `rules.${i}.catalogue_urn`, reason: bi(`評価に使えるカタログではありません: ${rule.catalogue_urn}`, `Not a catalogue you can assess against: ${rule.catalogue_urn}`) });
    else if (seen.has(rule.catalogue_urn)) details.push({ field: `rules.${i}.catalogue_urn`, reason: bi('同じカタログの規則が2つあります', 'Two rules name the same catalogue') });
    seen.add(rule.catalogue_urn);
  });
  if (details.length) throw new AppError('validation_failed', details);
  const now = nowIso(deps.now());
  await deps.db.transaction().execute(async (trx) => {
    const before = await rulesOf(trx, actor.organisationId);
    await replaceRules(
      trx,
      actor.organisationId,
      body.rules.map((r) => ({ id: newId(), organisation_id: actor.organisationId, catalogue_urn: r.catalogue_urn, min_impact: r.min_impact, created_at: now, updated_at: now })),
    );
    await recordAudit(
      trx,
      actor,
      { action: 'assessment_rules.update', targetType: 'assessment_rules', targetId: actor.organisationId, before: { rules: before.map((r) => ({ catalogue_urn: r.catalogue_urn, min_impact: Number(r.min_impact) })) }, after: { rules: body.rules } },
      deps.now(),
    );
  });
  return assessmentRulesOf(deps, actor);
}
