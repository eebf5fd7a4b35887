import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';

interface DisableValues {
  password: string;
  code: string;
}

/** Turning MFA off needs the password and a current code, so a stolen session cannot do it. */
export function MfaDisableModal({ onClose, onDisabled }: { onClose: () => void; onDisabled: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DisableValues>();
  const { reportError } = useFormFeedback();
  const disable = useMutation({
    mutationFn: (values: DisableValues) => api.post('/api/me/mfa/disable', { password: values.password, code: values.code.trim() }),
    onSuccess: () => {
      void message.success(t('profile.disabledDone'));
      onDisabled();
    },
    onError: (error) => reportError(error, form),
  });
  return (
    <Modal open title={t('profile.disableTitle')} okText={t('profile.disable')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={disable.isPending}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => disable.mutate(values)}>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="code" label={t('mfa.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('mfa.codeRequired') }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} style={{ maxWidth: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
