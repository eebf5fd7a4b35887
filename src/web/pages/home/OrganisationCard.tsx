import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Organisation } from '../../api/types.ts';
import { formatCount } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';

/** The user's own organisation: kind, codes and population at a glance. */
export function OrganisationCard({ organisation, loading, title }: { organisation: Organisation | undefined; loading: boolean; title?: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Card
      loading={loading}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{title ?? t('home.myOrganisation')}</h2>}
      extra={organisation && <Link to={`/organisations/${organisation.id}`}>{t('organisation.open')}</Link>}
    >
      {organisation && (
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('organisation.name')}>{labels.organisationName(organisation)}</Descriptions.Item>
          <Descriptions.Item label={t('organisation.kind')}>{labels.kind(organisation.kind)}</Descriptions.Item>
          {organisation.local_government_code && (
            <Descriptions.Item label={t('organisation.localGovernmentCode')}>{organisation.local_government_code}</Descriptions.Item>
          )}
          {organisation.corporate_number && <Descriptions.Item label={t('organisation.corporateNumber')}>{organisation.corporate_number}</Descriptions.Item>}
          {organisation.population !== null && (
            <Descriptions.Item label={t('organisation.population')}>{t('organisation.peopleUnit', { value: formatCount(organisation.population, labels.lang) })}</Descriptions.Item>
          )}
          {organisation.kind === 'association' && (
            <Descriptions.Item label={t('organisation.members')}>{t('common.count', { count: organisation.member_ids.length })}</Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Card>
  );
}
