import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganisationKind } from '../../../shared/roles.ts';
import { api } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';

/** Kinds of organisation that keep a register, where an editor's 所管課 limits what they may edit. */
export function keepsRegister(kind: OrganisationKind): boolean {
  return kind !== 'vendor' && kind !== 'operator';
}

/**
 * 所管課 of a user: free text, with the departments already used in the organisation's register offered
 * (only when the user belongs to the administrator's own organisation, whose register they can read).
 */
export function DepartmentField({ me, organisationId }: { me: Me; organisationId: string }) {
  const { t } = useTranslation();
  const own = organisationId === me.organisation.id && me.permissions.includes('register:read');
  const options = useQuery({
    queryKey: ['register', 'options'],
    queryFn: () => api.get<{ departments: string[] }>('/api/register/options'),
    enabled: own,
  });
  const departments = own ? (options.data?.departments ?? []) : [];
  return (
    <Form.Item name="department" label={t('user.department')} extra={t('user.departmentHelp')}>
      <AutoComplete
        allowClear
        maxLength={100}
        placeholder={t('user.departmentPlaceholder')}
        options={departments.map((d) => ({ value: d }))}
        filterOption={(input, option) => String(option?.value ?? '').includes(input)}
      />
    </Form.Item>
  );
}
