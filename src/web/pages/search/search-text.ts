// The header search's words in both languages; en mirrors ja key for key (the type checker enforces it).
import type { SearchKind } from '../../../shared/schemas/search.ts';
import { useLabels, fillTemplate } from '../../lib/labels.ts';

const ja = {
  label: 'サイト内を検索',
  placeholder: '台帳・事業者・インシデントなどを検索',
  title: '検索結果',
  lead: '外部サービス（台帳）・評価・事業者・インシデント・カタログの項目をまとめて検索します（全角・半角、ひらがな・カタカナを区別しません）。',
  resultsFor: '「{{q}}」の検索結果',
  count: '{{count}}件',
  shownOf: '{{total}}件中{{shown}}件を表示',
  none: '見つかりませんでした',
  noneHint: '言葉を短くするか、別の言葉で検索してください。',
  empty: '検索する言葉を入力してください',
  seeAll: '「{{q}}」のすべての結果を見る',
  kinds: {
    entries: '外部サービス（台帳）',
    assessments: '確認項目の評価',
    vendors: '事業者',
    incidents: 'インシデント',
    vendor_services: '自社のサービス',
    answer_requests: '回答依頼',
    catalogue_items: 'カタログの項目',
  } satisfies Record<SearchKind, string>,
};

type Text = { [Key in keyof typeof ja]: (typeof ja)[Key] extends string ? string : Record<SearchKind, string> };

const en: Text = {
  label: 'Search',
  placeholder: 'Search the register, vendors, incidents…',
  title: 'Search results',
  lead: 'Searches register entries, assessments, vendors, incidents and catalogue items at once (full and half width, hiragana and katakana match alike).',
  resultsFor: 'Results for “{{q}}”',
  count: '{{count}}',
  shownOf: 'Showing {{shown}} of {{total}}',
  none: 'Nothing found',
  noneHint: 'Try fewer or other words.',
  empty: 'Type the words to search for',
  seeAll: 'See all results for “{{q}}”',
  kinds: {
    entries: 'Register entries',
    assessments: 'Assessments',
    vendors: 'Vendors',
    incidents: 'Incidents',
    vendor_services: 'Your services',
    answer_requests: 'Answer requests',
    catalogue_items: 'Catalogue items',
  },
};

/** The search's text in the display language, with {{name}} interpolation. */
export function useSearchText() {
  const { lang } = useLabels();
  const text = lang === 'en' ? en : ja;
  const fill = fillTemplate;
  return { text, fill };
}
