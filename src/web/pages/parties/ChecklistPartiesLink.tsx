import { ApartmentOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { usePartiesText } from './parties-text.ts';

/** The contractor checklist's C1 items (契約と体制) are answered from the entry's parties: a link there. */
export const CONTRACTOR_CHECKLIST = 'urn:daicho:catalogue:contractor-checklist';

export function ChecklistPartiesLink({ catalogueUrn, itemKey, entryId }: { catalogueUrn: string; itemKey: string; entryId: string }) {
  const { text: t } = usePartiesText();
  if (catalogueUrn !== CONTRACTOR_CHECKLIST || !itemKey.startsWith('C1')) return null;
  return (
    <Alert
      type="info"
      showIcon
      icon={<ApartmentOutlined aria-hidden />}
      style={{ marginBottom: 16 }}
      message={<Link to={`/register/${entryId}?tab=parties`} data-testid="checklist-parties-link">{t.checklistLink}</Link>}
      description={t.checklistLinkHint}
    />
  );
}
