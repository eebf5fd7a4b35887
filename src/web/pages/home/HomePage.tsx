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
import { AssessmentSummaryCard } from './ConfirmationCards.tsx';
import { AttentionList } from './AttentionList.tsx';
import { AreaCard, VendorIncidentsCard, VendorRequestsCard, VendorServicesCard } from './HomeCards.tsx';
import { useAttention } from './attention-api.ts';
import { useHomeText } from './attention-text.ts';
import { useOverview } from '../register/register-api.ts';

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

/** The own register's summaries; a prefecture or association whose register is empty shows none (its home is its area). */
function OwnRegisterCards({ coordinates }: { coordinates: boolean }) {
  const overview = useOverview('');
  if (coordinates && (overview.isPending || !overview.data?.total)) return null;
  return (
    <>
      <RegisterSummaryCard />
      <AssessmentSummaryCard />
      <SlaSummaryCard />
      <ContactsReverifyCard />
    </>
  );
}

/** A prefecture's or association's area, with the surveys it is collecting from the attention list. */
function Area({ bodies }: { bodies: number }) {
  const attention = useAttention(false);
  return <AreaCard bodies={bodies} surveys={(attention.data?.items ?? []).filter((i) => i.kind === 'survey_progress').length} />;
}

export default function HomePage() {
  const { t } = useTranslation();
  const { text } = useHomeText();
  const me = useMe();
  const kind = me.organisation.kind;
  const coordinates = COORDINATING_KINDS.has(kind);
  const organisations = useOrganisations();
  const mine = organisations.data?.find((o) => o.id === me.organisation.id);
  const others = (organisations.data ?? []).filter((o) => o.id !== me.organisation.id);
  const vendor = kind === 'vendor';
  return (
    <>
      <PageHeading title={t('home.title')} lead={t('home.welcome', { name: me.user.display_name })} />
      <Flex vertical gap={16}>
        <AttentionList organisationKind={kind} />
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Flex vertical gap={16}>
              {(kind === 'prefecture' || kind === 'association') && can(me, 'incident:coordinate') && <Area bodies={others.length} />}
              {vendor && can(me, 'vendor_service:manage') && <VendorRequestsCard />}
              {vendor && can(me, 'incident:read') && <VendorIncidentsCard />}
              {vendor && can(me, 'vendor_service:manage') && <VendorServicesCard />}
              <OrganisationCard organisation={mine} loading={organisations.isPending} title={vendor ? text.vendor.myOrganisation : undefined} />
              {can(me, 'register:read') && <OwnRegisterCards coordinates={coordinates} />}
              {coordinates && (
                <Suspense fallback={null}>
                  <CoordinatedOrganisations organisations={others} loading={organisations.isPending} operator={kind === 'operator'} />
                </Suspense>
              )}
              {can(me, 'user:manage') && <UsersSummary />}
            </Flex>
          </Col>
          <Col xs={24} xl={8}>
            <QuickLinks />
          </Col>
        </Row>
      </Flex>
    </>
  );
}
