import { entryCreateBody } from '../../../shared/schemas/register.ts';
import { isValidCorporateNumber } from '../../../domain/codes.ts';
import type { Executor } from '../../repositories/executor.ts';
import { findEntriesByKeys, insertEntries, insertHistory, updateEntry, type EntryRow, type HistoryRow } from '../../repositories/register-entries.ts';
import { insertVendor, listVendors, type VendorRow } from '../../repositories/vendors.ts';
import { newId, nowIso } from '../../security/ids.ts';
import { AppError } from '../app-error.ts';
import { recordAuditBatch, type AuditEvent } from '../audit.ts';
import { ensureCategories } from '../register-categories.ts';
import { classificationOf, deriveClassification, searchTextOf, withoutSearch } from '../register-classification.ts';
import { canEditEntry, entryColumns, requireRegister } from '../register.ts';
import { vendorRow } from '../vendors.ts';
import type { Actor, Deps } from '../deps.ts';
import { businessCodeOf, COLUMNS, codeOf, LABEL_TABLES, type ColumnKey } from './columns.ts';
import { readRegisterFile, readTable, type Sheet } from './read-file.ts';
import { bi, englishOf } from '../../../shared/messages.ts';

import type { ImportError } from '../../../shared/import-errors.ts';

export type { ImportError };

export interface PlannedRow {
  row: number;
  external_key: string;
  name: string;
  action: 'create' | 'update' | 'unchanged';
  changed_fields: string[];
}

export interface ImportPlan {
  format: 'xlsx' | 'csv';
  encoding: string | null;
  rows: PlannedRow[];
  errors: ImportError[];
  vendors_to_create: string[];
  summary: { rows: number; create: number; update: number; unchanged: number; errors: number };
}

const HEADER_OF = Object.fromEntries(COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;

// zod paths of the entry schema → the spreadsheet column a person sees.
const PATH_TO_COLUMN: Record<string, ColumnKey> = {
  vendor_id: 'vendor_name', category_id: 'category', 'classification.scheme_id': 'scheme', 'classification.confidentiality': 'confidentiality',
  'classification.confidentiality_reason': 'confidentiality_reason', 'classification.resident_impact': 'resident_impact',
  'classification.resident_impact_reason': 'resident_impact_reason', 'classification.mental_distress': 'mental_distress',
  'classification.economic_loss': 'economic_loss', 'classification.override_reason': 'override_reason', scheme_id: 'scheme',
  confidentiality: 'confidentiality',
};

function columnFor(path: string): string {
  const key = (PATH_TO_COLUMN[path] ?? PATH_TO_COLUMN[path.split('.').slice(0, 2).join('.')] ?? path.split('.')[0]) as ColumnKey;
  return HEADER_OF[key] ?? path;
}

const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

function parseDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

function parseInteger(text: string): number | null {
  const cleaned = text.normalize('NFKC').replace(/[,，円人日\s]/g, '');
  return /^\d+$/.test(cleaned) ? Number(cleaned) : null;
}

const YES = new Set(['あり', 'はい', '有', 'する', 'true', 'yes', '1', '○']);
const NO = new Set(['なし', 'いいえ', '無', 'しない', 'false', 'no', '0', '×', '']);

interface RowContext {
  /** Columns the file has: an optional column it lacks keeps the existing entry's value. */
  present: Set<ColumnKey>;
  categories: Map<string, string>;
  dataKinds: Map<string, string>;
  schemes: Map<string, string>;
}

/** Turns one row of text cells into the API's entry input, collecting every problem it finds. */
function rowToInput(cells: Record<ColumnKey, string>, rowNumber: number, ctx: RowContext, errors: ImportError[]) {
  const fail = (key: ColumnKey, reason: string) => errors.push({ row: rowNumber, column: HEADER_OF[key], value: cells[key], reason });
  const text = (key: ColumnKey) => (cells[key] === '' ? null : cells[key]);
  const enumeration = (key: keyof typeof LABEL_TABLES) => {
    if (!cells[key]) return undefined;
    const code = codeOf(key, cells[key]);
    if (!code) fail(key, bi(`選択肢にありません（${Object.values(LABEL_TABLES[key] as Record<string, { ja: string }>).map((l) => l.ja).join(' / ')}）`, `Not one of the choices (${Object.values(LABEL_TABLES[key] as Record<string, { en: string }>).map((l) => l.en).join(' / ')})`));
    return code ?? undefined;
  };
  const integer = (key: ColumnKey) => {
    if (!cells[key]) return null;
    const value = parseInteger(cells[key]);
    if (value === null) fail(key, bi('0以上の整数で入力してください', 'Enter a whole number of 0 or more'));
    return value;
  };
  const level = (key: ColumnKey) => {
    if (!cells[key]) return null;
    const value = parseInteger(cells[key]);
    if (value === null || value < 1 || value > 3) {
      fail(key, bi('1〜3で入力してください', 'Enter 1 to 3'));
      return null;
    }
    return value;
  };
  const date = (key: ColumnKey) => {
    if (!cells[key]) return null;
    const value = parseDate(cells[key]);
    if (!value) fail(key, bi('日付はYYYY-MM-DDまたはYYYY/MM/DDで入力してください', 'Enter the date as YYYY-MM-DD or YYYY/MM/DD'));
    return value;
  };

  const categoryId = cells.category ? ctx.categories.get(cells.category) : undefined;
  if (cells.category && !categoryId) fail('category', bi(`登録されていない区分です（${[...ctx.categories.keys()].join(' / ')}）`, `Unknown category (${[...ctx.categories.keys()].join(' / ')})`));
  const kinds: string[] = [];
  for (const name of cells.data_kinds.split(/[、,，;；\n]/).map((s) => s.trim()).filter(Boolean)) {
    const code = ctx.dataKinds.get(name);
    if (code) kinds.push(code);
    else fail('data_kinds', bi(`不明なデータの種類です: ${name}`, `Unknown kind of data: ${name}`));
  }
  const schemeId = cells.scheme ? ctx.schemes.get(cells.scheme) : undefined;
  if (cells.scheme && !schemeId) fail('scheme', bi(`不明な分類体系です（${[...new Set(ctx.schemes.values())].map((s) => s.replace('urn:daicho:scheme:', '')).join(' / ')}）`, `Unknown classification scheme (${[...new Set(ctx.schemes.values())].map((s) => s.replace('urn:daicho:scheme:', '')).join(' / ')})`));
  const renewal = cells.auto_renewal.normalize('NFKC').trim().toLowerCase();
  if (!YES.has(renewal) && !NO.has(renewal)) fail('auto_renewal', bi('「あり」または「なし」で入力してください', 'Enter あり (yes) or なし (no)'));
  if (cells.vendor_corporate_number && !isValidCorporateNumber(cells.vendor_corporate_number))
    fail('vendor_corporate_number', /^\d{13}$/.test(cells.vendor_corporate_number) ? bi('法人番号の検査数字が一致しません', 'The corporate number has a wrong check digit') : bi('法人番号は13桁の数字です', 'The corporate number is 13 digits'));
  const business = ctx.present.has('standardised_business') ? businessCodeOf(cells.standardised_business) : undefined;
  if (ctx.present.has('standardised_business') && business === undefined) fail('standardised_business', bi('標準化対象業務の一覧にありません（該当しない場合は空欄か「該当しない」）', 'Not a standardised business (leave blank or write 該当しない when none applies)'));
  const governmentCloud = cells.government_cloud.normalize('NFKC').trim().toLowerCase();
  if (ctx.present.has('government_cloud') && !YES.has(governmentCloud) && !NO.has(governmentCloud)) fail('government_cloud', bi('「はい」または「いいえ」で入力してください', 'Enter はい (yes) or いいえ (no)'));
  if (cells.vendor_corporate_number && !cells.vendor_name) fail('vendor_name', bi('法人番号を入力した場合は事業者名も入力してください', 'Give the vendor name with its corporate number'));

  return {
    external_key: cells.external_key,
    name: cells.name,
    vendor_id: null as string | null,
    service_model: enumeration('service_model'),
    category_id: categoryId ?? '00000000-0000-7000-8000-000000000000',
    department: cells.department,
    business_purpose: text('business_purpose'),
    users_description: text('users_description'),
    network_zone: enumeration('network_zone'),
    data_location: enumeration('data_location'),
    data_region: text('data_region'),
    status: enumeration('status'),
    contract_form: enumeration('contract_form'),
    contract_start: date('contract_start'),
    contract_end: date('contract_end'),
    notice_period_days: integer('notice_period_days'),
    auto_renewal: YES.has(renewal),
    standardised_business: business ?? null,
    government_cloud: YES.has(governmentCloud),
    annual_cost: integer('annual_cost'),
    contract_number: text('contract_number'),
    data_kinds: kinds,
    residents_held: integer('residents_held'),
    related_services: text('related_services'),
    notes: text('notes'),
    classification: {
      scheme_id: schemeId ?? cells.scheme,
      confidentiality: cells.confidentiality.normalize('NFKC').toUpperCase(),
      confidentiality_reason: text('confidentiality_reason'),
      resident_impact: level('resident_impact') ?? (cells.resident_impact ? -1 : undefined),
      resident_impact_reason: text('resident_impact_reason'),
      mental_distress: level('mental_distress'),
      economic_loss: level('economic_loss'),
      override_reason: text('override_reason'),
    },
  };
}

const COMPARED: (keyof EntryRow)[] = [
  'name', 'vendor_id', 'service_model', 'category_id', 'department', 'business_purpose', 'users_description', 'network_zone', 'data_location',
  'data_region', 'status', 'contract_form', 'contract_start', 'contract_end', 'notice_period_days', 'auto_renewal', 'annual_cost', 'contract_number',
  'data_kinds', 'residents_held', 'related_services', 'notes', 'scheme_id', 'confidentiality', 'confidentiality_reason', 'resident_impact',
  'resident_impact_reason', 'mental_distress', 'economic_loss', 'distress_loss_overridden', 'override_reason', 'standardised_business', 'government_cloud',
];

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'bigint' ? Number(v) : v);
  return norm(a) === norm(b);
}

interface PreparedRow {
  planned: PlannedRow;
  row: EntryRow;
  existing: EntryRow | null;
  vendorName: string | null;
  categoryName: string;
}

/** Reads, validates and plans an import without writing anything (the dry run). */
async function plan(db: Executor, deps: Deps, actor: Actor, sheet: Sheet, meta: { format: 'xlsx' | 'csv'; encoding?: string }) {
  const table = readTable(sheet, COLUMNS);
  const errors: ImportError[] = table.errors;
  const categories = await ensureCategories(db, deps, actor.organisationId);
  const headers = new Set((sheet[0] ?? []).map((h) => h.normalize('NFKC').trim()));
  const ctx: RowContext = {
    present: new Set(COLUMNS.filter((c) => headers.has(c.header.normalize('NFKC'))).map((c) => c.key)),
    categories: new Map(categories.map((c) => [c.name, c.id])),
    dataKinds: new Map(deps.catalogues.dataKinds.data.kinds.flatMap((k) => [[k.name.ja, k.code], [k.code, k.code]] as [string, string][])),
    schemes: new Map(deps.catalogues.schemes.data.schemes.flatMap((s) => [[s.id, s.id], [s.id.replace('urn:daicho:scheme:', ''), s.id], [s.name.ja, s.id]] as [string, string][])),
  };
  const vendors = new Map((await listVendors(db, actor.organisationId)).map((v) => [v.name, v as VendorRow]));
  const newVendors = new Map<string, VendorRow>();
  const seenKeys = new Map<string, number>();
  const prepared: PreparedRow[] = [];
  const categoryNames = new Map(categories.map((c) => [c.id, c.name]));
  const now = nowIso(deps.now());

  const dataRows = table.rows;
  const existingByKey = new Map<string, EntryRow>();
  if (errors.length === 0) {
    const keys = dataRows.map(({ cells }) => cells.external_key).filter(Boolean);
    for (let i = 0; i < keys.length; i += 500) for (const row of await findEntriesByKeys(db, actor.organisationId, keys.slice(i, i + 500))) existingByKey.set(row.external_key, row);
  }

  for (const { cells: raw, rowNumber } of errors.length ? [] : dataRows) {
    const before = errors.length;
    const input = rowToInput(raw, rowNumber, ctx, errors);
    const parsed = entryCreateBody.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        const column = columnFor(path);
        // Problems already reported by the cell reader are not repeated.
        if (!errors.slice(before).some((e) => e.column === column))
          errors.push({ row: rowNumber, column, value: raw[(COLUMNS.find((c) => c.header === column)?.key ?? 'name') as ColumnKey] ?? '', reason: issue.message, reason_en: englishOf(issue.message, issue as unknown as { code: string }) });
      }
    }
    if (raw.external_key) {
      const first = seenKeys.get(raw.external_key);
      if (first) errors.push({ row: rowNumber, column: HEADER_OF.external_key, value: raw.external_key, reason: bi(`${first}行目と管理番号が重複しています`, `Same key as row ${first}`) });
      else seenKeys.set(raw.external_key, rowNumber);
    }
    const existing = existingByKey.get(raw.external_key) ?? null;
    if (raw.department && !canEditEntry(actor, raw.department)) errors.push({ row: rowNumber, column: HEADER_OF.department, value: raw.department, reason: bi('所管課以外の台帳は取り込めません', 'You can import only your department’s entries') });
    if (existing && !canEditEntry(actor, existing.department)) errors.push({ row: rowNumber, column: HEADER_OF.external_key, value: raw.external_key, reason: bi(`既存の台帳（所管課: ${existing.department}）は編集できません`, `You cannot edit this existing entry (department: ${existing.department})`) });
    let vendor: VendorRow | undefined;
    if (raw.vendor_name) {
      vendor = vendors.get(raw.vendor_name) ?? newVendors.get(raw.vendor_name);
      if (vendor && raw.vendor_corporate_number && vendor.corporate_number && vendor.corporate_number !== raw.vendor_corporate_number)
        errors.push({ row: rowNumber, column: HEADER_OF.vendor_corporate_number, value: raw.vendor_corporate_number, reason: bi(`登録済みの事業者「${vendor.name}」の法人番号（${vendor.corporate_number}）と異なります`, `Differs from the corporate number (${vendor.corporate_number}) of the registered vendor ${vendor.name}`) });
      if (!vendor) {
        vendor = vendorRow(actor.organisationId, { name: raw.vendor_name.slice(0, 200), corporate_number: raw.vendor_corporate_number || null }, now);
        newVendors.set(raw.vendor_name, vendor);
      }
    }
    if (errors.length > before || !parsed.success) continue;
    let derived;
    try {
      derived = deriveClassification(deps.catalogues, parsed.data.classification, parsed.data.data_kinds, parsed.data.residents_held ?? null);
    } catch (error) {
      const detail = error instanceof AppError ? error.details[0] : undefined;
      errors.push({ row: rowNumber, column: columnFor(detail?.field ?? 'confidentiality'), value: raw.confidentiality, reason: detail?.reason ?? '分類が正しくありません' });
      continue;
    }
    const { classification: _c, ...fields } = parsed.data;
    const row: EntryRow = {
      id: existing?.id ?? newId(),
      organisation_id: actor.organisationId,
      ...entryColumns({ ...fields, vendor_id: vendor?.id ?? null }),
      // The link to a vendor's service profile is made on the entry page, never by a spreadsheet.
      vendor_service_id: existing?.vendor_service_id ?? null,
      // A file without these columns (an older template) keeps what the entry has.
      ...(ctx.present.has('standardised_business') ? {} : { standardised_business: existing?.standardised_business ?? null }),
      ...(ctx.present.has('government_cloud') ? {} : { government_cloud: existing?.government_cloud ?? 0 }),
      external_key: raw.external_key,
      ...derived,
      search_text: '',
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    row.search_text = searchTextOf(row, vendor?.name ?? null, categoryNames.get(row.category_id)!);
    const changed = existing ? COMPARED.filter((key) => !same(existing[key], row[key])) : [];
    prepared.push({
      planned: { row: rowNumber, external_key: row.external_key, name: row.name, action: existing ? (changed.length ? 'update' : 'unchanged') : 'create', changed_fields: changed },
      row,
      existing,
      vendorName: vendor?.name ?? null,
      categoryName: categoryNames.get(row.category_id)!,
    });
  }
  // Only vendors that a valid row still needs are created.
  const neededVendors = new Set(prepared.map((p) => p.vendorName).filter(Boolean));
  const vendorsToCreate = [...newVendors.values()].filter((v) => neededVendors.has(v.name));
  const rows = prepared.map((p) => p.planned);
  const result: ImportPlan = {
    format: meta.format,
    encoding: meta.encoding ?? null,
    rows,
    errors: errors.sort((a, b) => a.row - b.row).map((e) => ({ ...e, reason_en: e.reason_en ?? englishOf(e.reason) ?? e.reason })),
    vendors_to_create: vendorsToCreate.map((v) => v.name),
    summary: {
      rows: dataRows.length,
      create: rows.filter((r) => r.action === 'create').length,
      update: rows.filter((r) => r.action === 'update').length,
      unchanged: rows.filter((r) => r.action === 'unchanged').length,
      errors: new Set(errors.map((e) => e.row)).size,
    },
  };
  return { result, prepared, vendorsToCreate };
}

/** The dry run: what would be created or updated, and every error, with nothing written. */
export async function previewImport(deps: Deps, actor: Actor, filename: string, buffer: Buffer): Promise<ImportPlan> {
  await requireRegister(deps, actor, true);
  const file = await readRegisterFile(filename, buffer);
  // ensureCategories may insert defaults; run in a transaction that is always rolled back.
  let planned: ImportPlan | undefined;
  await deps.db
    .transaction()
    .execute(async (trx) => {
      planned = (await plan(trx, deps, actor, file.sheet, file)).result;
      throw new RollbackSignal();
    })
    .catch((error) => {
      if (!(error instanceof RollbackSignal)) throw error;
    });
  return planned!;
}

class RollbackSignal extends Error {}

/** The refusal of an import with errors (nothing written): one detail per error, by row and column. */
export function importRefusal(errors: ImportError[]): AppError {
  return new AppError(
    'validation_failed',
    errors.slice(0, 200).map((e) => ({
      field: `${e.row}行目 ${e.column}`.trim(),
      reason: `${e.reason}${e.value ? `（値: ${e.value.slice(0, 50)}）` : ''}`,
      reason_en: `Row ${e.row}, ${e.column}: ${e.reason_en ?? englishOf(e.reason) ?? e.reason}${e.value ? ` (value: ${e.value.slice(0, 50)})` : ''}`,
    })),
  );
}

/** Writes the import all or nothing: any error in any row and nothing changes. */
export async function commitImport(deps: Deps, actor: Actor, filename: string, buffer: Buffer): Promise<ImportPlan> {
  await requireRegister(deps, actor, true);
  const file = await readRegisterFile(filename, buffer);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const { result, prepared, vendorsToCreate } = await plan(trx, deps, actor, file.sheet, file);
    if (result.errors.length) {
      throw importRefusal(result.errors);
    }
    const events: AuditEvent[] = [];
    for (const vendor of vendorsToCreate) {
      await insertVendor(trx, vendor);
      events.push({ action: 'vendor.create', targetType: 'vendor', targetId: vendor.id, after: { name: vendor.name, corporate_number: vendor.corporate_number, via: 'import' } });
    }
    const created = prepared.filter((p) => p.planned.action === 'create');
    await insertEntries(trx, created.map((p) => p.row));
    const history: HistoryRow[] = created.map((p) => ({ id: newId(), organisation_id: actor.organisationId, entry_id: p.row.id, at: nowIso(now), actor_label: actor.label, reason: '一括取込による登録', before_json: null, after_json: JSON.stringify(classificationOf(p.row)) }));
    for (const p of created) events.push({ action: 'register_entry.create', targetType: 'register_entry', targetId: p.row.id, after: { ...withoutSearch(p.row), via: 'import' } });
    for (const p of prepared.filter((x) => x.planned.action === 'update')) {
      const { id: _id, organisation_id: _org, created_at: _created, ...changes } = p.row;
      await updateEntry(trx, actor.organisationId, p.row.id, changes);
      const before = Object.fromEntries(p.planned.changed_fields.map((f) => [f, p.existing![f as keyof EntryRow]]));
      const after = Object.fromEntries(p.planned.changed_fields.map((f) => [f, p.row[f as keyof EntryRow]]));
      events.push({ action: 'register_entry.update', targetType: 'register_entry', targetId: p.row.id, before, after: { ...after, via: 'import' } });
      if (p.planned.changed_fields.some((f) => ['scheme_id', 'confidentiality', 'resident_impact', 'mental_distress', 'economic_loss'].includes(f)))
        history.push({ id: newId(), organisation_id: actor.organisationId, entry_id: p.row.id, at: nowIso(now), actor_label: actor.label, reason: '一括取込による変更', before_json: JSON.stringify(classificationOf(p.existing!)), after_json: JSON.stringify(classificationOf(p.row)) });
    }
    await insertHistory(trx, history);
    events.push({ action: 'register.import', targetType: 'register', after: { file: filename.slice(0, 200), format: result.format, encoding: result.encoding, ...result.summary } });
    await recordAuditBatch(trx, actor, events, now);
    return result;
  });
}
