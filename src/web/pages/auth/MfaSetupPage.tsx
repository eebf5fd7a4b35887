import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { SESSION_KEY } from '../../api/session.ts';
import { MfaEnrolment } from '../../components/MfaEnrolment.tsx';
import { AuthLayout } from './AuthLayout.tsx';

/** Forced for administrators without MFA; the app opens once the recovery codes are confirmed. */
export default function MfaSetupPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const finish = () => {
    void message.success(t('mfa.enabled'));
    void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
  };
  return (
    <AuthLayout title={t('mfa.setupTitle')} lead={t('mfa.setupRequiredLead')} width={560}>
      <MfaEnrolment onFinished={finish} />
    </AuthLayout>
  );
}
