import { MailOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { RequestStatus } from '../../../shared/assessments.ts';
import { answerRequestBody, invitationBody, INVITATION_STATES } from '../../../shared/schemas/vendor-portal.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { LoadFailed } from '../../components/Problems.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { formatDateTime, formatDate } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useEntry } from '../register/register-api.ts';
import { useEntryRequests, useInvitations, usePortalMutation, vendorPortalApi, type EntryRequest, type EntryRequests, type Invitation, type InvitationInput } from '../vendor-portal/vendor-portal-api.ts';
import { useVendorPortalText } from '../vendor-portal/vendor-portal-text.ts';
import { DateField } from '../../components/DateField.tsx';

const REQUEST_TONE: Record<RequestStatus, Tone> = { pending: 'warning', answered: 'success', withdrawn: 'neutral' };
const INVITATION_TONE: Record<(typeof INVITATION_STATES)[number], Tone> = { pending: 'info', accepted: 'success', revoked: 'neutral', expired: 'warning' };

/** On the register entry's 確認項目 tab: the linked vendor service, requests for its answers, and vendor invitations. */
export default function VendorRequestPanel({ entryId }: { entryId: string }) {
  const { text: t, fill } = useVendorPortalText();
  const entry = useEntry(entryId);
  const requests = useEntryRequests(entryId);
  const canEdit = entry.data?.can_edit ?? false;
  if (requests.isError) return <LoadFailed error={requests.error} onRetry={() => void requests.refetch()} />;
  const data = requests.data;
  return (
    <Card size="small" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t.panel.title}</Typography.Title>} loading={requests.isPending} style={{ marginBottom: 16 }} data-testid="vendor-request-panel">
      <Typography.Paragraph type="secondary">{t.panel.lead}</Typography.Paragraph>
      {data && data.vendor_service ? (
        <>
          <Typography.Paragraph strong>{fill(t.panel.linked, { vendor: data.vendor_service.vendor_name, service: data.vendor_service.name })}</Typography.Paragraph>
          {canEdit ? <RequestForm entryId={entryId} data={data} /> : <Typography.Paragraph type="secondary">{t.panel.readOnly}</Typography.Paragraph>}
          <RequestList entryId={entryId} data={data} canEdit={canEdit} />
        </>
      ) : (
        data && (
          <>
            <Alert type="info" showIcon message={t.panel.notLinked} description={t.panel.notLinkedHint} action={<Link to={`/register/${entryId}?tab=incidents`}>{t.panel.toLink}</Link>} style={{ marginBottom: 16 }} />
            <Invitations entryId={entryId} catalogues={data.catalogues} canEdit={canEdit} />
          </>
        )
      )}
    </Card>
  );
}

interface RequestValues {
  catalogue_urn?: string;
  due_date?: string;
  message?: string;
}

function RequestForm({ entryId, data }: { entryId: string; data: EntryRequests }) {
  const { text: t, vocab } = useVendorPortalText();
  const { message } = App.useApp();
  const [form] = Form.useForm<RequestValues>();
  const { reportError, checkValues } = useFormFeedback();
  const request = usePortalMutation((body: { catalogue_urn: string; due_date: string; message?: string | null }) => vendorPortalApi.request(entryId, body));
  const submit = (values: RequestValues) => {
    const body = checkValues(answerRequestBody, { catalogue_urn: values.catalogue_urn, due_date: values.due_date, message: values.message?.trim() || null }, form);
    if (!body) return;
    request.mutate(body, { onSuccess: () => { void message.success(t.panel.requested); form.resetFields(); }, onError: (error) => reportError(error, form) });
  };
  return (
    <Form form={form} name={`request-${entryId}`} layout="inline" onFinish={submit} initialValues={{ catalogue_urn: (data.catalogues.find((c) => c.urn === 'urn:daicho:catalogue:confirmation-items') ?? data.catalogues[0])?.urn }} style={{ marginBottom: 12, rowGap: 8 }}>
      <Form.Item name="catalogue_urn" label={t.panel.catalogue} rules={[{ required: true, message: t.answers.choose }]}>
        <SelectField aria-required style={{ minWidth: 300 }} options={data.catalogues.map((c) => ({ value: c.urn, label: vocab.name(c.name) }))} />
      </Form.Item>
      <Form.Item name="due_date" label={t.panel.due} rules={[{ required: true, message: t.invitation.required }]}>
        <DateField min={japanToday(new Date())} aria-required="true" />
      </Form.Item>
      <Form.Item name="message" label={t.panel.message}>
        <Input maxLength={2000} style={{ minWidth: 240 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<SendOutlined aria-hidden />} loading={request.isPending}>
        {t.panel.request}
      </Button>
    </Form>
  );
}

function RequestList({ entryId, data, canEdit }: { entryId: string; data: EntryRequests; canEdit: boolean }) {
  const { text: t, fill, vocab } = useVendorPortalText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const [terms, setTerms] = useState<EntryRequest | null>(null);
  const accept = usePortalMutation((requestId: string) => vendorPortalApi.acceptTerms(entryId, requestId));
  const withdraw = usePortalMutation((requestId: string) => vendorPortalApi.withdraw(entryId, requestId));
  return (
    <>
      <Typography.Title level={4} style={{ fontSize: 14 }}>{t.panel.list}</Typography.Title>
      <Table<EntryRequest>
        size="small"
        rowKey="id"
        dataSource={data.items}
        pagination={false}
        locale={{ emptyText: <Typography.Text type="secondary">{t.panel.noRequests}</Typography.Text> }}
        columns={[
          { title: t.panel.catalogue, key: 'catalogue', render: (_: unknown, r) => vocab.name(r.catalogue_name) },
          { title: t.panel.due, dataIndex: 'due_date', render: (v: string, r) => <>{formatDate(v)} {r.overdue && <StatusTag tone="error">{t.panel.overdue}</StatusTag>}</> },
          { title: t.panel.status, dataIndex: 'status', render: (v: RequestStatus) => <StatusTag tone={REQUEST_TONE[v]}>{vocab.request(v)}</StatusTag> },
          { title: t.panel.pending, dataIndex: 'pending_items', render: (v: number) => fill(t.panel.pendingValue, { count: v }) },
          {
            title: t.panel.terms,
            key: 'terms',
            render: (_: unknown, r) =>
              r.terms_accepted_at ? fill(t.panel.termsAccepted, { at: formatDateTime(r.terms_accepted_at) }) : r.needs_terms ? <StatusTag tone="warning">{t.panel.needsTerms}</StatusTag> : '—',
          },
          {
            title: t.common.actions,
            key: 'actions',
            render: (_: unknown, r) =>
              canEdit &&
              r.status !== 'withdrawn' && (
                <Space wrap>
                  {!r.terms_accepted_at && data.answer_terms && (
                    <Button size="small" onClick={() => setTerms(r)}>
                      {t.panel.showTerms}
                    </Button>
                  )}
                  <Popconfirm title={t.panel.withdrawConfirm} okText={t.panel.withdraw} cancelText={t.common.cancel} onConfirm={() => withdraw.mutate(r.id, { onSuccess: () => void message.success(t.panel.withdrawn), onError: (e) => reportError(e) })}>
                    <Button size="small" danger aria-label={`${t.panel.withdraw}: ${vocab.name(r.catalogue_name)}`}>
                      {t.panel.withdraw}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      {terms && (
        <Modal
          open
          title={t.panel.termsTitle}
          okText={t.panel.agree}
          cancelText={t.common.cancel}
          confirmLoading={accept.isPending}
          onCancel={() => setTerms(null)}
          onOk={() =>
            accept.mutate(terms.id, {
              onSuccess: () => {
                void message.success(t.panel.agreed);
                setTerms(null);
              },
              onError: (e) => reportError(e),
            })
          }
        >
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="answer-terms">{data.answer_terms}</Typography.Paragraph>
        </Modal>
      )}
    </>
  );
}

interface InviteValues {
  email?: string;
  vendor_name?: string;
  service_name?: string;
  corporate_number?: string;
  catalogue_urn?: string;
  due_date?: string;
}

function Invitations({ entryId, catalogues, canEdit }: { entryId: string; catalogues: EntryRequests['catalogues']; canEdit: boolean }) {
  const { text: t, vocab } = useVendorPortalText();
  const { message } = App.useApp();
  const [form] = Form.useForm<InviteValues>();
  const { reportError, checkValues } = useFormFeedback();
  const invitations = useInvitations(entryId);
  const invite = usePortalMutation((body: InvitationInput) => vendorPortalApi.invite(entryId, body));
  const revoke = usePortalMutation((id: string) => vendorPortalApi.revoke(entryId, id));
  const submit = (values: InviteValues) => {
    const body = checkValues(
      invitationBody,
      {
        email: values.email ?? '',
        vendor_name: values.vendor_name ?? '',
        service_name: values.service_name ?? '',
        corporate_number: values.corporate_number?.trim() || null,
        catalogue_urn: values.catalogue_urn || null,
        due_date: values.due_date || null,
      },
      form,
    );
    if (!body) return;
    invite.mutate(body, { onSuccess: () => { void message.success(t.panel.sent); form.resetFields(); }, onError: (error) => reportError(error, form) });
  };
  return (
    <>
      <Typography.Title level={4} style={{ fontSize: 14 }}>{t.panel.invite}</Typography.Title>
      <Typography.Paragraph type="secondary">{t.panel.inviteLead}</Typography.Paragraph>
      {canEdit ? (
        <Form form={form} name={`invite-${entryId}`} layout="vertical" onFinish={submit} style={{ maxWidth: 640 }}>
          <Form.Item name="email" label={t.panel.email} rules={[{ required: true, message: t.invitation.required }]}>
            <Input type="email" maxLength={254} />
          </Form.Item>
          <Space wrap style={{ width: '100%' }}>
            <Form.Item name="vendor_name" label={t.panel.vendorName} rules={[{ required: true, whitespace: true, message: t.invitation.required }]}>
              <Input maxLength={200} style={{ minWidth: 260 }} />
            </Form.Item>
            <Form.Item name="service_name" label={t.panel.serviceName} rules={[{ required: true, whitespace: true, message: t.invitation.required }]}>
              <Input maxLength={200} style={{ minWidth: 260 }} />
            </Form.Item>
          </Space>
          <Form.Item name="corporate_number" label={t.panel.corporateNumber}>
            <Input maxLength={13} inputMode="numeric" style={{ maxWidth: 220 }} />
          </Form.Item>
          <Space wrap style={{ width: '100%' }}>
            <Form.Item name="catalogue_urn" label={t.panel.inviteCatalogue}>
              <SelectField allowClear style={{ minWidth: 300 }} placeholder={t.panel.none} options={catalogues.map((c) => ({ value: c.urn, label: vocab.name(c.name) }))} />
            </Form.Item>
            <Form.Item name="due_date" label={t.panel.inviteDue}>
              <DateField min={japanToday(new Date())} />
            </Form.Item>
          </Space>
          <Button htmlType="submit" icon={<MailOutlined aria-hidden />} loading={invite.isPending}>
            {t.panel.send}
          </Button>
        </Form>
      ) : (
        <Typography.Paragraph type="secondary">{t.panel.readOnly}</Typography.Paragraph>
      )}
      <Typography.Title level={4} style={{ fontSize: 14, marginTop: 16 }}>{t.panel.invitations}</Typography.Title>
      {invitations.isError ? (
        <LoadFailed error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : (
        <Table<Invitation>
          size="small"
          rowKey="id"
          loading={invitations.isPending}
          dataSource={invitations.data ?? []}
          pagination={false}
          locale={{ emptyText: <Typography.Text type="secondary">{t.panel.noInvitations}</Typography.Text> }}
          columns={[
            { title: t.panel.email, dataIndex: 'email' },
            { title: t.panel.vendorName, key: 'vendor', render: (_: unknown, r) => `${r.vendor_name}「${r.service_name}」` },
            { title: t.panel.state, dataIndex: 'state', render: (v: Invitation['state']) => <StatusTag tone={INVITATION_TONE[v]}>{t.panel.states[v]}</StatusTag> },
            { title: t.panel.expires, dataIndex: 'expires_at', render: (v: string) => formatDateTime(v) },
            {
              title: t.common.actions,
              key: 'actions',
              render: (_: unknown, r) =>
                canEdit &&
                r.state === 'pending' && (
                  <Popconfirm title={t.panel.revokeConfirm} okText={t.panel.revoke} cancelText={t.common.cancel} onConfirm={() => revoke.mutate(r.id, { onSuccess: () => void message.success(t.panel.revoked), onError: (e) => reportError(e) })}>
                    <Button size="small" danger aria-label={`${t.panel.revoke}: ${r.email}`}>
                      {t.panel.revoke}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
