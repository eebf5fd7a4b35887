import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Table } from 'antd';
import { useState } from 'react';
import { categoryBody } from '../../../shared/schemas/register.ts';
import { api } from '../../api/client.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useCategories, useRegisterMutation, type Category } from './register-api.ts';
import { useRegisterText } from './register-text.ts';

/** The organisation's own list of categories (区分), kept by its administrator. */
export default function CategoriesPage() {
  const { text: t } = useRegisterText();
  const categories = useCategories();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const { reportError } = useFormFeedback();
  const remove = useRegisterMutation((id: string) => api.delete(`/api/register/categories/${id}`));
  if (categories.isError) return <LoadFailed error={categories.error} onRetry={() => void categories.refetch()} />;
  return (
    <>
      <PageHeading title={t.categories.title} lead={t.categories.lead} extra={<Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{t.categories.create}</Button>} />
      <Table rowKey="id" loading={categories.isPending} dataSource={categories.data ?? []} pagination={false}
        columns={[
          { title: t.categories.sort_order, dataIndex: 'sort_order', width: 90 },
          { title: t.categories.name, dataIndex: 'name', render: (v: string, c: Category) => <Button type="link" onClick={() => setEditing(c)}>{v}</Button> },
          { title: t.categories.name_en, dataIndex: 'name_en', render: (v: string | null) => v ?? '—' },
          { title: t.categories.entries, dataIndex: 'entry_count', align: 'right' },
          { title: '', key: 'delete', render: (_: unknown, c: Category) => (
            <Popconfirm title={`${c.name}: ${t.categories.delete}?`} okText={t.categories.delete} cancelText={t.form.cancel} onConfirm={() => remove.mutate(c.id, { onError: (e) => reportError(e) })}>
              <Button size="small" danger icon={<DeleteOutlined aria-hidden />} disabled={c.entry_count > 0}>{t.categories.delete}</Button>
            </Popconfirm>
          ) },
        ]} />
      {editing && <CategoryModal category={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function CategoryModal({ category, onClose }: { category: Category | null; onClose: () => void }) {
  const { text: t } = useRegisterText();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { reportError, checkValues } = useFormFeedback();
  const save = useRegisterMutation((body: unknown) => (category ? api.put(`/api/register/categories/${category.id}`, body) : api.post('/api/register/categories', body)));
  const submit = (values: Record<string, unknown>) => {
    const body = checkValues(categoryBody as never, { ...values, name_en: values.name_en || null }, form);
    if (body) save.mutate(body, { onSuccess: () => { void message.success(t.entry.saved); onClose(); }, onError: (e) => reportError(e, form) });
  };
  return (
    <Modal open title={category ? category.name : t.categories.create} okText={t.form.submit} cancelText={t.form.cancel} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={category ?? { sort_order: 100 }} onFinish={submit}>
        <Form.Item name="name" label={t.categories.name} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="name_en" label={t.categories.name_en}><Input maxLength={100} /></Form.Item>
        <Form.Item name="sort_order" label={t.categories.sort_order}><InputNumber min={0} max={999} /></Form.Item>
      </Form>
    </Modal>
  );
}
