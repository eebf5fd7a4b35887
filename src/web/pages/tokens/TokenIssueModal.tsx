import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES_BY_ORGANISATION_KIND, isAdminRole, type Role } from '../../../shared/roles.ts';
import { tokenCreateBody } from '../../../shared/schemas/tokens.ts';
import { api } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import type { ApiTokenCreate, ApiTokenCreated } from '../../api/types.ts';
import { OneTimeSecretModal } from '../../components/OneTimeSecretModal.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useLabels } from '../../lib/labels.ts';

interface IssueValues {
  name: string;
  role?: Role;
  expires_in_days?: number | null;
}

/** Issues a token for one non-administrator role that fits the organisation. */
export function TokenIssueModal({ onClose, onIssued }: { onClose: () => void; onIssued: (created: ApiTokenCreated) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<IssueValues>();
  const { reportError, checkValues } = useFormFeedback();
  const roles = ROLES_BY_ORGANISATION_KIND[me.organisation.kind].filter((role) => !isAdminRole(role));
  const issue = useMutation({
    mutationFn: (body: ApiTokenCreate) => api.post<ApiTokenCreated>('/api/tokens', body),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
      onIssued(created);
    },
    onError: (error) => reportError(error, form),
  });
  const submit = (values: IssueValues) => {
    const parsed = checkValues(tokenCreateBody, { ...values, expires_in_days: values.expires_in_days ?? null }, form);
    if (parsed) issue.mutate(parsed);
  };
  return (
    <Modal open title={t('token.issueTitle')} okText={t('token.issue')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={issue.isPending}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ name: '' }}>
        <Form.Item name="name" label={t('token.name')} required>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="role" label={t('token.role')} required>
          <SelectField options={roles.map((role) => ({ value: role, label: labels.role(role) }))} />
        </Form.Item>
        <Form.Item name="expires_in_days" label={t('token.expiresInDays')} extra={t('token.expiresInDaysHint')}>
          <InputNumber min={1} max={730} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TokenSecretModal({ created, onClose }: { created: ApiTokenCreated; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <OneTimeSecretModal
      title={t('token.issued')}
      lead={`${t('token.secretLead')} (${created.token.name})`}
      value={created.secret}
      label={t('token.secretTitle')}
      testId="token-secret"
      onClose={onClose}
    />
  );
}
