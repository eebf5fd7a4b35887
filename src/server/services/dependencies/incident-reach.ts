import { findParticipant, openVendorIncidentsOfService } from '../../repositories/incidents.ts';
import { serviceEdgesFrom } from '../../repositories/dependencies.ts';
import { findVendorService } from '../../repositories/vendor-services.ts';
import type { Executor } from '../../repositories/executor.ts';
import { nowIso } from '../../security/ids.ts';
import { addParticipants, announceReport, participantRows } from '../incidents/fan-out.ts';
import type { Deps } from '../deps.ts';
import { affectedEntriesOfService } from './graph.ts';

// When an organisation starts to use a service (links an entry to it, or records that an entry runs
// on it) while a vendor has an incident open on that service or on anything it runs on, the
// organisation takes part in that incident at once, marked with the way it came.

/** The service and everything it runs on, transitively. */
async function upstreamOf(db: Executor, serviceId: string): Promise<string[]> {
  const seen = new Set([serviceId]);
  let frontier = [serviceId];
  while (frontier.length) {
    const next: string[] = [];
    for (const edge of await serviceEdgesFrom(db, frontier)) {
      if (seen.has(edge.depends_on_service_id)) continue;
      seen.add(edge.depends_on_service_id);
      next.push(edge.depends_on_service_id);
    }
    frontier = next;
  }
  return [...seen];
}

/** Joins the organisation to every open vendor incident that now reaches it; returns the incidents joined. */
export async function joinOpenIncidentsOf(trx: Executor, deps: Deps, organisationId: string, serviceId: string) {
  const joined: { id: string }[] = [];
  const at = nowIso(deps.now());
  for (const upstream of await upstreamOf(trx, serviceId)) {
    const incidents = await openVendorIncidentsOfService(trx, upstream);
    if (!incidents.length) continue;
    const service = await findVendorService(trx, upstream);
    for (const open of incidents) {
      if (await findParticipant(trx, open.id, organisationId)) continue;
      const affected = await affectedEntriesOfService(trx, upstream, organisationId);
      if (!affected.length) continue;
      await addParticipants(trx, participantRows(open.id, affected, at));
      joined.push(open);
      if (service) await announceReport(trx, deps, open, service.vendor_name, service.name, open.occurred_at ?? open.created_at, [organisationId]);
    }
  }
  return joined;
}
