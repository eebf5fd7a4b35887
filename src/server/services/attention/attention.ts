import { addDaysToDate, japanToday } from '../../../domain/japan-time.ts';
import { nextUpdateDue, updateOverdue } from '../../../domain/incident-updates.ts';
import { japanMonthOf } from '../../../domain/sla/intervals.ts';
import { formatYearMonth } from '../../../shared/sla.ts';
import { can, REGISTER_ORGANISATION_KINDS } from '../../../shared/roles.ts';
import { ATTENTION_SOON_DAYS, URGENCIES, type AttentionItem, type Urgency } from '../../../shared/schemas/attention.ts';
import type { IncidentSeverity } from '../../../shared/incidents.ts';
import { lastVendorUpdates, openItemsDueBefore, pendingRequestsOfOrganisation } from '../../repositories/attention.ts';
import { listAssessmentsWithEntries } from '../../repositories/assessments.ts';
import { departmentsTouched, listParticipants, listVisibleIncidents, type IncidentWithNames } from '../../repositories/incidents.ts';
import { vendorNameOf } from '../../presenters/incidents.ts';
import { listCurrentCatalogues } from '../catalogues/registry.ts';
import { reverifyDue } from '../contacts.ts';
import { incidentSummary } from '../incidents/incidents.ts';
import { incidentViewer } from '../incidents/access.ts';
import { organisationMonthResults } from '../sla/results.ts';
import { reviewsDue } from '../sla/reviews.ts';
import { listSurveys } from '../surveys/surveys.ts';
import { assessmentVendorAnswers } from '../vendor-portal/review.ts';
import { listPortalServices, vendorRequests } from '../vendor-portal/answers.ts';
import { ENTRY_TAB } from '../vendor-portal/common.ts';
import { UNSETTLED } from '../assessments/progress.ts';
import type { Actor, Deps } from '../deps.ts';

// 要対応: what needs the caller's organisation, merged from every feature and sorted by urgency.
// Each source reuses its feature's own service or rule (the reminder lists, the month's SLA results,
// the vendor-answer visibility rule, the survey states), and is asked only when the caller's kind and
// role may read it, so nothing here is refused or audited as a denial.

type Item = AttentionItem;
type Bilingual = { ja: string; en: string };

const REGISTER_KINDS = new Set<string>(REGISTER_ORGANISATION_KINDS);
const OPEN_INCIDENT = (status: string) => status !== 'closed';

function item(fields: Partial<Item> & Pick<Item, 'id' | 'kind' | 'urgency' | 'subject' | 'path'>): Item {
  return { severity: null, catalogue: null, due_date: null, month: null, since: null, next_update_due_at: null, update_overdue: false, counts: {}, mine: false, ...fields };
}

const RANK = new Map<Urgency, number>(URGENCIES.map((u, i) => [u, i]));

/** Overdue first, then by severity and nearness: the urgency, the due date or time, the age, the name. */
export function compareAttention(a: Item, b: Item): number {
  const due = (i: Item) => i.next_update_due_at ?? i.due_date ?? '9999';
  return (
    RANK.get(a.urgency)! - RANK.get(b.urgency)! ||
    due(a).localeCompare(due(b)) ||
    (a.since ?? '9999').localeCompare(b.since ?? '9999') ||
    a.subject.name.localeCompare(b.subject.name, 'ja') ||
    a.id.localeCompare(b.id)
  );
}

function severityUrgency(severity: string, overdue: boolean): Urgency {
  if (overdue) return 'overdue';
  if (severity === 'critical') return 'critical';
  if (severity === 'high') return 'high';
  return 'open';
}

const dateUrgency = (due: string | null, today: string): Urgency => (due === null ? 'open' : due < today ? 'overdue' : due <= addDaysToDate(today, ATTENTION_SOON_DAYS) ? 'due_soon' : 'open');

/** The caller's 所管課 owns the entry (a user without one has no department items). */
const ofMyDepartment = (actor: Actor, department: string | null | undefined) => Boolean(actor.department) && department === actor.department;

// ---- incidents

async function incidentUpdates(deps: Deps, incidents: IncidentWithNames[]) {
  const last = await lastVendorUpdates(
    deps.db,
    incidents.filter((i) => i.reporter_kind === 'vendor').map((i) => i.id),
  );
  const now = deps.now();
  return (incident: IncidentWithNames) => {
    const due = incident.reporter_kind === 'vendor' ? nextUpdateDue(incident, last.get(incident.id) ?? null) : null;
    return { next_update_due_at: due, update_overdue: updateOverdue(due, now) };
  };
}

function incidentItem(kind: Item['kind'], incident: IncidentWithNames, update: { next_update_due_at: string | null; update_overdue: boolean }, counts: Record<string, number>, mine: boolean): Item {
  return item({
    id: `${kind}:${incident.id}`,
    kind,
    urgency: severityUrgency(incident.severity, update.update_overdue),
    severity: incident.severity as IncidentSeverity,
    subject: { type: 'incident', id: incident.id, name: incident.title, external_key: null, party: vendorNameOf(incident) },
    since: incident.occurred_at ?? incident.created_at,
    ...update,
    counts,
    mine,
    path: `/incidents/${incident.id}`,
  });
}

/** Incidents the organisation takes part in or reported, still open for it; for a coordinator, those of its area besides. */
async function incidentItems(deps: Deps, actor: Actor): Promise<Item[]> {
  const viewer = await incidentViewer(deps, actor);
  const visible = (await listVisibleIncidents(deps.db, viewer)).filter((i) => OPEN_INCIDENT(i.status));
  const own = visible.filter((i) => i.organisation_id === actor.organisationId || (i.my_impact_status !== null && !i.my_closed_at));
  const area = viewer.coordinated.length ? (await incidentSummary(deps, actor)).items.filter((i) => OPEN_INCIDENT(i.status) && !own.some((o) => o.id === i.id)) : [];
  const byId = new Map(visible.map((i) => [i.id, i]));
  const updateOf = await incidentUpdates(deps, [...own, ...area.map((a) => byId.get(a.id)).filter((i): i is IncidentWithNames => Boolean(i))]);
  const participants = await listParticipants(deps.db, own.map((i) => i.id), [actor.organisationId]);
  const items: Item[] = [];
  for (const incident of own) {
    const entryId = participants.find((p) => p.incident_id === incident.id)?.entry_id ?? null;
    const mine = Boolean(actor.department) && (await departmentsTouched(deps.db, actor.organisationId, entryId, incident.vendor_service_id)).includes(actor.department!);
    items.push(incidentItem('incident', incident, updateOf(incident), { bodies: incident.participant_count, affected: incident.affected_count }, mine));
  }
  for (const summary of area) {
    const incident = byId.get(summary.id);
    if (incident) items.push(incidentItem('area_incident', incident, updateOf(incident), { bodies: summary.bodies, affected: summary.affected, recovered: summary.recovered }, false));
  }
  return items;
}

/** A vendor's own open incidents, with how many bodies they reach. */
async function vendorIncidentItems(deps: Deps, actor: Actor): Promise<Item[]> {
  const viewer = await incidentViewer(deps, actor);
  const incidents = (await listVisibleIncidents(deps.db, viewer, { coordinatorOnly: true })).filter((i) => OPEN_INCIDENT(i.status));
  const updateOf = await incidentUpdates(deps, incidents);
  return incidents.map((i) => {
    const row = incidentItem('vendor_incident', i, updateOf(i), { bodies: i.participant_count, affected: i.affected_count }, false);
    // The vendor is the reader: the other party named is its service.
    return { ...row, subject: { ...row.subject, party: i.service_name } };
  });
}

// ---- the register's confirmation work

async function assessmentItems(deps: Deps, actor: Actor, names: Map<string, Bilingual>, today: string): Promise<Item[]> {
  const rows = await openItemsDueBefore(deps.db, actor.organisationId, addDaysToDate(today, ATTENTION_SOON_DAYS + 1), UNSETTLED);
  const byAssessment = new Map<string, typeof rows>();
  for (const row of rows) byAssessment.set(row.assessment_id, [...(byAssessment.get(row.assessment_id) ?? []), row]);
  return [...byAssessment.entries()].map(([assessmentId, group]) => {
    const first = group[0]!;
    const overdue = group.filter((r) => r.due_date < today).length;
    const earliest = group.map((r) => r.due_date).sort()[0]!;
    return item({
      id: `assessment_items:${assessmentId}`,
      kind: 'assessment_items',
      urgency: overdue ? 'overdue' : 'due_soon',
      subject: { type: 'assessment', id: assessmentId, name: first.entry_name, external_key: first.external_key, party: null },
      catalogue: names.get(first.catalogue_urn) ?? { ja: first.catalogue_urn, en: first.catalogue_urn },
      due_date: earliest,
      counts: { overdue, due_soon: group.length - overdue },
      mine: ofMyDepartment(actor, first.department) || group.some((r) => r.reviewer_user_id !== null && r.reviewer_user_id === actor.userId),
      path: overdue ? `/assessments/${assessmentId}?overdue=true` : `/assessments/${assessmentId}`,
    });
  });
}

/** Vendor answers the organisation may read and has not reviewed, or that changed since its review (the portal's own rule). */
async function reviewItems(deps: Deps, actor: Actor, names: Map<string, Bilingual>): Promise<Item[]> {
  const linked = (await listAssessmentsWithEntries(deps.db, actor.organisationId)).filter((a) => a.entry_vendor_service_id);
  const items: Item[] = [];
  for (const assessment of linked) {
    const view = await assessmentVendorAnswers(deps, actor, assessment.id);
    const visible = view.items.filter((i) => i.answer);
    const waiting = visible.filter((i) => !i.review).length;
    const changed = visible.filter((i) => i.review?.changed_since_review).length;
    if (!waiting && !changed) continue;
    items.push(
      item({
        id: `vendor_answers_review:${assessment.id}`,
        kind: 'vendor_answers_review',
        urgency: 'open',
        subject: { type: 'assessment', id: assessment.id, name: assessment.entry_name, external_key: assessment.entry_external_key, party: view.vendor_service?.vendor_name ?? null },
        catalogue: names.get(assessment.catalogue_urn) ?? { ja: assessment.catalogue_urn, en: assessment.catalogue_urn },
        since: visible.map((i) => i.answer!.answered_at).sort().at(-1) ?? null,
        counts: { waiting, changed },
        mine: ofMyDepartment(actor, assessment.entry_department),
        path: `/assessments/${assessment.id}`,
      }),
    );
  }
  return items;
}

/** Our requests the vendor has let pass their due date: time to follow up. */
async function overdueRequestItems(deps: Deps, actor: Actor, names: Map<string, Bilingual>, today: string): Promise<Item[]> {
  return (await pendingRequestsOfOrganisation(deps.db, actor.organisationId))
    .filter((r) => r.due_date < today)
    .map((r) =>
      item({
        id: `answer_request_overdue:${r.id}`,
        kind: 'answer_request_overdue',
        urgency: 'overdue',
        subject: { type: 'entry', id: r.entry_id, name: r.entry_name, external_key: r.external_key, party: r.vendor_name },
        catalogue: names.get(r.catalogue_urn) ?? { ja: r.catalogue_urn, en: r.catalogue_urn },
        due_date: r.due_date,
        since: r.created_at,
        mine: ofMyDepartment(actor, r.department) || (r.requested_by !== null && r.requested_by === actor.userId),
        path: `/register/${r.entry_id}?tab=${ENTRY_TAB}`,
      }),
    );
}

// ---- SLA and contacts

type DueRow = { entry_id: string; entry_name: string; external_key: string; department: string; next_due: string | null; state: string };

/** A register entry's date falling due (an SLA review, a re-verification), done on the entry's tab. */
function entryDueItem(actor: Actor, kind: 'sla_review' | 'contacts_reverify', r: DueRow, tab: string): Item {
  return item({
    id: `${kind}:${r.entry_id}`,
    kind,
    urgency: r.state === 'overdue' ? 'overdue' : 'due_soon',
    subject: { type: 'entry', id: r.entry_id, name: r.entry_name, external_key: r.external_key, party: null },
    due_date: r.next_due,
    mine: ofMyDepartment(actor, r.department),
    path: `/register/${r.entry_id}?tab=${tab}`,
  });
}

async function slaItems(deps: Deps, actor: Actor): Promise<Item[]> {
  const current = japanMonthOf(deps.now().getTime());
  const month = current.month === 1 ? formatYearMonth(current.year - 1, 12) : formatYearMonth(current.year, current.month - 1);
  const [results, reviews] = await Promise.all([organisationMonthResults(deps, actor, month), reviewsDue(deps, actor)]);
  const breaches = results.items
    .filter((r) => r.met === false)
    .map((r) =>
      item({
        id: `sla_breach:${r.entry_id}:${month}`,
        kind: 'sla_breach',
        urgency: 'high',
        subject: { type: 'entry', id: r.entry_id, name: r.entry_name, external_key: r.external_key, party: null },
        month,
        counts: {
          ...(r.contract_availability !== null ? { availability: r.contract_availability } : {}),
          ...(r.target !== null ? { target: r.target } : {}),
          ...(r.credit_yen ? { credit_yen: r.credit_yen } : {}),
        },
        mine: ofMyDepartment(actor, r.department),
        path: `/register/${r.entry_id}?tab=sla`,
      }),
    );
  const due = reviews.items.map((r) => entryDueItem(actor, 'sla_review', r, 'sla'));
  return [...breaches, ...due];
}

/** Contact structures overdue or due soon for re-verification (structures never set up are the contacts page's list, not a due date). */
async function contactItems(deps: Deps, actor: Actor): Promise<Item[]> {
  return (await reverifyDue(deps, actor)).items
    .filter((r) => r.state !== 'never')
    .map((r) => ({ ...entryDueItem(actor, 'contacts_reverify', r, 'contacts'), since: r.last_verified_on }));
}

// ---- surveys

async function surveyItems(deps: Deps, actor: Actor, today: string): Promise<Item[]> {
  const surveys = (await listSurveys(deps, actor)).items.filter((s) => s.status === 'open');
  return surveys.flatMap((s) => {
    const subject = { type: 'survey' as const, id: s.id, name: s.title, external_key: null, party: s.owner.name };
    if (s.role === 'participant') {
      if (s.my_state === 'submitted') return [];
      return [item({ id: `survey_answer:${s.id}`, kind: 'survey_answer', urgency: dateUrgency(s.closes_on, today), subject, catalogue: s.catalogue.name, due_date: s.closes_on, since: s.created_at, counts: { items: s.item_count }, path: `/surveys/${s.id}` })];
    }
    if (s.submitted_count >= s.participant_count) return [];
    return [
      item({
        id: `survey_progress:${s.id}`,
        kind: 'survey_progress',
        urgency: dateUrgency(s.closes_on, today),
        subject: { ...subject, party: null },
        catalogue: s.catalogue.name,
        due_date: s.closes_on,
        since: s.created_at,
        counts: { participants: s.participant_count, submitted: s.submitted_count },
        path: `/surveys/${s.id}`,
      }),
    ];
  });
}

// ---- the vendor's side

async function vendorRequestItems(deps: Deps, actor: Actor, today: string): Promise<Item[]> {
  const [requests, services] = await Promise.all([vendorRequests(deps, actor), listPortalServices(deps, actor)]);
  const totals = new Map(services.items.flatMap((s) => s.catalogues.map((c) => [`${s.id} ${c.urn}`, c.items_total] as const)));
  return requests.items
    .filter((r) => r.status === 'pending')
    .map((r) =>
      item({
        id: `vendor_request:${r.id}`,
        kind: 'vendor_request',
        urgency: dateUrgency(r.due_date, today),
        subject: { type: 'vendor_service', id: r.service_id, name: r.service_name, external_key: null, party: r.organisation_name },
        catalogue: r.catalogue_name,
        due_date: r.due_date,
        since: r.created_at,
        counts: { pending_items: r.pending_items, total_items: totals.get(`${r.service_id} ${r.catalogue_urn}`) ?? r.pending_items },
        path: `/vendor/services/${r.service_id}/answers?catalogue=${encodeURIComponent(r.catalogue_urn)}`,
      }),
    );
}

// ---- the list

/** GET /attention: the caller's 要対応 list; with `mine`, only the items that are the caller's own. */
export async function attentionList(deps: Deps, actor: Actor, query: { mine?: 'true' | 'false' }) {
  const today = japanToday(deps.now());
  const kind = actor.organisationKind;
  const has = (permission: Parameters<typeof can>[2]) => can(actor.role, kind, permission);
  const sources: Promise<Item[]>[] = [];
  if (REGISTER_KINDS.has(kind) && has('register:read')) {
    const names = new Map((await listCurrentCatalogues(deps, actor.organisationId)).map((c) => [c.urn, c.catalogue.name]));
    sources.push(
      incidentItems(deps, actor),
      assessmentItems(deps, actor, names, today),
      reviewItems(deps, actor, names),
      overdueRequestItems(deps, actor, names, today),
      slaItems(deps, actor),
      contactItems(deps, actor),
    );
    if (has('survey:answer') || has('survey:run') || has('content:read')) sources.push(surveyItems(deps, actor, today));
  }
  if (kind === 'vendor') {
    if (has('incident:read')) sources.push(vendorIncidentItems(deps, actor));
    if (has('vendor_service:manage')) sources.push(vendorRequestItems(deps, actor, today));
  }
  const all = (await Promise.all(sources)).flat().sort(compareAttention);
  const mineAvailable = REGISTER_KINDS.has(kind) && has('register:read');
  const items = query.mine === 'true' ? all.filter((i) => i.mine) : all;
  return { items, mine_available: mineAvailable, totals: { all: all.length, overdue: all.filter((i) => i.urgency === 'overdue').length } };
}
