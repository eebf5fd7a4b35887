import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Organisation } from '../../api/types.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { compareNumber, compareText, formatCount, formatDateTime } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';

/** The code that identifies an organisation: 団体コード for local governments, 法人番号 for vendors. */
export function organisationCode(organisation: Organisation): string | null {
  return organisation.local_government_code ?? organisation.corporate_number;
}

/** Columns shared by the organisation list and the dashboard; every column sorts. */
export function useOrganisationColumns(options: { withUpdated?: boolean } = {}): TableColumnsType<Organisation> {
  const { t } = useTranslation();
  const labels = useLabels();
  const columns: TableColumnsType<Organisation> = [
    {
      title: t('organisation.name'),
      dataIndex: 'name',
      sorter: (a, b) => compareText(labels.organisationName(a), labels.organisationName(b)),
      render: (_value, organisation) => (
        <>
          <Link to={`/organisations/${organisation.id}`}>{labels.organisationName(organisation)}</Link>
          {organisation.is_demo && (
            <span style={{ marginLeft: 8 }}>
              <StatusTag tone="warning">{t('organisation.demo')}</StatusTag>
            </span>
          )}
        </>
      ),
    },
    { title: t('organisation.kind'), dataIndex: 'kind', sorter: (a, b) => compareText(a.kind, b.kind), render: (_v, o) => labels.kind(o.kind) },
    {
      title: `${t('organisation.localGovernmentCode')} / ${t('organisation.corporateNumber')}`,
      key: 'code',
      sorter: (a, b) => compareText(organisationCode(a), organisationCode(b)),
      render: (_v, o) => organisationCode(o) ?? '—',
    },
    {
      title: t('organisation.population'),
      dataIndex: 'population',
      align: 'right',
      sorter: (a, b) => compareNumber(a.population, b.population),
      render: (_v, o) => formatCount(o.population, labels.lang),
    },
  ];
  if (options.withUpdated)
    columns.push({
      title: t('organisation.updatedAt'),
      dataIndex: 'updated_at',
      sorter: (a, b) => compareText(a.updated_at, b.updated_at),
      render: (_v, o) => formatDateTime(o.updated_at),
    });
  return columns;
}
