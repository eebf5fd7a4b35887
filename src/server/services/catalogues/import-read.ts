import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { bi } from '../../../shared/messages.ts';
import { AppError } from '../app-error.ts';
import { DEFAULT_SHEET_LIMITS, readSpreadsheetSafely, type ReadSheet } from '../file-reading/index.ts';
import { isZip } from '../file-reading/spreadsheet.ts';
import type { catalogueImportError } from '../../../shared/schemas/catalogues.ts';
import { CATALOGUE_FIELDS, CATALOGUE_SHEET, CHOICE_SEPARATOR, ITEM_COLUMNS, ITEMS_SHEET, NO, YES, type CatalogueFieldKey, type ItemColumnKey } from './xlsx-layout.ts';

// Reading an uploaded questionnaire (YAML or .xlsx) into a plain object for the zod schema, refusing
// hostile input before it can cost anything: non-UTF-8 text, YAML anchors and aliases (entity
// expansion), custom tags, deep nesting, prototype keys, several documents; xlsx that is not a zip, a
// zip that inflates far beyond its size, missing sheets, unknown columns. Formulas are never evaluated:
// the value Excel saved with the file is read as text. Each problem says where it is.

export type CatalogueImportError = z.infer<typeof catalogueImportError>;
export type Locate = (path: readonly PropertyKey[]) => Pick<CatalogueImportError, 'sheet' | 'path' | 'row' | 'column' | 'value'>;

export interface ReadQuestionnaire {
  value: unknown;
  errors: CatalogueImportError[];
  locate: Locate;
}

const MAX_DEPTH = 16;
const MAX_INFLATED_BYTES = 40 * 1024 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function fileError(reason: string, extra: Partial<CatalogueImportError> = {}): CatalogueImportError {
  return { sheet: null, path: null, row: 0, column: 'file', value: '', reason, ...extra };
}

/** `categories[0].items[2].name.ja` */
export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '');
}

function decodeUtf8(buffer: Buffer): string | null {
  const body = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return null;
  }
}

/** The deepest nesting of flow collections ([ and {) outside quotes: checked before the parser recurses. */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (ch === '[' || ch === '{') max = Math.max(max, ++depth);
    else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === '\n') quote = null;
  }
  return max;
}

function scalarText(node: unknown): string {
  if (isScalar(node)) return String(node.value ?? '').slice(0, 100);
  return '';
}

/** Reads a YAML questionnaire. */
export function readYamlQuestionnaire(buffer: Buffer): ReadQuestionnaire {
  const none: Locate = (path) => ({ sheet: null, path: pathText(path), row: 0, column: pathText(path) || 'file', value: '' });
  const text = decodeUtf8(buffer);
  if (text === null) return { value: null, errors: [fileError(bi('UTF-8 のテキストではありません（文字コードを UTF-8 にして保存してください）', 'The file is not UTF-8 text (save it as UTF-8)'))], locate: none };
  if (text.includes('\u0000')) return { value: null, errors: [fileError(bi('テキストではないファイルです', 'The file is not text'))], locate: none };
  if (flowDepth(text) > MAX_DEPTH) return { value: null, errors: [fileError(bi(`入れ子が深すぎます（${MAX_DEPTH}段まで）`, `Nested too deeply (at most ${MAX_DEPTH} levels)`))], locate: none };

  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, merge: false, prettyErrors: false, schema: 'core', strict: true, stringKeys: true });
  } catch {
    return { value: null, errors: [fileError(bi('YAMLとして読み取れません', 'The file cannot be read as YAML'))], locate: none };
  }
  const lineOf = (offset: number | undefined) => (offset === undefined ? 0 : lineCounter.linePos(offset).line);
  const errors: CatalogueImportError[] = [];
  for (const problem of [...doc.errors, ...doc.warnings]) {
    errors.push({ sheet: null, path: null, row: lineOf(problem.pos[0]), column: 'YAML', value: '', reason: bi(`YAMLの書き方に誤りがあります: ${problem.message.split('\n')[0]}`, `YAML syntax error: ${problem.message.split('\n')[0]}`) });
  }
  const at = (node: Node | null | undefined, reason: string) => errors.push({ sheet: null, path: null, row: lineOf(node?.range?.[0]), column: 'YAML', value: scalarText(node), reason });
  visit(doc, (_key, node, path) => {
    const depth = path.filter((p) => isMap(p) || isSeq(p)).length;
    if (depth > MAX_DEPTH) {
      at(node as Node, bi(`入れ子が深すぎます（${MAX_DEPTH}段まで）`, `Nested too deeply (at most ${MAX_DEPTH} levels)`));
      return visit.BREAK;
    }
    if (isAlias(node)) at(node, bi(`エイリアス（*${node.source}）は使えません`, `Aliases (*${node.source}) are not allowed`));
    else if (isPair(node)) {
      const key = isScalar(node.key) ? String(node.key.value) : '';
      if (FORBIDDEN_KEYS.has(key)) at(node.key as Node, bi(`キー ${key} は使えません`, `The key ${key} is not allowed`));
    } else if (node && typeof node === 'object' && 'anchor' in node && (node as { anchor?: string }).anchor) {
      at(node as Node, bi(`アンカー（&${(node as { anchor: string }).anchor}）は使えません`, `Anchors (&${(node as { anchor: string }).anchor}) are not allowed`));
    }
    if (node && typeof node === 'object' && 'tag' in node && (node as { tag?: string }).tag && !String((node as { tag: string }).tag).startsWith('tag:yaml.org,2002:')) {
      at(node as Node, bi(`タグ（${(node as { tag: string }).tag}）は使えません`, `Tags (${(node as { tag: string }).tag}) are not allowed`));
    }
    return undefined;
  });
  const locate: Locate = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as Node | undefined;
      if (node && typeof node === 'object' && 'range' in node) return { sheet: null, path: pathText(path), row: lineOf(node.range?.[0]), column: pathText(path) || '(root)', value: n === path.length ? scalarText(node) : '' };
    }
    return none(path);
  };
  if (errors.length) return { value: null, errors, locate };
  if (doc.contents === null) return { value: null, errors: [fileError(bi('ファイルが空です', 'The file is empty'))], locate };
  try {
    return { value: doc.toJS({ maxAliasCount: 0 }), errors, locate };
  } catch {
    return { value: null, errors: [fileError(bi('YAMLとして読み取れません', 'The file cannot be read as YAML'))], locate };
  }
}

/** A cell as text: a formula gives the value saved with it (never computed here); dates become YYYY-MM-DD. */
function cellText(rows: string[][], row: number, column: number): string {
  return (rows[row - 1]?.[column - 1] ?? '').replace(/\r\n?/g, '\n').trim();
}

function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

const norm = (s: string) => s.normalize('NFKC').trim();

/** Reads an .xlsx questionnaire laid out as the template. */
export async function readXlsxQuestionnaire(buffer: Buffer): Promise<ReadQuestionnaire> {
  const places = new Map<string, Pick<CatalogueImportError, 'sheet' | 'row' | 'column' | 'value'>>();
  const locate: Locate = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const place = places.get(pathText(path.slice(0, n)));
      if (place) return { ...place, path: pathText(path), value: n === path.length ? place.value : '' };
    }
    return { sheet: CATALOGUE_SHEET, path: pathText(path), row: 0, column: pathText(path), value: '' };
  };
  const fail = (reason: string, extra: Partial<CatalogueImportError> = {}) => ({ value: null, errors: [fileError(reason, extra)], locate });
  if (!isZip(buffer)) return fail(bi('Excelファイル（.xlsx）ではありません（ZIP形式ではない）', 'Not an Excel (.xlsx) file: it is not a zip'));
  let workbook: ReadSheet[];
  try {
    workbook = (await readSpreadsheetSafely(buffer, { format: 'xlsx', sheets: 'all', cells: { formulas: 'result' }, limits: { ...DEFAULT_SHEET_LIMITS, maxInflatedBytes: MAX_INFLATED_BYTES } })).sheets;
  } catch (error) {
    if (error instanceof AppError && error.details[0]) return fail(error.details[0].reason);
    throw error;
  }
  const names = workbook.map((s) => s.name);
  const sheetNamed = (name: string) => workbook.find((s) => s.name === name)!.rows;
  const errors: CatalogueImportError[] = [];
  for (const required of [CATALOGUE_SHEET, ITEMS_SHEET]) {
    if (!names.includes(required)) errors.push(fileError(bi(`シート「${required}」がありません（あるシート: ${names.join('、') || 'なし'}）。テンプレートのシート名を使ってください`, `Sheet "${required}" is missing (found: ${names.join(', ') || 'none'}); use the template's sheet names`), { sheet: required, column: 'sheet', value: names.join(', ') }));
  }
  if (errors.length) return { value: null, errors, locate };

  // カタログ: label in column A, value in column B.
  const head = sheetNamed(CATALOGUE_SHEET);
  const fields = new Map<CatalogueFieldKey, string>();
  const byLabel = new Map(CATALOGUE_FIELDS.map((f) => [norm(f.label), f.key]));
  head.forEach((_, index) => {
    const rowNumber = index + 1;
    if (rowNumber === 1) return;
    const label = cellText(head, rowNumber, 1);
    const value = cellText(head, rowNumber, 2);
    if (!label && !value) return;
    const key = byLabel.get(norm(label));
    const place = { sheet: CATALOGUE_SHEET, path: null, row: rowNumber, column: label || 'A', value: value.slice(0, 100) };
    if (!key) errors.push({ ...place, column: 'A', value: label.slice(0, 100), reason: bi(`不明な項目です（使える項目: ${CATALOGUE_FIELDS.map((f) => f.label).join('、')}）`, 'Unknown field (use the labels of the template)') });
    else if (fields.has(key)) errors.push({ ...place, reason: bi('同じ項目が2回あります', 'This field appears twice') });
    else {
      fields.set(key, value);
      const target = { catalogue: 'catalogue', version: 'version', name_ja: 'name.ja', name_en: 'name.en', description_ja: 'description.ja', description_en: 'description.en', source_ja: 'source.ja', source_en: 'source.en', assessable: 'assessable' }[key];
      places.set(target, place);
      if (key.endsWith('_ja')) places.set(target.split('.')[0], place);
    }
  });
  const field = (key: CatalogueFieldKey) => fields.get(key) ?? '';
  const bilingual = (ja: string, en: string) => ({ ja, en });
  const optionalBilingual = (ja: string, en: string) => (ja || en ? bilingual(ja, en) : undefined);
  let assessable: boolean | string = true;
  const assessableText = field('assessable');
  if (assessableText) {
    const t = assessableText.toLowerCase();
    if ([YES, 'yes', 'true'].includes(t)) assessable = true;
    else if ([NO, 'no', 'false'].includes(t)) assessable = false;
    else errors.push({ ...locate(['assessable']), reason: bi(`「${YES}」か「${NO}」で入力してください`, `Enter ${YES} (yes) or ${NO} (no)`) });
  }

  // 項目: header row, then one item a row.
  const sheet = sheetNamed(ITEMS_SHEET);
  const columnOf = new Map<ItemColumnKey, number>();
  const byHeader = new Map(ITEM_COLUMNS.map((c) => [norm(c.header), c.key]));
  for (let c = 1; c <= (sheet[0]?.length ?? 0); c++) {
    const header = cellText(sheet, 1, c);
    if (!header) continue;
    const key = byHeader.get(norm(header));
    if (!key) errors.push({ sheet: ITEMS_SHEET, path: null, row: 1, column: header.slice(0, 100), value: header.slice(0, 100), reason: bi('不明な列です（テンプレートの見出しを使ってください）', 'Unknown column (use the headers of the template)') });
    else if (columnOf.has(key)) errors.push({ sheet: ITEMS_SHEET, path: null, row: 1, column: header, value: header, reason: bi('同じ見出しの列が2つあります', 'Two columns have this header') });
    else columnOf.set(key, c);
  }
  for (const required of ['category_key', 'item_key', 'item_name_ja', 'item_name_en', 'answer_type'] as const) {
    if (!columnOf.has(required)) errors.push({ sheet: ITEMS_SHEET, path: null, row: 1, column: ITEM_COLUMNS.find((c) => c.key === required)!.header, value: '', reason: bi('必須の列がありません（テンプレートの見出し行を使ってください）', 'A required column is missing (use the header row of the template)') });
  }
  if (errors.length) return { value: null, errors, locate };

  const header = (key: ItemColumnKey) => ITEM_COLUMNS.find((c) => c.key === key)!.header;
  type Category = { key: string; number?: string; name: { ja: string; en: string }; items: Record<string, unknown>[] };
  const categories: Category[] = [];
  sheet.forEach((_, index) => {
    const rowNumber = index + 1;
    if (rowNumber === 1) return;
    const cells = Object.fromEntries(ITEM_COLUMNS.map((c) => [c.key, columnOf.has(c.key) ? cellText(sheet, rowNumber, columnOf.get(c.key)!) : ''])) as Record<ItemColumnKey, string>;
    if (Object.values(cells).every((v) => v === '')) return;
    const place = (key: ItemColumnKey) => ({ sheet: ITEMS_SHEET, path: null, row: rowNumber, column: header(key), value: cells[key].slice(0, 100) });
    const problem = (key: ItemColumnKey, reason: string) => errors.push({ ...place(key), reason });

    let c = categories.findIndex((x) => x.key === cells.category_key);
    if (c < 0) {
      c = categories.length;
      categories.push({ key: cells.category_key, ...(cells.category_number ? { number: cells.category_number } : {}), name: bilingual(cells.category_name_ja, cells.category_name_en), items: [] });
      places.set(pathText(['categories', c]), place('category_key'));
      places.set(pathText(['categories', c, 'key']), place('category_key'));
      places.set(pathText(['categories', c, 'number']), place('category_number'));
      places.set(pathText(['categories', c, 'name']), place('category_name_ja'));
      places.set(pathText(['categories', c, 'name', 'ja']), place('category_name_ja'));
      places.set(pathText(['categories', c, 'name', 'en']), place('category_name_en'));
    } else {
      const category = categories[c];
      const differs = (key: ItemColumnKey, existing: string | undefined) => cells[key] !== '' && cells[key] !== (existing ?? '');
      if (differs('category_number', category.number)) problem('category_number', bi(`同じ区分キー（${category.key}）の行で区分番号が異なります`, `Rows of category ${category.key} give different numbers`));
      if (differs('category_name_ja', category.name.ja)) problem('category_name_ja', bi(`同じ区分キー（${category.key}）の行で区分名が異なります`, `Rows of category ${category.key} give different names`));
      if (differs('category_name_en', category.name.en)) problem('category_name_en', bi(`同じ区分キー（${category.key}）の行で区分名が異なります`, `Rows of category ${category.key} give different names`));
    }
    const items = categories[c].items;
    const i = items.length;
    const base = ['categories', c, 'items', i];
    const mark = (suffix: PropertyKey[], key: ItemColumnKey) => places.set(pathText([...base, ...suffix]), place(key));
    mark([], 'item_key');
    mark(['key'], 'item_key');
    mark(['name'], 'item_name_ja');
    mark(['name', 'ja'], 'item_name_ja');
    mark(['name', 'en'], 'item_name_en');
    mark(['answer'], 'answer_type');
    mark(['answer', 'type'], 'answer_type');
    mark(['answer', 'choices'], 'choices');
    mark(['answer', 'unit'], 'unit_ja');
    mark(['answer', 'unit', 'ja'], 'unit_ja');
    mark(['answer', 'unit', 'en'], 'unit_en');
    mark(['answer', 'min'], 'min');
    mark(['answer', 'max'], 'max');
    mark(['guidance'], 'guidance_ja');
    mark(['guidance', 'ja'], 'guidance_ja');
    mark(['guidance', 'en'], 'guidance_en');
    mark(['evidence'], 'evidence_ja');
    mark(['refs'], 'refs');

    const type = cells.answer_type.toLowerCase();
    const answer: Record<string, unknown> = { type };
    if (type === 'choice') {
      answer.choices = splitLines(cells.choices).map((line) => {
        const [code = '', ja = '', en = ''] = line.split(CHOICE_SEPARATOR).map((p) => p.trim());
        return { code, name: { ja, en } };
      });
    } else if (cells.choices) problem('choices', bi('選択肢は回答形式が choice のときだけ書けます', 'Choices belong only to the answer type choice'));
    if (type === 'number') {
      const unit = optionalBilingual(cells.unit_ja, cells.unit_en);
      if (unit) answer.unit = unit;
      for (const key of ['min', 'max'] as const) {
        if (!cells[key]) continue;
        const n = Number(cells[key]);
        if (!Number.isFinite(n)) problem(key, bi('数値を入力してください', 'Enter a number'));
        else answer[key] = n;
      }
    } else {
      for (const key of ['unit_ja', 'unit_en', 'min', 'max'] as const) if (cells[key]) problem(key, bi('単位・最小値・最大値は回答形式が number のときだけ書けます', 'Unit, minimum and maximum belong only to the answer type number'));
    }
    const item: Record<string, unknown> = { key: cells.item_key, name: bilingual(cells.item_name_ja, cells.item_name_en), answer };
    const guidance = optionalBilingual(cells.guidance_ja, cells.guidance_en);
    if (guidance) item.guidance = guidance;
    const evidenceJa = splitLines(cells.evidence_ja);
    const evidenceEn = splitLines(cells.evidence_en);
    if (evidenceJa.length !== evidenceEn.length) problem('evidence_en', bi(`典型的な証跡の行数が日本語（${evidenceJa.length}）と英語（${evidenceEn.length}）で異なります`, `Evidence lines differ: ${evidenceJa.length} in Japanese, ${evidenceEn.length} in English`));
    else if (evidenceJa.length) item.evidence = evidenceJa.map((ja, n) => ({ ja, en: evidenceEn[n] }));
    const refs = splitLines(cells.refs);
    if (refs.length) item.refs = refs;
    items.push(item);
  });

  const value: Record<string, unknown> = {
    catalogue: field('catalogue'),
    version: field('version'),
    kind: 'questionnaire',
    name: bilingual(field('name_ja'), field('name_en')),
    assessable,
    categories,
  };
  const description = optionalBilingual(field('description_ja'), field('description_en'));
  if (description) value.description = description;
  const source = optionalBilingual(field('source_ja'), field('source_en'));
  if (source) value.source = source;
  if (!categories.length) errors.push({ sheet: ITEMS_SHEET, path: null, row: 2, column: '', value: '', reason: bi('項目の行がありません', 'The sheet has no item rows') });
  for (const key of ['catalogue', 'version', 'name_ja', 'name_en'] as const) {
    if (!fields.has(key)) places.set({ catalogue: 'catalogue', version: 'version', name_ja: 'name.ja', name_en: 'name.en' }[key], { sheet: CATALOGUE_SHEET, row: 0, column: CATALOGUE_FIELDS.find((f) => f.key === key)!.label, value: '' });
  }
  return { value: errors.length ? null : value, errors, locate };
}
