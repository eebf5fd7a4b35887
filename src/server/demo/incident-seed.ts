import { japanMonth, japanMonthOf, DAY, HOUR, MINUTE } from '../../domain/sla/intervals.ts';
import { listEntries } from '../repositories/register-entries.ts';
import { findUserByEmail } from '../repositories/users.ts';
import { createService } from '../services/incidents/vendor-services.ts';
import { linkEntryToService } from '../services/incidents/link.ts';
import { reportIncident } from '../services/incidents/report.ts';
import { postEvent } from '../services/incidents/events.ts';
import { recordImpact } from '../services/incidents/impacts.ts';
import { addAction, changeAction } from '../services/incidents/actions.ts';
import { closeIncident } from '../services/incidents/incidents.ts';
import type { Actor, Deps } from '../services/deps.ts';
import type { OrganisationKind, Role } from '../../shared/roles.ts';

// Incidents for the demo: the shared-cloud vendor's service profiles, the city's and the town's core
// systems linked to them, a closed incident shaped like the 2021 outage that stopped certificate
// issuing for a morning (08:30–14:50, the first report late, prevention measures a month later), and
// an open one the vendor reported today that reaches both municipalities. Past steps are written
// through the services with the clock standing at their time, so the timeline, the figures and the
// lists read as they happened (their audit entries carry that time too; the chain itself is intact).

async function actorFor(deps: Deps, email: string, organisationId: string, kind: OrganisationKind): Promise<Actor> {
  const user = await findUserByEmail(deps.db, email);
  return { userId: user!.id, organisationId, organisationKind: kind, role: user!.role as Role, label: `${user!.display_name} <${email}>`, via: 'system', ip: null, department: null };
}

/** The same services, with the clock standing at a moment of the story. */
const at = (deps: Deps, ms: number): Deps => ({ ...deps, now: () => new Date(ms) });
const iso = (ms: number) => new Date(ms).toISOString();

async function entryIds(deps: Deps, organisationId: string) {
  const entries = await listEntries(deps.db, { organisationId }, { sort: 'external_key', order: 'asc', offset: 0, limit: 1000 });
  return new Map(entries.map((e) => [e.external_key, e.id]));
}

export async function loadDemoIncidents(deps: Deps, ids: Partial<Record<string, string>>): Promise<void> {
  const vendor = await actorFor(deps, 'member@vendor-a.demo.daicho.example', ids.vendorA!, 'vendor');
  const city = await actorFor(deps, 'ciso@city.demo.daicho.example', ids.city!, 'municipality');
  const town = await actorFor(deps, 'admin@town.demo.daicho.example', ids.town!, 'municipality');

  const records = await createService(deps, vendor, { name: '自治体クラウド 住民記録・税', description: '住民基本台帳・個人住民税・固定資産税の共同利用型システム（東西2拠点）' });
  const welfare = await createService(deps, vendor, { name: '自治体クラウド 福祉', description: '介護保険・児童手当・障害者福祉の共同利用型システム' });
  const cityEntries = await entryIds(deps, city.organisationId);
  const townEntries = await entryIds(deps, town.organisationId);
  for (const key of ['SC-001', 'SC-002', 'SC-003']) await linkEntryToService(deps, city, cityEntries.get(key)!, records.id);
  for (const key of ['SC-005', 'SC-006', 'SC-007']) await linkEntryToService(deps, city, cityEntries.get(key)!, welfare.id);
  for (const key of ['ST-001', 'ST-002']) await linkEntryToService(deps, town, townEntries.get(key)!, records.id);

  // Last month on the 9th, 08:30–14:50 Japan time: the outage the SLA demo data also records.
  const now = deps.now().getTime();
  const current = japanMonthOf(now);
  const index = current.year * 12 + current.month - 2;
  const start = japanMonth(Math.floor(index / 12), (index % 12) + 1).start + 8 * DAY + 8 * HOUR + 30 * MINUTE;
  const before = (ms: number) => Math.min(ms, now - 2 * HOUR);
  const past = await reportIncident(at(deps, start + 95 * MINUTE), vendor, {
    vendor_service_id: records.id,
    title: '住民記録・税システムの全面停止（証明書の発行不可）',
    type: 'outage',
    severity: 'critical',
    summary: '前夜に適用した更新プログラムのファイル破損により、共同利用の全団体で業務が停止。待機系（BCP）サーバーも同じプログラムで停止した。コンビニ交付は別系統のため継続。',
    occurred_at: iso(start),
    detected_at: iso(start + 10 * MINUTE),
    data_kinds: [],
    share_with_vendor: false,
    share_with_prefecture: false,
  });
  const vendorSays = (ms: number, type: Parameters<typeof postEvent>[3]['type'], note: string) => postEvent(at(deps, before(ms) + MINUTE), vendor, past.id, { type, at: iso(before(ms)), source: 'デモ自治体クラウド株式会社', note });
  await postEvent(at(deps, start + 60 * MINUTE), city, past.id, { type: 'resident_impact_start', at: iso(start + 30 * MINUTE), source: '市民課窓口', note: '開庁と同時に証明書交付ができず、窓口で申請受付のみ行う' });
  await postEvent(at(deps, start + 60 * MINUTE), city, past.id, { type: 'municipality_aware', at: iso(start + 25 * MINUTE), source: '市民課からの連絡', note: '事業者からの連絡より先に窓口で停止を把握' });
  await vendorSays(start + 150 * MINUTE, 'update', '待機系（BCP）サーバーへ切り替えたが同一プログラムのため停止。更新前のプログラムへの切り戻しを実施中');
  await vendorSays(start + 380 * MINUTE, 'full_recovery', '切り戻しが完了し、全団体で業務を再開');
  await vendorSays(start + 1 * DAY, 'publication', '当社Webサイトで障害の発生と復旧を公表');
  await vendorSays(start + 5 * DAY, 'cause_report', '原因：更新プログラムの配布時にファイルが破損。検証環境と本番の配布経路が異なり検知できなかった');
  await vendorSays(start + 25 * DAY, 'prevention_report', '再発防止策：配布物のハッシュ検証、段階適用（一部団体から）、待機系への同時適用の廃止');

  const afterwards = at(deps, before(start + 26 * DAY));
  await recordImpact(afterwards, city, past.id, { impact_status: 'recovered', residents_affected: 186, impact_notes: '証明書の交付待ち186件（後日郵送・再来庁で対応）。窓口の待ち時間最大90分', share_impact: true });
  const cityAction = await addAction(afterwards, city, past.id, { title: '全面停止時の窓口対応手順（受付のみ・後日交付）を整備し職員に周知', owner: '市民課 田中', due_on: iso(start + 40 * DAY).slice(0, 10) });
  await changeAction(afterwards, city, past.id, cityAction.id, { status: 'done', done_on: iso(before(start + 26 * DAY)).slice(0, 10) });
  await addAction(afterwards, city, past.id, { title: '第一報の期限（30分）超過を事業者に書面で指摘し、連絡体制を再確認', owner: '情報政策課 情報セキュリティ担当', due_on: iso(start + 60 * DAY).slice(0, 10) });
  await closeIncident(afterwards, city, past.id);
  await recordImpact(afterwards, town, past.id, { impact_status: 'recovered', residents_affected: 23, impact_notes: '住民票の交付待ち23件', share_impact: false });
  await addAction(afterwards, town, past.id, { title: '共同利用団体としての復旧訓練に参加する', owner: '住民課', due_on: iso(start + 90 * DAY).slice(0, 10) });
  await closeIncident(afterwards, town, past.id);
  await closeIncident(afterwards, vendor, past.id);

  // Today: slow responses after a line fault between the data centres, still open.
  const today = now - 150 * MINUTE;
  const open = await reportIncident(at(deps, today + 35 * MINUTE), vendor, {
    vendor_service_id: records.id,
    title: 'データセンター間回線の障害による応答遅延・一部帳票の出力不可',
    type: 'outage',
    severity: 'high',
    summary: '東日本拠点と西日本拠点の間の回線障害により、照会画面の応答が遅く、一部の帳票が出力できない。データの消失はない見込み。',
    occurred_at: iso(today),
    detected_at: iso(today + 5 * MINUTE),
    data_kinds: [],
    share_with_vendor: false,
    share_with_prefecture: false,
  });
  await postEvent(at(deps, today + 95 * MINUTE), vendor, open.id, { type: 'provisional_recovery', at: iso(today + 90 * MINUTE), source: 'デモ自治体クラウド株式会社', note: '予備回線へ切り替え、照会は通常の速度に戻った。帳票出力は引き続き調査中' });
  await recordImpact(at(deps, today + 100 * MINUTE), city, open.id, { impact_status: 'affected', residents_affected: null, impact_notes: '税務課で課税証明書の出力が一部できない。窓口で後日交付の案内', share_impact: false });
}
