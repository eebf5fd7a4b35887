import { DeleteOutlined, EditOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, List, Modal, Popconfirm, Radio, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadFailed } from '../../components/Problems.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import type { Entry } from '../register/register-api.ts';
import { useVendorServiceSearch } from '../incidents/incidents-api.ts';
import { addDependency, removeDependency, updateDependency, useDependencyMutation, useEntryDependencies, useWhatIfTargets, type EntryDependency } from './deps-api.ts';
import { useDepsText } from './deps-text.ts';

const title = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;
const subTitle = (text: string) => <h3 style={{ fontSize: 14, margin: '0 0 8px' }}>{text}</h3>;

function itemLabel(item: EntryDependency) {
  if (item.entry) return `${item.entry.external_key} ${item.entry.name}`;
  if (item.service) return `${item.service.name}（${item.service.vendor_name}）`;
  return '—';
}

/** 依存関係: what the entry runs on and what runs on it; add, edit the note, remove; a link to the what-if. */
export function DependenciesSection({ entry }: { entry: Entry }) {
  const { text: t, fill } = useDepsText();
  const view = useEntryDependencies(entry.id);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<EntryDependency | null>(null);
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const remove = useDependencyMutation(entry.id, (id: string) => removeDependency(id));
  if (view.isError) return <LoadFailed error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) return <Spin />;
  const data = view.data;

  const row = (item: EntryDependency, side: 'up' | 'down') => (
    <List.Item
      key={item.id}
      actions={
        data.can_edit && side === 'up'
          ? [
              <Button key="edit" size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(item)}>
                {t.section.editNote}
              </Button>,
              <Popconfirm key="remove" title={t.section.removeConfirm} okText={t.section.remove} cancelText={t.section.cancel} onConfirm={() => remove.mutate(item.id, { onSuccess: () => void message.success(t.section.removed), onError: (e) => reportError(e) })}>
                <Button size="small" danger icon={<DeleteOutlined aria-hidden />}>
                  {t.section.remove}
                </Button>
              </Popconfirm>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <Space wrap>
            <Tag>{item.kind === 'entry' ? t.section.kindEntry : t.section.kindService}</Tag>
            {item.entry ? <Link to={`/register/${item.entry.id}?tab=parties`}>{itemLabel(item)}</Link> : <span>{itemLabel(item)}</span>}
          </Space>
        }
        description={item.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{item.note}</span> : undefined}
      />
    </List.Item>
  );

  return (
    <Card
      title={title(t.section.title)}
      style={{ marginTop: 16 }}
      extra={
        <Space wrap>
          <Link to={`/register/what-if?target_type=entry&target_id=${entry.id}`}>
            <Button icon={<ThunderboltOutlined aria-hidden />}>{t.section.whatIf}</Button>
          </Link>
          {data.can_edit && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
              {t.section.add}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t.section.lead}</Typography.Paragraph>
      {!data.can_edit && <Typography.Paragraph type="secondary">{t.section.readOnly}</Typography.Paragraph>}
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          {subTitle(t.section.dependsOn)}
          <List size="small" bordered dataSource={data.depends_on} locale={{ emptyText: <Typography.Text type="secondary">{t.section.noneDependsOn}</Typography.Text> }} renderItem={(item) => row(item, 'up')} />
          {data.services_run_on.some((s) => s.runs_on.length) && (
            <div style={{ marginTop: 12 }}>
              {subTitle(t.section.servicesRunOn)}
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {data.services_run_on
                  .filter((s) => s.runs_on.length)
                  .map((s) => (
                    <li key={s.service.id}>{fill(t.section.runsOn, { service: `${s.service.name}（${s.service.vendor_name}）`, on: s.runs_on.map((o) => `${o.name}（${o.vendor_name}）`).join('、') })}</li>
                  ))}
              </ul>
            </div>
          )}
        </Col>
        <Col xs={24} lg={12}>
          {subTitle(t.section.dependedOnBy)}
          <List size="small" bordered dataSource={data.depended_on_by} locale={{ emptyText: <Typography.Text type="secondary">{t.section.noneDependedOnBy}</Typography.Text> }} renderItem={(item) => row(item, 'down')} />
        </Col>
      </Row>
      {adding && <AddDependencyModal entry={entry} onClose={() => setAdding(false)} />}
      {editing && <NoteModal entryId={entry.id} item={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function AddDependencyModal({ entry, onClose }: { entry: Entry; onClose: () => void }) {
  const { text: t } = useDepsText();
  const [form] = Form.useForm();
  const [kind, setKind] = useState<'entry' | 'service'>('service');
  const [q, setQ] = useState('');
  const services = useVendorServiceSearch(q, kind === 'service');
  const targets = useWhatIfTargets();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const add = useDependencyMutation(entry.id, (body: Parameters<typeof addDependency>[1]) => addDependency(entry.id, body));
  const entries = (targets.data?.groups.find((g) => g.key === 'entry')?.options ?? []).filter((o) => o.target_id !== entry.id);
  const submit = (values: { depends_on_entry_id?: string; depends_on_service_id?: string; note?: string }) => {
    const body = kind === 'entry' ? { depends_on_entry_id: values.depends_on_entry_id ?? null, note: values.note || null } : { depends_on_service_id: values.depends_on_service_id ?? null, note: values.note || null };
    add.mutate(body, {
      onSuccess: () => {
        void message.success(t.section.added);
        onClose();
      },
      // A cycle names depends_on_entry_id and says the way round: shown under the picker.
      onError: (error) => reportError(error, form),
    });
  };
  return (
    <Modal open title={t.section.add} okText={t.section.save} cancelText={t.section.cancel} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'service' }}>
        <Form.Item label={t.section.kind} name="kind">
          <Radio.Group
            onChange={(e) => {
              setKind(e.target.value);
              form.setFields([{ name: 'depends_on_entry_id', errors: [] }, { name: 'depends_on_service_id', errors: [] }]);
            }}
            options={[
              { value: 'service', label: t.section.kindService },
              { value: 'entry', label: t.section.kindEntry },
            ]}
          />
        </Form.Item>
        {kind === 'service' ? (
          <Form.Item label={t.section.servicePick} name="depends_on_service_id" rules={[{ required: true, message: t.section.servicePick }]}>
            <SelectField
              showSearch
              aria-required
              filterOption={false}
              onSearch={setQ}
              placeholder={t.section.serviceSearch}
              loading={services.isFetching}
              options={(services.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.vendor.name}）` }))}
            />
          </Form.Item>
        ) : (
          <Form.Item label={t.section.entryPick} name="depends_on_entry_id" rules={[{ required: true, message: t.section.entryPick }]}>
            <SelectField showSearch aria-required optionFilterProp="label" loading={targets.isLoading} options={entries.map((o) => ({ value: o.target_id, label: o.label }))} />
          </Form.Item>
        )}
        <Form.Item label={t.section.note} name="note">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NoteModal({ entryId, item, onClose }: { entryId: string; item: EntryDependency; onClose: () => void }) {
  const { text: t } = useDepsText();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const save = useDependencyMutation(entryId, (note: string | null) => updateDependency(item.id, note));
  return (
    <Modal open title={`${t.section.editNote}: ${itemLabel(item)}`} okText={t.section.save} cancelText={t.section.cancel} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ note: item.note ?? '' }}
        onFinish={(values: { note: string }) =>
          save.mutate(values.note.trim() || null, {
            onSuccess: () => {
              void message.success(t.section.saved);
              onClose();
            },
            onError: (e) => reportError(e, form),
          })
        }
      >
        <Form.Item label={t.section.note} name="note">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
