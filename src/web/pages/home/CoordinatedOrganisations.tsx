import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useOrganisationColumns } from '../organisations/organisation-columns.tsx';

/** For prefectures, associations and the operator: the organisations they coordinate. */
export function CoordinatedOrganisations({ organisations, loading, operator }: { organisations: Organisation[]; loading: boolean; operator: boolean }) {
  const { t } = useTranslation();
  const columns = useOrganisationColumns();
  const title = operator ? t('home.coordinatedOperator') : t('home.coordinated');
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} extra={t('common.count', { count: organisations.length })}>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={organisations}
        loading={loading}
        pagination={organisations.length > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: <EmptyState title={t('home.coordinatedEmpty')} /> }}
      />
    </Card>
  );
}
