import type { z } from 'zod';
import type { vendorBody } from '../../shared/schemas/register.ts';
import { entriesNamingVendor } from '../repositories/parties.ts';
import { countEntriesOfVendor, deleteVendor, findVendor, findVendorByName, insertVendor, listVendors, updateVendor, type VendorRow } from '../repositories/vendors.ts';
import type { Executor } from '../repositories/executor.ts';
import { presentVendor } from '../presenters/register.ts';
import { newId, nowIso } from '../security/ids.ts';
import { AppError, notFound } from './app-error.ts';
import { recordAudit } from './audit.ts';
import { refreshSearchText, requireRegister } from './register.ts';
import type { Actor, Deps } from './deps.ts';
import { bi } from '../../shared/messages.ts';

type VendorInput = z.infer<typeof vendorBody>;

/** Editors and admins keep the vendor list; a vendor is shared by every department's entries. */
async function requireVendorEdit(deps: Deps, actor: Actor) {
  await requireRegister(deps, actor, true);
}

export async function listOrganisationVendors(deps: Deps, actor: Actor, q?: string) {
  await requireRegister(deps, actor, false);
  return (await listVendors(deps.db, actor.organisationId, q)).map(presentVendor);
}

export async function getVendor(deps: Deps, actor: Actor, id: string) {
  await requireRegister(deps, actor, false);
  const row = await findVendor(deps.db, actor.organisationId, id);
  if (!row) throw notFound();
  return presentVendor({ ...row, entry_count: await countEntriesOfVendor(deps.db, actor.organisationId, id) });
}

export function vendorRow(organisationId: string, input: VendorInput, at: string): VendorRow {
  return {
    id: newId(),
    organisation_id: organisationId,
    name: input.name,
    corporate_number: input.corporate_number ?? null,
    address: input.address ?? null,
    contact_name: input.contact_name ?? null,
    contact_email: input.contact_email ?? null,
    contact_phone: input.contact_phone ?? null,
    certifications: input.certifications ?? null,
    notes: input.notes ?? null,
    vendor_organisation_id: null,
    created_at: at,
    updated_at: at,
  };
}

/** Inserts a vendor inside the caller's transaction (shared with the import). */
export async function insertVendorAudited(trx: Executor, deps: Deps, actor: Actor, row: VendorRow) {
  if (await findVendorByName(trx, actor.organisationId, row.name)) throw new AppError('conflict', [{ field: 'name', reason: bi('同じ名前の事業者が登録されています', 'A vendor with this name exists') }]);
  await insertVendor(trx, row);
  await recordAudit(trx, actor, { action: 'vendor.create', targetType: 'vendor', targetId: row.id, after: presentVendor(row) }, deps.now());
}

export async function createVendor(deps: Deps, actor: Actor, input: VendorInput) {
  await requireVendorEdit(deps, actor);
  const row = vendorRow(actor.organisationId, input, nowIso(deps.now()));
  await deps.db.transaction().execute((trx) => insertVendorAudited(trx, deps, actor, row));
  return presentVendor(row);
}

export async function updateVendorDetails(deps: Deps, actor: Actor, id: string, input: VendorInput) {
  await requireVendorEdit(deps, actor);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findVendor(trx, actor.organisationId, id);
    if (!existing) throw notFound();
    const clash = await findVendorByName(trx, actor.organisationId, input.name);
    if (clash && clash.id !== id) throw new AppError('conflict', [{ field: 'name', reason: bi('同じ名前の事業者が登録されています', 'A vendor with this name exists') }]);
    const { id: _id, organisation_id: _org, created_at: _created, vendor_organisation_id: _link, ...fields } = vendorRow(actor.organisationId, input, nowIso(now));
    await updateVendor(trx, actor.organisationId, id, fields);
    // The vendor name is part of each entry's search text.
    if (existing.name !== fields.name) await refreshSearchText(trx, actor.organisationId, { vendorId: id });
    const after = { ...existing, ...fields };
    await recordAudit(trx, actor, { action: 'vendor.update', targetType: 'vendor', targetId: id, before: presentVendor(existing), after: presentVendor(after) }, now);
    return presentVendor({ ...after, entry_count: await countEntriesOfVendor(trx, actor.organisationId, id) });
  });
}

export async function removeVendor(deps: Deps, actor: Actor, id: string) {
  await requireVendorEdit(deps, actor);
  await deps.db.transaction().execute(async (trx) => {
    const existing = await findVendor(trx, actor.organisationId, id);
    if (!existing) throw notFound();
    const used = await countEntriesOfVendor(trx, actor.organisationId, id);
    if (used > 0) throw new AppError('conflict', [{ field: 'id', reason: bi(`この事業者の外部サービスが${used}件あります。先に台帳から外してください`, `${used} entries use this vendor; remove it from them first`) }]);
    const asParty = await entriesNamingVendor(trx, actor.organisationId, id);
    if (asParty.length > 0) {
      const names = asParty.map((e) => `${e.external_key} ${e.name}`).join('、');
      throw new AppError('conflict', [{ field: 'id', reason: bi(`この事業者は次のサービスの関係事業者です: ${names}。先に関係事業者から外してください`, `This vendor is a party of: ${names}; remove it from their parties first`) }]);
    }
    await deleteVendor(trx, actor.organisationId, id);
    await recordAudit(trx, actor, { action: 'vendor.delete', targetType: 'vendor', targetId: id, before: presentVendor(existing) }, deps.now());
  });
}
