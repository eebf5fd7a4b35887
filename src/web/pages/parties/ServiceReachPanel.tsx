import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, List, Popconfirm, Row, Space, Spin, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { serviceDependenciesView } from '../../../shared/schemas/dependencies.ts';
import { api } from '../../api/client.ts';
import { LoadFailed } from '../../components/Problems.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useLabels } from '../../lib/labels.ts';
import { useVendorServiceSearch } from '../incidents/incidents-api.ts';
import { useReach, type Reach } from './deps-api.ts';
import { useDepsText } from './deps-text.ts';

type ServiceDependencies = z.infer<typeof serviceDependenciesView>;
const subTitle = (text: string) => <h3 style={{ fontSize: 14, margin: '0 0 8px' }}>{text}</h3>;

/**
 * A vendor's own service, expanded in its service list: what it runs on (declared here, cycles refused)
 * and its reach — the organisations a failure would affect, directly or through a service on it.
 */
export function ServiceReachPanel({ serviceId }: { serviceId: string }) {
  const { text: t, fill } = useDepsText();
  const { localName } = useLabels();
  const client = useQueryClient();
  const reach = useReach(serviceId);
  const deps = useQuery({ queryKey: ['vendor-services', 'dependencies', serviceId], queryFn: () => api.get<ServiceDependencies>(`/api/vendor-services/${serviceId}/dependencies`) });
  const [q, setQ] = useState('');
  const search = useVendorServiceSearch(q);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const refresh = () => client.invalidateQueries({ queryKey: ['vendor-services'] });
  const add = useMutation({ mutationFn: (body: { depends_on_service_id: string; note: string | null }) => api.post(`/api/vendor-services/${serviceId}/dependencies`, body), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (id: string) => api.delete(`/api/vendor-service-dependencies/${id}`), onSuccess: refresh });
  if (reach.isError) return <LoadFailed error={reach.error} onRetry={() => void reach.refetch()} />;
  if (deps.isError) return <LoadFailed error={deps.error} onRetry={() => void deps.refetch()} />;
  if (!reach.data || !deps.data) return <Spin />;
  const r = reach.data;
  return (
    <Row gutter={24}>
      <Col xs={24} xl={10}>
        {subTitle(t.section.dependsOn)}
        <List
          size="small"
          bordered
          dataSource={deps.data.runs_on}
          locale={{ emptyText: <Typography.Text type="secondary">{t.section.noneDependsOn}</Typography.Text> }}
          renderItem={(d) => (
            <List.Item
              actions={[
                <Popconfirm key="remove" title={t.section.removeConfirm} okText={t.section.remove} cancelText={t.section.cancel} onConfirm={() => remove.mutate(d.id, { onSuccess: () => void message.success(t.section.removed), onError: (e) => reportError(e) })}>
                  <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t.section.remove}: ${d.service.name}`}>
                    {t.section.remove}
                  </Button>
                </Popconfirm>,
              ]}
            >
              {d.service.name}（{d.service.vendor_name}）{d.note ? ` — ${d.note}` : ''}
            </List.Item>
          )}
        />
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          onFinish={(values: { depends_on_service_id: string; note?: string }) =>
            add.mutate(
              { depends_on_service_id: values.depends_on_service_id, note: values.note?.trim() || null },
              {
                onSuccess: () => {
                  void message.success(t.section.added);
                  form.resetFields();
                },
                onError: (e) => reportError(e, form),
              },
            )
          }
        >
          <Form.Item label={t.section.servicePick} name="depends_on_service_id" rules={[{ required: true, message: t.section.servicePick }]}>
            <SelectField
              showSearch
              aria-required
              filterOption={false}
              onSearch={setQ}
              placeholder={t.section.serviceSearch}
              options={(search.data ?? []).filter((s) => s.id !== serviceId).map((s) => ({ value: s.id, label: `${s.name}（${s.vendor.name}）` }))}
            />
          </Form.Item>
          <Form.Item label={t.section.note} name="note">
            <Input maxLength={1000} />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={add.isPending}>
            {t.section.add}
          </Button>
        </Form>
      </Col>
      <Col xs={24} xl={14}>
        {subTitle(t.reach.title)}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t.reach.lead}
        </Typography.Paragraph>
        <Typography.Paragraph>{fill(t.reach.summary, { organisations: r.summary.organisations, entries: r.summary.entries, via: r.summary.via_dependency })}</Typography.Paragraph>
        <Table<Reach['organisations'][number]>
          size="small"
          rowKey="organisation_id"
          dataSource={r.organisations}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t.reach.none }}
          columns={[
            { title: t.reach.organisation, key: 'name', render: (_v, o) => localName(o.organisation_name, o.organisation_name_en) },
            { title: t.reach.entries, dataIndex: 'entries', align: 'right', width: 120 },
            { title: t.reach.direct, dataIndex: 'direct_entries', align: 'right', width: 80 },
            { title: t.reach.via, key: 'via', render: (_v, o) => (o.via.length ? <Space wrap size={4}>{o.via.map((v) => <span key={v.id}>{v.name}</span>)}</Space> : '—') },
          ]}
        />
      </Col>
    </Row>
  );
}
