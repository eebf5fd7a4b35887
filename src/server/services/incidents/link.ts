import { bi } from '../../../shared/messages.ts';
import { findVendorService, setEntryVendorService } from '../../repositories/vendor-services.ts';
import { findEntry } from '../../repositories/register-entries.ts';
import { presentEntryVendorService } from '../../presenters/incidents.ts';
import { nowIso } from '../../security/ids.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { recordAudit, recordAuditAlone } from '../audit.ts';
import { canEditEntry, requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import { joinOpenIncidentsOf } from '../dependencies/incident-reach.ts';

// Linking a register entry to the vendor's service profile: the municipality's use of the service is
// then known to the platform, so the vendor's incident reports reach it. Linking while the vendor
// has an incident open makes the municipality take part in it at once.

/** The register's own rule: another organisation's entry is not found, another 所管課's is refused (audited). */
async function editableEntry(deps: Deps, actor: Actor, entryId: string) {
  await requireRegister(deps, actor, true);
  const entry = await findEntry(deps.db, actor.organisationId, entryId);
  if (!entry) throw notFound();
  if (!canEditEntry(actor, entry.department)) {
    await recordAuditAlone(deps, actor, { action: 'permission.denied', outcome: 'denied', targetType: 'register_entry', targetId: entryId, after: { reason: 'other_department', department: entry.department, feature: 'vendor_service_link' } });
    throw new AppError('forbidden', [{ field: 'department', reason: bi(`所管課（${actor.department}）以外の外部サービスは紐付けられません`, `Only your department's (${actor.department}) services can be linked`) }]);
  }
  return entry;
}

export async function linkEntryToService(deps: Deps, actor: Actor, entryId: string, serviceId: string | null) {
  const entry = await editableEntry(deps, actor, entryId);
  const service = serviceId ? await findVendorService(deps.db, serviceId) : null;
  if (serviceId && !service) throw invalid('vendor_service_id', bi('事業者のサービスが見つかりません', 'Vendor service not found'));
  const before = entry.vendor_service_id ? await findVendorService(deps.db, entry.vendor_service_id) : null;
  if (entry.vendor_service_id === (service?.id ?? null)) return { vendor_service: presentEntryVendorService(service) };
  const now = deps.now();
  const at = nowIso(now);
  await deps.db.transaction().execute(async (trx) => {
    await setEntryVendorService(trx, actor.organisationId, entryId, service?.id ?? null, at);
    // Open incidents on the service, or on anything it runs on, reach the organisation at once.
    const joined = service && entry.status !== 'ended' ? await joinOpenIncidentsOf(trx, deps, actor.organisationId, service.id) : [];
    await recordAudit(
      trx,
      actor,
      {
        action: 'register_entry.link_vendor_service',
        targetType: 'register_entry',
        targetId: entryId,
        before: { vendor_service: presentEntryVendorService(before) },
        after: { vendor_service: presentEntryVendorService(service), joined_incidents: joined.map((i) => i.id) },
      },
      now,
    );
  });
  return { vendor_service: presentEntryVendorService(service) };
}
