import type { z } from 'zod';
import { contactsBody, type contactBody } from '../../shared/schemas/contacts.ts';
import { listEntries } from '../repositories/register-entries.ts';
import { findContactSettings, setLastVerified } from '../repositories/contacts.ts';
import { recordAudit } from '../services/audit.ts';
import { recordDrill, saveContacts, verifyContacts } from '../services/contacts.ts';
import { japanToday } from '../../domain/japan-time.ts';
import type { Actor, Deps } from '../services/deps.ts';

// Contact structures (連絡体制) for the demo city's core services on the shared cloud: whom to call in
// normal times, during an incident and after it, with the 30-minute first report the contract
// promises. One structure was verified today, one is overdue (last checked eight months ago with a
// six-month interval), one falls due within the month; the others are still to be written, which
// the home page's reminder shows. One drill found the first report slower than promised.
// Every number and address is fictional.

type ContactInput = z.input<typeof contactBody>;

const VENDOR = 'デモ自治体クラウド株式会社';

const vendorContacts = (desk: string): ContactInput[] => [
  { phase: 'normal', side: 'vendor', escalation_order: 1, name: '佐藤 一郎', role_title: `${VENDOR} 営業部 自治体担当（アカウントマネージャー）`, phone: '03-0000-2101', email: 'sato.ichiro@cloud.demo.daicho.example', notes: '契約・仕様変更・定期報告の窓口' },
  { phase: 'incident', side: 'vendor', escalation_order: 1, name: `${VENDOR} 24時間サポートデスク`, role_title: '障害受付（24時間365日）', phone: '0120-000-724', email: 'support@cloud.demo.daicho.example', notes: `契約番号と「${desk}」を伝える。第一報は30分以内（SLA別紙 第5条）` },
  { phase: 'incident', side: 'vendor', escalation_order: 3, name: '佐藤 一郎', role_title: `${VENDOR} アカウントマネージャー`, phone: '090-0000-2101', email: 'sato.ichiro@cloud.demo.daicho.example', notes: 'サポートデスクから30分以内に第一報がない場合に連絡' },
  { phase: 'after', side: 'vendor', escalation_order: 1, name: `${VENDOR} 品質保証部`, role_title: '障害報告書・再発防止策の担当', email: 'quality@cloud.demo.daicho.example', notes: '原因報告は復旧後5営業日以内、再発防止策は30日以内に書面で提出' },
];

const cityContacts = (department: string, owner: string, ownerPhone: string): ContactInput[] => [
  { phase: 'normal', side: 'municipal', escalation_order: 2, name: owner, role_title: `${department} システム担当`, phone: ownerPhone, email: `${department === '市民課' ? 'shimin' : department === '税務課' ? 'zeimu' : 'hoken'}@city.demo.daicho.example` },
  { phase: 'incident', side: 'municipal', escalation_order: 2, name: '情報政策課 当番者', role_title: '情報政策課（CISO補佐）', phone: '03-0000-1100', email: 'joho@city.demo.daicho.example', notes: '夜間・休日は当番携帯 090-0000-1100' },
  { phase: 'incident', side: 'municipal', escalation_order: 4, name: `${department}長`, role_title: `${department} 課長`, phone: ownerPhone, notes: '窓口業務の停止・再開と住民への周知を判断' },
  { phase: 'after', side: 'municipal', escalation_order: 2, name: '情報政策課 情報セキュリティ担当', role_title: '再発防止策の確認・CISOへの報告', phone: '03-0000-1101', email: 'security@city.demo.daicho.example' },
];

const STRUCTURES: Record<string, { department: string; owner: string; phone: string; interval: number }> = {
  'SC-001': { department: '市民課', owner: '市民課 田中 花子', phone: '03-0000-1201', interval: 6 },
  'SC-002': { department: '税務課', owner: '税務課 鈴木 次郎', phone: '03-0000-1301', interval: 6 },
  'SC-004': { department: '保険年金課', owner: '保険年金課 高橋 三郎', phone: '03-0000-1401', interval: 6 },
};

function minusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** A verification done earlier than today, written as it would have been then (audited). */
async function backdateVerification(deps: Deps, actor: Actor, entryId: string, date: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const existing = await findContactSettings(trx, actor.organisationId, entryId);
    await setLastVerified(trx, actor.organisationId, entryId, date);
    await recordAudit(trx, actor, { action: 'contacts.verify', targetType: 'register_entry', targetId: entryId, before: { last_verified_on: existing?.last_verified_on ?? null }, after: { last_verified_on: date } }, deps.now());
  });
}

export async function loadDemoContacts(deps: Deps, actor: Actor): Promise<void> {
  const entries = await listEntries(deps.db, { organisationId: actor.organisationId }, { sort: 'external_key', order: 'asc', offset: 0, limit: 1000 });
  const byKey = new Map(entries.map((e) => [e.external_key, e]));
  const today = japanToday(deps.now());

  for (const [key, s] of Object.entries(STRUCTURES)) {
    const entry = byKey.get(key);
    if (!entry) continue;
    const contacts = [...vendorContacts(entry.name), ...cityContacts(s.department, s.owner, s.phone)];
    await saveContacts(
      deps,
      actor,
      entry.id,
      contactsBody.parse({
        first_report_minutes: 30,
        reverify_interval_months: s.interval,
        notes: '障害に気づいたら、まず24時間サポートデスクへ電話し、同時に情報政策課の当番へ連絡する。第一報が30分を過ぎても来ない場合はアカウントマネージャーへ。',
        contacts,
      }),
    );
  }

  // 住民基本台帳: checked today. 個人住民税: last checked eight months ago (overdue). 国民健康保険: due within the month.
  if (byKey.has('SC-001')) await verifyContacts(deps, actor, byKey.get('SC-001')!.id);
  if (byKey.has('SC-002')) await backdateVerification(deps, actor, byKey.get('SC-002')!.id, minusDays(today, 245));
  if (byKey.has('SC-004')) await backdateVerification(deps, actor, byKey.get('SC-004')!.id, minusDays(today, 170));

  if (byKey.has('SC-001')) {
    await recordDrill(deps, actor, byKey.get('SC-001')!.id, {
      held_on: minusDays(today, 58),
      scenario: '平日9時、共同利用センターの障害で住民票の写しの交付が全面停止した想定。市民課が検知し、24時間サポートデスクへ第一報を依頼、情報政策課とともに窓口の案内文を掲示するまで',
      participants: '市民課（3名）、情報政策課（2名）、デモ自治体クラウド株式会社 サポートデスク',
      findings: '事業者の第一報まで42分（契約は30分以内）。夜間当番の携帯番号が古いままだった（更新済み）。窓口の案内文のひな形を用意することにした',
    });
  }
}
