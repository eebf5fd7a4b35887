import { findEntry, type EntryWithNames } from '../repositories/register-entries.ts';
import { bi } from '../../shared/messages.ts';
import { AppError, notFound } from './app-error.ts';
import { recordAudit } from './audit.ts';
import { canEditEntry, requireRegister } from './register.ts';
import type { Actor, Deps } from './deps.ts';

/** A feature kept on a register entry (its SLA, contacts, parties …), named in the words of a refusal. */
export interface EntryFeature {
  /** Recorded in the audited denial. */
  key: string;
  /** What may not be edited, e.g. 'SLA' / 'SLA', '連絡体制' / 'contact structure'. */
  ja: string;
  en: string;
}

/**
 * The register entry whose feature the actor reads or writes. Another organisation's entry answers
 * 404; an editor of another 所管課 may read but not write (403, audited).
 */
export async function featureEntry(deps: Deps, actor: Actor, entryId: string, write: boolean, feature: EntryFeature): Promise<EntryWithNames> {
  await requireRegister(deps, actor, write);
  const entry = await findEntry(deps.db, actor.organisationId, entryId);
  if (!entry) throw notFound();
  if (write && !canEditEntry(actor, entry.department)) {
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'register_entry', targetId: entryId, after: { reason: 'other_department', department: entry.department, feature: feature.key } }, deps.now()),
    );
    throw new AppError('forbidden', [{ field: 'department', reason: bi(`所管課（${actor.department}）以外のサービスの${feature.ja}は編集できません`, `Only the ${feature.en} of your department's (${actor.department}) services can be edited`) }]);
  }
  return entry;
}
