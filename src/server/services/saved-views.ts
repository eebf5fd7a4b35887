import { deleteSavedView, insertSavedView, listSavedViews, type SavedViewRow } from '../repositories/register-entries.ts';
import { newId, nowIso } from '../security/ids.ts';
import { AppError, notFound } from './app-error.ts';
import { recordAudit } from './audit.ts';
import { requireRegister } from './register.ts';
import type { Actor, Deps } from './deps.ts';
import { bi } from '../../shared/messages.ts';

function present(row: SavedViewRow) {
  return { id: row.id, name: row.name, query: JSON.parse(row.query_json), columns: JSON.parse(row.columns_json), created_at: row.created_at };
}

/** A person's own named filters and columns of the register list (API tokens have none). */
function userIdOf(actor: Actor): string {
  if (actor.via !== 'session' || !actor.userId) throw new AppError('forbidden', [{ field: 'authorization', reason: bi('保存ビューはログインした利用者のみが使えます', 'Saved views belong to signed-in people only') }]);
  return actor.userId;
}

export async function listMySavedViews(deps: Deps, actor: Actor) {
  await requireRegister(deps, actor, false);
  return (await listSavedViews(deps.db, actor.organisationId, userIdOf(actor))).map(present);
}

export async function createSavedView(deps: Deps, actor: Actor, input: { name: string; query: Record<string, unknown>; columns: string[] }) {
  await requireRegister(deps, actor, false);
  const row: SavedViewRow = {
    id: newId(), organisation_id: actor.organisationId, user_id: userIdOf(actor), name: input.name,
    query_json: JSON.stringify(input.query), columns_json: JSON.stringify(input.columns), created_at: nowIso(deps.now()),
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertSavedView(trx, row);
    await recordAudit(trx, actor, { action: 'saved_view.create', targetType: 'saved_view', targetId: row.id, after: present(row) }, deps.now());
  });
  return present(row);
}

export async function removeSavedView(deps: Deps, actor: Actor, id: string) {
  await requireRegister(deps, actor, false);
  const userId = userIdOf(actor);
  await deps.db.transaction().execute(async (trx) => {
    if ((await deleteSavedView(trx, actor.organisationId, userId, id)) === 0) throw notFound();
    await recordAudit(trx, actor, { action: 'saved_view.delete', targetType: 'saved_view', targetId: id }, deps.now());
  });
}
