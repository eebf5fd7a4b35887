import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { OUTAGE_CAUSES } from '../../../shared/sla.ts';
import { outageBody } from '../../../shared/schemas/sla.ts';
import { api } from '../../api/client.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useOutages, useSlaMutation, type Outage } from './sla-api.ts';
import { duration, isoToJapanLocal, japanLocalToIso, SOURCE_TONE, vocab } from './sla-format.ts';
import { useSlaText } from './sla-text.ts';
import { DateField } from '../../components/DateField.tsx';

const TIME_FIELDS = ['occurred_at', 'detected_at', 'reported_at', 'confirmed_at', 'recovered_at'] as const;

/** Outage records of one service from the three sources, and the form for one entered by hand. */
export function OutagesPanel({ entryId, canEdit, from, to }: { entryId: string; canEdit: boolean; from: string; to: string }) {
  const { text: t, lang, fill } = useSlaText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const outages = useOutages(entryId, from, to);
  const [editing, setEditing] = useState<Outage | 'new' | null>(null);
  const remove = useSlaMutation((id: string) => api.delete(`/api/sla/outages/${id}`));
  const items = [...(outages.data ?? [])].sort((a, b) => b.occurred_at.localeCompare(a.occurred_at));
  const title = <h2 style={{ fontSize: 16, margin: 0 }}>{t.outages.title}</h2>;
  const recordButton = canEdit && <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{t.outages.record}</Button>;
  return (
    <Card title={title} extra={recordButton}>
      <Typography.Paragraph>{t.outages.lead}</Typography.Paragraph>
      {outages.isError ? (
        <LoadFailed error={outages.error} onRetry={() => void outages.refetch()} />
      ) : !outages.isPending && items.length === 0 ? (
        <EmptyState title={t.outages.empty} hint={t.outages.emptyHint} action={recordButton} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={outages.isPending}
          dataSource={items}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          data-testid="sla-outages-table"
          columns={[
            { title: t.outages.occurred, dataIndex: 'occurred_at', render: (v: string) => formatDateTime(v) },
            { title: t.outages.recovered, dataIndex: 'recovered_at', render: (v: string | null) => (v ? formatDateTime(v) : <StatusTag tone="error">{t.outages.open}</StatusTag>) },
            { title: t.outages.minutes, dataIndex: 'minutes', align: 'right' as const, render: (v: number) => duration(v, t, fill) },
            { title: t.outages.cause, dataIndex: 'cause', render: (v: Outage['cause']) => vocab.cause(v, lang) },
            { title: t.outages.source, dataIndex: 'source', render: (v: Outage['source']) => <StatusTag tone={SOURCE_TONE[v]}>{vocab.source(v, lang)}</StatusTag> },
            { title: t.outages.description, dataIndex: 'description', render: (v: string | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{v ?? '—'}</span> },
            ...(canEdit
              ? [
                  {
                    title: t.common.actions,
                    key: 'actions',
                    // Hand entries can be corrected; a hand entry or a monitor's false alarm can be removed.
                    render: (_: unknown, o: Outage) =>
                      o.source !== 'vendor_report' ? (
                        <Space>
                          {o.source === 'manual' && <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(o)}>{t.outages.edit}</Button>}
                          <Popconfirm title={t.outages.deleteConfirm} okText={t.outages.delete} cancelText={t.form.cancel}
                            onConfirm={() => remove.mutate(o.id, { onSuccess: () => void message.success(t.outages.deleted), onError: (error) => reportError(error) })}>
                            <Button size="small" danger icon={<DeleteOutlined aria-hidden />}>{t.outages.delete}</Button>
                          </Popconfirm>
                        </Space>
                      ) : (
                        '—'
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing && <OutageModal entryId={entryId} outage={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function OutageModal({ entryId, outage, onClose }: { entryId: string; outage: Outage | null; onClose: () => void }) {
  const { text: t, lang } = useSlaText();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { reportError, checkValues } = useFormFeedback();
  const save = useSlaMutation((body: unknown) => (outage ? api.put<Outage>(`/api/sla/outages/${outage.id}`, body) : api.post<Outage>(`/api/sla/entries/${entryId}/outages`, body)));
  const initial = outage
    ? { ...Object.fromEntries(TIME_FIELDS.map((f) => [f, isoToJapanLocal(outage[f])])), cause: outage.cause, description: outage.description ?? '' }
    : { cause: 'vendor' };
  const submit = (values: Record<string, string | undefined>) => {
    const raw: Record<string, unknown> = { cause: values.cause, description: values.description?.trim() || null };
    for (const f of TIME_FIELDS) raw[f] = japanLocalToIso(values[f]);
    const body = checkValues(outageBody, raw, form);
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => {
        void message.success(t.outages.saved);
        onClose();
      },
      onError: (error) => reportError(error, form),
    });
  };
  const labels: Record<(typeof TIME_FIELDS)[number], string> = { occurred_at: t.outages.occurred, detected_at: t.outages.detected, reported_at: t.outages.reported, confirmed_at: t.outages.confirmed, recovered_at: t.outages.recovered };
  return (
    <Modal open title={outage ? t.outages.editTitle : t.outages.createTitle} onCancel={onClose} okText={t.form.save} cancelText={t.form.cancel} onOk={() => form.submit()} okButtonProps={{ disabled: save.isPending }} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t.outages.japanTime}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Flex gap={16} wrap>
          {TIME_FIELDS.map((f) => (
            <Form.Item key={f} name={f} label={`${labels[f]}（${t.outages.japanTime}）`} rules={f === 'occurred_at' || f === 'recovered_at' ? [{ required: true }] : []} style={{ minWidth: 260 }}>
              <DateField withTime />
            </Form.Item>
          ))}
        </Flex>
        <Form.Item name="cause" label={t.outages.cause} rules={[{ required: true }]}>
          <SelectField aria-required options={OUTAGE_CAUSES.map((c) => ({ value: c, label: vocab.cause(c, lang) }))} />
        </Form.Item>
        <Form.Item name="description" label={t.outages.description}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}
