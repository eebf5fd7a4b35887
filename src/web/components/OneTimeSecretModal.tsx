import { Button, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyableSecret } from './CopyableSecret.tsx';

/** A secret the server shows only once (temporary password, API token), with a copy button. */
export function OneTimeSecretModal({ title, lead, value, label, testId, onClose }: { title: string; lead: ReactNode; value: string | null; label: string; testId: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <Typography.Paragraph>{lead}</Typography.Paragraph>
      {value && <CopyableSecret value={value} label={label} testId={testId} />}
    </Modal>
  );
}
