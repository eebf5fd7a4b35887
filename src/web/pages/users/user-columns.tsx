import { Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '../../api/session.ts';
import type { Me, Organisation, User, UserWithPassword } from '../../api/types.ts';
import { compareNumber, compareText, formatDateTime } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
import { UserActions } from './UserActions.tsx';
import { keepsRegister } from './DepartmentField.tsx';
import { MfaStatus, UserStatus, userStatusRank } from './user-status.tsx';

interface Options {
  me: Me;
  /** Shown as a column for the operator, who sees every organisation's users. */
  organisations: Organisation[] | null;
  onEdit: (user: User) => void;
  onPasswordIssued: (result: UserWithPassword) => void;
}

export function useUserColumns({ me, organisations, onEdit, onPasswordIssued }: Options): TableColumnsType<User> {
  const { t } = useTranslation();
  const labels = useLabels();
  const organisationName = (id: string) => {
    const found = organisations?.find((o) => o.id === id);
    return found ? labels.organisationName(found) : '—';
  };
  const columns: TableColumnsType<User> = [
    {
      title: `${t('user.displayName')} / ${t('user.email')}`,
      dataIndex: 'display_name',
      sorter: (a, b) => compareText(a.display_name, b.display_name),
      render: (_v, user) => (
        <>
          <div>{user.id === me.user.id ? `${user.display_name}${t('user.you')}` : user.display_name}</div>
          <Typography.Text type="secondary">{user.email}</Typography.Text>
        </>
      ),
    },
    { title: t('user.role'), dataIndex: 'role', sorter: (a, b) => compareText(labels.role(a.role), labels.role(b.role)), render: (_v, user) => labels.role(user.role) },
  ];
  if (organisations)
    columns.push({
      title: t('user.organisation'),
      dataIndex: 'organisation_id',
      sorter: (a, b) => compareText(organisationName(a.organisation_id), organisationName(b.organisation_id)),
      render: (_v, user) => organisationName(user.organisation_id),
    });
  // 所管課 limits an editor to that department's services; only organisations with a register have one.
  if (!organisations && keepsRegister(me.organisation.kind))
    columns.push({
      title: t('user.department'),
      dataIndex: 'department',
      sorter: (a, b) => compareText(a.department ?? '', b.department ?? ''),
      render: (_v, user) => user.department || <Typography.Text type="secondary">{t('user.departmentAll')}</Typography.Text>,
    });
  columns.push(
    { title: t('user.status'), key: 'status', sorter: (a, b) => compareNumber(userStatusRank(a), userStatusRank(b)), render: (_v, user) => <UserStatus user={user} /> },
    { title: t('user.mfa'), dataIndex: 'mfa_enabled', sorter: (a, b) => Number(a.mfa_enabled) - Number(b.mfa_enabled), render: (_v, user) => <MfaStatus enabled={user.mfa_enabled} /> },
    {
      title: t('user.lastLogin'),
      dataIndex: 'last_login_at',
      sorter: (a, b) => compareText(a.last_login_at, b.last_login_at),
      render: (_v, user) => (user.last_login_at ? formatDateTime(user.last_login_at) : t('user.never')),
    },
  );
  if (can(me, 'user:manage'))
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_v, user) => <UserActions user={user} self={user.id === me.user.id} onEdit={() => onEdit(user)} onPasswordIssued={onPasswordIssued} />,
    });
  return columns;
}
