import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES_BY_ORGANISATION_KIND, type Role } from '../../../shared/roles.ts';
import { userUpdateBody } from '../../../shared/schemas/users.ts';
import { api } from '../../api/client.ts';
import type { Me, Organisation, User, UserUpdate } from '../../api/types.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useLabels } from '../../lib/labels.ts';
import { DepartmentField, keepsRegister } from './DepartmentField.tsx';

interface EditValues {
  display_name: string;
  department?: string | null;
  role: Role;
  disabled: boolean;
}

/** Name, role and sign-in block; administrators cannot change their own role or block themselves. */
export function UserEditModal({ user, me, organisations, onClose }: { user: User; me: Me; organisations: Organisation[]; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditValues>();
  const { reportError, checkValues } = useFormFeedback();
  const self = user.id === me.user.id;
  const kind = organisations.find((o) => o.id === user.organisation_id)?.kind ?? me.organisation.kind;

  const update = useMutation({
    mutationFn: (body: UserUpdate) => api.patch<User>(`/api/users/${user.id}`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void message.success(t('common.saved'));
      onClose();
    },
    onError: (error) => reportError(error, form),
  });
  const submit = (values: EditValues) => {
    const department = keepsRegister(kind) ? { department: values.department?.trim() || null } : {};
    const body: UserUpdate = self ? { display_name: values.display_name, ...department } : { ...values, ...department };
    const parsed = checkValues(userUpdateBody, body, form);
    if (parsed) update.mutate(parsed);
  };

  return (
    <Modal open title={t('user.editTitle')} okText={t('common.save')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={update.isPending}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ display_name: user.display_name, role: user.role, disabled: user.disabled, department: user.department ?? '' }}>
        <Form.Item label={t('user.email')} htmlFor="user-edit-email">
          <Input id="user-edit-email" value={user.email} readOnly />
        </Form.Item>
        <Form.Item name="display_name" label={t('user.displayName')} required>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="role" label={t('user.role')}>
          <Select disabled={self} options={ROLES_BY_ORGANISATION_KIND[kind].map((role) => ({ value: role, label: labels.role(role) }))} />
        </Form.Item>
        {keepsRegister(kind) && <DepartmentField me={me} organisationId={user.organisation_id} />}
        <Form.Item name="disabled" valuePropName="checked" extra={self ? undefined : t('user.disabledHelp')}>
          <Checkbox disabled={self}>{t('user.disabled')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
