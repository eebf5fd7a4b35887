import { CERTIFICATE_SCHEMES, isCitable, type CertificateScheme } from '../../../domain/certificates.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { readableOrganisationIds } from '../../policies/index.ts';
import { certificateLinksOfServices, certificatesByIds, entriesForCoverage, holderNames, keptCertificatesOfOrganisations, type CertificateRow } from '../../repositories/certificates.ts';
import { validityOf } from '../../presenters/certificates.ts';
import { requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';

// Coverage (the seed paper's Fig 15): which register entries in use are backed by which certifications.
// An organisation sees its entries with the certificates each holds (a vendor's, through the linked
// service, and those it keeps for the entry's vendor) and counts per scheme; a prefecture or association
// sees only counts across its municipalities, no entry names. An entry "holds" a scheme while one of its
// certificates of that scheme is valid, expiring or pending renewal (not expired, not stale).

type Held = { id: string; scheme: CertificateScheme; state: ReturnType<typeof validityOf>['state']; valid_through: string | null; citable: boolean };

async function coverageOf(deps: Deps, organisationIds: string[]) {
  const today = japanToday(deps.now());
  const entries = await entriesForCoverage(deps.db, organisationIds);
  const serviceIds = [...new Set(entries.flatMap((e) => (e.vendor_service_id ? [e.vendor_service_id] : [])))];
  const [links, kept] = await Promise.all([certificateLinksOfServices(deps.db, serviceIds), keptCertificatesOfOrganisations(deps.db, organisationIds)]);
  const published = await certificatesByIds(deps.db, [...new Set(links.map((l) => l.certificate_id))]);
  const held = new Map<string, Held>();
  const describe = (row: CertificateRow): Held => {
    const known = held.get(row.id);
    if (known) return known;
    const validity = validityOf(row, today);
    const result = { id: row.id, scheme: row.scheme as CertificateScheme, state: validity.state, valid_through: validity.valid_through, citable: isCitable(validity) };
    held.set(row.id, result);
    return result;
  };
  const byId = new Map(published.map((c) => [c.id, c]));
  return {
    today,
    entries: entries.map((entry) => {
      const rows = [
        ...links.filter((l) => l.vendor_service_id === entry.vendor_service_id).flatMap((l) => (byId.has(l.certificate_id) ? [byId.get(l.certificate_id)!] : [])),
        ...kept.filter((k) => k.organisation_id === entry.organisation_id && entry.vendor_id && k.vendor_id === entry.vendor_id),
      ];
      return { entry, certificates: rows.map(describe) };
    }),
  };
}

function countSchemes(entries: { certificates: Held[] }[]) {
  return {
    total_entries: entries.length,
    without: entries.filter((e) => !e.certificates.some((c) => c.citable)).length,
    schemes: CERTIFICATE_SCHEMES.map((scheme) => ({ scheme, entries: entries.filter((e) => e.certificates.some((c) => c.citable && c.scheme === scheme)).length })),
  };
}

export async function certificateCoverage(deps: Deps, actor: Actor) {
  await requireRegister(deps, actor, false);
  if (actor.organisationKind === 'municipality') {
    const { today, entries } = await coverageOf(deps, [actor.organisationId]);
    return {
      scope: 'organisation' as const,
      today,
      ...countSchemes(entries),
      entries: entries.map(({ entry, certificates }) => ({
        id: entry.id,
        external_key: entry.external_key,
        name: entry.name,
        department: entry.department,
        vendor_name: entry.vendor_name ?? null,
        certificates: certificates.map(({ id, scheme, state, valid_through }) => ({ id, scheme, state, valid_through })),
      })),
      organisations: [],
    };
  }
  const readable = await readableOrganisationIds(deps, actor);
  const members = readable === 'all' ? [] : readable.filter((id) => id !== actor.organisationId);
  const { today, entries } = await coverageOf(deps, members);
  const names = await holderNames(deps.db, members, []);
  return {
    scope: 'members' as const,
    today,
    ...countSchemes(entries),
    entries: [],
    organisations: members
      .map((id) => ({ id, name: names.organisations.get(id)?.name ?? '', ...countSchemes(entries.filter((e) => e.entry.organisation_id === id)) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ja')),
  };
}
