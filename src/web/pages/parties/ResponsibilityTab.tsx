import type { Entry } from '../register/register-api.ts';
import { PartiesSection } from './PartiesSection.tsx';
import { MatrixSection } from './MatrixSection.tsx';
import { DependenciesSection } from './DependenciesSection.tsx';

/**
 * 責任分界: who the parties of the service are (and their subcontractors), who owns each layer and
 * who triages first, and what the service runs on.
 */
export function ResponsibilityTab({ entry }: { entry: Entry }) {
  return (
    <>
      <PartiesSection entry={entry} />
      <MatrixSection entry={entry} />
      <DependenciesSection entry={entry} />
    </>
  );
}
