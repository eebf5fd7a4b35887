import { PlusOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { LoadFailed } from '../../components/Problems.tsx';
import type { Entry } from '../register/register-api.ts';
import { CertificateForm } from './CertificateForm.tsx';
import { CertificateTable } from './CertificateTable.tsx';
import { useEntryCertificates } from './certificates-api.ts';
import { useCertificateText } from './certificates-text.ts';

/** The entry's 認証 tab: its vendor's certificates (published on the linked service, or kept by the organisation). */
export function EntryCertificatesTab({ entry }: { entry: Entry }) {
  const { text: t } = useCertificateText();
  const certificates = useEntryCertificates(entry.id);
  const [adding, setAdding] = useState(false);
  if (certificates.isError) return <LoadFailed error={certificates.error} onRetry={() => void certificates.refetch()} />;
  return (
    <>
      <Typography.Paragraph>{t.tab.lead}</Typography.Paragraph>
      {entry.can_edit && entry.vendor && (
        <Button icon={<PlusOutlined aria-hidden />} style={{ marginBottom: 12 }} onClick={() => setAdding(true)}>{t.form.addForVendor}</Button>
      )}
      <CertificateTable items={certificates.data ?? []} loading={certificates.isPending} editable={entry.can_edit} emptyTitle={t.tab.empty} emptyHint={t.tab.emptyHint} testId="entry-certificates" />
      {adding && entry.vendor && <CertificateForm target={{ vendors: [{ id: entry.vendor.id, name: entry.vendor.name }], vendorId: entry.vendor.id }} onClose={() => setAdding(false)} />}
    </>
  );
}
