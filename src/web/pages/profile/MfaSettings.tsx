import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { SESSION_KEY } from '../../api/session.ts';
import type { MfaStatus, RecoveryCodes } from '../../api/types.ts';
import { MfaEnrolment } from '../../components/MfaEnrolment.tsx';
import { RecoveryCodesPanel } from '../../components/RecoveryCodesPanel.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { MfaDisableModal } from './MfaDisableModal.tsx';

/** MFA status, enrolment, recovery codes and switching off (refused for administrators, with why). */
export function MfaSettings() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const { reportError } = useFormFeedback();
  const status = useQuery({ queryKey: ['mfa-status'], queryFn: () => api.get<MfaStatus>('/api/me/mfa') });
  const [enrolling, setEnrolling] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const [newCodes, setNewCodes] = useState<string[] | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['mfa-status'] });
    void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
  };
  const regenerate = useMutation({
    mutationFn: () => api.post<RecoveryCodes>('/api/me/mfa/recovery-codes'),
    onSuccess: (result) => setNewCodes(result.recovery_codes),
    onError: (error) => reportError(error),
  });

  const s = status.data;
  return (
    <Flex vertical gap={12}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('profile.mfaStatus')}>
          {s && (s.mfa_enabled ? <StatusTag tone="success">{t('profile.mfaEnabled')}</StatusTag> : <StatusTag tone="warning">{t('profile.mfaDisabled')}</StatusTag>)}
        </Descriptions.Item>
        {s?.mfa_enabled && <Descriptions.Item label={t('profile.recoveryLeft')}>{t('profile.recoveryLeftValue', { count: s.recovery_codes_left })}</Descriptions.Item>}
      </Descriptions>
      {s && !s.mfa_enabled && (
        <>
          <Alert type="info" showIcon message={t('profile.mfaRecommended')} />
          <Button type="primary" onClick={() => setEnrolling(true)} style={{ width: 'fit-content' }}>
            {t('profile.setup')}
          </Button>
        </>
      )}
      {s?.mfa_enabled && (
        <>
          <Flex gap={8} wrap>
            <Button
              onClick={() =>
                modal.confirm({
                  title: t('common.confirmTitle'),
                  content: t('profile.regenerateConfirm'),
                  okText: t('common.yes'),
                  cancelText: t('common.cancel'),
                  onOk: () => regenerate.mutateAsync().catch(() => undefined),
                })
              }
            >
              {t('profile.regenerate')}
            </Button>
            <Button danger disabled={s.required} onClick={() => setDisabling(true)} aria-describedby={s.required ? 'mfa-required-reason' : undefined}>
              {t('profile.disable')}
            </Button>
          </Flex>
          {s.required && <Alert id="mfa-required-reason" type="info" showIcon message={t('profile.disableRequired')} />}
        </>
      )}
      {enrolling && (
        <Modal
          open
          title={t('mfa.setupTitle')}
          footer={null}
          maskClosable={false}
          width={560}
          onCancel={() => {
            setEnrolling(false);
            refresh();
          }}
        >
          <MfaEnrolment
            onFinished={() => {
              setEnrolling(false);
              refresh();
            }}
          />
        </Modal>
      )}
      {newCodes && (
        <Modal open title={t('mfa.recoveryTitle')} footer={null} closable={false} maskClosable={false}>
          <RecoveryCodesPanel
            codes={newCodes}
            onDone={() => {
              setNewCodes(null);
              refresh();
            }}
          />
        </Modal>
      )}
      {disabling && (
        <MfaDisableModal
          onClose={() => setDisabling(false)}
          onDisabled={() => {
            setDisabling(false);
            refresh();
          }}
        />
      )}
    </Flex>
  );
}
