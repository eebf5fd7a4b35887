// The SLA benchmark's dataset: terms for every register entry, about one outage every two months
// for each, and vendor figures for the last two years. Deterministic.
import { slaTermsBody } from '../src/shared/schemas/sla.ts';
import { termsRow } from '../src/server/services/sla/terms.ts';
import { insertOutages, insertReportImport, insertVendorReports, upsertTerms, type OutageRow, type VendorReportRow } from '../src/server/repositories/sla.ts';
import { newId } from '../src/server/security/ids.ts';
import { formatYearMonth } from '../src/shared/sla.ts';
import { japanMonth, MINUTE } from '../src/domain/sla/intervals.ts';
import type { openBench } from './register-fixture.ts';

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

export async function fillSlaDataset(bench: Awaited<ReturnType<typeof openBench>>, months: { year: number; month: number }[]) {
  const db = bench.deps.db;
  const entries = await db.selectFrom('register_entries').select(['id', 'organisation_id']).execute();
  const organisationId = entries[0].organisation_id;
  const at = new Date().toISOString();
  const random = seeded(5_000_120);
  const office = slaTermsBody.parse({ audience: 'staff', calendar_kind: 'office', availability_target: 99, mttr_target_minutes: 240, minimum_outage_minutes: 0, truncate_unit_minutes: 1, start_basis: 'reported', credit_table: [{ from: 99, to: 100, credit_percent: 0 }, { from: 0, to: 99, credit_percent: 10 }], monthly_fee_yen: 300_000 });
  const always = slaTermsBody.parse({ audience: 'residents', calendar_kind: 'always', availability_target: 99.5, mttr_target_minutes: 180, minimum_outage_minutes: 5, truncate_unit_minutes: 5, start_basis: 'detected', excluded_causes: ['planned_maintenance', 'force_majeure'], maintenance_windows: [{ weekday: 0, start_minute: 120, end_minute: 300 }], credit_table: [{ from: 99.5, to: 100, credit_percent: 0 }, { from: 99, to: 99.5, credit_percent: 10 }, { from: 0, to: 99, credit_percent: 30 }], monthly_fee_yen: 1_000_000 });
  let outageCount = 0;
  let reportCount = 0;
  const importId = newId();
  await insertReportImport(db, { id: importId, organisation_id: organisationId, filename: 'bench.xlsx', sha256: '0'.repeat(64), row_count: 0, created_at: at, created_by_label: 'bench' });
  const t0 = performance.now();
  for (let i = 0; i < entries.length; i += 250) {
    await db.transaction().execute(async (trx) => {
      const outages: OutageRow[] = [];
      const reports: VendorReportRow[] = [];
      for (const entry of entries.slice(i, i + 250)) {
        await upsertTerms(trx, termsRow(organisationId, entry.id, random() < 0.3 ? office : always, at, 'bench', at), false);
        for (const { year, month } of months) {
          const range = japanMonth(year, month);
          // About one outage every two months, a few minutes to a few hours long.
          if (random() < 0.5) {
            const start = range.start + Math.floor(random() * (range.end - range.start - 6 * 60 * MINUTE));
            const minutes = 1 + Math.floor(random() ** 3 * 360);
            outages.push({ id: newId(), organisation_id: organisationId, entry_id: entry.id, source: random() < 0.7 ? 'manual' : 'vendor_report', occurred_at: new Date(start).toISOString(), detected_at: new Date(start + 2 * MINUTE).toISOString(), reported_at: new Date(start + 20 * MINUTE).toISOString(), confirmed_at: null, recovered_at: new Date(start + minutes * MINUTE).toISOString(), cause: random() < 0.9 ? 'vendor' : 'planned_maintenance', description: null, import_id: null, monitor_id: null, created_at: at, created_by_label: 'bench' });
          }
          if (year >= 2025 && random() < 0.8) reports.push({ id: newId(), organisation_id: organisationId, entry_id: entry.id, year_month: formatYearMonth(year, month), reported_availability: 99 + random(), reported_outage_minutes: null, import_id: importId, created_at: at });
        }
      }
      await insertOutages(trx, outages);
      await insertVendorReports(trx, reports);
      outageCount += outages.length;
      reportCount += reports.length;
    });
  }
  console.log(`[${bench.deps.dialect}] dataset: ${outageCount} outages, ${reportCount} vendor figures in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  return { organisationId, entries, outageCount, reportCount };
}
