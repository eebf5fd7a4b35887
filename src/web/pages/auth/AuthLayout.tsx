import { Card, Flex, Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useChangeLanguage } from '../../lib/language.ts';
import { useLabels } from '../../lib/labels.ts';

/** The frame of the sign-in steps: product name, language switch, and one card with the step. */
export function AuthLayout({ title, lead, children, width = 420 }: { title: string; lead?: ReactNode; children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const changeLanguage = useChangeLanguage();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <Layout.Header style={{ background: '#ffffff', borderBottom: '1px solid #d9d9d9', paddingInline: 24 }}>
        <Flex justify="space-between" align="center" style={{ height: '100%' }}>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {t('app.name')} <span style={{ fontWeight: 400 }}>{t('app.fullName')}</span>
          </Typography.Text>
          <LanguageSwitch value={lang} onChange={(next) => void changeLanguage(next)} />
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '40px 16px' }}>
        <Card style={{ maxWidth: width, margin: '0 auto' }}>
          <PageHeading title={title} lead={lead} />
          {children}
        </Card>
      </Layout.Content>
    </Layout>
  );
}
