import { useMutation } from '@tanstack/react-query';
import { Button, Descriptions, Form, Input, Result, Spin } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { invitationAcceptBody } from '../../../shared/schemas/vendor-portal.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { usePublicInvitation, vendorPortalApi, type AcceptInput } from '../vendor-portal/vendor-portal-api.ts';
import { useVendorPortalText } from '../vendor-portal/vendor-portal-text.ts';
import { AuthLayout } from './AuthLayout.tsx';

interface Values {
  organisation_name: string;
  corporate_number: string;
  display_name: string;
  password: string;
  password_confirm: string;
}

/** /invite/:token — public: a vendor invited by a municipality creates its account (signed out, no app frame). */
export default function InvitationPage() {
  const { token } = useParams();
  const { text: t, fill } = useVendorPortalText();
  const invitation = usePublicInvitation(token);
  const [form] = Form.useForm<Values>();
  const { reportError, checkValues } = useFormFeedback();
  const [done, setDone] = useState<{ email: string; organisation: string } | null>(null);
  const accept = useMutation({
    mutationFn: (body: AcceptInput) => vendorPortalApi.accept(token!, body),
    onSuccess: (result) => setDone({ email: result.email, organisation: invitation.data?.organisation_name ?? '' }),
    onError: (error) => reportError(error, form),
  });

  if (invitation.isPending) {
    return (
      <AuthLayout title={t.invitation.title}>
        <Spin />
      </AuthLayout>
    );
  }
  if (invitation.isError || !invitation.data) {
    return (
      <AuthLayout title={t.invitation.invalid}>
        <Result status="warning" subTitle={t.invitation.invalidHint} extra={<Link to="/login">{t.invitation.toLogin}</Link>} />
      </AuthLayout>
    );
  }
  const data = invitation.data;
  if (done) {
    return (
      <AuthLayout title={t.invitation.done}>
        <Result status="success" subTitle={fill(t.invitation.doneHint, { email: done.email, organisation: done.organisation })} extra={<Link to="/login">{t.invitation.toLogin}</Link>} />
      </AuthLayout>
    );
  }
  const submit = (values: Values) => {
    const body = checkValues(invitationAcceptBody, { organisation_name: values.organisation_name, corporate_number: values.corporate_number, display_name: values.display_name, password: values.password }, form);
    if (body) accept.mutate(body);
  };
  return (
    <AuthLayout title={t.invitation.title} lead={fill(t.invitation.lead, { organisation: data.organisation_name, service: data.service_name })} width={560}>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t.invitation.email}>{data.email}</Descriptions.Item>
        <Descriptions.Item label={t.invitation.expires}>{formatDateTime(data.expires_at)}</Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ organisation_name: data.vendor_name, corporate_number: data.corporate_number ?? '' }}>
        <Form.Item name="organisation_name" label={t.invitation.organisationName} rules={[{ required: true, whitespace: true, message: t.invitation.required }]}>
          <Input maxLength={200} autoComplete="organization" />
        </Form.Item>
        <Form.Item name="corporate_number" label={t.invitation.corporateNumber} rules={[{ required: true, message: t.invitation.required }]}>
          <Input maxLength={13} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="display_name" label={t.invitation.displayName} rules={[{ required: true, whitespace: true, message: t.invitation.required }]}>
          <Input maxLength={100} autoComplete="name" />
        </Form.Item>
        <Form.Item name="password" label={t.invitation.password} rules={[{ required: true, message: t.invitation.required }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="password_confirm"
          label={t.invitation.passwordConfirm}
          dependencies={['password']}
          rules={[
            { required: true, message: t.invitation.required },
            // A rule (not an error set by hand), so that it clears as soon as the two match again.
            ({ getFieldValue }) => ({ validator: (_, value) => (!value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t.invitation.mismatch))) }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={accept.isPending}>
          {t.invitation.create}
        </Button>
      </Form>
    </AuthLayout>
  );
}
