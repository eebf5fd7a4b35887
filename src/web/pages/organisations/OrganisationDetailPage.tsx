import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, List } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useOrganisation, useOrganisations } from '../../api/queries.ts';
import { can, useMe } from '../../api/session.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed, NotFound } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { ApiError } from '../../api/client.ts';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
import { OrganisationEditModal } from './OrganisationEditModal.tsx';

export default function OrganisationDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const organisation = useOrganisation(id);
  const known = useOrganisations().data ?? [];
  const [editing, setEditing] = useState(false);
  const nameOf = (orgId: string) => {
    const found = known.find((o) => o.id === orgId);
    return found ? labels.organisationName(found) : orgId;
  };

  if (organisation.isError) {
    if (organisation.error instanceof ApiError && organisation.error.code === 'not_found') return <NotFound />;
    return <LoadFailed error={organisation.error} onRetry={() => void organisation.refetch()} />;
  }
  const o = organisation.data;
  const isOperator = me.user.role === 'operator_admin';
  const canEdit = o && can(me, 'organisation:update') && (isOperator || o.id === me.organisation.id);

  return (
    <>
      <PageHeading
        title={o ? labels.organisationName(o) : t('organisation.detailTitle')}
        extra={
          canEdit && (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Flex vertical gap={16}>
        <Card loading={organisation.isPending} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('organisation.detailTitle')}</h2>}>
          {o && (
            <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
              <Descriptions.Item label={t('organisation.name')}>
                {o.name}
                {o.is_demo && (
                  <span style={{ marginLeft: 8 }}>
                    <StatusTag tone="warning">{t('organisation.demo')}</StatusTag>
                  </span>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('organisation.nameEn')}>{o.name_en ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('organisation.kind')}>{labels.kind(o.kind)}</Descriptions.Item>
              {(o.kind === 'municipality' || o.kind === 'prefecture') && (
                <Descriptions.Item label={t('organisation.localGovernmentCode')}>{o.local_government_code ?? '—'}</Descriptions.Item>
              )}
              {o.kind === 'vendor' && <Descriptions.Item label={t('organisation.corporateNumber')}>{o.corporate_number ?? '—'}</Descriptions.Item>}
              {o.kind === 'municipality' && (
                <Descriptions.Item label={t('organisation.prefecture')}>
                  {o.prefecture_id ? <Link to={`/organisations/${o.prefecture_id}`}>{nameOf(o.prefecture_id)}</Link> : '—'}
                </Descriptions.Item>
              )}
              {o.kind !== 'vendor' && o.kind !== 'operator' && (
                <Descriptions.Item label={t('organisation.population')}>{formatCount(o.population, labels.lang)}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('organisation.createdAt')}>{formatDateTime(o.created_at)}</Descriptions.Item>
              <Descriptions.Item label={t('organisation.updatedAt')}>{formatDateTime(o.updated_at)}</Descriptions.Item>
            </Descriptions>
          )}
        </Card>
        {o?.kind === 'association' && (
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('organisation.members')}</h2>}>
            <List
              dataSource={o.member_ids}
              locale={{ emptyText: t('organisation.membersEmpty') }}
              renderItem={(memberId) => (
                <List.Item>
                  <Link to={`/organisations/${memberId}`}>{nameOf(memberId)}</Link>
                </List.Item>
              )}
            />
          </Card>
        )}
      </Flex>
      {editing && o && <OrganisationEditModal organisation={o} operator={isOperator} onClose={() => setEditing(false)} />}
    </>
  );
}
