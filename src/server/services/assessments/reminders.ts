import { japanToday } from '../../../domain/japan-time.ts';
import { overdueItemsOfAllOrganisations } from '../../repositories/assessments.ts';
import { recordAudit } from '../audit.ts';
import { catalogueItemOf, catalogueVersionById } from '../catalogues/registry.ts';
import { systemActor, type Deps } from '../deps.ts';
import { announceSummary } from '../notifications/reminder-summary.ts';
import { ITEM_TARGET } from './items.ts';
import { UNSETTLED } from './progress.ts';

/**
 * Announces assessment items past their due date once per item and due date: the dedupe key
 * `assessment_item_overdue:<itemId>:<due>` makes a second run, or a second process, add nothing, and a
 * new due date is announced again when it passes. One notice per organisation lists every overdue
 * item (notifications/reminder-summary.ts). Each newly announced item is audited on the item.
 * Returns how many items were newly announced.
 */
export async function notifyOverdueItems(deps: Deps): Promise<number> {
  const now = deps.now();
  const subjects = [];
  for (const item of await overdueItemsOfAllOrganisations(deps.db, japanToday(now), UNSETTLED)) {
    const version = await catalogueVersionById(deps, null, item.catalogue_version_id);
    const name = version ? catalogueItemOf(version, item.item_key).name : { ja: item.item_key, en: item.item_key };
    const due = item.due_date.replaceAll('-', '/');
    subjects.push({
      item,
      organisationId: item.organisation_id,
      dedupeKey: `assessment_item_overdue:${item.id}:${item.due_date}`,
      title: { ja: `確認項目の期限を過ぎています: ${item.external_key} ${item.entry_name}（${item.item_key}）`, en: `Confirmation item overdue: ${item.external_key} ${item.entry_name} (${item.item_key})` },
      body: {
        ja: `「${name.ja}」の確認期限は ${due} でした。事業者に確認して状態を更新するか、期限を見直してください。`,
        en: `"${name.en}" was due on ${due}. Confirm it with the vendor and update its status, or set a new due date.`,
      },
      link: `/assessments/${item.assessment_id}`,
      line: { ja: `${item.external_key} ${item.entry_name}（${item.item_key} ${name.ja}）期限 ${due}`, en: `${item.external_key} ${item.entry_name} (${item.item_key} ${name.en}) due ${due}` },
    });
  }
  return announceSummary(deps, {
    kind: 'assessment_item_overdue',
    title: (count) => ({ ja: `確認期限を過ぎた項目が${count}件あります`, en: `${count} confirmation items are overdue` }),
    lead: { ja: '次の確認項目が期限を過ぎています。事業者に確認して状態を更新するか、期限を見直してください。', en: 'These confirmation items are past their due date. Confirm them with the vendor and update their status, or set new due dates.' },
    listLink: '/assessments',
    subjects,
    onAnnounced: ({ item }, trx) =>
      recordAudit(
        trx,
        systemActor(item.organisation_id, 'assessment overdue check'),
        { action: 'assessment_item.overdue_notified', targetType: ITEM_TARGET, targetId: item.id, organisationId: item.organisation_id, after: { item_key: item.item_key, due_date: item.due_date } },
        now,
      ),
  });
}
