// Words of the date fields and of the date style choice, in both languages (en mirrors ja key for key).
import { useLabels } from '../lib/labels.ts';

const ja = {
  style: {
    label: '日付の表示',
    western: '西暦',
    japanese: '和暦',
    example: '例: {{sample}}',
    englishNote: '英語表示では西暦で表示します',
  },
  field: {
    placeholder: '年/月/日',
    placeholderTime: '年/月/日 時:分',
  },
};

const en: typeof ja = {
  style: {
    label: 'Date display',
    western: 'Western calendar',
    japanese: 'Japanese era (和暦)',
    example: 'Example: {{sample}}',
    englishNote: 'English pages always show Western dates',
  },
  field: {
    placeholder: 'yyyy/mm/dd',
    placeholderTime: 'yyyy/mm/dd hh:mm',
  },
};

export function useDateText() {
  const { lang } = useLabels();
  return { text: lang === 'en' ? en : ja, lang };
}
