import { Card, Col, Flex, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Suspense, lazy } from 'react';
import { useOrganisations, useUsers } from '../../api/queries.ts';
import { can, canAny, useMe } from '../../api/session.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SECTIONS } from '../../routes.tsx';
import { OrganisationCard } from './OrganisationCard.tsx';
import { RegisterSummaryCard } from '../register/RegisterSummaryCard.tsx';
import { SlaSummaryCard } from '../sla/SlaSummaryCard.tsx';
import { ContactsReverifyCard } from '../contacts/ContactsReverifyCard.tsx';
import { AssessmentSummaryCard, VendorRequestsCard } from './ConfirmationCards.tsx';

// A table (antd's heaviest component) shown only to bodies that coordinate others: loaded only for them.
const CoordinatedOrganisations = lazy(() => import('./CoordinatedOrganisations.tsx').then((module) => ({ default: module.CoordinatedOrganisations })));

const COORDINATING_KINDS = new Set(['prefecture', 'association', 'operator']);

function UsersSummary() {
  const { t } = useTranslation();
  const users = useUsers('');
  const list = users.data ?? [];
  const figures = [
    { label: t('home.usersTotal'), value: list.length },
    { label: t('home.usersActive'), value: list.filter((u) => !u.disabled).length },
    { label: t('home.usersDisabled'), value: list.filter((u) => u.disabled).length },
    { label: t('home.usersMfa'), value: list.filter((u) => u.mfa_enabled).length },
    { label: t('home.usersMustChange'), value: list.filter((u) => u.must_change_password).length },
  ];
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('home.usersSummary')}</h2>} loading={users.isPending} extra={<Link to="/users">{t('nav.users')}</Link>}>
      <Flex wrap gap={24}>
        {figures.map((figure) => (
          <Statistic key={figure.label} title={figure.label} value={figure.value} />
        ))}
      </Flex>
    </Card>
  );
}

function QuickLinks() {
  const { t } = useTranslation();
  const me = useMe();
  const links = SECTIONS.filter((s) => s.path !== '/' && s.nav !== 'hidden' && canAny(me, s.anyOf));
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('home.quickLinks')}</h2>}>
      <Flex vertical gap={8}>
        {links.map((section) => (
          <Link key={section.path} to={section.path}>
            <span style={{ marginRight: 8 }}>{section.icon}</span>
            {t(section.label)}
          </Link>
        ))}
      </Flex>
    </Card>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const coordinates = COORDINATING_KINDS.has(me.organisation.kind);
  const organisations = useOrganisations();
  const mine = organisations.data?.find((o) => o.id === me.organisation.id);
  const others = (organisations.data ?? []).filter((o) => o.id !== me.organisation.id);
  return (
    <>
      <PageHeading title={t('home.title')} lead={t('home.welcome', { name: me.user.display_name })} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <OrganisationCard organisation={mine} loading={organisations.isPending} />
            {can(me, 'register:read') && <RegisterSummaryCard />}
            {can(me, 'register:read') && <AssessmentSummaryCard />}
            {can(me, 'vendor_service:manage') && <VendorRequestsCard />}
            {can(me, 'register:read') && <SlaSummaryCard />}
            {can(me, 'register:read') && <ContactsReverifyCard />}
            {coordinates && (
              <Suspense fallback={null}>
                <CoordinatedOrganisations organisations={others} loading={organisations.isPending} operator={me.organisation.kind === 'operator'} />
              </Suspense>
            )}
            {can(me, 'user:manage') && <UsersSummary />}
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <QuickLinks />
        </Col>
      </Row>
    </>
  );
}
