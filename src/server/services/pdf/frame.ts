import { japanDateBothCalendars } from '../../../domain/japan-time.ts';
import { renderInWorker } from './pool.ts';

// The one frame of every PDF the server writes: Noto Sans JP embedded (a subset of the glyphs used),
// A4, a heading with the title, the organisation and the date in both calendars, the approval box
// (決裁欄) of a municipal document, and "n / m" on every page. Document builders (register.ts,
// assessment.ts, sla-month.ts, incident.ts) give only the body, as plain data: render.ts lays it out in a
// worker thread (pool.ts), so nothing here may be a function.

/** One piece of a pdfmake document (text, table, columns, stack…). */
export type Content = string | { [key: string]: unknown } | Content[];

/** The approval box of a municipal document: one column per approver, an empty cell for the seal. */
export const APPROVERS = ['起案者', '係長', '課長', '部長・CISO'];

function approvalBox(): Content {
  return {
    width: 'auto',
    table: {
      widths: APPROVERS.map(() => 50),
      heights: [12, 46],
      body: [APPROVERS.map((label) => ({ text: label, alignment: 'center', fontSize: 8, fillColor: '#f0f0f0' })), APPROVERS.map(() => ({ text: '' }))],
    },
    layout: 'daichoBox',
  };
}

export const PAGE_MARGIN = 32;

/** The width a table may take on an A4 page (points), inside the margins. */
export function usableWidth(orientation: 'portrait' | 'landscape'): number {
  return (orientation === 'landscape' ? 841.89 : 595.28) - 2 * PAGE_MARGIN;
}

export interface PdfDocument {
  /** Japanese title, also the PDF's title and the running footer's. */
  title: string;
  organisation: string;
  orientation: 'portrait' | 'landscape';
  /** Lines under the title (the scope of the document: filters, month, catalogue…). */
  subtitle?: string[];
  /** Whether the document carries the 決裁欄 (documents a municipality files). */
  approval: boolean;
  body: Content[];
}

/** The heading: title, organisation and date on the left, the approval box on the right. */
export function heading(doc: PdfDocument, now: Date): Content {
  const left: Content = {
    width: '*',
    stack: [
      { text: doc.title, style: 'title' },
      { text: doc.organisation, style: 'organisation' },
      { text: `作成日\u3000${japanDateBothCalendars(now)}`, margin: [0, 2, 0, 0] },
      ...(doc.subtitle ?? []).map((line) => ({ text: line, color: '#404040', margin: [0, 2, 0, 0] })),
    ],
  };
  return { columns: doc.approval ? [left, approvalBox()] : [left], columnGap: 16, margin: [0, 0, 0, 12] };
}

/** A table with a shaded heading row repeated on every page; rows are never split across pages; numbers right-aligned. */
export function dataTable(headers: string[], rows: (string | number)[][], options: { widths?: (number | string)[]; fontSize?: number } = {}): Content {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: options.widths ?? headers.map(() => '*'),
      body: [
        headers.map((h) => ({ text: h, bold: true, fillColor: '#dce6f2' })),
        ...rows.map((row) => row.map((value) => (typeof value === 'number' ? { text: value.toLocaleString('ja-JP'), alignment: 'right' } : { text: value }))),
      ],
    },
    layout: 'daichoGrid',
    fontSize: options.fontSize ?? 8,
    margin: [0, 0, 0, 10],
  };
}

/** Label–value pairs as a two-column table (a facts list). */
export function factsTable(pairs: [string, string | number][], labelWidth = 150): Content {
  return {
    table: { widths: [labelWidth, '*'], dontBreakRows: true, body: pairs.map(([label, value]) => [{ text: label, bold: true, fillColor: '#f5f5f5' }, typeof value === 'number' ? value.toLocaleString('ja-JP') : value]) },
    layout: 'daichoFacts',
    fontSize: 9,
    margin: [0, 0, 0, 10],
  };
}

export function sectionHeading(text: string): Content {
  return { text, style: 'section' };
}

/** The document as PDF bytes, built in a worker thread (a long register takes seconds; requests go on meanwhile). */
export function renderPdf(doc: PdfDocument, now: Date): Promise<Buffer> {
  return renderInWorker(doc, now);
}

/** Text fit for a file name: no path or reserved characters, no control characters, at most 40 characters. */
export function fileNamePart(text: string): string {
  return [...text].filter((c) => !/[\\/:*?"<>|]/.test(c) && c.charCodeAt(0) >= 0x20).join('').slice(0, 40);
}
