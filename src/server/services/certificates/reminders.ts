import { CERTIFICATE_LABELS } from '../../../shared/certificates.ts';
import { isCitable, reminderStage, type CertificateScheme } from '../../../domain/certificates.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { allCertificates, allCitations, certificatesByIds, holderNames, markCitationReopened, organisationsLinkedToCertificate, type CertificateRow } from '../../repositories/certificates.ts';
import { findItemById, insertComment } from '../../repositories/assessments.ts';
import { SYSTEM_COMMENT_PREFIX } from '../../presenters/assessments.ts';
import { validityOf } from '../../presenters/certificates.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { recordAudit } from '../audit.ts';
import { systemActor, type Deps } from '../deps.ts';
import { announceSummary, type ReminderSubject } from '../notifications/reminder-summary.ts';
import { notifyOrganisations } from '../notifications/notify.ts';
import { writeItem } from '../assessments/items.ts';
import { CERTIFICATE_AUDIT_TARGET } from './certificates.ts';

// The daily checks of certificates (jobs/reminders.ts):
// - expiry: the holder and every body linking an entry to a service the certificate covers are told
//   120, 60 and 30 days before the end of validity and once it has passed (one notice per organisation
//   listing its certificates; each certificate, end date and stage announced once);
// - citations: an item citing a certificate whose validity has ended goes back from 確認済 to 確認中 with a
//   comment and a notice, the way an incident reopens items (assessments/reopen.ts); once per end date.

const ACTOR_LABEL = 'certificate expiry check';
const slash = (date: string) => date.replaceAll('-', '/');

function nameOf(row: CertificateRow, holder: string) {
  const scheme = CERTIFICATE_LABELS.scheme[row.scheme as CertificateScheme] ?? { ja: row.scheme, en: row.scheme };
  const number = row.number ? ` ${row.number}` : '';
  return { ja: `${scheme.ja}${number}（${holder}）`, en: `${scheme.en}${number} (${holder})` };
}

interface ExpirySubject extends ReminderSubject {
  certificateId: string;
  stage: string;
  validThrough: string;
}

export async function notifyCertificateExpiry(deps: Deps): Promise<number> {
  const now = deps.now();
  const today = japanToday(now);
  const due = (await allCertificates(deps.db)).flatMap((row) => {
    const validity = validityOf(row, today);
    const stage = reminderStage(validity);
    return stage && validity.valid_through ? [{ row, validity, stage, validThrough: validity.valid_through }] : [];
  });
  const names = await holderNames(deps.db, [...new Set(due.map((d) => d.row.organisation_id))], [...new Set(due.flatMap((d) => (d.row.vendor_id ? [d.row.vendor_id] : [])))]);
  const subjects: ExpirySubject[] = [];
  for (const { row, validity, stage, validThrough } of due) {
    const holder = row.vendor_id ? (names.vendors.get(row.vendor_id) ?? '') : (names.organisations.get(row.organisation_id)?.name ?? '');
    const name = nameOf(row, holder);
    const soc = row.scheme === 'soc1' || row.scheme === 'soc2';
    const when = slash(validThrough);
    const title =
      stage === 'expired'
        ? soc
          ? { ja: `SOC報告書が12か月より古くなりました: ${name.ja}`, en: `A SOC report is now older than 12 months: ${name.en}` }
          : { ja: `認証の有効期限が切れました: ${name.ja}`, en: `A certificate has expired: ${name.en}` }
        : { ja: `認証の有効期限まで${validity.days_left}日です: ${name.ja}`, en: `A certificate expires in ${validity.days_left} days: ${name.en}` };
    const body =
      stage === 'expired'
        ? { ja: `${name.ja}は ${when} までで有効期間を過ぎました（${validity.rule.ja}）。更新後の認証を登録してください。`, en: `${name.en} was valid through ${when} (${validity.rule.en}). Register the renewed certificate.` }
        : { ja: `${name.ja}の有効期限は ${when} です（${validity.rule.ja}）。更新の予定を確認してください。`, en: `${name.en} is valid through ${when} (${validity.rule.en}). Check the renewal.` };
    const line = { ja: `${name.ja} 有効期限 ${when}${stage === 'expired' ? '（期限切れ）' : `（あと${validity.days_left}日）`}`, en: `${name.en} valid through ${when}${stage === 'expired' ? ' (expired)' : ` (${validity.days_left} days left)`}` };
    const recipients = [row.organisation_id, ...(row.vendor_id ? [] : await organisationsLinkedToCertificate(deps.db, row.id))];
    for (const organisationId of new Set(recipients)) {
      subjects.push({ organisationId, dedupeKey: `certificate_expiry:${row.id}:${validThrough}:${stage}`, title, body, line, link: '/certificates', certificateId: row.id, stage, validThrough });
    }
  }
  return announceSummary(deps, {
    kind: 'certificate_expiring',
    title: (count) => ({ ja: `有効期限が近い、または切れた認証が${count}件あります`, en: `${count} certificates are expiring or have expired` }),
    lead: { ja: '次の認証の有効期限が近づいているか、切れています。更新の予定を確認してください。', en: 'These certificates are expiring or have expired. Check their renewal.' },
    listLink: '/certificates',
    subjects,
    onAnnounced: (subject, trx) =>
      recordAudit(
        trx,
        systemActor(subject.organisationId, ACTOR_LABEL),
        { action: 'certificate.expiry_notified', targetType: CERTIFICATE_AUDIT_TARGET, targetId: subject.certificateId, organisationId: subject.organisationId, after: { stage: subject.stage, valid_through: subject.validThrough } },
        now,
      ),
  });
}

/** Reopens confirmed items that cite a certificate whose validity has ended; returns how many items were reopened. */
export async function reopenItemsCitingExpired(deps: Deps): Promise<number> {
  const today = japanToday(deps.now());
  const citations = await allCitations(deps.db);
  if (citations.length === 0) return 0;
  const certificates = new Map((await certificatesByIds(deps.db, [...new Set(citations.map((c) => c.certificate_id))])).map((c) => [c.id, c]));
  const names = await holderNames(deps.db, [...new Set([...certificates.values()].map((c) => c.organisation_id))], [...new Set([...certificates.values()].flatMap((c) => (c.vendor_id ? [c.vendor_id] : [])))]);
  let reopened = 0;
  for (const citation of citations) {
    const certificate = certificates.get(citation.certificate_id);
    if (!certificate) continue;
    const validity = validityOf(certificate, today);
    if (isCitable(validity) || !validity.valid_through || citation.reopened_for === validity.valid_through) continue;
    const holder = certificate.vendor_id ? (names.vendors.get(certificate.vendor_id) ?? '') : (names.organisations.get(certificate.organisation_id)?.name ?? '');
    const name = nameOf(certificate, holder);
    const actor = systemActor(citation.organisation_id, ACTOR_LABEL);
    const when = slash(validity.valid_through);
    await deps.db.transaction().execute(async (trx) => {
      await markCitationReopened(trx, citation.id, validity.valid_through!);
      const item = await findItemById(trx, citation.organisation_id, citation.assessment_item_id);
      if (!item || Number(item.archived) === 1 || item.status !== 'confirmed') return;
      await writeItem(trx, deps, actor, item, Number(item.revision), { status: 'in_progress' }, 'assessment_item.certificate_reopen', { certificate_id: certificate.id, valid_through: validity.valid_through });
      await insertComment(trx, {
        id: newId(),
        organisation_id: citation.organisation_id,
        assessment_item_id: item.id,
        author_user_id: null,
        author_label: 'システム',
        body: `${SYSTEM_COMMENT_PREFIX}証跡として引用していた認証「${name.ja}」の有効期間が ${when} で終わったため、確認済から確認中に戻しました。更新後の認証を事業者に確認してください。`,
        created_at: nowIso(deps.now()),
      });
      await notifyOrganisations(trx, deps, [citation.organisation_id], {
        kind: 'assessment_reopened',
        title: `引用した認証の期限が切れたため確認項目を再確認してください: ${citation.external_key} ${citation.entry_name}（${citation.item_key}）`,
        titleEn: `Re-confirm an item whose cited certificate expired: ${citation.external_key} ${citation.entry_name} (${citation.item_key})`,
        body: `確認項目 ${citation.item_key} が証跡として引用していた認証「${name.ja}」の有効期間が ${when} で終わったため、確認中に戻しました。`,
        bodyEn: `Item ${citation.item_key} cited the certificate "${name.en}", valid through ${when}; the item went back to in progress.`,
        link: `/assessments/${citation.assessment_id}`,
        dedupeKey: `assessment_reopened:${citation.assessment_id}:certificate:${certificate.id}:${validity.valid_through}`,
      });
      reopened++;
    });
  }
  return reopened;
}
