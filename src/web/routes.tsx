// The one registry of app sections: the router and the left navigation both read it, so a new
// feature adds a section by adding one entry here.
import {
  AlertOutlined,
  AppstoreOutlined,
  AuditOutlined,
  SearchOutlined,
  SafetyCertificateOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  HomeOutlined,
  InboxOutlined,
  KeyOutlined,
  SettingOutlined,
  ShopOutlined,
  TagsOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Permission } from '../shared/roles.ts';

export type NavGroup = 'admin';

export interface Section {
  path: string;
  /** i18n key of the navigation label. */
  label: string;
  icon: ReactNode;
  /** The user needs at least one of these (none: every signed-in user). */
  anyOf?: readonly Permission[];
  /** Where it sits in the navigation; 'hidden' pages are reached by links only. */
  nav: 'top' | NavGroup | 'bottom' | 'hidden';
  page: LazyExoticComponent<ComponentType>;
}

export const NAV_GROUPS: Record<NavGroup, { label: string; icon: ReactNode }> = {
  admin: { label: 'nav.admin', icon: <SettingOutlined aria-hidden /> },
};

export const SECTIONS: readonly Section[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined aria-hidden />, nav: 'top', page: lazy(() => import('./pages/home/HomePage.tsx')) },
  {
    path: '/register',
    label: 'nav.register',
    icon: <DatabaseOutlined aria-hidden />,
    anyOf: ['register:read'],
    nav: 'top',
    page: lazy(() => import('./pages/register/RegisterListPage.tsx')),
  },
  {
    path: '/register/overview',
    label: 'nav.registerOverview',
    icon: <DatabaseOutlined aria-hidden />,
    anyOf: ['register:read'],
    nav: 'hidden',
    page: lazy(() => import('./pages/register/RegisterOverviewPage.tsx')),
  },
  {
    path: '/register/import',
    label: 'nav.registerImport',
    icon: <DatabaseOutlined aria-hidden />,
    anyOf: ['register:write'],
    nav: 'hidden',
    page: lazy(() => import('./pages/register/RegisterImportPage.tsx')),
  },
  {
    path: '/register/what-if',
    label: 'nav.whatIf',
    icon: <ThunderboltOutlined aria-hidden />,
    anyOf: ['register:read'],
    nav: 'top',
    page: lazy(() => import('./pages/parties/WhatIfPage.tsx')),
  },
  {
    path: '/register/subcontractors',
    label: 'nav.subcontractChains',
    icon: <DatabaseOutlined aria-hidden />,
    anyOf: ['register:read'],
    nav: 'hidden',
    page: lazy(() => import('./pages/parties/SubcontractChainsPage.tsx')),
  },
  {
    path: '/register/:id',
    label: 'nav.register',
    icon: <DatabaseOutlined aria-hidden />,
    anyOf: ['register:read'],
    nav: 'hidden',
    page: lazy(() => import('./pages/register/RegisterEntryPage.tsx')),
  },
  { path: '/assessments', label: 'nav.assessments', icon: <CheckSquareOutlined aria-hidden />, anyOf: ['register:read'], nav: 'top', page: lazy(() => import('./pages/assessments/AssessmentListPage.tsx')) },
  { path: '/assessments/:id', label: 'nav.assessment', icon: <CheckSquareOutlined aria-hidden />, anyOf: ['register:read'], nav: 'hidden', page: lazy(() => import('./pages/assessments/AssessmentPage.tsx')) },
  { path: '/assessments/:id/print', label: 'nav.assessmentPrint', icon: <CheckSquareOutlined aria-hidden />, anyOf: ['register:read'], nav: 'hidden', page: lazy(() => import('./pages/assessments/AssessmentPrintPage.tsx')) },
  { path: '/sla', label: 'nav.sla', icon: <DashboardOutlined aria-hidden />, anyOf: ['register:read'], nav: 'top', page: lazy(() => import('./pages/sla/SlaMonthPage.tsx')) },
  {
    path: '/sla/import',
    label: 'nav.slaImport',
    icon: <DashboardOutlined aria-hidden />,
    anyOf: ['register:write'],
    nav: 'hidden',
    page: lazy(() => import('./pages/sla/SlaImportPage.tsx')),
  },
  {
    path: '/sla/report',
    label: 'nav.slaReport',
    icon: <DashboardOutlined aria-hidden />,
    anyOf: ['register:read'],
    nav: 'hidden',
    page: lazy(() => import('./pages/sla/SlaReportPrintPage.tsx')),
  },
  {
    path: '/incidents',
    label: 'nav.incidents',
    icon: <AlertOutlined aria-hidden />,
    anyOf: ['incident:read'],
    nav: 'top',
    page: lazy(() => import('./pages/incidents/IncidentListPage.tsx')),
  },
  {
    path: '/incidents/new',
    label: 'nav.incidentReport',
    icon: <AlertOutlined aria-hidden />,
    anyOf: ['incident:report'],
    nav: 'hidden',
    page: lazy(() => import('./pages/incidents/IncidentReportPage.tsx')),
  },
  {
    path: '/incidents/overview',
    label: 'nav.incidentOverview',
    icon: <AlertOutlined aria-hidden />,
    anyOf: ['incident:coordinate', 'vendor_service:manage'],
    nav: 'top',
    page: lazy(() => import('./pages/incidents/IncidentOverviewPage.tsx')),
  },
  {
    path: '/incidents/:id',
    label: 'nav.incidents',
    icon: <AlertOutlined aria-hidden />,
    anyOf: ['incident:read'],
    nav: 'hidden',
    page: lazy(() => import('./pages/incidents/IncidentDetailPage.tsx')),
  },
  {
    path: '/register/:id/responsibilities/print',
    label: 'nav.responsibilityPrint',
    icon: <DatabaseOutlined aria-hidden />,
    anyOf: ['register:read'],
    nav: 'hidden',
    page: lazy(() => import('./pages/parties/ResponsibilityPrintPage.tsx')),
  },
  {
    path: '/incidents/:id/print',
    label: 'nav.incidents',
    icon: <AlertOutlined aria-hidden />,
    anyOf: ['incident:read'],
    nav: 'hidden',
    page: lazy(() => import('./pages/incidents/IncidentPrintPage.tsx')),
  },
  {
    path: '/vendor/services',
    label: 'nav.vendorServices',
    icon: <AppstoreOutlined aria-hidden />,
    anyOf: ['vendor_service:manage'],
    nav: 'top',
    page: lazy(() => import('./pages/incidents/VendorServicesPage.tsx')),
  },
  { path: '/certificates', label: 'nav.certificates', icon: <SafetyCertificateOutlined aria-hidden />, anyOf: ['register:read', 'vendor_service:manage'], nav: 'top', page: lazy(() => import('./pages/certificates/CertificatesPage.tsx')) },
  { path: '/vendor/requests', label: 'nav.vendorRequests', icon: <InboxOutlined aria-hidden />, anyOf: ['vendor_service:manage'], nav: 'top', page: lazy(() => import('./pages/vendor-portal/VendorRequestsPage.tsx')) },
  { path: '/vendor/services/:id/answers', label: 'nav.vendorAnswers', icon: <InboxOutlined aria-hidden />, anyOf: ['vendor_service:manage'], nav: 'hidden', page: lazy(() => import('./pages/vendor-portal/VendorAnswersPage.tsx')) },
  { path: '/surveys', label: 'nav.surveys', icon: <BarChartOutlined aria-hidden />, anyOf: ['survey:run', 'survey:answer'], nav: 'top', page: lazy(() => import('./pages/surveys/SurveyListPage.tsx')) },
  { path: '/surveys/:id', label: 'nav.survey', icon: <BarChartOutlined aria-hidden />, anyOf: ['survey:run', 'survey:answer'], nav: 'hidden', page: lazy(() => import('./pages/surveys/SurveyPage.tsx')) },
  { path: '/vendors', label: 'nav.vendors', icon: <ShopOutlined aria-hidden />, anyOf: ['register:read'], nav: 'top', page: lazy(() => import('./pages/register/VendorsPage.tsx')) },
  {
    path: '/organisations',
    label: 'nav.organisations',
    icon: <BankOutlined aria-hidden />,
    anyOf: ['organisation:create', 'organisation:update'],
    nav: 'admin',
    page: lazy(() => import('./pages/organisations/OrganisationsPage.tsx')),
  },
  {
    path: '/organisations/:id',
    label: 'nav.organisations',
    icon: <BankOutlined aria-hidden />,
    anyOf: ['organisation:read'],
    nav: 'hidden',
    page: lazy(() => import('./pages/organisations/OrganisationDetailPage.tsx')),
  },
  {
    path: '/categories',
    label: 'nav.categories',
    icon: <TagsOutlined aria-hidden />,
    anyOf: ['register:configure'],
    nav: 'admin',
    page: lazy(() => import('./pages/register/CategoriesPage.tsx')),
  },
  // The catalogue list is an administrator's screen (import, rules); everyone reaches a catalogue's items from the links on assessment items.
  { path: '/catalogues', label: 'nav.catalogues', icon: <BookOutlined aria-hidden />, anyOf: ['register:configure'], nav: 'admin', page: lazy(() => import('./pages/catalogues/CataloguesPage.tsx')) },
  { path: '/catalogues/import', label: 'nav.catalogueImport', icon: <BookOutlined aria-hidden />, anyOf: ['register:configure'], nav: 'hidden', page: lazy(() => import('./pages/catalogues/CatalogueImportPage.tsx')) },
  { path: '/catalogues/:id', label: 'nav.catalogue', icon: <BookOutlined aria-hidden />, anyOf: ['register:read', 'vendor_service:manage'], nav: 'hidden', page: lazy(() => import('./pages/catalogues/CataloguePage.tsx')) },
  { path: '/users', label: 'nav.users', icon: <TeamOutlined aria-hidden />, anyOf: ['user:read'], nav: 'admin', page: lazy(() => import('./pages/users/UsersPage.tsx')) },
  { path: '/tokens', label: 'nav.tokens', icon: <KeyOutlined aria-hidden />, anyOf: ['token:manage'], nav: 'admin', page: lazy(() => import('./pages/tokens/TokensPage.tsx')) },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined aria-hidden />, anyOf: ['audit:read'], nav: 'admin', page: lazy(() => import('./pages/audit/AuditPage.tsx')) },
  { path: '/search', label: 'nav.search', icon: <SearchOutlined aria-hidden />, nav: 'hidden', page: lazy(() => import('./pages/search/SearchPage.tsx')) },
  { path: '/notifications', label: 'nav.notifications', icon: <BellOutlined aria-hidden />, nav: 'hidden', page: lazy(() => import('./pages/notifications/NotificationsPage.tsx')) },
  { path: '/profile', label: 'nav.profile', icon: <UserOutlined aria-hidden />, nav: 'bottom', page: lazy(() => import('./pages/profile/ProfilePage.tsx')) },
];
