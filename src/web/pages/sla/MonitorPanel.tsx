import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Descriptions, Flex, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { monitorBody } from '../../../shared/schemas/sla.ts';
import { api } from '../../api/client.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useMonitor, useSlaMutation, type Monitor } from './sla-api.ts';
import { useSlaText } from './sla-text.ts';

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v).toLocaleString()} ms`);

/** Daicho's own probe of the service's URL: settings, current state and the last day's checks by hour. */
export function MonitorPanel({ entryId, canEdit }: { entryId: string; canEdit: boolean }) {
  const { text: t } = useSlaText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const view = useMonitor(entryId);
  const [editing, setEditing] = useState(false);
  const remove = useSlaMutation(() => api.delete(`/api/sla/entries/${entryId}/monitor`));
  const monitor = view.data?.monitor ?? null;
  const hourly = [...(view.data?.hourly ?? [])].sort((a, b) => b.hour_start.localeCompare(a.hour_start)).slice(0, 24);
  const title = <h2 style={{ fontSize: 16, margin: 0 }}>{t.monitor.title}</h2>;
  const setUp = canEdit && <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(true)}>{t.monitor.setUp}</Button>;
  const extra = monitor && canEdit && (
    <Space wrap>
      <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>{t.monitor.edit}</Button>
      <Popconfirm title={t.monitor.removeConfirm} okText={t.monitor.remove} cancelText={t.form.cancel}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => void message.success(t.monitor.removed), onError: (error) => reportError(error) })}>
        <Button danger icon={<DeleteOutlined aria-hidden />}>{t.monitor.remove}</Button>
      </Popconfirm>
    </Space>
  );
  const state = !monitor ? null : !monitor.enabled ? (
    <StatusTag tone="neutral">{t.monitor.paused}</StatusTag>
  ) : monitor.last_ok === null ? (
    <StatusTag tone="neutral">{t.monitor.unknown}</StatusTag>
  ) : monitor.last_ok ? (
    <StatusTag tone="success">{t.monitor.up}</StatusTag>
  ) : (
    <StatusTag tone="error">{t.monitor.down}</StatusTag>
  );
  return (
    <Card title={title} extra={extra} loading={view.isPending}>
      <Typography.Paragraph>{t.monitor.lead}</Typography.Paragraph>
      {view.isError ? (
        <LoadFailed error={view.error} onRetry={() => void view.refetch()} />
      ) : !monitor ? (
        <EmptyState title={t.monitor.empty} hint={t.monitor.emptyHint} action={setUp} />
      ) : (
        <>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}>
            <Descriptions.Item label={t.monitor.url} span={2}><Typography.Text code style={{ wordBreak: 'break-all' }}>{monitor.url}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t.monitor.status}>
              {state}
              {monitor.open_outage_id && <StatusTag tone="error">{t.monitor.openOutage}</StatusTag>}
            </Descriptions.Item>
            <Descriptions.Item label={t.monitor.lastCheck}>{formatDateTime(monitor.last_checked_at)}</Descriptions.Item>
            <Descriptions.Item label={t.monitor.statusCode}>{monitor.last_status_code ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t.monitor.latency}>{ms(monitor.last_latency_ms)}</Descriptions.Item>
            <Descriptions.Item label={t.monitor.interval}>{monitor.interval_seconds}</Descriptions.Item>
            <Descriptions.Item label={t.monitor.failuresToOpen}>{monitor.failures_to_open}</Descriptions.Item>
            {monitor.last_error && <Descriptions.Item label={t.monitor.lastError} span={2}>{monitor.last_error}</Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>{t.monitor.hourlyTitle}</Typography.Title>
          {hourly.length === 0 ? (
            <Typography.Paragraph type="secondary">{t.monitor.noHourly}</Typography.Paragraph>
          ) : (
            <Table
              size="small"
              rowKey="hour_start"
              dataSource={hourly}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              columns={[
                { title: t.monitor.hour, dataIndex: 'hour_start', render: (v: string) => formatDateTime(v) },
                { title: t.monitor.checks, dataIndex: 'checks', align: 'right' as const },
                { title: t.monitor.failures, dataIndex: 'failures', align: 'right' as const, render: (v: number) => (v > 0 ? <StatusTag tone="error">{v}</StatusTag> : v) },
                { title: t.monitor.avgLatency, dataIndex: 'avg_latency_ms', align: 'right' as const, render: ms },
                { title: t.monitor.maxLatency, dataIndex: 'max_latency_ms', align: 'right' as const, render: ms },
              ]}
            />
          )}
        </>
      )}
      {editing && <MonitorModal entryId={entryId} monitor={monitor} onClose={() => setEditing(false)} />}
    </Card>
  );
}

function MonitorModal({ entryId, monitor, onClose }: { entryId: string; monitor: Monitor | null; onClose: () => void }) {
  const { text: t } = useSlaText();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { reportError, checkValues } = useFormFeedback();
  const save = useSlaMutation((body: unknown) => api.put(`/api/sla/entries/${entryId}/monitor`, body));
  const initial = monitor ?? { url: 'https://', interval_seconds: 60, timeout_ms: 10_000, failures_to_open: 2, enabled: true };
  const submit = (values: Record<string, unknown>) => {
    const body = checkValues(monitorBody, values, form);
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => {
        void message.success(t.monitor.saved);
        onClose();
      },
      onError: (error) => reportError(error, form),
    });
  };
  return (
    <Modal open title={t.monitor.formTitle} onCancel={onClose} okText={t.form.save} cancelText={t.form.cancel} onOk={() => form.submit()} okButtonProps={{ disabled: save.isPending }} width={600} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="url" label={t.monitor.url} rules={[{ required: true }]}><Input type="url" maxLength={2000} /></Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="interval_seconds" label={t.monitor.interval}><InputNumber min={30} max={3600} precision={0} /></Form.Item>
          <Form.Item name="timeout_ms" label={t.monitor.timeout}><InputNumber min={500} max={30_000} step={500} precision={0} /></Form.Item>
          <Form.Item name="failures_to_open" label={t.monitor.failuresToOpen}><InputNumber min={1} max={10} precision={0} /></Form.Item>
        </Flex>
        <Form.Item name="enabled" valuePropName="checked"><Checkbox>{t.monitor.enabled}</Checkbox></Form.Item>
      </Form>
    </Modal>
  );
}
