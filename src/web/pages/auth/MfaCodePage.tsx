import { useMutation } from '@tanstack/react-query';
import { Button, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useLogout, useSetSession } from '../../api/session.ts';
import type { Me } from '../../api/types.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { AuthLayout } from './AuthLayout.tsx';

/** Second sign-in step: a 6-digit TOTP code or a one-time recovery code. */
export default function MfaCodePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const setSession = useSetSession();
  const logout = useLogout();
  const { reportError } = useFormFeedback();
  const verify = useMutation({
    mutationFn: (code: string) => api.post<Me>('/api/auth/mfa', { code }),
    onSuccess: setSession,
    onError: (error) => {
      form.setFieldValue('code', '');
      reportError(error, form);
    },
  });
  return (
    <AuthLayout title={t('auth.mfaTitle')} lead={t('auth.mfaLead')}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => verify.mutate(values.code.trim())}>
        <Form.Item name="code" label={t('auth.mfaCode')} rules={[{ required: true, whitespace: true, message: t('auth.mfaCodeRequired') }]}>
          <Input autoComplete="one-time-code" autoFocus maxLength={32} />
        </Form.Item>
        <Flex vertical gap={8}>
          <Button type="primary" htmlType="submit" block loading={verify.isPending}>
            {t('auth.verify')}
          </Button>
          <Button type="link" onClick={() => void logout()}>
            {t('auth.useOtherAccount')}
          </Button>
        </Flex>
      </Form>
    </AuthLayout>
  );
}
