import type { z } from 'zod';
import { bi } from '../../shared/messages.ts';
import type { bulkActionBody } from '../../shared/schemas/register-bulk.ts';
import { findEntryAssessment } from '../repositories/assessments.ts';
import { isUniqueViolation } from '../repositories/executor.ts';
import { findEntriesByIds, updateEntry, type EntryRow } from '../repositories/register-entries.ts';
import { nowIso } from '../security/ids.ts';
import { AppError, notFound } from './app-error.ts';
import { assessableCatalogue, insertNewAssessment } from './assessments/start.ts';
import { recordAudit } from './audit.ts';
import type { Actor, Deps } from './deps.ts';
import { canEditEntry, requireRegister } from './register.ts';
import { searchTextOf, withoutSearch } from './register-classification.ts';

// One action on several register entries from the list (状態・所管課の変更, 確認の開始): every entry
// changes in one transaction, each audited as its own edit, or none does. An id of another organisation
// makes the whole request 404; an entry the caller may not edit refuses the whole request, naming it.

type BulkInput = z.infer<typeof bulkActionBody>;
type Loaded = EntryRow & { vendor_name: string | null; category_name: string };

const entryLabel = (entry: Loaded) => `「${entry.name}」（${entry.external_key}）`;

async function refuse(deps: Deps, actor: Actor, refused: { entry: Loaded; index: number }[], department?: string): Promise<never> {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    for (const { entry } of refused) {
      await recordAudit(trx, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'register_entry', targetId: entry.id, after: { reason: 'other_department', department: department ?? entry.department, bulk: true } }, now);
    }
  });
  throw new AppError(
    'forbidden',
    refused.map(({ entry, index }) => ({
      field: `ids.${index}`,
      reason: department
        ? bi(`${entryLabel(entry)}を所管課（${actor.department}）以外の「${department}」には移せません`, `"${entry.name}" (${entry.external_key}) cannot be moved to ${department}, which is not your department (${actor.department})`)
        : bi(`${entryLabel(entry)}は所管課（${entry.department}）の外部サービスのため変更できません`, `"${entry.name}" (${entry.external_key}) belongs to ${entry.department} and cannot be changed by you`),
    })),
  );
}

export async function bulkRegisterAction(deps: Deps, actor: Actor, input: BulkInput) {
  await requireRegister(deps, actor, true);
  const ids = [...new Set(input.ids)];
  const found = new Map((await findEntriesByIds(deps.db, actor.organisationId, ids)).map((e) => [e.id, e]));
  if (found.size !== ids.length) throw notFound();
  const entries = ids.map((id) => ({ entry: found.get(id)!, index: input.ids.indexOf(id) }));

  const refused = entries.filter(({ entry }) => !canEditEntry(actor, entry.department));
  if (refused.length) await refuse(deps, actor, refused);
  if (input.action === 'set_department' && !canEditEntry(actor, input.department)) await refuse(deps, actor, entries, input.department);

  const version = input.action === 'start_assessment' ? await assessableCatalogue(deps, actor.organisationId, input.catalogue_urn) : null;
  const now = deps.now();
  const results: { id: string; assessment_id: string | null }[] = [];
  let changed = 0;
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (version) {
        const started: { entry: Loaded; index: number }[] = [];
        for (const item of entries) if (await findEntryAssessment(trx, actor.organisationId, item.entry.id, version.urn)) started.push(item);
        if (started.length) throw alreadyStarted(started);
        for (const { entry } of entries) {
          results.push({ id: entry.id, assessment_id: await insertNewAssessment(trx, actor, entry.id, version, now) });
          changed++;
        }
        return;
      }
      for (const { entry } of entries) {
        results.push({ id: entry.id, assessment_id: null });
        const { vendor_name: vendorName, category_name: categoryName, ...before } = entry;
        const changes = changesOf(input, before, vendorName, categoryName);
        if (!Object.keys(changes).length) continue;
        changes.updated_at = nowIso(now);
        await updateEntry(trx, actor.organisationId, entry.id, changes);
        await recordAudit(trx, actor, { action: 'register_entry.update', targetType: 'register_entry', targetId: entry.id, before: withoutSearch(before), after: { ...withoutSearch({ ...before, ...changes }), bulk: true } }, now);
        changed++;
      }
    });
  } catch (error) {
    if (version && isUniqueViolation(error)) throw alreadyStarted([]);
    throw error;
  }
  return { action: input.action, changed, entries: results };
}

/** What a status or department change alters in one entry (nothing when it already has that value). */
function changesOf(input: BulkInput, entry: EntryRow, vendorName: string | null, categoryName: string): Partial<EntryRow> {
  if (input.action === 'set_status') return entry.status === input.status ? {} : { status: input.status };
  if (input.action === 'set_department' && entry.department !== input.department) {
    return { department: input.department, search_text: searchTextOf({ ...entry, department: input.department }, vendorName, categoryName) };
  }
  return {};
}

function alreadyStarted(started: { entry: Loaded; index: number }[]): AppError {
  if (!started.length) return new AppError('conflict', [{ field: 'catalogue_urn', reason: bi('選んだ外部サービスのどれかで、このカタログの確認が同時に始まりました', 'An assessment against this catalogue was started meanwhile for one of the services') }]);
  return new AppError(
    'conflict',
    started.map(({ entry, index }) => ({
      field: `ids.${index}`,
      reason: bi(`${entryLabel(entry)}では、このカタログの確認を既に始めています`, `An assessment against this catalogue already exists for "${entry.name}" (${entry.external_key})`),
    })),
  );
}
