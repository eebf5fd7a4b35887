import { useMutation } from '@tanstack/react-query';
import { Button, Flex, Form, Input, QRCode, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { MfaSetup, RecoveryCodes } from '../api/types.ts';
import { useFormFeedback } from '../lib/form-errors.ts';
import { LoadFailed } from './Problems.tsx';
import { RecoveryCodesPanel } from './RecoveryCodesPanel.tsx';

/**
 * TOTP enrolment: a fresh secret as QR code and text, a code to prove the app works, then the
 * recovery codes once. `onFinished` runs only after the user confirms the codes are kept.
 */
export function MfaEnrolment({ onFinished }: { onFinished: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const { reportError } = useFormFeedback();
  const [codes, setCodes] = useState<string[] | null>(null);
  const setup = useMutation({ mutationFn: () => api.post<MfaSetup>('/api/me/mfa/setup') });
  const enable = useMutation({
    mutationFn: (code: string) => api.post<RecoveryCodes>('/api/me/mfa/enable', { code }),
    onSuccess: (result) => setCodes(result.recovery_codes),
    onError: (error) => reportError(error, form),
  });

  // Each start issues a new secret, so start exactly once (React may run effects twice in development).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    setup.mutate();
  }, [setup]);

  if (codes) return <RecoveryCodesPanel codes={codes} onDone={onFinished} />;
  if (setup.isError) return <LoadFailed error={setup.error} onRetry={() => setup.mutate()} />;
  if (!setup.data) return <Spin tip={t('mfa.starting')}><div style={{ minHeight: 120 }} /></Spin>;

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('mfa.setupLead')}</Typography.Paragraph>
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        {t('mfa.step1')}
      </Typography.Title>
      <QRCode value={setup.data.otpauth_uri} size={184} bgColor="#ffffff" aria-label={t('mfa.qrLabel')} />
      <div>
        <Typography.Text>{t('mfa.secretLabel')}</Typography.Text>
        <div>
          <code data-testid="totp-secret" style={{ fontSize: 16, letterSpacing: 1, wordBreak: 'break-all', background: '#f5f5f5', padding: '4px 8px', borderRadius: 4 }}>
            {setup.data.secret}
          </code>
        </div>
      </div>
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        {t('mfa.step2')}
      </Typography.Title>
      <Form form={form} layout="vertical" requiredMark="optional" onFinish={(values) => enable.mutate(values.code.trim())}>
        <Form.Item name="code" label={t('mfa.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('mfa.codeRequired') }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} style={{ maxWidth: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={enable.isPending}>
          {t('mfa.enable')}
        </Button>
      </Form>
    </Flex>
  );
}
