// A recorded before/after in words: which fields changed, named in the display language, with their
// values as people read them (names instead of ids, words instead of codes, Japan time).
import { AUDIT_FIELD_LABELS, AUDIT_REFERENCE_FIELDS, auditFieldLabel, auditValueLabel, type Lang } from '../../../shared/audit-vocabulary.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';

export interface ChangeLine {
  field: string;
  label: string;
  /** Absent for a record that was created (only `after`) … */
  before?: string;
  /** … or removed (only `before`). */
  after?: string;
}

/** Bookkeeping that says nothing to a reader. */
const HIDDEN = new Set(['id', 'organisation_id', 'revision', 'search_text', 'created_at', 'updated_at', 'created_by_label', 'updated_by_label', 'is_demo']);
const MAX_LIST = 12;

/** An id that names nothing a reader knows (a comment, an answer's row): left out. Ids of people, services and vendors are named instead. */
function isBareId(key: string): boolean {
  return /_ids?$/.test(key) && !(key in AUDIT_REFERENCE_FIELDS);
}

type Bag = Record<string, unknown>;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface WordContext {
  lang: Lang;
  names: Record<string, string>;
  targetType: string | null;
  /** What the words say when there is no value, and when an id names something the reader may not see. */
  none: string;
  unknownName: string;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** One value in words; `field` picks the vocabulary (names for references, labels for codes). */
export function valueInWords(field: string, value: unknown, ctx: WordContext): string {
  if (isEmpty(value)) return ctx.none;
  if (field in AUDIT_REFERENCE_FIELDS) {
    const ids = Array.isArray(value) ? value : [value];
    return ids.map((id) => (typeof id === 'string' ? (ctx.names[id] ?? ctx.unknownName) : String(id))).join('、');
  }
  const coded = auditValueLabel(field, value, ctx.targetType, ctx.lang);
  if (coded) return coded;
  if (typeof value === 'number') return value.toLocaleString(ctx.lang === 'en' ? 'en-US' : 'ja-JP');
  if (typeof value === 'string') {
    if (ISO_INSTANT.test(value)) return formatDateTime(value);
    if (ISO_DATE.test(value)) return formatDate(value);
    return value;
  }
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_LIST).map((item) => valueInWords(field, item, ctx));
    const more = value.length - shown.length;
    return shown.join(item0IsObject(value) ? ' ／ ' : '、') + (more > 0 ? (ctx.lang === 'en' ? ` and ${more} more` : ` ほか${more}件`) : '');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Bag)
      .filter(([key, inner]) => !HIDDEN.has(key) && !isBareId(key) && !isEmpty(inner))
      // A key that is not a field name (an item number such as 「1-1」) takes its parent field's words.
      .map(([key, inner]) => `${auditFieldLabel(key, ctx.lang)}: ${valueInWords(key in AUDIT_FIELD_LABELS || key in AUDIT_REFERENCE_FIELDS ? key : field, inner, ctx)}`)
      .join('、');
  }
  return String(value);
}

function item0IsObject(list: unknown[]): boolean {
  return list.length > 0 && typeof list[0] === 'object' && list[0] !== null;
}

function asBag(value: unknown): Bag | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Bag) : null;
}

/**
 * The change as lines: for an edit only the fields whose value differs, for a new record its filled-in
 * fields, for a removed one what it held. A value that is not a record reads as one line.
 */
export function describeChange(before: unknown, after: unknown, ctx: WordContext): ChangeLine[] {
  const b = asBag(before);
  const a = asBag(after);
  if (!b && !a) {
    if (isEmpty(before) && isEmpty(after)) return [];
    return [{ field: 'value', label: '', before: isEmpty(before) ? undefined : valueInWords('value', before, ctx), after: isEmpty(after) ? undefined : valueInWords('value', after, ctx) }];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter((key) => !HIDDEN.has(key) && !isBareId(key));
  const lines: ChangeLine[] = [];
  for (const key of keys) {
    const was = b?.[key];
    const now = a?.[key];
    const label = auditFieldLabel(key, ctx.lang);
    if (b && a) {
      if (JSON.stringify(was ?? null) === JSON.stringify(now ?? null)) continue;
      lines.push({ field: key, label, before: valueInWords(key, was, ctx), after: valueInWords(key, now, ctx) });
    } else if (a) {
      if (!isEmpty(now)) lines.push({ field: key, label, after: valueInWords(key, now, ctx) });
    } else if (!isEmpty(was)) {
      lines.push({ field: key, label, before: valueInWords(key, was, ctx) });
    }
  }
  return lines;
}

/** The lines as one sentence: 「状態: 未確認 → 確認済 ／ 期限: 2026/12/01」. */
export function changeSentence(lines: ChangeLine[]): string {
  return lines
    .map((line) => {
      const value = line.before !== undefined && line.after !== undefined ? `${line.before} → ${line.after}` : (line.after ?? line.before ?? '');
      return line.label ? `${line.label}: ${value}` : value;
    })
    .join(' ／ ');
}
