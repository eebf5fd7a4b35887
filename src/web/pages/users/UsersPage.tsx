import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisations, useUsers } from '../../api/queries.ts';
import { can, useMe } from '../../api/session.ts';
import type { User, UserWithPassword } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { TemporaryPasswordModal } from './TemporaryPasswordModal.tsx';
import { UserCreateModal } from './UserCreateModal.tsx';
import { UserEditModal } from './UserEditModal.tsx';
import { useUserColumns } from './user-columns.tsx';

export default function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [q, setQ] = useState('');
  const users = useUsers(q);
  const operator = me.user.role === 'operator_admin';
  const organisations = useOrganisations(operator).data ?? [];
  const manage = can(me, 'user:manage');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [issued, setIssued] = useState<UserWithPassword | null>(null);
  const columns = useUserColumns({ me, organisations: operator ? organisations : null, onEdit: setEditing, onPasswordIssued: setIssued });

  const createButton = manage && (
    <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
      {t('user.create')}
    </Button>
  );
  return (
    <>
      <PageHeading title={t('user.listTitle')} extra={createButton} />
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('user.searchLabel')}
          placeholder={t('user.searchPlaceholder')}
          allowClear
          enterButton={t('common.search')}
          onSearch={setQ}
          style={{ maxWidth: 420 }}
        />
        <span>{t('common.count', { count: users.data?.length ?? 0 })}</span>
      </Flex>
      {users.isError ? (
        <LoadFailed error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={users.data ?? []}
          loading={users.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyState title={t('user.empty')} hint={manage ? t('user.emptyHint') : undefined} /> }}
        />
      )}
      {creating && (
        <UserCreateModal
          me={me}
          organisations={organisations}
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setIssued(result);
          }}
        />
      )}
      {editing && <UserEditModal user={editing} me={me} organisations={organisations} onClose={() => setEditing(null)} />}
      {issued && <TemporaryPasswordModal result={issued} onClose={() => setIssued(null)} />}
    </>
  );
}
