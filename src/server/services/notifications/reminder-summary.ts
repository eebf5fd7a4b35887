// The daily reminders announce one notice per kind and organisation that lists its subjects
// (「確認期限を過ぎた項目が12件あります」), not one notice per subject: a start-up with twenty overdue items
// brings each person one notice per kind. Each subject keeps its own dedupe key, so a subject is
// announced once per due date as before; the notice is written when at least one subject is new to
// someone, lists every subject due, and updates the person's earlier notice while it is unread.
import type { NotificationKind } from '../../../shared/incidents.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import type { Executor } from '../../repositories/executor.ts';
import type { Deps } from '../deps.ts';
import { notifyOrganisations } from './notify.ts';

type Bi = { ja: string; en: string };

export interface ReminderSubject {
  organisationId: string;
  /** The subject's own dedupe key (e.g. `contacts:<entry>:<due>`): announced once. */
  dedupeKey: string;
  /** The notice's title, body and link when this subject is the only one due. */
  title: Bi;
  body: Bi;
  link: string;
  /** One line of the notice's list when several are due. */
  line: Bi;
}

export interface ReminderSummary<S extends ReminderSubject> {
  kind: NotificationKind;
  /** The notice's title for `count` subjects. */
  title(count: number): Bi;
  /** A sentence under the title, before the list. */
  lead: Bi;
  /** Where the notice leads when it lists several subjects: the list of them. */
  listLink: string;
  subjects: readonly S[];
  /** Runs in the announcement's transaction for each subject that was new to someone (audit, reminded-at). */
  onAnnounced?(subject: S, trx: Executor): Promise<unknown>;
}

/** Lines listed in one notice; the rest are counted («ほか N件»). */
const MAX_LINES = 30;

function bodyOf(lead: string, lines: string[], more: (n: number) => string): string {
  const shown = lines.slice(0, MAX_LINES).map((line) => `・${line}`);
  if (lines.length > MAX_LINES) shown.push(more(lines.length - MAX_LINES));
  return [lead, '', ...shown].join('\n');
}

/** Announces the subjects, one notice per organisation; returns how many subjects were newly announced. */
export async function announceSummary<S extends ReminderSubject>(deps: Deps, summary: ReminderSummary<S>): Promise<number> {
  const byOrganisation = new Map<string, S[]>();
  for (const subject of summary.subjects) byOrganisation.set(subject.organisationId, [...(byOrganisation.get(subject.organisationId) ?? []), subject]);
  const today = japanToday(deps.now());
  let announced = 0;
  for (const [organisationId, subjects] of byOrganisation) {
    const alone = subjects.length === 1 ? subjects[0]! : null;
    const title = alone ? alone.title : summary.title(subjects.length);
    await deps.db.transaction().execute(async (trx) => {
      const result = await notifyOrganisations(trx, deps, [organisationId], {
        kind: summary.kind,
        title: title.ja,
        titleEn: title.en,
        body: alone ? alone.body.ja : bodyOf(summary.lead.ja, subjects.map((s) => s.line.ja), (n) => `ほか ${n}件`),
        bodyEn: alone ? alone.body.en : bodyOf(summary.lead.en, subjects.map((s) => s.line.en), (n) => `and ${n} more`),
        link: alone ? alone.link : summary.listLink,
        // One mail per kind, organisation and day at most; the notice itself groups by kind.
        dedupeKey: `${summary.kind}:summary:${organisationId}:${today}`,
        groupKey: `${summary.kind}|summary`,
        eventKeys: subjects.map((s) => s.dedupeKey),
      });
      for (const subject of subjects) {
        if (!result.newEventKeys.has(subject.dedupeKey.slice(0, 200))) continue;
        announced++;
        await summary.onAnnounced?.(subject, trx);
      }
    });
  }
  return announced;
}
