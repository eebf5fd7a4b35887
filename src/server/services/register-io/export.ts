import ExcelJS from 'exceljs';
import { csvLine } from '../../../domain/csv.ts';
import { formatJapanDateTime } from '../../../domain/japan-time.ts';
import { allEntriesForExport, type EntryWithNames } from '../../repositories/register-entries.ts';
import { toBool } from '../../repositories/executor.ts';
import { ensureCategories } from '../register-categories.ts';
import { requireRegister } from '../register.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, Deps } from '../deps.ts';
import type { Catalogues } from '../../catalogs/load.ts';
import { COLUMNS, DERIVED_HEADERS, LABEL_TABLES, dataKindNames, labelOf, schemeShortId, type ColumnKey } from './columns.ts';

/** One entry as spreadsheet cells, in COLUMNS order (then the read-only derived figures). */
function cellsOf(catalogues: Catalogues, row: EntryWithNames): (string | number)[] {
  const overridden = toBool(row.distress_loss_overridden);
  const values: Record<ColumnKey, string | number | null> = {
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
  };
  return [...COLUMNS.map((c) => values[c.key] ?? ''), Number(row.administrative_impact), Number(row.leak_estimate_yen), formatJapanDateTime(row.updated_at)];
}

/** A bold, shaded header row that stays in view while scrolling. */
export function headerRow(sheet: ExcelJS.Worksheet, headers: string[]) {
  const row = sheet.addRow(headers);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function addSheet(workbook: ExcelJS.Workbook, name: string, withDerived: boolean) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [...COLUMNS.map((c) => ({ width: c.width ?? 14 })), ...(withDerived ? DERIVED_HEADERS.map(() => ({ width: 16 })) : [])];
  headerRow(sheet, [...COLUMNS.map((c) => c.header), ...(withDerived ? DERIVED_HEADERS : [])]);
  return sheet;
}

/** Text cells are written as text: a value such as =HYPERLINK(...) stays a string, never a formula. */
function addValues(sheet: ExcelJS.Worksheet, values: (string | number)[]) {
  sheet.addRow(values.map((v) => (typeof v === 'string' && v === '' ? null : v)));
}

export async function exportRegisterXlsx(deps: Deps, actor: Actor): Promise<Buffer> {
  await requireRegister(deps, actor, false);
  const rows = await allEntriesForExport(deps.db, actor.organisationId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Daicho';
  const sheet = addSheet(workbook, '外部サービス台帳', true);
  for (const row of rows) addValues(sheet, cellsOf(deps.catalogues, row));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length + DERIVED_HEADERS.length } };
  await auditExport(deps, actor, 'xlsx', rows.length);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function exportRegisterCsv(deps: Deps, actor: Actor): Promise<string> {
  await requireRegister(deps, actor, false);
  const rows = await allEntriesForExport(deps.db, actor.organisationId);
  let out = '\uFEFF' + csvLine([...COLUMNS.map((c) => c.header), ...DERIVED_HEADERS]);
  for (const row of rows) out += csvLine(cellsOf(deps.catalogues, row));
  await auditExport(deps, actor, 'csv', rows.length);
  return out;
}

/** Exports are reads, but a register leaving the building is worth a line in the audit log. */
async function auditExport(deps: Deps, actor: Actor, format: string, count: number) {
  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'register.export', targetType: 'register', after: { format, entries: count } }, deps.now()));
}

/** An empty register sheet with the headers, plus a sheet listing every allowed value and an example. */
export async function registerTemplateXlsx(deps: Deps, actor: Actor): Promise<Buffer> {
  await requireRegister(deps, actor, false);
  const categories = await deps.db.transaction().execute((trx) => ensureCategories(trx, deps, actor.organisationId));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Daicho';
  addSheet(workbook, '外部サービス台帳', false);
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
