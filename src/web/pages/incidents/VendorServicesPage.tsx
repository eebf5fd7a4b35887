import { AlertOutlined, ApartmentOutlined, DeleteOutlined, EditOutlined, FormOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { vendorServiceBody } from '../../../shared/schemas/incidents.ts';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { compareNumber, compareText } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { incidentApi, useIncidentMutation, useMyVendorServices, type MyVendorService } from './incidents-api.ts';
import { useIncidentText } from './incidents-text.ts';
import { useVendorPortalText } from '../vendor-portal/vendor-portal-text.ts';
import { useLabels } from '../../lib/labels.ts';
import { SplitModal } from '../parties/SplitModal.tsx';
import { useMatrixText } from '../parties/matrix-text.ts';
import { ServiceReachPanel } from '../parties/ServiceReachPanel.tsx';
import { useCertificateText } from '../certificates/certificates-text.ts';

/** /vendor/services — a vendor keeps its service profiles and sees which municipalities link to each. */
export default function VendorServicesPage() {
  const { text: t, lang, fill } = useIncidentText();
  const { text: answersText } = useVendorPortalText();
  const { text: certificatesText } = useCertificateText();
  const { localName } = useLabels();
  const me = useMe();
  const { message, modal } = App.useApp();
  const isVendor = me.organisation.kind === 'vendor';
  const services = useMyVendorServices(isVendor);
  const [editing, setEditing] = useState<MyVendorService | 'new' | null>(null);
  const [splitOf, setSplitOf] = useState<MyVendorService | null>(null);
  const { text: matrixText } = useMatrixText();
  const remove = useIncidentMutation((id: string) => incidentApi.deleteService(id));

  if (!isVendor) {
    return (
      <>
        <PageHeading title={t.services.title} />
        <EmptyState title={t.services.notVendorTitle} hint={t.services.notVendorHint} action={<Link to="/incidents">{t.overview.toList}</Link>} />
      </>
    );
  }

  const doDelete = (service: MyVendorService) =>
    remove.mutate(service.id, {
      onSuccess: () => void message.success(t.services.deleted),
      onError: (error) => {
        const reasons = error instanceof ApiError ? error.details.map((x) => (lang === 'en' ? (x.reason_en ?? x.reason) : x.reason)) : [];
        modal.error({ title: t.services.deleteRefused, content: reasons.join(' / ') || (error instanceof ApiError ? error.localized(lang) : String(error)) });
      },
    });

  const addButton = (
    <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{t.services.add}</Button>
  );
  const items = services.data ?? [];
  return (
    <>
      <PageHeading title={t.services.title} lead={t.services.lead} extra={addButton} />
      {services.isError ? (
        <LoadFailed error={services.error} onRetry={() => void services.refetch()} />
      ) : !services.isPending && items.length === 0 ? (
        <EmptyState title={t.services.empty} hint={t.services.emptyHint} action={addButton} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={services.isPending}
          dataSource={items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 960 }}
          data-testid="vendor-services-table"
          expandable={{ expandedRowRender: (r: MyVendorService) => <ServiceReachPanel serviceId={r.id} /> }}
          columns={[
            {
              title: t.services.name,
              dataIndex: 'name',
              width: 340,
              defaultSortOrder: 'ascend' as const,
              sorter: (a: MyVendorService, b: MyVendorService) => compareText(a.name, b.name),
              render: (v: string, r: MyVendorService) => (
                <>
                  <Typography.Text strong>{v}</Typography.Text>
                  {r.description && <div style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>{r.description}</div>}
                </>
              ),
            },
            {
              title: t.services.linked,
              key: 'linked',
              sorter: (a: MyVendorService, b: MyVendorService) => compareNumber(a.linked.length, b.linked.length),
              render: (_: unknown, r: MyVendorService) =>
                r.linked.length === 0 ? (
                  <Typography.Text type="secondary">{t.services.linkedNone}</Typography.Text>
                ) : (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="linked-organisations">
                    {r.linked.map((l) => (
                      <li key={l.organisation_id}>{fill(t.services.linkedValue, { name: localName(l.organisation_name, l.organisation_name_en), count: l.entry_count })}</li>
                    ))}
                  </ul>
                ),
            },
            {
              title: t.services.actions,
              key: 'actions',
              render: (_: unknown, r: MyVendorService) => (
                <Space wrap>
                  <Link to={`/vendor/services/${r.id}/answers`}>
                    <Button size="small" icon={<FormOutlined aria-hidden />} aria-label={`${answersText.answers.open}: ${r.name}`}>{answersText.answers.open}</Button>
                  </Link>
                  <Link to={`/certificates?service=${r.id}`}>
                    <Button size="small" icon={<SafetyCertificateOutlined aria-hidden />} aria-label={`${certificatesText.page.ofService}: ${r.name}`}>{certificatesText.page.ofService}</Button>
                  </Link>
                  <Link to={`/incidents/new?service=${r.id}`}>
                    <Button size="small" icon={<AlertOutlined aria-hidden />} aria-label={`${t.services.report}: ${r.name}`}>{t.services.report}</Button>
                  </Link>
                  <Button size="small" icon={<ApartmentOutlined aria-hidden />} aria-label={`${matrixText.splitOpen}: ${r.name}`} onClick={() => setSplitOf(r)}>{matrixText.splitOpen}</Button>
                  <Button size="small" icon={<EditOutlined aria-hidden />} aria-label={`${t.services.edit}: ${r.name}`} onClick={() => setEditing(r)}>{t.services.edit}</Button>
                  <Popconfirm title={t.services.deleteConfirm} okText={t.services.delete} cancelText={t.services.cancel} onConfirm={() => doDelete(r)}>
                    <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t.services.delete}: ${r.name}`}>{t.services.delete}</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && <ServiceModal service={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {splitOf && <SplitModal serviceId={splitOf.id} serviceName={splitOf.name} onClose={() => setSplitOf(null)} />}
    </>
  );
}

function ServiceModal({ service, onClose }: { service: MyVendorService | null; onClose: () => void }) {
  const { text: t } = useIncidentText();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { reportError, checkValues } = useFormFeedback();
  const save = useIncidentMutation((body: { name: string; description?: string | null }) => (service ? incidentApi.updateService(service.id, body) : incidentApi.createService(body)));
  const submit = (values: { name?: string; description?: string }) => {
    const body = checkValues(vendorServiceBody, { name: values.name?.trim() ?? '', description: values.description?.trim() || null }, form);
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => {
        void message.success(t.services.saved);
        onClose();
      },
      onError: (error) => reportError(error, form),
    });
  };
  return (
    <Modal
      open
      title={service ? t.services.editTitle : t.services.createTitle}
      onCancel={onClose}
      okText={t.services.save}
      cancelText={t.services.cancel}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      width={600}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ name: service?.name ?? '', description: service?.description ?? '' }}>
        <Form.Item name="name" label={t.services.name} rules={[{ required: true, whitespace: true, message: t.report.required }]}>
          <Input maxLength={200} placeholder={t.services.namePlaceholder} />
        </Form.Item>
        <Form.Item name="description" label={t.services.description}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
