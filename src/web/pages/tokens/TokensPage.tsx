import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ApiToken, ApiTokenCreated, ApiTokenList } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { compareText, formatDateTime } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useLabels } from '../../lib/labels.ts';
import { TokenIssueModal, TokenSecretModal } from './TokenIssueModal.tsx';

type TokenState = 'active' | 'revoked' | 'expired';

function stateOf(token: ApiToken): TokenState {
  if (token.revoked_at) return 'revoked';
  if (token.expires_at && token.expires_at <= new Date().toISOString()) return 'expired';
  return 'active';
}

function TokenStatus({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const state = stateOf(token);
  if (state === 'revoked') return <StatusTag tone="neutral">{t('token.statusRevoked')}</StatusTag>;
  if (state === 'expired') return <StatusTag tone="warning">{t('token.statusExpired')}</StatusTag>;
  return <StatusTag tone="success">{t('token.statusActive')}</StatusTag>;
}

export default function TokensPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const { reportError } = useFormFeedback();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<ApiTokenList>('/api/tokens'), select: (list) => list.items });
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<ApiTokenCreated | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete<ApiToken>(`/api/tokens/${id}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
      void message.success(t('token.revoked'));
    },
    onError: (error) => reportError(error),
  });

  const columns: TableColumnsType<ApiToken> = [
    { title: t('token.name'), dataIndex: 'name', sorter: (a, b) => compareText(a.name, b.name) },
    { title: t('token.role'), dataIndex: 'role', sorter: (a, b) => compareText(a.role, b.role), render: (_v, token) => labels.role(token.role) },
    { title: t('token.prefix'), dataIndex: 'token_prefix', sorter: (a, b) => compareText(a.token_prefix, b.token_prefix), render: (value: string) => <code>{value}…</code> },
    { title: t('token.status'), key: 'status', sorter: (a, b) => compareText(stateOf(a), stateOf(b)), render: (_v, token) => <TokenStatus token={token} /> },
    { title: t('token.createdAt'), dataIndex: 'created_at', sorter: (a, b) => compareText(a.created_at, b.created_at), render: (value: string) => formatDateTime(value) },
    {
      title: t('token.expiresAt'),
      dataIndex: 'expires_at',
      sorter: (a, b) => compareText(a.expires_at, b.expires_at),
      render: (value: string | null) => (value ? formatDateTime(value) : t('token.noExpiry')),
    },
    { title: t('token.lastUsed'), dataIndex: 'last_used_at', sorter: (a, b) => compareText(a.last_used_at, b.last_used_at), render: (value: string | null) => formatDateTime(value) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_v, token) =>
        stateOf(token) !== 'revoked' && (
          <Button
            size="small"
            danger
            onClick={() =>
              modal.confirm({
                title: t('common.confirmTitle'),
                content: t('token.revokeConfirm', { name: token.name }),
                okText: t('token.revoke'),
                okButtonProps: { danger: true },
                cancelText: t('common.cancel'),
                onOk: () => revoke.mutateAsync(token.id).catch(() => undefined),
              })
            }
          >
            {t('token.revoke')}
          </Button>
        ),
    },
  ];

  const issueButton = (
    <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setIssuing(true)}>
      {t('token.issue')}
    </Button>
  );
  return (
    <>
      <PageHeading title={t('token.listTitle')} lead={t('token.lead')} extra={issueButton} />
      {tokens.isError ? (
        <LoadFailed error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={tokens.data ?? []}
          loading={tokens.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyState title={t('token.empty')} hint={t('token.emptyHint')} /> }}
        />
      )}
      {issuing && (
        <TokenIssueModal
          onClose={() => setIssuing(false)}
          onIssued={(created) => {
            setIssuing(false);
            setIssued(created);
          }}
        />
      )}
      {issued && <TokenSecretModal created={issued} onClose={() => setIssued(null)} />}
    </>
  );
}
