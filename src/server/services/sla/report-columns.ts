import { LABELS, OUTAGE_CAUSES, YEAR_MONTH, formatYearMonth, type OutageCause } from '../../../shared/sla.ts';
import { JST_OFFSET } from '../../../domain/sla/intervals.ts';
import type { TableColumn } from '../register-io/read-file.ts';

// The layout of the vendor's monthly operation report (運用実績報告書) as Daicho reads it: one table,
// the same columns in CSV and xlsx, Japanese headers. A row without 発生日時 carries only the month's
// figures; a row with 発生日時 is one outage.

export type ReportColumnKey =
  | 'external_key' | 'year_month' | 'occurred_at' | 'detected_at' | 'reported_at' | 'confirmed_at' | 'recovered_at'
  | 'cause' | 'description' | 'reported_availability' | 'reported_outage_minutes';

export const REPORT_COLUMNS: TableColumn<ReportColumnKey>[] = [
  { key: 'external_key', header: '管理番号', required: true, width: 12 },
  { key: 'year_month', header: '対象年月', required: true, width: 10 },
  { key: 'occurred_at', header: '発生日時', width: 18 },
  { key: 'detected_at', header: '検知日時', width: 18 },
  { key: 'reported_at', header: '報告日時', width: 18 },
  { key: 'confirmed_at', header: '事業者確認日時', width: 18 },
  { key: 'recovered_at', header: '復旧日時', width: 18 },
  { key: 'cause', header: '原因区分', width: 18 },
  { key: 'description', header: '内容', width: 40 },
  { key: 'reported_availability', header: '報告稼働率(%)', width: 14 },
  { key: 'reported_outage_minutes', header: '報告停止時間(分)', width: 14 },
];

export const REPORT_HEADER = Object.fromEntries(REPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<ReportColumnKey, string>;

/** The time columns besides 発生日時 and 復旧日時, which are optional and may not precede the occurrence. */
export const MILESTONE_KEYS = ['detected_at', 'reported_at', 'confirmed_at'] as const;

/** How to fill in each column, for the template's guide sheet. */
export const REPORT_GUIDE: Record<ReportColumnKey, string> = {
  external_key: '台帳の管理番号（台帳に登録済みのサービス）',
  year_month: '報告の対象月: YYYY-MM または YYYY/MM',
  occurred_at: '日本時間 例 2026/10/05 09:30（空欄の行はその月の報告値のみの行）',
  detected_at: '任意。発生日時以降',
  reported_at: '任意。発生日時以降',
  confirmed_at: '任意。発生日時以降',
  recovered_at: '発生日時がある行では必須。発生日時より後（翌月にまたがる場合は月ごとに分けて計算します）',
  cause: `発生日時がある行では必須: ${OUTAGE_CAUSES.map((c) => LABELS.cause[c].ja).join(' / ')}`,
  description: '障害の内容（任意）',
  reported_availability: '事業者が報告した当月の稼働率 0〜100（任意。同じサービス・月で複数行に書く場合は同じ値）',
  reported_outage_minutes: '事業者が報告した当月の停止時間（分、任意。0以上）',
};

/** A 管理番号 no register can hold (keys are ASCII), so an untouched template never imports its examples. */
export const EXAMPLE_KEY = '例-RE-0001';

/** Two example rows of the template: an outage, and a month's figures on a row of their own. */
export function exampleRows(month: string): string[][] {
  const [y, m] = month.split('-');
  return [
    [EXAMPLE_KEY, `${y}/${m}`, `${y}/${m}/05 09:30`, `${y}/${m}/05 09:35`, `${y}/${m}/05 09:50`, `${y}/${m}/05 10:10`, `${y}/${m}/05 11:00`, LABELS.cause.vendor.ja, 'データベース障害によりログインできない状態', '', '90'],
    [EXAMPLE_KEY, `${y}/${m}`, '', '', '', '', '', '', '', '99.8', ''],
  ];
}

/** The cause code for a label (Japanese or English) or a code; null when unknown. */
export function causeOf(text: string): OutageCause | null {
  const normalised = text.normalize('NFKC').trim().toLowerCase();
  for (const code of OUTAGE_CAUSES) {
    const label = LABELS.cause[code];
    if (code === normalised || label.ja.normalize('NFKC').toLowerCase() === normalised || label.en.toLowerCase() === normalised) return code;
  }
  return null;
}

/** 対象年月 as YYYY-MM from `2026-10`, `2026/10`, `2026/1`, `2026年10月` or an Excel date on the 1st (`2026-10-01`). */
export function parseReportMonth(text: string): string | null {
  const m = /^(\d{4})\s*[-/年.]\s*(\d{1,2})(?:\s*月|[-/]0?1)?$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const month = formatYearMonth(Number(m[1]), Number(m[2]));
  return YEAR_MONTH.test(month) ? month : null;
}

const LOCAL_DATETIME = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:\s+|T)(\d{1,2})[:時](\d{2})分?(?::(\d{2})(?:\.\d+)?)?$/;
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A date-time of the report in epoch ms. Written in Japan time (`2026/10/05 09:30`, `2026-10-05 09:30`,
 * `2026-10-05T09:30`, `2026年10月5日 9時30分`; an xlsx date cell arrives as `2026-10-05 09:30`), or ISO
 * 8601 with Z or an offset. A date without a time is refused: an outage needs its minute.
 */
export function parseReportTime(text: string): number | null {
  const value = text.normalize('NFKC').trim();
  if (ZONED_ISO.test(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : t;
  }
  const m = LOCAL_DATETIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(wall).getUTCDate() !== day) return null; // 2026/02/30
  return wall - JST_OFFSET;
}

/** A number written with optional full-width digits, thousands separators, a trailing % or 分; null when not a number. */
export function parseReportNumber(text: string, unit: '%' | '分'): number | null {
  const cleaned = text.normalize('NFKC').replace(/[,\s]/g, '').replace(unit === '%' ? /%$/ : /分$/, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return null;
  return Number(cleaned);
}
