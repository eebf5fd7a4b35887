import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Layout, Menu, Typography, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { canAny, useLogout } from '../api/session.ts';
import type { Me } from '../api/types.ts';
import { useChangeLanguage } from '../lib/language.ts';
import { useLabels } from '../lib/labels.ts';
import { NAV_GROUPS, SECTIONS, type NavGroup, type Section } from '../routes.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { PrintHeading } from './PrintHeading.tsx';
import './print.css';
import { HeaderSearch } from '../pages/search/HeaderSearch.tsx';

type MenuItem = Required<MenuProps>['items'][number];

function matches(section: Section, pathname: string): boolean {
  if (section.path === '/') return pathname === '/';
  return pathname === section.path || pathname.startsWith(`${section.path}/`);
}

function useNavigation(me: Me) {
  const { t } = useTranslation();
  const visible = SECTIONS.filter((section) => section.nav !== 'hidden' && canAny(me, section.anyOf));
  const item = (section: Section): MenuItem => ({ key: section.path, icon: section.icon, label: <Link to={section.path}>{t(section.label)}</Link> });
  const items: MenuItem[] = visible.filter((s) => s.nav === 'top').map(item);
  for (const group of Object.keys(NAV_GROUPS) as NavGroup[]) {
    const children = visible.filter((s) => s.nav === group).map(item);
    if (children.length) items.push({ type: 'group', key: group, label: t(NAV_GROUPS[group].label), children });
  }
  items.push(...visible.filter((s) => s.nav === 'bottom').map(item));
  return { items, visible };
}

/** The signed-in frame: navigation, organisation and user always in view, DEMO banner, and <main>. */
export function AppFrame({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const location = useLocation();
  const logout = useLogout();
  const changeLanguage = useChangeLanguage();
  const { items, visible } = useNavigation(me);
  const selected = visible.filter((s) => matches(s, location.pathname)).map((s) => s.path);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Sider width={224} theme="light" breakpoint="lg" collapsedWidth={0} style={{ borderRight: '1px solid #d9d9d9' }}>
        <div style={{ padding: '16px 20px' }}>
          <Typography.Text strong style={{ fontSize: 20, display: 'block' }}>
            {t('app.name')}
          </Typography.Text>
          <Typography.Text>{t('app.fullName')}</Typography.Text>
        </div>
        <nav aria-label={t('nav.label')}>
          <Menu mode="inline" items={items} selectedKeys={selected} style={{ borderInlineEnd: 'none' }} />
        </nav>
      </Layout.Sider>
      <Layout>
        {me.organisation.is_demo && (
          <Alert banner type="warning" message={<strong>{t('app.demoBanner')}</strong>} description={t('app.demoBannerDetail')} data-testid="demo-banner" />
        )}
        <Layout.Header style={{ background: '#ffffff', borderBottom: '1px solid #d9d9d9', paddingInline: 24, height: 'auto', lineHeight: 1.5, paddingBlock: 12 }}>
          <Flex justify="space-between" align="center" wrap gap={12}>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {t('header.organisation')}
              </Typography.Text>
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="organisation-name">
                {labels.organisationName(me.organisation)}
              </Typography.Text>
            </div>
            <Flex align="center" gap={16} wrap>
              <HeaderSearch />
              <NotificationBell />
              <div style={{ textAlign: 'right' }}>
                <Typography.Text strong style={{ display: 'block' }} data-testid="user-name">
                  {me.user.display_name}
                </Typography.Text>
                <Typography.Text type="secondary" data-testid="user-role">
                  {labels.role(me.user.role)}
                </Typography.Text>
              </div>
              <LanguageSwitch value={labels.lang} onChange={(lang) => void changeLanguage(lang)} />
              <Button icon={<LogoutOutlined aria-hidden />} onClick={() => void logout()}>
                {t('header.logout')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} style={{ padding: 24, outline: 'none' }}>
          <PrintHeading organisation={labels.organisationName(me.organisation)} />
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
