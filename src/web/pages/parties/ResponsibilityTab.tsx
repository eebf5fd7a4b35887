import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link } from 'react-router';
import type { Entry } from '../register/register-api.ts';
import { PartiesSection } from './PartiesSection.tsx';
import { MatrixSection } from './MatrixSection.tsx';
import { DependenciesSection } from './DependenciesSection.tsx';
import { useResponsibilityPrintText } from './responsibility-print-text.ts';

/**
 * 責任分界: who the parties of the service are (and their subcontractors), who owns each layer and
 * who triages first, and what the service runs on; the same as one printable sheet.
 */
export function ResponsibilityTab({ entry }: { entry: Entry }) {
  const { text } = useResponsibilityPrintText();
  return (
    <>
      <div className="no-print" style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
        <Link to={`/register/${entry.id}/responsibilities/print`}>
          <Button icon={<PrinterOutlined aria-hidden />}>{text.open}</Button>
        </Link>
      </div>
      <PartiesSection entry={entry} />
      <MatrixSection entry={entry} />
      <DependenciesSection entry={entry} />
    </>
  );
}
