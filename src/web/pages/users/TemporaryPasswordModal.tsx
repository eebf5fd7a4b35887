import { useTranslation } from 'react-i18next';
import type { UserWithPassword } from '../../api/types.ts';
import { OneTimeSecretModal } from '../../components/OneTimeSecretModal.tsx';

/** The generated temporary password, shown once after creating a user or resetting a password. */
export function TemporaryPasswordModal({ result, onClose }: { result: UserWithPassword; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <OneTimeSecretModal
      title={t('user.temporaryPasswordTitle')}
      lead={`${t('user.temporaryPasswordLead', { name: result.user.display_name })} (${result.user.email})`}
      value={result.temporary_password}
      label={t('user.temporaryPasswordTitle')}
      testId="temporary-password"
      onClose={onClose}
    />
  );
}
