import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeading } from './PageHeading.tsx';
import { usePrintText } from './print-text.ts';

// The printable pages' frame: bordered tables and a facts list. What goes on paper (only the report,
// under the organisation and the date, with page numbers) is print.css, the same for every page; a
// portrait report turns the page here. Each page adds its own rules.
const FRAME_CSS = (orientation: 'portrait' | 'landscape') => `
.print-page table { width: 100%; border-collapse: collapse; font-size: 13px; margin-bottom: 16px; }
.print-page th, .print-page td { border: 1px solid #8c8c8c; padding: 4px 6px; text-align: left; vertical-align: top; }
.print-page td.num, .print-page th.num { text-align: right; white-space: nowrap; }
.print-page caption { text-align: left; font-weight: bold; padding: 8px 0; }
.print-page dl { display: grid; grid-template-columns: max-content auto; gap: 4px 16px; margin: 0 0 16px; }
.print-page dt { font-weight: bold; }
.print-page dd { margin: 0; }
@media print {
  @page { size: A4 ${orientation}; }
  .print-page { font-size: 11px; }
  .print-page tr { break-inside: avoid; }
}
`;

/** The PDF download of a formal document (served by the API), beside the print and export buttons. */
export function PdfButton({ href, hint }: { href: string; hint?: string }) {
  const { text } = usePrintText();
  return (
    <Tooltip title={hint ?? text.pdfHint}>
      <Button icon={<FilePdfOutlined aria-hidden />} href={href}>
        {text.pdf}
      </Button>
    </Tooltip>
  );
}

/** A printable page: its title, a back link, extra actions, the PDF of the same document (where there is one), and a print button above the content. */
export function PrintFrame(props: { className: string; css?: string; orientation: 'portrait' | 'landscape'; title: string; back: { to: string; label: string }; printLabel: string; pdf?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <div className={`print-page ${props.className}`}>
      <style>{FRAME_CSS(props.orientation) + (props.css ?? '')}</style>
      <PageHeading
        title={props.title}
        extra={
          <Space className="no-print" wrap>
            <Link to={props.back.to}>
              <Button icon={<ArrowLeftOutlined aria-hidden />}>{props.back.label}</Button>
            </Link>
            {props.actions}
            {props.pdf && <PdfButton href={props.pdf} />}
            <Button type="primary" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
              {props.printLabel}
            </Button>
          </Space>
        }
      />
      {props.children}
    </div>
  );
}
