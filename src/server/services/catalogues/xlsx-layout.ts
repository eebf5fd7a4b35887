import ExcelJS from 'exceljs';
import { catalogueItems, type QuestionnaireCatalogue } from '../../../shared/catalogue.ts';

// The .xlsx form of a questionnaire: sheet 'カタログ' (one label/value pair a row) and sheet '項目' (one
// item a row, with its category's columns repeated). The template, the export and the import share
// these definitions, so an exported questionnaire imports back to the same content.

export const CATALOGUE_SHEET = 'カタログ';
export const ITEMS_SHEET = '項目';
export const GUIDE_SHEET = '記入方法';

export const CATALOGUE_FIELDS = [
  { key: 'catalogue', label: 'URN' },
  { key: 'version', label: '版' },
  { key: 'name_ja', label: '名称（日本語）' },
  { key: 'name_en', label: '名称（英語）' },
  { key: 'description_ja', label: '説明（日本語）' },
  { key: 'description_en', label: '説明（英語）' },
  { key: 'source_ja', label: '出典（日本語）' },
  { key: 'source_en', label: '出典（英語）' },
  { key: 'assessable', label: '評価に使う' },
] as const;
export type CatalogueFieldKey = (typeof CATALOGUE_FIELDS)[number]['key'];

export const ITEM_COLUMNS = [
  { key: 'category_key', header: '区分キー', width: 18 },
  { key: 'category_number', header: '区分番号', width: 8 },
  { key: 'category_name_ja', header: '区分名（日本語）', width: 24 },
  { key: 'category_name_en', header: '区分名（英語）', width: 24 },
  { key: 'item_key', header: '項目キー', width: 12 },
  { key: 'item_name_ja', header: '項目名（日本語）', width: 40 },
  { key: 'item_name_en', header: '項目名（英語）', width: 40 },
  { key: 'answer_type', header: '回答形式', width: 10 },
  { key: 'choices', header: '選択肢', width: 30 },
  { key: 'unit_ja', header: '単位（日本語）', width: 10 },
  { key: 'unit_en', header: '単位（英語）', width: 10 },
  { key: 'min', header: '最小値', width: 8 },
  { key: 'max', header: '最大値', width: 8 },
  { key: 'guidance_ja', header: '確認の観点（日本語）', width: 50 },
  { key: 'guidance_en', header: '確認の観点（英語）', width: 50 },
  { key: 'evidence_ja', header: '典型的な証跡（日本語）', width: 30 },
  { key: 'evidence_en', header: '典型的な証跡（英語）', width: 30 },
  { key: 'refs', header: '対応付け（URN）', width: 50 },
] as const;
export type ItemColumnKey = (typeof ITEM_COLUMNS)[number]['key'];

export const YES = 'はい';
export const NO = 'いいえ';

/** Choices are written one a line as `code | 日本語 | English`. */
export const CHOICE_SEPARATOR = '|';

const EXAMPLE: QuestionnaireCatalogue = {
  catalogue: 'urn:daicho:catalogue:org-example',
  version: '1',
  kind: 'questionnaire',
  name: { ja: 'サンプル市 独自の確認項目', en: 'Sample City own checklist' },
  description: { ja: '団体が独自に定める確認項目の例です。', en: 'An example of checks a body defines for itself.' },
  assessable: true,
  categories: [
    {
      key: 'privacy',
      number: '1',
      name: { ja: '個人情報', en: 'Personal data' },
      items: [
        {
          key: 'P-1',
          name: { ja: '個人情報の取扱状況を年1回報告する', en: 'Yearly report on the handling of personal data' },
          answer: { type: 'status' },
          guidance: { ja: '報告の時期と内容が契約に定められているかを確認する。', en: 'Check that the timing and content of the report are in the contract.' },
          evidence: [{ ja: '年次報告書', en: 'Yearly report' }],
          refs: ['urn:daicho:catalogue:confirmation-items:item:4-1'],
        },
        {
          key: 'P-2',
          name: { ja: '保存期間', en: 'Retention period' },
          answer: { type: 'choice', choices: [{ code: 'one-year', name: { ja: '1年', en: 'One year' } }, { code: 'five-years', name: { ja: '5年', en: 'Five years' } }] },
        },
      ],
    },
  ],
};

function lines(values: string[] | undefined): string {
  return (values ?? []).join('\n');
}

function catalogueValues(catalogue: QuestionnaireCatalogue): Record<CatalogueFieldKey, string> {
  return {
    catalogue: catalogue.catalogue,
    version: catalogue.version,
    name_ja: catalogue.name.ja,
    name_en: catalogue.name.en,
    description_ja: catalogue.description?.ja ?? '',
    description_en: catalogue.description?.en ?? '',
    source_ja: catalogue.source?.ja ?? '',
    source_en: catalogue.source?.en ?? '',
    assessable: catalogue.assessable ? YES : NO,
  };
}

function itemRow(item: ReturnType<typeof catalogueItems>[number]): Record<ItemColumnKey, string | number | null> {
  const answer = item.answer;
  return {
    category_key: item.category.key,
    category_number: item.category.number ?? '',
    category_name_ja: item.category.name.ja,
    category_name_en: item.category.name.en,
    item_key: item.key,
    item_name_ja: item.name.ja,
    item_name_en: item.name.en,
    answer_type: answer.type,
    choices: answer.type === 'choice' ? answer.choices.map((c) => [c.code, c.name.ja, c.name.en].join(` ${CHOICE_SEPARATOR} `)).join('\n') : '',
    unit_ja: answer.type === 'number' ? (answer.unit?.ja ?? '') : '',
    unit_en: answer.type === 'number' ? (answer.unit?.en ?? '') : '',
    min: answer.type === 'number' ? (answer.min ?? null) : null,
    max: answer.type === 'number' ? (answer.max ?? null) : null,
    guidance_ja: item.guidance?.ja ?? '',
    guidance_en: item.guidance?.en ?? '',
    evidence_ja: lines(item.evidence?.map((e) => e.ja)),
    evidence_en: lines(item.evidence?.map((e) => e.en)),
    refs: lines(item.refs),
  };
}

const GUIDE = [
  ['シート「カタログ」', 'URN は urn:daicho:catalogue:org-（英小文字・数字・ハイフン）の形式で、団体独自のものにしてください。版は内容を変えるたびに新しくします（同じ版で内容を変えることはできません）。'],
  ['シート「項目」', '1行に1項目です。区分キー・区分名は同じ区分の行で同じにしてください（2行目以降は空欄でも構いません）。'],
  ['回答形式', 'status（対応状況）/ choice（選択）/ text（記述）/ date（日付）/ number（数値）のいずれか。'],
  ['選択肢', 'choice のとき、1行に1つ「コード | 日本語 | English」の形で2つ以上。'],
  ['単位・最小値・最大値', 'number のときだけ使えます。'],
  ['典型的な証跡', '1行に1つ。日本語と英語の行数を揃えてください。'],
  ['対応付け（URN）', '他のカタログの項目のURN（例: urn:daicho:catalogue:confirmation-items:item:1-1）を1行に1つ。'],
  ['数式', '数式は計算せず、保存されている値を文字として読み取ります。'],
];

/** The workbook of a questionnaire (its export), or the template with an example when none is given. */
export async function questionnaireWorkbook(catalogue: QuestionnaireCatalogue | null): Promise<Buffer> {
  const content = catalogue ?? EXAMPLE;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Daicho';
  const head = workbook.addWorksheet(CATALOGUE_SHEET);
  head.columns = [{ width: 18 }, { width: 80 }];
  head.addRow(['項目', '値']).font = { bold: true };
  const values = catalogueValues(content);
  for (const field of CATALOGUE_FIELDS) head.addRow([field.label, values[field.key]]);

  const items = workbook.addWorksheet(ITEMS_SHEET);
  items.columns = ITEM_COLUMNS.map((c) => ({ width: c.width }));
  items.addRow(ITEM_COLUMNS.map((c) => c.header)).font = { bold: true };
  items.views = [{ state: 'frozen', ySplit: 1 }];
  for (const item of catalogueItems(content)) {
    const row = itemRow(item);
    const added = items.addRow(ITEM_COLUMNS.map((c) => row[c.key]));
    added.alignment = { wrapText: true, vertical: 'top' };
  }

  if (!catalogue) {
    const guide = workbook.addWorksheet(GUIDE_SHEET);
    guide.columns = [{ width: 24 }, { width: 100 }];
    for (const line of GUIDE) guide.addRow(line).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
