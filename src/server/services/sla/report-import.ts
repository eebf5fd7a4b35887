import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { csvLine } from '../../../domain/csv.ts';
import { japanMonth, japanMonthOf, MINUTE } from '../../../domain/sla/intervals.ts';
import { formatYearMonth, OUTAGE_CAUSES, LABELS, parseYearMonth, type OutageCause } from '../../../shared/sla.ts';
import { bi, englishOf } from '../../../shared/messages.ts';
import { isUniqueViolation, type Executor } from '../../repositories/executor.ts';
import { findEntriesByKeys, type EntryRow } from '../../repositories/register-entries.ts';
import {
  deleteVendorOutages,
  deleteVendorReport,
  insertOutages,
  insertReportImport,
  insertVendorReports,
  listOutages,
  listReportImports,
  listVendorReports,
  type OutageRow,
  type ReportImportRow,
  type VendorReportRow,
} from '../../repositories/sla.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import { canEditEntry, requireRegister } from '../register.ts';
import { headerRow } from '../register-io/export.ts';
import { importRefusal } from '../register-io/import.ts';
import type { ImportError } from '../../../shared/import-errors.ts';
import type { ReportImportJson, ReportImportResult, ReportRowOutcome, ServiceMonthPlan } from '../../../shared/sla-report.ts';
import { readRegisterFile, readTable } from '../register-io/read-file.ts';
import type { Actor, Deps } from '../deps.ts';
import {
  causeOf,
  EXAMPLE_KEY,
  exampleRows,
  MILESTONE_KEYS,
  parseReportMonth,
  parseReportNumber,
  parseReportTime,
  REPORT_COLUMNS,
  REPORT_GUIDE,
  REPORT_HEADER,
  type ReportColumnKey,
} from './report-columns.ts';

// Import of the vendor's monthly operation report (運用実績報告書): every row is checked and planned
// first (the dry run writes nothing), then a commit writes the whole file in one transaction or nothing.
// A service-month (one service, one 対象年月) is the unit of a report: importing it again replaces the
// earlier vendor rows of that month only when the request asks for it.




interface PlannedOutage {
  row: number;
  entry: EntryRow;
  occurredAt: number;
  recoveredAt: number;
  milestones: Record<(typeof MILESTONE_KEYS)[number], number | null>;
  cause: OutageCause;
  description: string | null;
}

interface Group {
  entry: EntryRow;
  month: string;
  firstRow: number;
  availability: { value: number; row: number } | null;
  minutes: { value: number; row: number } | null;
  outages: PlannedOutage[];
  existing: boolean;
  replacedOutages: number;
}

const DESCRIPTION_MAX = 2000;
const causeChoices = (lang: 'ja' | 'en') => OUTAGE_CAUSES.map((c) => LABELS.cause[c][lang]).join(' / ');
const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
const iso = (ms: number) => new Date(ms).toISOString();

/** The Japan-time month of an instant as YYYY-MM. */
function monthOf(instant: number): string {
  const { year, month } = japanMonthOf(instant);
  return formatYearMonth(year, month);
}

function monthInterval(month: string) {
  const { year, month: m } = parseYearMonth(month);
  return japanMonth(year, m);
}

/** Reads and checks the whole file; writes nothing. */
async function plan(db: Executor, deps: Deps, actor: Actor, sheet: string[][], replace: boolean) {
  const table = readTable(sheet, REPORT_COLUMNS);
  const errors: ImportError[] = table.errors;
  const outcomes: ReportRowOutcome[] = [];
  const groups = new Map<string, Group>();
  const now = deps.now().getTime();
  if (errors.length) return { errors, outcomes, groups: [] as Group[], rowCount: table.rows.length };

  const keys = [...new Set(table.rows.map((r) => r.cells.external_key.normalize('NFKC').trim()).filter(Boolean))];
  const entries = new Map<string, EntryRow>();
  for (let i = 0; i < keys.length; i += 500) for (const entry of await findEntriesByKeys(db, actor.organisationId, keys.slice(i, i + 500))) entries.set(entry.external_key, entry);

  for (const { rowNumber, cells } of table.rows) {
    const before = errors.length;
    const fail = (key: ReportColumnKey, reason: string) => errors.push({ row: rowNumber, column: REPORT_HEADER[key], value: cells[key], reason });

    // 管理番号: a service of this organisation's register that the actor may write.
    const key = cells.external_key.normalize('NFKC').trim();
    const entry = key ? entries.get(key) : undefined;
    if (!key) fail('external_key', bi('管理番号を入力してください', 'Enter the register key'));
    else if (!entry) fail('external_key', bi('台帳に登録されていないサービスです', 'This service is not in the register'));
    else if (!canEditEntry(actor, entry.department)) fail('external_key', bi(`所管課（${entry.department}）以外のサービスの報告は取り込めません`, `You can import reports only for your department's services (this one belongs to ${entry.department})`));

    // 対象年月: a month that has begun.
    const month = cells.year_month ? parseReportMonth(cells.year_month) : null;
    if (!cells.year_month) fail('year_month', bi('対象年月を入力してください', 'Enter the month of the report'));
    else if (!month) fail('year_month', bi('対象年月はYYYY-MMまたはYYYY/MMで入力してください', 'Enter the month as YYYY-MM or YYYY/MM'));
    else if (monthInterval(month).start > now) fail('year_month', bi('未来の月の報告は取り込めません', 'A report for a future month cannot be imported'));

    // Times: Japan time, none in the future.
    const time = (k: ReportColumnKey): number | null => {
      if (!cells[k]) return null;
      const t = parseReportTime(cells[k]);
      if (t === null) fail(k, bi('日時は 2026/10/05 09:30 の形式（日本時間）で入力してください', 'Enter the time as 2026/10/05 09:30 (Japan time)'));
      else if (t > now) fail(k, bi('未来の日時は記録できません', 'A time in the future cannot be recorded'));
      return t;
    };
    const occurredAt = time('occurred_at');
    const recoveredAt = time('recovered_at');
    const milestones = Object.fromEntries(MILESTONE_KEYS.map((k) => [k, time(k)])) as PlannedOutage['milestones'];
    const isOutage = cells.occurred_at !== '';
    const description = cells.description || null;

    let cause: OutageCause | null = null;
    if (isOutage) {
      if (!cells.recovered_at) fail('recovered_at', bi('発生日時がある行には復旧日時を入力してください', 'Give the recovery time of an outage'));
      if (occurredAt !== null && recoveredAt !== null && recoveredAt < occurredAt) fail('recovered_at', bi('復旧日時が発生日時より前です', 'Recovery is before the outage began'));
      else if (occurredAt !== null && recoveredAt === occurredAt) fail('recovered_at', bi('復旧日時は発生日時より後にしてください', 'Recovery must be after the outage began'));
      if (occurredAt !== null && month && monthOf(occurredAt) !== month)
        fail('occurred_at', bi(`対象年月（${monthLabel(month)}）の外の日時です（障害は発生した月の報告に記入してください）`, `Outside the month of the report (${month}); report an outage in the month it began`));
      for (const k of MILESTONE_KEYS) {
        const t = milestones[k];
        if (t !== null && occurredAt !== null && t < occurredAt) fail(k, bi('発生日時より前の日時です', 'This is before the outage began'));
      }
      if (!cells.cause) fail('cause', bi(`原因区分を入力してください（${causeChoices('ja')}）`, `Give the cause (${causeChoices('en')})`));
      else if (!(cause = causeOf(cells.cause))) fail('cause', bi(`選択肢にありません（${causeChoices('ja')}）`, `Not one of the choices (${causeChoices('en')})`));
      if (description && description.length > DESCRIPTION_MAX) fail('description', bi(`${DESCRIPTION_MAX}文字以内で入力してください`, `Use at most ${DESCRIPTION_MAX} characters`));
    } else {
      const stray = (['recovered_at', ...MILESTONE_KEYS, 'cause', 'description'] as const).filter((k) => cells[k] !== '');
      if (stray.length)
        fail('occurred_at', bi(`障害の行には発生日時を入力してください（発生日時のない行は月の報告値のみ: ${stray.map((k) => REPORT_HEADER[k]).join('、')}は書けません）`, `An outage row needs its occurrence time (a row without one carries only the month's figures)`));
    }

    // The month's figures.
    let availability: number | null = null;
    if (cells.reported_availability) {
      availability = parseReportNumber(cells.reported_availability, '%');
      if (availability === null) fail('reported_availability', bi('数値で入力してください', 'Enter a number'));
      else if (availability > 100) fail('reported_availability', bi('100%を超える値は入力できません', 'A percentage cannot exceed 100'));
      else if (availability < 0) fail('reported_availability', bi('0〜100の範囲で入力してください', 'Enter 0 to 100'));
    }
    let minutes: number | null = null;
    if (cells.reported_outage_minutes) {
      minutes = parseReportNumber(cells.reported_outage_minutes, '分');
      if (minutes === null) fail('reported_outage_minutes', bi('数値（分）で入力してください', 'Enter a number of minutes'));
      else if (minutes < 0) fail('reported_outage_minutes', bi('0以上で入力してください', 'Enter 0 or more'));
      else if (month) {
        const { start, end } = monthInterval(month);
        const inMonth = (end - start) / MINUTE;
        if (minutes > inMonth) fail('reported_outage_minutes', bi(`当月の分数（${inMonth}分）を超えています`, `More than the minutes in the month (${inMonth})`));
      }
    }

    const rowOk = errors.length === before;
    outcomes.push({
      row: rowNumber,
      external_key: key,
      entry_name: entry?.name ?? null,
      month,
      kind: isOutage ? 'outage' : 'summary',
      occurred_at: occurredAt === null ? null : iso(occurredAt),
      recovered_at: recoveredAt === null ? null : iso(recoveredAt),
      minutes: occurredAt !== null && recoveredAt !== null && recoveredAt > occurredAt ? (recoveredAt - occurredAt) / MINUTE : null,
      status: rowOk ? 'ok' : 'error',
    });
    if (!entry || !month || !canEditEntry(actor, entry.department)) continue;

    // Rows of one service-month: the figures, if repeated, agree.
    const groupKey = `${entry.id}|${month}`;
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = { entry, month, firstRow: rowNumber, availability: null, minutes: null, outages: [], existing: false, replacedOutages: 0 }));
    if (availability !== null && availability >= 0 && availability <= 100) {
      if (group.availability && group.availability.value !== availability)
        fail('reported_availability', bi(`同じサービス・月の報告稼働率が${group.availability.row}行目（${group.availability.value}%）と異なります`, `Differs from the availability given for this service and month on row ${group.availability.row}`));
      else group.availability ??= { value: availability, row: rowNumber };
    }
    if (minutes !== null && minutes >= 0) {
      if (group.minutes && group.minutes.value !== minutes)
        fail('reported_outage_minutes', bi(`同じサービス・月の報告停止時間が${group.minutes.row}行目（${group.minutes.value}分）と異なります`, `Differs from the outage minutes given for this service and month on row ${group.minutes.row}`));
      else group.minutes ??= { value: minutes, row: rowNumber };
    }
    if (isOutage && rowOk && occurredAt !== null && recoveredAt !== null && cause)
      group.outages.push({ row: rowNumber, entry, occurredAt, recoveredAt, milestones, cause, description });
  }

  // Outages of one service in the file may not overlap (touching is fine).
  const byEntry = new Map<string, PlannedOutage[]>();
  for (const group of groups.values()) byEntry.set(group.entry.id, [...(byEntry.get(group.entry.id) ?? []), ...group.outages]);
  for (const outages of byEntry.values()) {
    outages.sort((a, b) => a.occurredAt - b.occurredAt || a.row - b.row);
    let latest: PlannedOutage | null = null;
    for (const outage of outages) {
      if (latest && outage.occurredAt < latest.recoveredAt)
        errors.push({ row: outage.row, column: REPORT_HEADER.occurred_at, value: sheetValue(table.rows, outage.row, 'occurred_at'), reason: bi(`${latest.row}行目の障害と時間が重なっています`, `Overlaps the outage on row ${latest.row}`) });
      if (!latest || outage.recoveredAt > latest.recoveredAt) latest = outage;
    }
  }

  // A service-month imported before is replaced only on request.
  const imported = new Set<string>();
  const months = [...groups.values()].map((g) => g.month).sort();
  const entryIds = [...new Set([...groups.values()].map((g) => g.entry.id))];
  for (let i = 0; i < entryIds.length; i += 500)
    for (const report of await listVendorReports(db, actor.organisationId, months[0], months[months.length - 1], entryIds.slice(i, i + 500))) imported.add(`${report.entry_id}|${report.year_month}`);
  for (const group of groups.values()) {
    group.existing = imported.has(`${group.entry.id}|${group.month}`);
    if (!group.existing) continue;
    if (!replace) {
      errors.push({
        row: group.firstRow,
        column: REPORT_HEADER.year_month,
        value: sheetValue(table.rows, group.firstRow, 'year_month'),
        reason: bi(`${group.entry.external_key}の${monthLabel(group.month)}の報告は取込済みです（置き換える場合は「置き換え」を指定してください）`, `The report of ${group.entry.external_key} for ${group.month} was imported before (ask for replacement to replace it)`),
      });
      continue;
    }
    const { start, end } = monthInterval(group.month);
    const stored = await listOutages(db, actor.organisationId, group.entry.id, iso(start), iso(end));
    group.replacedOutages = stored.filter((o) => o.source === 'vendor_report' && o.occurred_at >= iso(start) && o.occurred_at < iso(end)).length;
  }

  const errorRows = new Set(errors.map((e) => e.row));
  for (const outcome of outcomes) if (errorRows.has(outcome.row)) outcome.status = 'error';
  return { errors, outcomes, groups: [...groups.values()], rowCount: table.rows.length };
}

function sheetValue(rows: { rowNumber: number; cells: Record<ReportColumnKey, string> }[], row: number, key: ReportColumnKey): string {
  return rows.find((r) => r.rowNumber === row)?.cells[key] ?? '';
}

function resultOf(mode: 'dry_run' | 'commit', replace: boolean, file: { format: 'xlsx' | 'csv'; encoding?: string }, planned: Awaited<ReturnType<typeof plan>>, importId: string | null): ReportImportResult {
  const { errors, outcomes, groups, rowCount } = planned;
  const serviceMonths: ServiceMonthPlan[] = groups.map((g) => ({
    external_key: g.entry.external_key,
    entry_name: g.entry.name,
    month: g.month,
    action: g.existing ? 'replace' : 'create',
    outages: g.outages.length,
    reported_availability: g.availability?.value ?? null,
    reported_outage_minutes: g.minutes?.value ?? null,
    replaced_outages: g.replacedOutages,
  }));
  return {
    mode,
    format: file.format,
    encoding: file.encoding ?? null,
    import_id: importId,
    rows: outcomes,
    service_months: serviceMonths,
    errors: errors.sort((a, b) => a.row - b.row).map((e) => ({ ...e, reason_en: e.reason_en ?? englishOf(e.reason) ?? e.reason })),
    summary: {
      rows: rowCount,
      services: new Set(groups.map((g) => g.entry.id)).size,
      months: new Set(groups.map((g) => g.month)).size,
      service_months: groups.length,
      outages: groups.reduce((n, g) => n + g.outages.length, 0),
      replaced: replace ? serviceMonths.filter((s) => s.action === 'replace').length : 0,
      errors: new Set(errors.map((e) => e.row)).size,
    },
  };
}

const READ_OPTIONS = { keepTimes: true, percentCells: true };

/**
 * Imports a vendor report file. `dry_run` returns every row's outcome and every error and writes nothing;
 * `commit` writes everything in one audited transaction, or nothing (400 with the same errors).
 */
export async function importVendorReport(deps: Deps, actor: Actor, filename: string, buffer: Buffer, options: { mode: 'dry_run' | 'commit'; replace: boolean }): Promise<ReportImportResult> {
  await requireRegister(deps, actor, true);
  const file = await readRegisterFile(filename, buffer, READ_OPTIONS);
  if (options.mode === 'dry_run') return resultOf('dry_run', options.replace, file, await plan(deps.db, deps, actor, file.sheet, options.replace), null);

  const now = deps.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const planned = await plan(trx, deps, actor, file.sheet, options.replace);
      if (planned.errors.length) throw importRefusal(resultOf('commit', options.replace, file, planned, null).errors);
      const importRow: ReportImportRow = {
        id: newId(),
        organisation_id: actor.organisationId,
        filename: filename.slice(0, 300),
        sha256: createHash('sha256').update(buffer).digest('hex'),
        row_count: planned.rowCount,
        created_at: nowIso(now),
        created_by_label: actor.label.slice(0, 300),
      };
      await insertReportImport(trx, importRow);
      const reports: VendorReportRow[] = [];
      const outages: OutageRow[] = [];
      let removedOutages = 0;
      for (const group of planned.groups) {
        if (group.existing) {
          const { start, end } = monthInterval(group.month);
          removedOutages += await deleteVendorOutages(trx, actor.organisationId, group.entry.id, iso(start), iso(end));
          await deleteVendorReport(trx, actor.organisationId, group.entry.id, group.month);
        }
        reports.push({
          id: newId(),
          organisation_id: actor.organisationId,
          entry_id: group.entry.id,
          year_month: group.month,
          reported_availability: group.availability?.value ?? null,
          reported_outage_minutes: group.minutes?.value ?? null,
          import_id: importRow.id,
          created_at: nowIso(now),
        });
        for (const o of group.outages)
          outages.push({
            id: newId(),
            organisation_id: actor.organisationId,
            entry_id: group.entry.id,
            source: 'vendor_report',
            occurred_at: iso(o.occurredAt),
            detected_at: o.milestones.detected_at === null ? null : iso(o.milestones.detected_at),
            reported_at: o.milestones.reported_at === null ? null : iso(o.milestones.reported_at),
            confirmed_at: o.milestones.confirmed_at === null ? null : iso(o.milestones.confirmed_at),
            recovered_at: iso(o.recoveredAt),
            cause: o.cause,
            description: o.description,
            import_id: importRow.id,
            monitor_id: null,
            created_at: nowIso(now),
            created_by_label: actor.label.slice(0, 300),
          });
      }
      await insertVendorReports(trx, reports);
      await insertOutages(trx, outages);
      const result = resultOf('commit', options.replace, file, planned, importRow.id);
      await recordAudit(
        trx,
        actor,
        {
          action: 'sla_report.import',
          targetType: 'sla_report_import',
          targetId: importRow.id,
          after: {
            file: importRow.filename.slice(0, 200),
            sha256: importRow.sha256,
            format: file.format,
            encoding: file.encoding ?? null,
            rows: result.summary.rows,
            services: result.summary.services,
            months: result.summary.months,
            service_months: result.summary.service_months,
            outages: result.summary.outages,
            replaced: result.summary.replaced,
            replaced_outages: removedOutages,
            replaced_months: result.service_months.filter((s) => s.action === 'replace').map((s) => `${s.external_key} ${s.month}`).slice(0, 100),
          },
        },
        now,
      );
      return result;
    });
  } catch (error) {
    // Two imports of the same service-month at once: the second one finds the first one's row.
    if (isUniqueViolation(error))
      throw new AppError('conflict', [{ field: 'file', reason: bi('同じ月の報告が同時に取り込まれました。もう一度確認してから取り込んでください', 'The same month was imported at the same time; check again and retry') }]);
    throw error;
  }
}


/** The latest imports of vendor reports of the organisation, newest first. */
export async function latestReportImports(deps: Deps, actor: Actor, limit = 20): Promise<ReportImportJson[]> {
  await requireRegister(deps, actor, true);
  const rows = await listReportImports(deps.db, actor.organisationId, limit);
  return rows.map((r) => ({ id: r.id, filename: r.filename, sha256: r.sha256, row_count: Number(r.row_count), created_at: r.created_at, created_by_label: r.created_by_label }));
}

/** The previous Japan-time month, for the template's examples. */
function previousMonth(now: Date): string {
  const { year, month } = japanMonthOf(now.getTime());
  return month === 1 ? formatYearMonth(year - 1, 12) : formatYearMonth(year, month - 1);
}

/** The import template: the header row and two example rows (an outage, the month's figures), and a guide. */
export async function reportTemplate(deps: Deps, actor: Actor, format: 'xlsx' | 'csv'): Promise<Buffer> {
  await requireRegister(deps, actor, true);
  const examples = exampleRows(previousMonth(deps.now()));
  if (format === 'csv') return Buffer.from('\uFEFF' + csvLine(REPORT_COLUMNS.map((c) => c.header)) + examples.map((row) => csvLine(row)).join(''), 'utf8');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Daicho';
  const sheet = workbook.addWorksheet('運用実績報告');
  sheet.columns = REPORT_COLUMNS.map((c) => ({ width: c.width ?? 14 }));
  headerRow(sheet, REPORT_COLUMNS.map((c) => c.header));
  // Every cell is text, so Excel keeps 2026/10 and 2026/10/05 09:30 as written (the import reads date cells too).
  for (const example of examples) sheet.addRow(example.map((v) => (v === '' ? null : v)));
  for (let c = 1; c <= REPORT_COLUMNS.length; c++) sheet.getColumn(c).numFmt = '@';
  const guide = workbook.addWorksheet('記入方法');
  guide.columns = [{ width: 20 }, { width: 8 }, { width: 90 }];
  headerRow(guide, ['列', '必須', '記入方法']);
  for (const column of REPORT_COLUMNS) guide.addRow([column.header, column.required ? '必須' : '', REPORT_GUIDE[column.key]]);
  guide.addRow([]);
  guide.addRow(['例の行', '', `管理番号「${EXAMPLE_KEY}」は見本です。台帳の管理番号に書き換えてください（そのままでは取り込めません）`]);
  guide.addRow(['日時', '', '日本時間で記入します。月をまたぐ障害は発生した月の報告に記入すれば、月ごとに分けて計算します']);
  guide.addRow(['取込済みの月', '', '同じサービス・月を再度取り込むと誤りになります。差し替える場合は取込画面で「置き換え」を選んでください']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
