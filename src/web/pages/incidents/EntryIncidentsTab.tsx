import { DisconnectOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { IncidentStatus, IncidentType } from '../../../shared/incidents.ts';
import { useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { compareText, formatDateTime } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import type { Entry } from '../register/register-api.ts';
import { incidentApi, mayReport, useEntryIncidents, useIncidentMutation, useVendorServiceSearch, type IncidentListItem } from './incidents-api.ts';
import { ImpactTag, IncidentStatusTag, sectionTitle, SeverityTag } from './incidents-format.tsx';
import { useIncidentText } from './incidents-text.ts';

/** The register entry's インシデント tab: its link to the vendor's service profile, and the incidents touching it. */
export function EntryIncidentsTab({ entry }: { entry: Entry }) {
  return (
    <Flex vertical gap={16}>
      <VendorServiceLink entry={entry} />
      <EntryIncidents entry={entry} />
    </Flex>
  );
}

function VendorServiceLink({ entry }: { entry: Entry }) {
  const { text: t, fill } = useIncidentText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const linked = entry.vendor_service;
  const services = useVendorServiceSearch(q, entry.can_edit);
  const link = useIncidentMutation((id: string | null) => incidentApi.linkEntry(entry.id, id));
  const save = (id: string | null) =>
    link.mutate(id, {
      onSuccess: () => {
        setChosen(undefined);
        void message.success(id ? t.tab.linkedOk : t.tab.unlinkedOk);
      },
      onError: (error) => reportError(error),
    });
  const options = (services.data ?? [])
    .filter((s) => s.id !== linked?.id)
    .map((s) => ({ value: s.id, label: `${s.name} — ${s.vendor.name}${s.vendor.corporate_number ? `（${s.vendor.corporate_number}）` : ''}` }));
  return (
    <Card title={sectionTitle(t.tab.linkTitle)} data-testid="vendor-service-link">
      <Typography.Paragraph>{t.tab.linkLead}</Typography.Paragraph>
      <Descriptions size="small" bordered column={1} styles={{ label: { width: 180 } }}>
        <Descriptions.Item label={t.tab.linked}>
          {linked ? (
            <span data-testid="linked-vendor-service">{fill(t.tab.linkedValue, { vendor: linked.vendor_name, service: linked.name })}</span>
          ) : (
            <>
              <Typography.Text strong>{t.tab.notLinked}</Typography.Text>
              <div>{t.tab.notLinkedHint}</div>
            </>
          )}
        </Descriptions.Item>
      </Descriptions>
      {entry.can_edit && (
        <Flex gap={8} wrap align="end" style={{ marginTop: 12 }}>
          <div style={{ flex: '1 1 360px', maxWidth: 560 }}>
            <label htmlFor={`vendor-service-${entry.id}`} style={{ display: 'block', marginBottom: 4 }}>
              {linked ? t.tab.change : t.tab.search}
            </label>
            <SelectField
              id={`vendor-service-${entry.id}`}
              showSearch
              allowClear
              filterOption={false}
              onSearch={setQ}
              value={chosen}
              onChange={(v: string | undefined) => setChosen(v)}
              loading={services.isFetching}
              placeholder={t.tab.searchPlaceholder}
              notFoundContent={t.tab.noMatch}
              options={options}
              style={{ width: '100%' }}
            />
          </div>
          <Button type="primary" icon={<LinkOutlined aria-hidden />} disabled={!chosen} loading={link.isPending && Boolean(chosen)} onClick={() => chosen && save(chosen)}>
            {t.tab.link}
          </Button>
          {linked && (
            <Popconfirm title={t.tab.unlinkConfirm} okText={t.tab.unlink} cancelText={t.common.cancel} onConfirm={() => save(null)}>
              <Button danger icon={<DisconnectOutlined aria-hidden />}>{t.tab.unlink}</Button>
            </Popconfirm>
          )}
        </Flex>
      )}
      {services.isError && <LoadFailed error={services.error} onRetry={() => void services.refetch()} />}
    </Card>
  );
}

function EntryIncidents({ entry }: { entry: Entry }) {
  const { text: t, vocab } = useIncidentText();
  const me = useMe();
  const incidents = useEntryIncidents(entry.id);
  const reportButton = mayReport(me) && me.organisation.kind === 'municipality' && entry.can_edit && (
    <Link to={`/incidents/new?entry=${entry.id}`}>
      <Button icon={<PlusOutlined aria-hidden />}>{t.tab.report}</Button>
    </Link>
  );
  const items = incidents.data ?? [];
  return (
    <Card title={sectionTitle(t.tab.incidentsTitle)} extra={items.length > 0 && reportButton}>
      {incidents.isError ? (
        <LoadFailed error={incidents.error} onRetry={() => void incidents.refetch()} />
      ) : !incidents.isPending && items.length === 0 ? (
        <EmptyState title={t.tab.empty} hint={t.tab.emptyHint} action={reportButton} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={incidents.isPending}
          dataSource={items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          data-testid="entry-incidents"
          columns={[
            {
              title: t.list.titleCol,
              dataIndex: 'title',
              width: 320,
              sorter: (a: IncidentListItem, b: IncidentListItem) => compareText(a.title, b.title),
              render: (v: string, r: IncidentListItem) => (
                <Link to={`/incidents/${r.id}`} style={{ textDecoration: 'underline' }}>{v}</Link>
              ),
            },
            { title: t.list.type, dataIndex: 'type', render: (v: IncidentType) => vocab.type(v) },
            { title: t.list.severity, dataIndex: 'severity', render: (v: IncidentListItem['severity']) => <SeverityTag value={v} /> },
            { title: t.list.status, dataIndex: 'status', render: (v: IncidentStatus) => <IncidentStatusTag value={v} /> },
            {
              title: t.list.occurred,
              dataIndex: 'occurred_at',
              defaultSortOrder: 'descend' as const,
              sorter: (a: IncidentListItem, b: IncidentListItem) => compareText(a.occurred_at, b.occurred_at),
              render: (v: string | null) => formatDateTime(v),
            },
            { title: t.list.myImpact, dataIndex: 'my_impact_status', render: (v: IncidentListItem['my_impact_status']) => (v ? <ImpactTag value={v} /> : '—') },
          ]}
        />
      )}
    </Card>
  );
}
