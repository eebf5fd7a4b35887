// antd's provider (theme, locale, App context for messages and modals), loaded only by the pages that
// use antd: the signed-in app and the sign-in steps after the first. The sign-in page does without.
// The React 19 compatibility patch for antd 5 must run before antd renders anything.
import '@ant-design/v5-patch-for-react-19';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import jaJP from 'antd/es/locale/ja_JP';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { theme } from './theme.ts';

export default function AntdRoot({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : jaJP} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
