import { DEFAULT_SUBCONTRACT_MAX_DEPTH } from '../../shared/parties.ts';
import type { z } from 'zod';
import type { organisationCreateBody, organisationUpdateBody } from '../../shared/schemas/organisations.ts';
import { authorize, readableOrganisationIds } from '../policies/index.ts';
import {
  findOrganisationByCode,
  findOrganisationById,
  insertOrganisation,
  listOrganisations,
  memberIdsOfAssociation,
  replaceAssociationMembers,
  updateOrganisation,
  type OrganisationRow,
} from '../repositories/organisations.ts';
import type { Executor } from '../repositories/executor.ts';
import { presentOrganisation } from '../presenters/index.ts';
import { newId, nowIso } from '../security/ids.ts';
import { AppError, invalid, notFound } from './app-error.ts';
import { recordAudit } from './audit.ts';
import type { Actor, Deps } from './deps.ts';
import { bi } from '../../shared/messages.ts';

type CreateInput = z.infer<typeof organisationCreateBody>;
type UpdateInput = z.infer<typeof organisationUpdateBody>;

async function withMembers(db: Executor, row: OrganisationRow) {
  return presentOrganisation(row, row.kind === 'association' ? await memberIdsOfAssociation(db, row.id) : []);
}

export async function listVisibleOrganisations(deps: Deps, actor: Actor, kind?: string) {
  await authorize(deps, actor, 'organisation:read');
  const rows = await listOrganisations(deps.db, { ids: await readableOrganisationIds(deps, actor), kind });
  return Promise.all(rows.map((row) => withMembers(deps.db, row)));
}

/** An organisation the actor may read, or 404: other tenants do not exist for the caller. */
export async function getOrganisation(deps: Deps, actor: Actor, id: string) {
  await authorize(deps, actor, 'organisation:read');
  const scope = await readableOrganisationIds(deps, actor);
  if (scope !== 'all' && !scope.includes(id)) throw notFound();
  const row = await findOrganisationById(deps.db, id);
  if (!row) throw notFound();
  return withMembers(deps.db, row);
}

async function checkReferences(db: Executor, input: { prefecture_id?: string | null; member_ids?: string[] }) {
  if (input.prefecture_id) {
    const prefecture = await findOrganisationById(db, input.prefecture_id);
    if (!prefecture || prefecture.kind !== 'prefecture') throw invalid('prefecture_id', bi('指定された都道府県が見つかりません', 'Prefecture not found'));
  }
  for (const [index, memberId] of (input.member_ids ?? []).entries()) {
    const member = await findOrganisationById(db, memberId);
    if (!member || member.kind !== 'municipality') throw invalid(`member_ids.${index}`, '構成団体には市区町村を指定してください');
  }
}

async function checkUnique(db: Executor, input: { local_government_code?: string | null; corporate_number?: string | null }) {
  if (input.local_government_code && (await findOrganisationByCode(db, 'local_government_code', input.local_government_code)))
    throw new AppError('conflict', [{ field: 'local_government_code', reason: bi('この全国地方公共団体コードの団体は既に登録されています', 'An organisation with this local government code exists') }]);
  if (input.corporate_number && (await findOrganisationByCode(db, 'corporate_number', input.corporate_number)))
    throw new AppError('conflict', [{ field: 'corporate_number', reason: bi('この法人番号の事業者は既に登録されています', 'A vendor with this corporate number exists') }]);
}

export async function createOrganisation(deps: Deps, actor: Actor, input: CreateInput, options: { isDemo?: boolean } = {}) {
  await authorize(deps, actor, 'organisation:create', { type: 'organisation' });
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await checkUnique(trx, input);
    await checkReferences(trx, input);
    const row: OrganisationRow = {
      id: newId(),
      kind: input.kind,
      name: input.name,
      name_en: input.name_en ?? null,
      local_government_code: input.local_government_code ?? null,
      corporate_number: input.corporate_number ?? null,
      prefecture_id: input.prefecture_id ?? null,
      population: input.population ?? null,
      is_demo: options.isDemo ? 1 : 0,
      subcontract_max_depth: DEFAULT_SUBCONTRACT_MAX_DEPTH,
      created_at: nowIso(now),
      updated_at: nowIso(now),
    };
    await insertOrganisation(trx, row);
    if (input.kind === 'association') await replaceAssociationMembers(trx, row.id, input.member_ids ?? [], row.created_at);
    const presented = await withMembers(trx, row);
    await recordAudit(trx, actor, { action: 'organisation.create', targetType: 'organisation', targetId: row.id, organisationId: row.id, after: presented }, now);
    return presented;
  });
}

/** Organisation admins edit their own organisation's name and population; the operator edits links too. */
export async function updateOrganisationDetails(deps: Deps, actor: Actor, id: string, input: UpdateInput) {
  await authorize(deps, actor, 'organisation:update', { type: 'organisation', id });
  const isOperator = actor.role === 'operator_admin';
  if (!isOperator && id !== actor.organisationId) throw notFound();
  if (!isOperator && (input.prefecture_id !== undefined || input.member_ids !== undefined))
    throw new AppError('forbidden', [{ field: input.member_ids !== undefined ? 'member_ids' : 'prefecture_id', reason: bi('所属関係の変更は運用管理者のみが行えます', 'Only the operator changes memberships') }]);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findOrganisationById(trx, id);
    if (!existing) throw notFound();
    if (input.prefecture_id && existing.kind !== 'municipality') throw invalid('prefecture_id', bi('都道府県を設定できるのは市区町村のみです', 'Only a municipality belongs to a prefecture'));
    if (input.member_ids && existing.kind !== 'association') throw invalid('member_ids', bi('構成団体を設定できるのは共同利用団体のみです', 'Only a joint-use association has member municipalities'));
    await checkReferences(trx, input);
    const before = await withMembers(trx, existing);
    const changes: Partial<OrganisationRow> = { updated_at: nowIso(now) };
    if (input.name !== undefined) changes.name = input.name;
    if (input.name_en !== undefined) changes.name_en = input.name_en ?? null;
    if (input.population !== undefined) changes.population = input.population ?? null;
    if (input.prefecture_id !== undefined) changes.prefecture_id = input.prefecture_id ?? null;
    await updateOrganisation(trx, id, changes);
    if (input.member_ids) await replaceAssociationMembers(trx, id, input.member_ids, nowIso(now));
    const after = await withMembers(trx, { ...existing, ...changes });
    await recordAudit(trx, actor, { action: 'organisation.update', targetType: 'organisation', targetId: id, organisationId: id, before, after }, now);
    return after;
  });
}
