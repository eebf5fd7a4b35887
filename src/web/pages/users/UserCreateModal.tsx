import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES_BY_ORGANISATION_KIND, type OrganisationKind, type Role } from '../../../shared/roles.ts';
import { userCreateBody } from '../../../shared/schemas/users.ts';
import { api } from '../../api/client.ts';
import type { Me, Organisation, UserCreate, UserWithPassword } from '../../api/types.ts';
import { SelectField } from '../../components/SelectField.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useLabels } from '../../lib/labels.ts';
import { DepartmentField, keepsRegister } from './DepartmentField.tsx';

interface CreateValues {
  organisation_id?: string;
  department?: string | null;
  email: string;
  display_name: string;
  role?: Role;
  locale: 'ja' | 'en';
}

/** Adds a user; the server generates the temporary password, shown once afterwards. */
export function UserCreateModal({ me, organisations, onClose, onCreated }: { me: Me; organisations: Organisation[]; onClose: () => void; onCreated: (result: UserWithPassword) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const { reportError, checkValues } = useFormFeedback();
  const operator = me.user.role === 'operator_admin';
  const organisationId = Form.useWatch('organisation_id', form) ?? me.organisation.id;
  const kind: OrganisationKind = organisations.find((o) => o.id === organisationId)?.kind ?? me.organisation.kind;
  // Only roles that fit the organisation's kind are offered (the server refuses the others).
  const roles = ROLES_BY_ORGANISATION_KIND[kind];
  useEffect(() => {
    const role = form.getFieldValue('role') as Role | undefined;
    if (role && !roles.includes(role)) form.setFieldValue('role', undefined);
  }, [roles, form]);

  const create = useMutation({
    mutationFn: (body: UserCreate) => api.post<UserWithPassword>('/api/users', body),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onCreated(result);
    },
    onError: (error) => reportError(error, form),
  });
  const submit = (values: CreateValues) => {
    const body = { ...values, organisation_id: operator ? values.organisation_id : undefined, department: keepsRegister(kind) ? values.department?.trim() || null : undefined };
    const parsed = checkValues(userCreateBody, body, form);
    if (parsed) create.mutate(parsed);
  };

  return (
    <Modal open title={t('user.createTitle')} okText={t('common.create')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ locale: 'ja', organisation_id: me.organisation.id, email: '', display_name: '' }}>
        {operator && (
          <Form.Item name="organisation_id" label={t('user.organisation')} required>
            <SelectField showSearch optionFilterProp="label" options={organisations.map((o) => ({ value: o.id, label: labels.organisationName(o) }))} />
          </Form.Item>
        )}
        <Form.Item name="email" label={t('user.email')} required>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="display_name" label={t('user.displayName')} required>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('user.role')} required>
          <SelectField options={roles.map((role) => ({ value: role, label: labels.role(role) }))} />
        </Form.Item>
        {keepsRegister(kind) && <DepartmentField me={me} organisationId={organisationId} />}
        <Form.Item name="locale" label={t('user.locale')}>
          <Radio.Group options={[{ value: 'ja', label: t('language.ja') }, { value: 'en', label: t('language.en') }]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
