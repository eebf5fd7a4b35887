import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { vendorBody } from '../../../shared/schemas/register.ts';
import { api } from '../../api/client.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useRegisterMutation, useRegisterOptions, useVendors, type Vendor } from './register-api.ts';
import { useRegisterText } from './register-text.ts';

export default function VendorsPage() {
  const { text: t } = useRegisterText();
  const [q, setQ] = useState('');
  const vendors = useVendors(q);
  const canEdit = useRegisterOptions().data?.can_create ?? false;
  const [editing, setEditing] = useState<Vendor | 'new' | null>(null);
  const { reportError } = useFormFeedback();
  const remove = useRegisterMutation((id: string) => api.delete(`/api/register/vendors/${id}`));
  return (
    <>
      <PageHeading title={t.vendors.title} lead={t.vendors.lead}
        extra={canEdit && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{t.vendors.create}</Button>} />
      <Flex style={{ marginBottom: 12 }}>
        <Input.Search aria-label={t.vendors.search} placeholder={t.vendors.search} allowClear enterButton={t.list.searchButton} onSearch={setQ} style={{ maxWidth: 420 }} />
      </Flex>
      {vendors.isError ? (
        <LoadFailed error={vendors.error} onRetry={() => void vendors.refetch()} />
      ) : (
        <Table rowKey="id" loading={vendors.isPending} dataSource={vendors.data ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState title={t.vendors.empty} hint={canEdit ? t.vendors.emptyHint : undefined} /> }}
          columns={[
            { title: t.vendors.name, dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'ja') },
            { title: t.vendors.corporate_number, dataIndex: 'corporate_number', render: (v: string | null) => v ?? '—' },
            { title: t.vendors.certifications, dataIndex: 'certifications', render: (v: string | null) => v ?? '—' },
            { title: t.vendors.entries, dataIndex: 'entry_count', align: 'right', sorter: (a, b) => a.entry_count - b.entry_count,
              render: (n: number, v: Vendor) => (n > 0 ? <Link to={`/register?vendor_id=${v.id}`}>{n}</Link> : 0) },
            ...(canEdit ? [{ title: '', key: 'actions', render: (_: unknown, v: Vendor) => (
              <Space>
                <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(v)}>{t.entry.edit}</Button>
                <Popconfirm title={t.vendors.deleteConfirm} okText={t.vendors.delete} cancelText={t.form.cancel} onConfirm={() => remove.mutate(v.id, { onError: (e) => reportError(e) })}>
                  <Button size="small" danger icon={<DeleteOutlined aria-hidden />} disabled={v.entry_count > 0}>{t.vendors.delete}</Button>
                </Popconfirm>
              </Space>
            ) }] : []),
          ]} />
      )}
      {editing && <VendorModal vendor={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function VendorModal({ vendor, onClose }: { vendor: Vendor | null; onClose: () => void }) {
  const { text: t } = useRegisterText();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { reportError, checkValues } = useFormFeedback();
  const save = useRegisterMutation((body: unknown) => (vendor ? api.put(`/api/register/vendors/${vendor.id}`, body) : api.post('/api/register/vendors', body)));
  const submit = (values: Record<string, unknown>) => {
    const cleaned = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' || v === undefined ? null : v]));
    const body = checkValues(vendorBody as never, cleaned, form);
    if (body) save.mutate(body, { onSuccess: () => { void message.success(t.entry.saved); onClose(); }, onError: (e) => reportError(e, form) });
  };
  return (
    <Modal open title={vendor ? t.vendors.editTitle : t.vendors.createTitle} okText={t.form.submit} cancelText={t.form.cancel} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={vendor ?? {}} onFinish={submit}>
        <Form.Item name="name" label={t.vendors.name} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="corporate_number" label={t.vendors.corporate_number}><Input maxLength={13} inputMode="numeric" /></Form.Item>
        <Form.Item name="address" label={t.vendors.address}><Input maxLength={300} /></Form.Item>
        <Form.Item name="contact_name" label={t.vendors.contact_name}><Input maxLength={100} /></Form.Item>
        <Form.Item name="contact_email" label={t.vendors.contact_email}><Input type="email" maxLength={254} /></Form.Item>
        <Form.Item name="contact_phone" label={t.vendors.contact_phone}><Input maxLength={40} /></Form.Item>
        <Form.Item name="certifications" label={t.vendors.certifications}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        <Form.Item name="notes" label={t.vendors.notes}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}
