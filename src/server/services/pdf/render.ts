import fs from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import { heading, PAGE_MARGIN, type PdfDocument } from './frame.ts';

// Lays out a document (frame.ts) with pdfmake, in the PDF worker thread (pool.ts, render-worker.mjs).

const FONT = 'NotoSansJP';
const require = createRequire(import.meta.url);
let ready = false;

const line = (colour: string) => ({ hLineColor: () => colour, vLineColor: () => colour, hLineWidth: () => 0.5, vLineWidth: () => 0.5 });

/**
 * Registers the two font files (400 Regular, 700 Bold) in pdfmake's in-memory file system once, and
 * closes every other door: no URL is fetched and no local file is read while a document is built.
 * The table layouts are named, so that documents stay plain data on their way to this thread.
 */
function setUp() {
  if (ready) return;
  const regular = require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
  const bold = require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf');
  pdfmake.virtualfs.writeFileSync('NotoSansJP-Regular.ttf', fs.readFileSync(regular));
  pdfmake.virtualfs.writeFileSync('NotoSansJP-Bold.ttf', fs.readFileSync(bold));
  pdfmake.setFonts({ [FONT]: { normal: 'NotoSansJP-Regular.ttf', bold: 'NotoSansJP-Bold.ttf', italics: 'NotoSansJP-Regular.ttf', bolditalics: 'NotoSansJP-Bold.ttf' } });
  pdfmake.addTableLayouts({
    daichoGrid: { ...line('#8c8c8c'), paddingLeft: () => 3, paddingRight: () => 3, paddingTop: () => 2, paddingBottom: () => 2 },
    daichoFacts: line('#8c8c8c'),
    daichoBox: { ...line('#404040'), hLineWidth: () => 0.75, vLineWidth: () => 0.75 },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
}

/** The document as PDF bytes: A4, Noto Sans JP, the heading, the body, and "title organisation … n / m" at the foot of every page. */
export async function buildPdf(doc: PdfDocument, now: Date): Promise<Buffer> {
  setUp();
  const definition = {
    pageSize: 'A4',
    pageOrientation: doc.orientation,
    pageMargins: [PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, 40],
    info: { title: doc.title, author: doc.organisation, creator: 'Daicho', creationDate: now },
    defaultStyle: { font: FONT, fontSize: 9, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      organisation: { fontSize: 11, bold: true },
      section: { fontSize: 11, bold: true, margin: [0, 6, 0, 4] },
    },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: `${doc.title}\u3000${doc.organisation}`, fontSize: 7, color: '#595959' },
        { text: `${page} / ${pages}`, alignment: 'right', fontSize: 8, width: 60 },
      ],
      margin: [PAGE_MARGIN, 14, PAGE_MARGIN, 0],
    }),
    content: [heading(doc, now), ...doc.body],
  };
  return pdfmake.createPdf(definition).getBuffer();
}

/** The worker's task: a document and the instant it is dated, in; the PDF's bytes, out. */
export default async function renderTask({ doc, now }: { doc: PdfDocument; now: string }): Promise<Uint8Array> {
  return new Uint8Array(await buildPdf(doc, new Date(now)));
}
