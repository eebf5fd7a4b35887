import ExcelJS from 'exceljs';
import { csvLine } from '../../../domain/csv.ts';
import { formatJapanDateTime } from '../../../domain/japan-time.ts';
import type { z } from 'zod';
import { listEntries, type EntryWithNames } from '../../repositories/register-entries.ts';
import type { RegisterListColumn } from '../../../shared/register.ts';
import type { registerExportQuery } from '../../../shared/schemas/register.ts';
import { toBool } from '../../repositories/executor.ts';
import { ensureCategories } from '../register-categories.ts';
import { filterFromQuery, requireRegister } from '../register.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import type { Catalogues } from '../../catalogs/load.ts';
import { COLUMNS, DERIVED_HEADERS, LABEL_TABLES, dataKindNames, labelOf, schemeShortId, type ColumnKey } from './columns.ts';
import { PARTY_LABELS, type StandardisedBusiness } from '../../../shared/parties.ts';

/** One entry's values by import column (enumerations as their Japanese labels). */
function valuesOf(catalogues: Catalogues, row: EntryWithNames): Record<ColumnKey, string | number | null> {
  const overridden = toBool(row.distress_loss_overridden);
  return {
    external_key: row.external_key,
    name: row.name,
    vendor_name: row.vendor_name,
    vendor_corporate_number: row.vendor_corporate_number,
    service_model: labelOf('service_model', row.service_model),
    category: row.category_name,
    department: row.department,
    business_purpose: row.business_purpose,
    users_description: row.users_description,
    network_zone: labelOf('network_zone', row.network_zone),
    data_location: labelOf('data_location', row.data_location),
    data_region: row.data_region,
    status: labelOf('status', row.status),
    contract_form: labelOf('contract_form', row.contract_form),
    contract_start: row.contract_start,
    contract_end: row.contract_end,
    notice_period_days: row.notice_period_days === null ? null : Number(row.notice_period_days),
    auto_renewal: toBool(row.auto_renewal) ? 'あり' : 'なし',
    annual_cost: row.annual_cost === null ? null : Number(row.annual_cost),
    contract_number: row.contract_number,
    data_kinds: dataKindNames(catalogues, JSON.parse(row.data_kinds)),
    residents_held: row.residents_held === null ? null : Number(row.residents_held),
    related_services: row.related_services,
    notes: row.notes,
    scheme: schemeShortId(row.scheme_id),
    confidentiality: row.confidentiality,
    confidentiality_reason: row.confidentiality_reason,
    resident_impact: Number(row.resident_impact),
    resident_impact_reason: row.resident_impact_reason,
    mental_distress: overridden ? Number(row.mental_distress) : null,
    economic_loss: overridden ? Number(row.economic_loss) : null,
    override_reason: row.override_reason,
    standardised_business: row.standardised_business ? (PARTY_LABELS.business[row.standardised_business as StandardisedBusiness]?.ja ?? row.standardised_business) : '該当しない',
    government_cloud: toBool(row.government_cloud) ? 'はい' : 'いいえ',
  };
}

/** One entry as spreadsheet cells, in COLUMNS order (then the read-only derived figures). */
function cellsOf(catalogues: Catalogues, row: EntryWithNames): (string | number)[] {
  const values = valuesOf(catalogues, row);
  return [...COLUMNS.map((c) => values[c.key] ?? ''), Number(row.administrative_impact), Number(row.leak_estimate_yen), formatJapanDateTime(row.updated_at)];
}

/** The register list's columns as the list shows them: heading, width and the cell of one entry. */
const LIST_COLUMNS: Record<RegisterListColumn, { header: string; width: number; cell: (row: EntryWithNames, values: Record<ColumnKey, string | number | null>) => string | number | null }> = {
  external_key: { header: '管理番号', width: 12, cell: (_r, v) => v.external_key },
  name: { header: 'サービス名', width: 30, cell: (_r, v) => v.name },
  vendor: { header: '事業者', width: 28, cell: (_r, v) => v.vendor_name },
  category: { header: '区分', width: 20, cell: (_r, v) => v.category },
  department: { header: '所管課', width: 14, cell: (_r, v) => v.department },
  service_model: { header: 'サービス形態', width: 16, cell: (_r, v) => v.service_model },
  network_zone: { header: 'ネットワーク区分', width: 20, cell: (_r, v) => v.network_zone },
  status: { header: '状態', width: 10, cell: (_r, v) => v.status },
  confidentiality: { header: '機密性', width: 8, cell: (_r, v) => v.confidentiality },
  resident_impact: { header: '住民影響', width: 8, cell: (_r, v) => v.resident_impact },
  mental_distress: { header: '精神的苦痛', width: 10, cell: (r) => Number(r.mental_distress) },
  economic_loss: { header: '経済的損失', width: 10, cell: (r) => Number(r.economic_loss) },
  administrative_impact: { header: '行政運営影響度', width: 12, cell: (r) => Number(r.administrative_impact) },
  leak_estimate: { header: '想定損害額（円）', width: 16, cell: (r) => Number(r.leak_estimate_yen) },
  residents_held: { header: '保有する住民数', width: 12, cell: (_r, v) => v.residents_held },
  annual_cost: { header: '年額費用（円）', width: 14, cell: (_r, v) => v.annual_cost },
  contract_form: { header: '契約形態', width: 14, cell: (_r, v) => v.contract_form },
  contract_end: { header: '契約終了日', width: 12, cell: (_r, v) => v.contract_end },
  standardised_business: { header: '標準化対象業務', width: 16, cell: (_r, v) => v.standardised_business },
  government_cloud: { header: 'ガバメントクラウド', width: 10, cell: (_r, v) => v.government_cloud },
};

export type RegisterExportQuery = Partial<z.infer<typeof registerExportQuery>>;

/** The layout of an export: the list's chosen columns, or every column the import reads (with the derived figures). */
export function layoutOf(catalogues: Catalogues, columns: RegisterListColumn[] | undefined) {
  if (!columns) return { headers: [...COLUMNS.map((c) => c.header), ...DERIVED_HEADERS], widths: [...COLUMNS.map((c) => c.width ?? 14), ...DERIVED_HEADERS.map(() => 16)], cells: (row: EntryWithNames) => cellsOf(catalogues, row) };
  const chosen = columns.map((key) => LIST_COLUMNS[key]);
  return {
    headers: chosen.map((c) => c.header),
    widths: chosen.map((c) => c.width),
    cells: (row: EntryWithNames) => {
      const values = valuesOf(catalogues, row);
      return chosen.map((c) => c.cell(row, values) ?? '');
    },
  };
}

/** The entries an export holds: those the list's filters select, in its order (管理番号 when none is given). */
export async function exportedEntries(deps: Deps, actor: Actor, query: RegisterExportQuery) {
  await requireRegister(deps, actor, false);
  return listEntries(deps.db, filterFromQuery(actor, query), { sort: query.sort ?? 'external_key', order: query.order ?? 'asc', offset: 0, limit: 1_000_000 });
}

/** A bold, shaded header row that stays in view while scrolling. */
export function headerRow(sheet: ExcelJS.Worksheet, headers: string[]) {
  const row = sheet.addRow(headers);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** Text cells are written as text: a value such as =HYPERLINK(...) stays a string, never a formula. */
function addValues(sheet: ExcelJS.Worksheet, values: (string | number)[]) {
  sheet.addRow(values.map((v) => (typeof v === 'string' && v === '' ? null : v)));
}

export async function exportRegisterXlsx(deps: Deps, actor: Actor, query: RegisterExportQuery = {}): Promise<Buffer> {
  const rows = await exportedEntries(deps, actor, query);
  const layout = layoutOf(deps.catalogues, query.columns);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Daicho';
  const sheet = workbook.addWorksheet('外部サービス台帳');
  sheet.columns = layout.widths.map((width) => ({ width }));
  headerRow(sheet, layout.headers);
  for (const row of rows) addValues(sheet, layout.cells(row));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: layout.headers.length } };
  await auditExport(deps, actor, 'xlsx', rows.length, query);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function exportRegisterCsv(deps: Deps, actor: Actor, query: RegisterExportQuery = {}): Promise<string> {
  const rows = await exportedEntries(deps, actor, query);
  const layout = layoutOf(deps.catalogues, query.columns);
  let out = '\uFEFF' + csvLine(layout.headers);
  for (const row of rows) out += csvLine(layout.cells(row));
  await auditExport(deps, actor, 'csv', rows.length, query);
  return out;
}

/** Exports are reads, but a register leaving the building is worth a line in the audit log (with what was chosen). */
export async function auditExport(deps: Deps, actor: Actor, format: string, count: number, query: RegisterExportQuery) {
  const chosen = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'register.export', targetType: 'register', after: { format, entries: count, ...chosen } }, deps.now()));
}

/** An empty register sheet with the headers, plus a sheet listing every allowed value and an example. */
export async function registerTemplateXlsx(deps: Deps, actor: Actor): Promise<Buffer> {
  await requireRegister(deps, actor, false);
  const categories = await deps.db.transaction().execute((trx) => ensureCategories(trx, deps, actor.organisationId));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Daicho';
  const sheet = workbook.addWorksheet('外部サービス台帳');
  sheet.columns = COLUMNS.map((c) => ({ width: c.width ?? 14 }));
  headerRow(sheet, COLUMNS.map((c) => c.header));
  const guide = workbook.addWorksheet('記入方法・選択肢');
  guide.columns = [{ width: 24 }, { width: 8 }, { width: 90 }];
  headerRow(guide, ['列', '必須', '記入方法・選べる値']);
  const choices: Partial<Record<ColumnKey, string>> = {
    external_key: '台帳の管理番号（英数字と . _ -）。同じ番号で再取込すると更新になります',
    vendor_name: '未登録の事業者は取込時に登録されます',
    vendor_corporate_number: '13桁（検査数字を確認します）',
    category: categories.map((c) => c.name).join(' / '),
    contract_start: 'YYYY-MM-DD または YYYY/MM/DD',
    contract_end: 'YYYY-MM-DD または YYYY/MM/DD（開始日以降）',
    auto_renewal: 'あり / なし',
    standardised_business: `該当しない / ${Object.values(PARTY_LABELS.business).map((l) => l.ja).join(' / ')}（列がなければ取込で変更しません）`,
    government_cloud: 'はい / いいえ（列がなければ取込で変更しません）',
    data_kinds: `「、」区切り: ${deps.catalogues.dataKinds.data.kinds.map((k) => k.name.ja).join('、')}`,
    scheme: deps.catalogues.schemes.data.schemes.map((s) => `${schemeShortId(s.id)}（${s.name.ja}）`).join(' / '),
    confidentiality: deps.catalogues.schemes.data.schemes.map((s) => `${schemeShortId(s.id)}: ${s.levels.map((l) => l.code).join('/')}`).join('　'),
    resident_impact: '1〜3（3: 住民の暮らしに直結 / 2: 内部事務・窓口で代替可能 / 1: Webサイトで代替可能）',
    mental_distress: '空欄なら扱う個人データから自動で提案（変更する場合は1〜3と理由）',
    economic_loss: '空欄なら扱う個人データから自動で提案（変更する場合は1〜3と理由）',
  };
  for (const key of Object.keys(LABEL_TABLES) as (keyof typeof LABEL_TABLES)[]) choices[key] = Object.values(LABEL_TABLES[key] as Record<string, { ja: string }>).map((l) => l.ja).join(' / ');
  for (const column of COLUMNS) guide.addRow([column.header, column.required ? '必須' : '', choices[column.key] ?? '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
