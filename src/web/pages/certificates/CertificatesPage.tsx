import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CERTIFICATE_SCHEMES, type CertificateScheme } from '../../../shared/certificates.ts';
import { can, useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDate } from '../../lib/format.ts';
import { useMyVendorServices } from '../incidents/incidents-api.ts';
import { useVendors } from '../register/register-api.ts';
import { CertificateForm, type FormTarget } from './CertificateForm.tsx';
import { CertificateTable, STATE_TONE } from './CertificateTable.tsx';
import { useCertificateText } from './certificates-text.ts';
import { useCoverage, useMyCertificates, type Coverage } from './certificates-api.ts';

/** /certificates — a vendor keeps its certificates; a municipality sees its coverage and keeps certificates of vendors not on the platform; a prefecture or association sees counts. */
export default function CertificatesPage() {
  const me = useMe();
  const { text: t } = useCertificateText();
  if (me.organisation.kind === 'vendor') return <VendorCertificates />;
  if (!can(me, 'register:read')) return <><PageHeading title={t.page.title} /><EmptyState title={t.page.notAllowed} /></>;
  return <BodyCertificates />;
}

function VendorCertificates() {
  const { text: t, fill } = useCertificateText();
  const certificates = useMyCertificates();
  const services = useMyVendorServices();
  const [adding, setAdding] = useState(false);
  // Opened from a service profile (/vendor/services): that service's certificates, and it comes first in the form.
  const [search] = useSearchParams();
  const only = (services.data ?? []).find((s) => s.id === search.get('service'));
  const serviceList = (services.data ?? []).map((s) => ({ id: s.id, name: s.name })).sort((a, b) => Number(b.id === only?.id) - Number(a.id === only?.id));
  const items = (certificates.data ?? []).filter((c) => !only || c.service_ids.includes(only.id));
  const add = <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} disabled={services.isPending}>{t.form.add}</Button>;
  return (
    <>
      <PageHeading title={t.page.title} lead={t.page.vendorLead} extra={add} />
      {only && (
        <Typography.Paragraph>
          {fill(t.page.serviceFilter, { name: only.name })} <Link to="/certificates" style={{ textDecoration: 'underline' }}>{t.page.showAll}</Link>
        </Typography.Paragraph>
      )}
      {certificates.isError ? (
        <LoadFailed error={certificates.error} onRetry={() => void certificates.refetch()} />
      ) : (
        <CertificateTable items={items} loading={certificates.isPending} editable showHolder={false} services={serviceList} emptyTitle={t.page.emptyMine} emptyHint={t.page.emptyMineHint} testId="my-certificates" />
      )}
      {adding && <CertificateForm target={{ services: serviceList }} onClose={() => setAdding(false)} />}
    </>
  );
}

function SchemeCounts({ coverage }: { coverage: Coverage }) {
  const { text: t, scheme, fill } = useCertificateText();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col span={5}>
        <Card size="small"><Statistic title={t.page.totalEntries} value={coverage.total_entries} /></Card>
        <Card size="small" style={{ marginTop: 12 }}><Statistic title={t.page.without} value={coverage.without} valueStyle={coverage.without > 0 ? { color: '#ad4e00' } : undefined} /></Card>
      </Col>
      <Col span={19}>
        <Descriptions bordered size="small" column={5} title={t.page.coverageTitle} data-testid="coverage-counts">
          {coverage.schemes.map((s) => (
            <Descriptions.Item key={s.scheme} label={scheme(s.scheme)}>{fill(t.page.entriesCount, { n: s.entries })}</Descriptions.Item>
          ))}
        </Descriptions>
      </Col>
    </Row>
  );
}

function BodyCertificates() {
  const me = useMe();
  const { text: t, scheme, state } = useCertificateText();
  const coverage = useCoverage();
  const kept = useMyCertificates();
  const vendors = useVendors('');
  const [adding, setAdding] = useState<FormTarget | null>(null);
  const writer = can(me, 'register:write');
  const isMunicipality = me.organisation.kind === 'municipality';
  const data = coverage.data;
  return (
    <>
      <PageHeading title={t.page.title} lead={data?.scope === 'members' ? t.page.membersLead : t.page.bodyLead} />
      {coverage.isError ? <LoadFailed error={coverage.error} onRetry={() => void coverage.refetch()} /> : data && <SchemeCounts coverage={data} />}
      {data?.scope === 'organisation' && (
        <>
          <Typography.Title level={5}>{t.page.entriesTitle}</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            dataSource={data.entries}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="coverage-entries"
            locale={{ emptyText: <EmptyState title={t.page.emptyEntries} /> }}
            columns={[
              { title: t.page.entry, key: 'entry', render: (_: unknown, e: Coverage['entries'][number]) => <Link to={`/register/${e.id}`}>{e.external_key} {e.name}</Link> },
              { title: t.table.holder, dataIndex: 'vendor_name', width: 220, render: (v: string | null) => v ?? '—' },
              {
                title: t.table.scheme,
                key: 'certificates',
                render: (_: unknown, e: Coverage['entries'][number]) =>
                  e.certificates.length === 0 ? (
                    <Typography.Text type="secondary">{t.page.none}</Typography.Text>
                  ) : (
                    <Space size={[4, 4]} wrap>
                      {e.certificates.map((c) => (
                        <StatusTag key={c.id} tone={STATE_TONE[c.state]}>{`${scheme(c.scheme)} ${state(c.state)}${c.valid_through ? `（${formatDate(c.valid_through)}）` : ''}`}</StatusTag>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        </>
      )}
      {data?.scope === 'members' && (
        <>
          <Typography.Title level={5}>{t.page.membersTitle}</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            dataSource={data.organisations}
            pagination={false}
            data-testid="coverage-members"
            locale={{ emptyText: <EmptyState title={t.page.emptyMembers} /> }}
            columns={[
              { title: t.page.organisation, dataIndex: 'name' },
              { title: t.page.totalEntries, dataIndex: 'total_entries', width: 110, align: 'right' as const },
              { title: t.page.without, dataIndex: 'without', width: 110, align: 'right' as const },
              ...CERTIFICATE_SCHEMES.filter((s) => data.schemes.some((x) => x.scheme === s && x.entries > 0)).map((s: CertificateScheme) => ({
                title: scheme(s),
                key: s,
                width: 100,
                align: 'right' as const,
                render: (_: unknown, o: Coverage['organisations'][number]) => o.schemes.find((x) => x.scheme === s)?.entries ?? 0,
              })),
            ]}
          />
        </>
      )}
      {isMunicipality && (
        <>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 24 }} align="baseline">
            <Typography.Title level={5} style={{ margin: 0 }}>{t.page.keptTitle}</Typography.Title>
            {writer && (vendors.data?.length ?? 0) > 0 && (
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding({ vendors: (vendors.data ?? []).map((v) => ({ id: v.id, name: v.name })) })}>{t.form.add}</Button>
            )}
          </Space>
          <Typography.Paragraph type="secondary">{t.page.keptLead}</Typography.Paragraph>
          <CertificateTable items={kept.data ?? []} loading={kept.isPending} editable={writer} emptyTitle={t.page.emptyKept} testId="kept-certificates" />
        </>
      )}
      {adding && <CertificateForm target={adding} onClose={() => setAdding(null)} />}
    </>
  );
}
