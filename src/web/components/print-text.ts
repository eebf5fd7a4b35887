// Words of printing and of the PDF buttons, in both languages; en mirrors ja key for key.
import { useLabels } from '../lib/labels.ts';

const ja = {
  printedOn: '印刷日',
  pdf: 'PDF',
  pdfHint: '決裁欄つきのPDF（A4）をダウンロードします',
  registerPdfHint: '一覧の絞り込み・並び順・表示中の列のまま、決裁欄つきのPDF（A4横）をダウンロードします',
};

const en: typeof ja = {
  printedOn: 'Printed on',
  pdf: 'PDF',
  pdfHint: 'Download a PDF (A4) with the approval box',
  registerPdfHint: "Download a PDF (A4 landscape) with the approval box: the list's filters, order and visible columns",
};

export function usePrintText() {
  const { lang } = useLabels();
  return { text: lang === 'en' ? en : ja, lang };
}
