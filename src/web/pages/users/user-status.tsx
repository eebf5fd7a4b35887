import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types.ts';
import { StatusTag } from '../../components/StatusTag.tsx';

/** The one status that matters most for an account, as colour, icon and text. */
export function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.disabled) return <StatusTag tone="error">{t('user.statusDisabled')}</StatusTag>;
  if (user.locked) return <StatusTag tone="warning">{t('user.statusLocked')}</StatusTag>;
  if (user.must_change_password) return <StatusTag tone="info">{t('user.statusMustChange')}</StatusTag>;
  return <StatusTag tone="success">{t('user.statusActive')}</StatusTag>;
}

export function userStatusRank(user: User): number {
  if (user.disabled) return 3;
  if (user.locked) return 2;
  if (user.must_change_password) return 1;
  return 0;
}

export function MfaStatus({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  return enabled ? <StatusTag tone="success">{t('user.mfaOn')}</StatusTag> : <StatusTag tone="neutral">{t('user.mfaOff')}</StatusTag>;
}
