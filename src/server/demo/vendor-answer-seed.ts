import { addDaysToDate, japanToday } from '../../domain/japan-time.ts';
import type { Role, OrganisationKind } from '../../shared/roles.ts';
import { findEntryAssessment } from '../repositories/assessments.ts';
import { listEntries } from '../repositories/register-entries.ts';
import { findUserByEmail } from '../repositories/users.ts';
import { listServicesOfVendor } from '../repositories/vendor-services.ts';
import { saveAnswer, setAnswerTerms } from '../services/vendor-portal/answers.ts';
import { addEvidence } from '../services/vendor-portal/evidence.ts';
import { acceptTerms, createRequest } from '../services/vendor-portal/requests.ts';
import { reviewVendorAnswer } from '../services/vendor-portal/review.ts';
import { inviteVendor } from '../services/vendor-portal/invitations.ts';
import type { Actor, Deps } from '../services/deps.ts';
import type { SharingLevel } from '../../shared/assessments.ts';
import { tinyPdf } from './assessment-seed.ts';

// The vendor's answers for the demo, written through the services as the people would: デモ自治体クラウド
// answers the confirmation items once for '自治体クラウド 住民記録・税' (most items shared with every
// linked body, one on request, one after accepting its terms, one answered twice, evidence on one);
// サンプル市 requested them for SC-001, accepted the terms and reviewed some items in its assessment
// (a few accepted, one flagged; the vendor changed one answer after the review); サンプル町 requested
// them for ST-001 weeks ago and the request is now overdue; サンプル市 invited the vendor of its 電子申請
// service (SC-011), not yet on the platform. vendorB has no service, so no request goes to it.

const URN = 'urn:daicho:catalogue:confirmation-items';
const DAY = 86_400_000;

async function actorFor(deps: Deps, email: string, organisationId: string, kind: OrganisationKind): Promise<Actor> {
  const user = await findUserByEmail(deps.db, email);
  return { userId: user!.id, organisationId, organisationKind: kind, role: user!.role as Role, label: `${user!.display_name} <${email}>`, via: 'system', ip: null, department: null };
}

/** The same services, with the clock standing at a moment of the story. */
const at = (deps: Deps, ms: number): Deps => ({ ...deps, now: () => new Date(ms) });

async function entryIds(deps: Deps, organisationId: string) {
  const entries = await listEntries(deps.db, { organisationId }, { sort: 'external_key', order: 'asc', offset: 0, limit: 1000 });
  return new Map(entries.map((e) => [e.external_key, e]));
}

const ANSWERS: Array<[key: string, answer: string, note: string | null, sharing: SharingLevel]> = [
  ['1-1', '平常時は営業担当、障害発生時は24時間365日の運用センター、障害発生後は品質保証部が窓口。複数団体が同時に被災した場合は共同利用団体の幹事団体と全団体へ同報します。', '連絡体制図を契約書別紙3として提出済み', 'linked'],
  ['1-2', '第一報は検知から30分以内（原因不明でも報告）。報告には影響範囲・暫定対応・次回報告予定を含めます。ログは要求から3営業日以内に提供します。', null, 'linked'],
  ['2-1', '日次の差分・週次の全体バックアップを7世代、東西2拠点の別地域に保管。年1回、団体立会いで復元訓練を実施。', '復元訓練の記録は依頼した団体にのみ提供', 'on_request'],
  ['2-2', '契約終了時はCSV（文字コードUTF-8）で全データを返却し、返却確認後30日以内に暗号化消去し、消去証明書を提出します。', null, 'linked'],
  ['3-2', '管理者操作・データ参照のログを5年間保存。四半期ごとに利用団体へ報告し、求めに応じて随時提出します。', null, 'linked'],
  ['4-1', 'yes', 'データ保存場所は国内（東日本・西日本）。準拠法は日本法、管轄は東京地方裁判所（契約書第12条）。', 'terms'],
  ['5-1', 'バージョンアップは60日前、緊急の修正は事前に通知。変更内容と影響を記載した変更通知書を送付します。', null, 'linked'],
  ['6-1', 'yes', '重大な脆弱性は公表から72時間以内に対応方針を通知、月例でパッチを適用', 'linked'],
  ['7-1', 'partial', 'ICT-BCPは策定済み。団体との合同訓練は年1回（今年度は未実施）', 'linked'],
  ['8-1', 'yes', '稼働率99.9%、年1回のSLA見直し会議', 'linked'],
];

export async function loadDemoVendorAnswers(deps: Deps, ids: Partial<Record<string, string>>): Promise<void> {
  const vendor = await actorFor(deps, 'member@vendor-a.demo.daicho.example', ids.vendorA!, 'vendor');
  const city = await actorFor(deps, 'ciso@city.demo.daicho.example', ids.city!, 'municipality');
  const town = await actorFor(deps, 'admin@town.demo.daicho.example', ids.town!, 'municipality');
  const service = (await listServicesOfVendor(deps.db, vendor.organisationId)).find((s) => s.name === '自治体クラウド 住民記録・税');
  if (!service) return;
  const cityEntries = await entryIds(deps, city.organisationId);
  const townEntries = await entryIds(deps, town.organisationId);
  const now = deps.now().getTime();

  // Weeks ago: the first answers, and the town's request (now overdue).
  const earlier = at(deps, now - 21 * DAY);
  await setAnswerTerms(earlier, vendor, service.id, '本回答は、当社サービスを利用する地方公共団体が自団体の情報セキュリティ対策の確認に用いる場合に限り閲覧できます。第三者への開示・公開はお控えください。');
  await saveAnswer(earlier, vendor, service.id, '3-1', URN, { answer: 'partial', note: '管理者の多要素認証は本番環境のみ。検証環境は移行中', sharing: 'linked' });
  for (const [key, answer, note, sharing] of ANSWERS) await saveAnswer(earlier, vendor, service.id, key, URN, { answer, note, sharing });
  await addEvidence(earlier, vendor, service.id, '3-1', URN, 'privileged-access-policy.pdf', tinyPdf('Privileged access management policy (Demo Municipal Cloud)'));
  const st001 = townEntries.get('ST-001');
  if (st001) await createRequest(at(deps, now - 20 * DAY), town, st001.id, { catalogue_urn: URN, due_date: addDaysToDate(japanToday(new Date(now - 20 * DAY)), 14), message: '共同利用団体として年度の確認を行います。' });

  // Today: the city asks, accepts the terms and reviews in its SC-001 assessment.
  const sc001 = cityEntries.get('SC-001');
  if (sc001) {
    const request = await createRequest(deps, city, sc001.id, { catalogue_urn: URN, due_date: addDaysToDate(japanToday(deps.now()), 30), message: '住民基本台帳システムの確認項目の回答をお願いします。' });
    await acceptTerms(deps, city, sc001.id, request.id);
    const assessment = await findEntryAssessment(deps.db, city.organisationId, sc001.id, URN);
    if (assessment) {
      await reviewVendorAnswer(deps, city, assessment.id, '1-2', { decision: 'accepted', note: '契約書の記載と一致' });
      await reviewVendorAnswer(deps, city, assessment.id, '3-1', { decision: 'accepted', note: '本番環境の多要素認証を確認' });
      await reviewVendorAnswer(deps, city, assessment.id, '5-1', { decision: 'accepted', note: null });
      await reviewVendorAnswer(deps, city, assessment.id, '7-1', { decision: 'flagged', note: '団体との合同訓練が今年度未実施。実施予定日の回答を求める' });
    }
  }
  // After the review the vendor improved one answer: the city sees that it changed since.
  await saveAnswer(deps, vendor, service.id, '3-1', URN, { answer: 'yes', note: '検証環境を含む全管理者に多要素認証を適用済み', sharing: 'linked' });

  // The city invites the vendor of its online application service, which is not on the platform yet.
  const sc011 = cityEntries.get('SC-011');
  if (sc011 && !sc011.vendor_service_id) {
    await inviteVendor(deps, city, sc011.id, { email: 'support@e-shinsei.demo.daicho.example', vendor_name: 'サンプル電子申請株式会社', service_name: 'サンプル電子申請クラウド', corporate_number: null, catalogue_urn: URN, due_date: addDaysToDate(japanToday(deps.now()), 45) });
  }
}
