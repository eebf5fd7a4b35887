import type { z } from 'zod';
import { slaTermsBody } from '../../shared/schemas/sla.ts';
import { formatYearMonth } from '../../shared/sla.ts';
import { japanMonth, japanMonthOf, MINUTE } from '../../domain/sla/intervals.ts';
import { listEntries } from '../repositories/register-entries.ts';
import { insertOutages, insertReportImport, insertVendorReports } from '../repositories/sla.ts';
import { insertHourly, insertMonitor } from '../repositories/sla-monitors.ts';
import { presentMonitor, PROBE_LABEL } from '../services/sla/monitors.ts';
import { newId, nowIso } from '../security/ids.ts';
import { recordAudit } from '../services/audit.ts';
import { saveTerms } from '../services/sla/terms.ts';
import { recordOutage } from '../services/sla/outages.ts';
import { recordReview } from '../services/sla/reviews.ts';
import { organisationMonthResults } from '../services/sla/results.ts';
import type { Actor, Deps } from '../services/deps.ts';

// SLA terms for the demo city, some at the recommended grade and some weaker (a standard-terms SaaS
// with 98.5% and no MTTR, a resident-facing service on office hours, a contract that counts from the
// vendor's confirmation), a year of outages, vendor reports that disagree with our own count, and
// reviews: one done, one overdue.

type TermsInput = z.input<typeof slaTermsBody>;

const FULL_ITEMS = {
  dr_method: '東日本・西日本の2拠点間で日次複製。広域災害時は切替手順書に従い24時間以内に再開',
  backup_format: 'CSV（文字コードUTF-8）で住民記録・税情報を出力可能',
  status_check_method: '稼働状況ページ（リアルタイム）と、障害時の電話・メール自動通知',
  customisability: '帳票レイアウトの簡易変更は利用者が可能。EUC用のCSV出力あり',
  concurrent_users: '通常200ユーザー。繁忙期は申請により一時的に400まで',
  backup_method: '日次差分・週次フル、暗号化して遠隔地の媒体へ',
  backup_retention: '7世代保管。契約終了時は暗号化消去し消去証明書を提出',
};

const CREDIT = [
  { from: 99.5, to: 100, credit_percent: 0 },
  { from: 99, to: 99.5, credit_percent: 10 },
  { from: 95, to: 99, credit_percent: 30 },
  { from: 0, to: 95, credit_percent: 50 },
];

const SHARED_CLOUD: TermsInput = {
  audience: 'residents',
  calendar_kind: 'always',
  service_hours_note: '24時間365日（毎週日曜 2:00〜5:00 は計画停止）',
  availability_target: 99.5,
  mttr_target_minutes: 180,
  ...FULL_ITEMS,
  minimum_outage_minutes: 5,
  truncate_unit_minutes: 5,
  start_basis: 'detected',
  excluded_causes: ['planned_maintenance', 'force_majeure', 'customer_side'],
  maintenance_windows: [{ weekday: 0, start_minute: 120, end_minute: 300 }],
  credit_table: CREDIT,
  review_interval_months: 3,
  source_document: '自治体クラウド共同利用契約 SLA別紙 第3条',
};

/** Terms by 管理番号 of the demo city (SC-001 … in register-seed order). */
const CITY_TERMS: Record<string, TermsInput & { fee: number }> = {
  'SC-001': { ...SHARED_CLOUD, fee: 1_500_000 },
  'SC-002': { ...SHARED_CLOUD, fee: 1_040_000 },
  'SC-004': { ...SHARED_CLOUD, fee: 750_000 },
  'SC-005': { ...SHARED_CLOUD, fee: 625_000 },
  'SC-010': {
    audience: 'staff',
    calendar_kind: 'office',
    weekdays: [1, 2, 3, 4, 5],
    start_minute: 8 * 60 + 30,
    end_minute: 17 * 60 + 15,
    exclude_holidays: true,
    service_hours_note: '開庁日 8:30〜17:15（祝日・年末年始を除く）',
    availability_target: 99,
    mttr_target_minutes: 240,
    ...FULL_ITEMS,
    backup_format: null,
    minimum_outage_minutes: 0,
    truncate_unit_minutes: 1,
    start_basis: 'reported',
    excluded_causes: ['planned_maintenance', 'force_majeure'],
    credit_table: [{ from: 99, to: 100, credit_percent: 0 }, { from: 0, to: 99, credit_percent: 10 }],
    review_interval_months: 12,
    source_document: '戸籍情報システム ホスティング契約書 別紙2',
    fee: 500_000,
  },
  'SC-011': {
    audience: 'residents',
    calendar_kind: 'always',
    service_hours_note: '24時間（約款上、計画停止は事前告知）',
    availability_target: 98.5,
    mttr_target_minutes: null,
    status_check_method: '障害情報ページへの掲載のみ',
    backup_method: '事業者の定めによる',
    minimum_outage_minutes: 10,
    truncate_unit_minutes: 10,
    start_basis: 'confirmed',
    excluded_causes: ['planned_maintenance', 'force_majeure', 'third_party_attack', 'customer_side'],
    review_interval_months: 12,
    source_document: '電子申請サービス利用約款 第15条',
    fee: 150_000,
  },
  'SC-017': {
    audience: 'staff',
    calendar_kind: 'always',
    availability_target: 99.9,
    mttr_target_minutes: 120,
    ...FULL_ITEMS,
    minimum_outage_minutes: 1,
    truncate_unit_minutes: 1,
    start_basis: 'occurred',
    excluded_causes: ['planned_maintenance'],
    credit_table: [{ from: 99.9, to: 100, credit_percent: 0 }, { from: 99, to: 99.9, credit_percent: 10 }, { from: 0, to: 99, credit_percent: 25 }],
    review_interval_months: 6,
    source_document: 'グループウェア利用約款 サービスレベル規定',
    fee: 300_000,
  },
};

/** A small deterministic generator so that every demo database tells the same story. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

export async function loadDemoSla(deps: Deps, actor: Actor): Promise<void> {
  const entries = await listEntries(deps.db, { organisationId: actor.organisationId }, { sort: 'external_key', order: 'asc', offset: 0, limit: 1000 });
  const byKey = new Map(entries.map((e) => [e.external_key, e.id]));
  const now = deps.now().getTime();
  const current = japanMonthOf(now);
  const monthsAgo = (n: number) => {
    const index = current.year * 12 + current.month - 1 - n;
    return { year: Math.floor(index / 12), month: (index % 12) + 1 };
  };
  const at = (n: number, day: number, hour: number, minute = 0) => {
    const { year, month } = monthsAgo(n);
    return japanMonth(year, month).start + ((day - 1) * 24 + hour) * 60 * MINUTE + minute * MINUTE;
  };
  const iso = (ms: number) => new Date(ms).toISOString();

  for (const [key, { fee, ...terms }] of Object.entries(CITY_TERMS)) {
    await saveTerms(deps, actor, byKey.get(key)!, slaTermsBody.parse({ ...terms, monthly_fee_yen: terms.credit_table?.length ? fee : null }));
  }

  // A year of small outages on the shared cloud, and last month a long one like the 2021 outage
  // that stopped certificate issuing (08:30–14:50).
  const random = seeded(20_211_009);
  for (let n = 12; n >= 1; n--) {
    for (const key of ['SC-001', 'SC-002', 'SC-004', 'SC-005', 'SC-011', 'SC-017']) {
      if (random() < 0.55) continue;
      const start = at(n, 1 + Math.floor(random() * 27), 8 + Math.floor(random() * 10), Math.floor(random() * 60));
      await recordOutage(deps, actor, byKey.get(key)!, { occurred_at: iso(start), detected_at: iso(start + 3 * MINUTE), recovered_at: iso(start + (4 + Math.floor(random() * 50)) * MINUTE), cause: random() < 0.8 ? 'vendor' : 'customer_side', description: '応答遅延・一部画面のエラー' });
    }
  }
  const long = at(1, 9, 8, 30);
  for (const key of ['SC-001', 'SC-002']) {
    await recordOutage(deps, actor, byKey.get(key)!, {
      occurred_at: iso(long),
      detected_at: iso(long + 10 * MINUTE),
      reported_at: iso(long + 95 * MINUTE),
      confirmed_at: iso(long + 120 * MINUTE),
      recovered_at: iso(long + 380 * MINUTE),
      cause: 'vendor',
      description: '共同利用センターの機器更新後に全団体で業務停止。証明書交付を停止し窓口で受付のみ',
    });
  }
  await recordOutage(deps, actor, byKey.get('SC-010')!, { occurred_at: iso(at(2, 14, 10)), reported_at: iso(at(2, 14, 11)), recovered_at: iso(at(2, 14, 15, 30)), cause: 'vendor', description: 'ストレージ障害により照会不可' });

  // The vendor's monthly reports for the last three months: counted from its own confirmation, so
  // last month it reports more than our count.
  const results = new Map<string, Awaited<ReturnType<typeof organisationMonthResults>>>();
  for (const n of [3, 2, 1]) {
    const { year, month } = monthsAgo(n);
    results.set(formatYearMonth(year, month), await organisationMonthResults(deps, actor, formatYearMonth(year, month)));
  }
  const importId = newId();
  const created = nowIso(deps.now());
  const reports = [...results.entries()].flatMap(([month, r]) =>
    r.items
      .filter((i) => ['SC-001', 'SC-002', 'SC-004', 'SC-005'].includes(i.external_key))
      .map((i) => ({
        id: newId(),
        organisation_id: actor.organisationId,
        entry_id: i.entry_id,
        year_month: month,
        // The vendor starts the clock two hours into the long outage, when it confirmed the fault.
        reported_availability: i.outage_minutes >= 300 ? Math.round((i.contract_availability + (120 / i.service_minutes) * 100) * 100) / 100 : Math.round(i.contract_availability * 100) / 100,
        reported_outage_minutes: i.outage_minutes >= 300 ? i.outage_minutes - 120 : i.outage_minutes,
        import_id: importId,
        created_at: created,
      })),
  );
  await deps.db.transaction().execute(async (trx) => {
    await insertReportImport(trx, { id: importId, organisation_id: actor.organisationId, filename: '運用実績報告書_デモ自治体クラウド.xlsx', sha256: '0'.repeat(64), row_count: reports.length, created_at: created, created_by_label: actor.label });
    await insertVendorReports(trx, reports);
    await recordAudit(trx, actor, { action: 'sla_report.import', targetType: 'sla_report_import', targetId: importId, after: { filename: '運用実績報告書_デモ自治体クラウド.xlsx', vendor_reports: reports.length, outages: 0 } }, deps.now());
  });

  // Our own monitor of the e-application site, paused in the demo (its address is fictional): two
  // days of hourly figures and one short outage it caught this morning.
  const monitorId = newId();
  const hour = Math.floor(now / (60 * MINUTE)) * 60 * MINUTE;
  const outageStart = hour - 5 * 60 * MINUTE + 12 * MINUTE;
  const probeOutageId = newId();
  const monitor = {
    id: monitorId,
    organisation_id: actor.organisationId,
    entry_id: byKey.get('SC-011')!,
    url: 'https://shinsei.sample-city.example/health',
    interval_seconds: 60,
    timeout_ms: 10_000,
    failures_to_open: 2,
    enabled: 0,
    next_check_at: iso(now),
    lease_until: null,
    last_checked_at: iso(hour - 2 * MINUTE),
    last_ok: 1,
    last_status_code: 200,
    last_latency_ms: 182,
    last_error: null,
    consecutive_failures: 0,
    first_failure_at: null,
    open_outage_id: null,
    created_at: iso(hour - 48 * 60 * MINUTE),
    updated_at: iso(hour - 2 * MINUTE),
  };
  const hourly = Array.from({ length: 48 }, (_, i) => {
    const start = hour - (48 - i) * 60 * MINUTE;
    const failures = start === hour - 5 * 60 * MINUTE ? 9 : 0;
    const ok = 60 - failures;
    const mean = 150 + Math.round(random() * 80);
    return { monitor_id: monitorId, organisation_id: actor.organisationId, hour_start: iso(start), checks: 60, failures, latency_sum_ms: ok * mean, latency_max_ms: mean + 300 + Math.round(random() * 400) };
  });
  await deps.db.transaction().execute(async (trx) => {
    await insertMonitor(trx, monitor);
    await insertHourly(trx, hourly);
    await insertOutages(trx, [{ id: probeOutageId, organisation_id: actor.organisationId, entry_id: monitor.entry_id, source: 'probe', occurred_at: iso(outageStart), detected_at: iso(outageStart + MINUTE), reported_at: null, confirmed_at: null, recovered_at: iso(outageStart + 9 * MINUTE), cause: 'unknown', description: 'HTTP 503', import_id: null, monitor_id: monitorId, created_at: iso(outageStart + MINUTE), created_by_label: PROBE_LABEL }]);
    await recordAudit(trx, actor, { action: 'sla_monitor.create', targetType: 'register_entry', targetId: monitor.entry_id, after: presentMonitor(monitor) }, deps.now());
  });

  // One review done last quarter; the shared cloud's next one is due. The e-application has never been reviewed.
  const reviewed = new Date(at(4, 20, 10)).toISOString().slice(0, 10);
  await recordReview(deps, actor, byKey.get('SC-001')!, { reviewed_on: reviewed, kind: 'scheduled', participants: '情報政策課、市民課、デモ自治体クラウド株式会社', findings: '稼働率は目標を達成。障害時の第一報が遅い（平均95分）', decisions: '第一報を30分以内とするよう申し入れ', term_changes: '次回契約更新時にSLA別紙へ第一報の期限を追加' });
}
