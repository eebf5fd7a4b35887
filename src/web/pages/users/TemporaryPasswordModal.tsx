import { Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserWithPassword } from '../../api/types.ts';
import { CopyableSecret } from '../../components/CopyableSecret.tsx';

/** The generated temporary password, shown once after creating a user or resetting a password. */
export function TemporaryPasswordModal({ result, onClose }: { result: UserWithPassword; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('user.temporaryPasswordTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <Typography.Paragraph>
        {t('user.temporaryPasswordLead', { name: result.user.display_name })} ({result.user.email})
      </Typography.Paragraph>
      {result.temporary_password && <CopyableSecret value={result.temporary_password} label={t('user.temporaryPasswordTitle')} testId="temporary-password" />}
    </Modal>
  );
}
