import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { loginBody } from '../../../shared/schemas/auth.ts';
import { api } from '../../api/client.ts';
import { useSetSession } from '../../api/session.ts';
import type { Me } from '../../api/types.ts';
import { applyLanguage } from '../../i18n/index.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { AuthLayout } from './AuthLayout.tsx';

interface LoginValues {
  email: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const setSession = useSetSession();
  const { reportError, checkValues } = useFormFeedback();
  const login = useMutation({
    mutationFn: (values: LoginValues) => api.post<Me>('/api/auth/login', values),
    onSuccess: (me) => {
      if (me.user.locale === 'ja' || me.user.locale === 'en') applyLanguage(me.user.locale);
      setSession(me);
    },
    onError: (error) => reportError(error, form),
  });
  const submit = (values: LoginValues) => {
    const parsed = checkValues(loginBody, values, form);
    if (parsed) login.mutate(parsed);
  };
  return (
    <AuthLayout title={t('auth.loginTitle')} lead={t('auth.loginLead')}>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="email" label={t('auth.email')} rules={[{ required: true, message: t('auth.emailRequired') }]}>
          <Input type="email" autoComplete="username" inputMode="email" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('auth.login')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
