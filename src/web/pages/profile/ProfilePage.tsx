import { App, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useMe, useSetSession } from '../../api/session.ts';
import { ChangePasswordForm } from '../../components/ChangePasswordForm.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useChangeLanguage } from '../../lib/language.ts';
import { useLabels } from '../../lib/labels.ts';
import { DateStyleSwitch } from './DateStyleSwitch.tsx';
import { useDateText } from '../../components/date-text.ts';
import { MfaSettings } from './MfaSettings.tsx';
import { NotificationPreferences } from './NotificationPreferences.tsx';

const cardTitle = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

export default function ProfilePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const setSession = useSetSession();
  const changeLanguage = useChangeLanguage();
  const { message, modal } = App.useApp();
  const dateText = useDateText().text;

  const logoutEverywhere = () =>
    modal.confirm({
      title: t('common.confirmTitle'),
      content: t('profile.logoutEverywhereConfirm'),
      okText: t('profile.logoutEverywhere'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        await api.post('/api/auth/logout-everywhere');
        setSession(null);
      },
    });

  return (
    <>
      <PageHeading title={t('profile.title')} />
      <Flex vertical gap={16} style={{ maxWidth: 880 }}>
        <Card title={cardTitle(t('profile.account'))}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('user.displayName')}>{me.user.display_name}</Descriptions.Item>
            <Descriptions.Item label={t('user.email')}>{me.user.email}</Descriptions.Item>
            <Descriptions.Item label={t('user.role')}>{labels.role(me.user.role)}</Descriptions.Item>
            <Descriptions.Item label={t('user.organisation')}>{me.organisation.name}</Descriptions.Item>
            <Descriptions.Item label={t('profile.language')}>
              <LanguageSwitch
                value={labels.lang}
                onChange={(lang) => void changeLanguage(lang).then(() => message.success(t('profile.languageSaved')))}
              />
            </Descriptions.Item>
            <Descriptions.Item label={dateText.style.label}>
              <DateStyleSwitch />
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={cardTitle(t('profile.passwordTitle'))}>
          <ChangePasswordForm
            email={me.user.email}
            onChanged={(next) => {
              setSession(next);
              void message.success(t('auth.passwordChanged'));
            }}
          />
        </Card>
        <Card title={cardTitle(t('profile.mfaTitle'))}>
          <MfaSettings />
        </Card>
        <NotificationPreferences />
        <Card title={cardTitle(t('profile.sessionsTitle'))}>
          <Typography.Paragraph>{t('profile.sessionsLead')}</Typography.Paragraph>
          <Button danger onClick={logoutEverywhere}>
            {t('profile.logoutEverywhere')}
          </Button>
        </Card>
      </Flex>
    </>
  );
}
