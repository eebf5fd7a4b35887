import { addDaysToDate, japanToday } from '../../domain/japan-time.ts';
import { findUserByEmail } from '../repositories/users.ts';
import { closeSurvey, createSurvey } from '../services/surveys/surveys.ts';
import { saveAnswers } from '../services/surveys/answers.ts';
import type { Actor, Deps } from '../services/deps.ts';
import type { ImportanceLevel } from '../../shared/assessments.ts';
import type { OrganisationKind, Role } from '../../shared/roles.ts';

// Importance surveys for the demo. This year's survey by the prefecture is open: サンプル市 handed in
// (SLA, audit, contract terms and version-ups are important but hard to agree with a shared cloud),
// サンプル町 has a draft. Last year's survey by the joint-use association is closed with both answers,
// so its results are visible to the municipalities too. Written through the services, so audited.

const DAY_MS = 86_400_000;

async function actorFor(deps: Deps, email: string, organisationId: string, kind: OrganisationKind): Promise<Actor> {
  const user = await findUserByEmail(deps.db, email);
  return { userId: user!.id, organisationId, organisationKind: kind, role: user!.role as Role, label: `${user!.display_name} <${email}>`, via: 'system', ip: null, department: null };
}

const at = (deps: Deps, ms: number): Deps => ({ ...deps, now: () => new Date(ms) });

type Answer = { item_key: string; importance: ImportanceLevel; reason?: string };
const must = (item_key: string, reason?: string): Answer => ({ item_key, importance: 'must_confirm', reason });
const hard = (item_key: string, reason?: string): Answer => ({ item_key, importance: 'hard_to_confirm', reason });
const notNeeded = (item_key: string, reason?: string): Answer => ({ item_key, importance: 'not_needed', reason });

const CITY_THIS_YEAR: Answer[] = [
  must('1-1', '他団体の障害で連絡が半日遅れた事例があり、平常時・障害発生時・発生後の連絡先を契約で明記しておきたい'),
  must('1-2', '第一報の時間とログ提供の範囲が決まっていないと、住民への説明と原因究明ができない'),
  must('2-1', '住民記録のバックアップが同じ基盤にしかないと、基盤の障害で一緒に失われる'),
  must('2-2', '消去証明書がないと、契約終了後の情報漏えいのおそれを否定できない'),
  must('3-1'),
  must('3-2', '特権IDの操作記録を定期的に報告してもらう必要がある'),
  hard('4-1', 'データの保管場所・準拠法は事業者の標準約款で決まっており、当市だけの条項を入れにくい'),
  hard('5-1', '共同利用のため、バージョンアップの時期は参加団体全体に合わせて事業者が決めている'),
  must('6-1'),
  must('7-1', 'ICT-BCPの訓練に事業者の参加が必要'),
  hard('8-1', '共同利用型クラウドのため、SLAの水準を当市だけで個別に合意することが難しい'),
  hard('9-1', 'SaaSのため当市による立入監査は難しく、ISMAPや第三者認証の報告書で代替している'),
];

const TOWN_DRAFT: Answer[] = [must('1-1'), must('1-2', '夜間・休日の第一報の手段を確認したい'), must('2-1'), hard('8-1', '小規模団体のため交渉力がなく、SLAは事業者の標準のままになっている')];

const LAST_YEAR: Record<'city' | 'town', Answer[]> = {
  city: [
    must('1-1'), must('1-2'), must('2-1'), must('2-2'), must('3-1'), notNeeded('3-2', 'アクセスログは事業者の標準の報告で足りると考えていた'),
    hard('4-1', '標準約款のため個別の条項を追加できない'), notNeeded('5-1', '変更は事業者に任せていた'), must('6-1'), hard('7-1', '事業者の訓練計画に当市が参加する枠組みがない'),
    hard('8-1', '共同利用のためSLAを個別に合意できない'), hard('9-1', 'クラウド事業者への監査は現実的でない'),
  ],
  town: [
    must('1-1'), must('1-2'), must('2-1'), hard('2-2', '消去の方法を確認する手段がない'), must('3-1'), notNeeded('3-2'),
    hard('4-1', '契約書の雛形を事業者が用意しており、変更を求めにくい'), notNeeded('5-1'), must('6-1'), hard('7-1', '職員が少なく訓練に人を割けない'),
    hard('8-1', 'SLAの内容を評価できる職員がいない'), notNeeded('9-1', '監査は県や協議会に任せたい'),
  ],
};

export async function loadDemoSurveys(deps: Deps, ids: Partial<Record<string, string>>): Promise<void> {
  const prefecture = await actorFor(deps, 'admin@pref.demo.daicho.example', ids.prefecture!, 'prefecture');
  const association = await actorFor(deps, 'admin@assoc.demo.daicho.example', ids.association!, 'association');
  const city = await actorFor(deps, 'editor@city.demo.daicho.example', ids.city!, 'municipality');
  const town = await actorFor(deps, 'editor@town.demo.daicho.example', ids.town!, 'municipality');
  const now = deps.now().getTime();

  // The previous survey by the association: both answered, closed two months ago.
  const opened = now - 90 * DAY_MS;
  const lastYear = await createSurvey(at(deps, opened), association, {
    title: '共同利用システムの確認項目 重要度調査（前回）',
    catalogue_urn: 'urn:daicho:catalogue:confirmation-items',
    participant_ids: [ids.city!, ids.town!],
    closes_on: addDaysToDate(japanToday(new Date(opened)), 30),
  });
  await saveAnswers(at(deps, opened + 12 * DAY_MS), city, lastYear.id, { answers: LAST_YEAR.city, submit: true });
  await saveAnswers(at(deps, opened + 25 * DAY_MS), town, lastYear.id, { answers: LAST_YEAR.town, submit: true });
  await closeSurvey(at(deps, opened + 31 * DAY_MS), association, lastYear.id);

  // This year's survey by the prefecture: open for another three weeks.
  const started = now - 7 * DAY_MS;
  const thisYear = await createSurvey(at(deps, started), prefecture, {
    title: '外部サービス利用時の確認項目に関する重要度調査（今年度）',
    catalogue_urn: 'urn:daicho:catalogue:confirmation-items',
    participant_ids: [ids.city!, ids.town!],
    closes_on: addDaysToDate(japanToday(new Date(now)), 21),
  });
  await saveAnswers(at(deps, started + 3 * DAY_MS), city, thisYear.id, { answers: CITY_THIS_YEAR, submit: true });
  await saveAnswers(at(deps, now - DAY_MS), town, thisYear.id, { answers: TOWN_DRAFT, submit: false });
}
