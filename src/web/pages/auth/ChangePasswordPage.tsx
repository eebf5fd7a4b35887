import { useTranslation } from 'react-i18next';
import { useSession, useSetSession } from '../../api/session.ts';
import { ChangePasswordForm } from '../../components/ChangePasswordForm.tsx';
import { AuthLayout } from './AuthLayout.tsx';

/** Forced after signing in with a temporary password. */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { data: me } = useSession();
  const setSession = useSetSession();
  return (
    <AuthLayout title={t('auth.changePasswordTitle')} lead={t('auth.changePasswordLead')}>
      <ChangePasswordForm email={me?.user.email ?? ''} onChanged={setSession} />
    </AuthLayout>
  );
}
