import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../../shared/roles.ts';
import { useOrganisations } from '../../api/queries.ts';
import { can, useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { useLabels } from '../../lib/labels.ts';
import { OrganisationCreateModal } from './OrganisationCreateModal.tsx';
import { useOrganisationColumns } from './organisation-columns.tsx';

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const navigate = useNavigate();
  const organisations = useOrganisations();
  const columns = useOrganisationColumns({ withUpdated: true });
  const [kind, setKind] = useState<OrganisationKind | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const canCreate = can(me, 'organisation:create');
  const rows = (organisations.data ?? []).filter((o) => kind === 'all' || o.kind === kind);

  const createButton = canCreate && (
    <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
      {t('organisation.create')}
    </Button>
  );
  return (
    <>
      <PageHeading title={t('organisation.listTitle')} extra={createButton} />
      <Flex gap={12} align="center" style={{ marginBottom: 12 }} wrap>
        <Select
          aria-label={t('organisation.filterKind')}
          value={kind}
          onChange={setKind}
          style={{ minWidth: 200 }}
          options={[{ value: 'all', label: t('organisation.allKinds') }, ...ORGANISATION_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))]}
        />
        <span>{t('common.count', { count: rows.length })}</span>
      </Flex>
      {organisations.isError ? (
        <LoadFailed error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={organisations.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState title={t('organisation.empty')} hint={canCreate ? t('organisation.emptyOperator') : undefined} action={createButton} /> }}
        />
      )}
      {creating && (
        <OrganisationCreateModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            navigate(`/organisations/${id}`);
          }}
        />
      )}
    </>
  );
}
