import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/password.ts';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useFormFeedback } from '../lib/form-errors.ts';
import { useLabels } from '../lib/labels.ts';

interface PasswordValues {
  current_password: string;
  new_password: string;
  confirm_password: string;
}

/** Current, new and repeated password; the new one is checked with the shared password rules. */
export function ChangePasswordForm({ email, onChanged }: { email: string; onChanged: (me: Me) => void }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const [form] = Form.useForm<PasswordValues>();
  const { reportError } = useFormFeedback();
  const change = useMutation({
    mutationFn: (values: PasswordValues) =>
      api.post<Me>('/api/auth/password', { current_password: values.current_password, new_password: values.new_password }),
    onSuccess: (me) => {
      form.resetFields();
      onChanged(me);
    },
    onError: (error) => reportError(error, form),
  });
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => change.mutate(values)} style={{ maxWidth: 420 }}>
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Form.Item name="current_password" label={t('auth.currentPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="new_password"
        label={t('auth.newPassword')}
        extra={t('auth.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        rules={[
          {
            validator: async (_rule, value: string | undefined) => {
              const problem = passwordProblem(value ?? '', email);
              if (problem) throw new Error(PASSWORD_PROBLEM_MESSAGES[problem][lang]);
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm_password"
        label={t('auth.confirmPassword')}
        dependencies={['new_password']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value !== getFieldValue('new_password')) throw new Error(t('auth.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('auth.changePassword')}
      </Button>
    </Form>
  );
}
