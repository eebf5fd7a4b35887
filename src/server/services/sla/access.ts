import type { EntryWithNames } from '../../repositories/register-entries.ts';
import type { Actor, Deps } from '../deps.ts';
import { featureEntry } from '../entry-access.ts';

/**
 * The register entry whose SLA the actor reads or writes. Another organisation's entry answers 404;
 * an editor of another 所管課 may read but not write (403, audited).
 */
export function slaEntry(deps: Deps, actor: Actor, entryId: string, write: boolean): Promise<EntryWithNames> {
  return featureEntry(deps, actor, entryId, write, { key: 'sla', ja: 'SLA', en: 'SLA' });
}
