import { authorize } from '../policies/index.ts';
import {
  countCategories,
  deleteCategory,
  findCategory,
  findCategoryByName,
  insertCategories,
  listCategories,
  updateCategory,
  type CategoryRow,
} from '../repositories/register-categories.ts';
import type { Executor } from '../repositories/executor.ts';
import { newId, nowIso } from '../security/ids.ts';
import { AppError, notFound } from './app-error.ts';
import { recordAudit } from './audit.ts';
import type { Actor, Deps } from './deps.ts';
import { refreshSearchText } from './register.ts';
import { bi } from '../../shared/messages.ts';

/** Gives an organisation the paper's five categories the first time it needs any; returns the list. */
export async function ensureCategories(trx: Executor, deps: Deps, organisationId: string) {
  if ((await countCategories(trx, organisationId)) === 0) {
    const at = nowIso(deps.now());
    await insertCategories(
      trx,
      deps.catalogues.categories.data.categories.map((c, index) => ({
        id: newId(), organisation_id: organisationId, code: c.code, name: c.name.ja, name_en: c.name.en, sort_order: (index + 1) * 10, created_at: at,
      })),
    );
  }
  return listCategories(trx, organisationId);
}

function present(row: CategoryRow & { entry_count?: number | string | null }) {
  return { id: row.id, code: row.code, name: row.name, name_en: row.name_en, sort_order: Number(row.sort_order), entry_count: Number(row.entry_count ?? 0) };
}

export async function listOrganisationCategories(deps: Deps, actor: Actor) {
  await authorize(deps, actor, 'register:read', { type: 'register_category' });
  return (await deps.db.transaction().execute((trx) => ensureCategories(trx, deps, actor.organisationId))).map(present);
}

/** The category list is the organisation's own: only its administrator edits it. */
async function requireAdmin(deps: Deps, actor: Actor, id?: string) {
  await authorize(deps, actor, 'register:configure', { type: 'register_category', id });
}

export async function createCategory(deps: Deps, actor: Actor, input: { name: string; name_en?: string | null; sort_order?: number }) {
  await requireAdmin(deps, actor);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await ensureCategories(trx, deps, actor.organisationId);
    if (await findCategoryByName(trx, actor.organisationId, input.name)) throw new AppError('conflict', [{ field: 'name', reason: bi('同じ名前の区分があります', 'A category with this name exists') }]);
    const row: CategoryRow = { id: newId(), organisation_id: actor.organisationId, code: null, name: input.name, name_en: input.name_en ?? null, sort_order: input.sort_order ?? 500, created_at: nowIso(now) };
    await insertCategories(trx, [row]);
    await recordAudit(trx, actor, { action: 'register_category.create', targetType: 'register_category', targetId: row.id, after: present(row) }, now);
    return present(row);
  });
}

export async function renameCategory(deps: Deps, actor: Actor, id: string, input: { name: string; name_en?: string | null; sort_order?: number }) {
  await requireAdmin(deps, actor, id);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findCategory(trx, actor.organisationId, id);
    if (!existing) throw notFound();
    const clash = await findCategoryByName(trx, actor.organisationId, input.name);
    if (clash && clash.id !== id) throw new AppError('conflict', [{ field: 'name', reason: bi('同じ名前の区分があります', 'A category with this name exists') }]);
    const changes = { name: input.name, name_en: input.name_en ?? existing.name_en, sort_order: input.sort_order ?? existing.sort_order };
    await updateCategory(trx, actor.organisationId, id, changes);
    if (changes.name !== existing.name) await refreshSearchText(trx, actor.organisationId, { categoryId: id });
    await recordAudit(trx, actor, { action: 'register_category.update', targetType: 'register_category', targetId: id, before: present(existing), after: present({ ...existing, ...changes }) }, now);
    return present({ ...existing, ...changes });
  });
}

export async function removeCategory(deps: Deps, actor: Actor, id: string) {
  await requireAdmin(deps, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    const all = await listCategories(trx, actor.organisationId);
    const existing = all.find((c) => c.id === id);
    if (!existing) throw notFound();
    if (Number(existing.entry_count) > 0) throw new AppError('conflict', [{ field: 'id', reason: bi(`この区分の外部サービスが${existing.entry_count}件あります。先に区分を付け替えてください`, `${existing.entry_count} entries are in this category; move them first`) }]);
    await deleteCategory(trx, actor.organisationId, id);
    await recordAudit(trx, actor, { action: 'register_category.delete', targetType: 'register_category', targetId: id, before: present(existing) }, deps.now());
  });
}
