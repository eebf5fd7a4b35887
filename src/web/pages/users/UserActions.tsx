import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { User, UserWithPassword } from '../../api/types.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';

/** Edit, reset password and reset MFA for one user; each reset asks for confirmation first. */
export function UserActions({ user, self, onEdit, onPasswordIssued }: { user: User; self: boolean; onEdit: () => void; onPasswordIssued: (result: UserWithPassword) => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const { reportError } = useFormFeedback();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['users'] });
  const resetPassword = useMutation({
    mutationFn: () => api.post<UserWithPassword>(`/api/users/${user.id}/reset-password`, {}),
    onSuccess: (result) => {
      refresh();
      onPasswordIssued(result);
    },
    onError: (error) => reportError(error),
  });
  const resetMfa = useMutation({
    mutationFn: () => api.post<User>(`/api/users/${user.id}/reset-mfa`, {}),
    onSuccess: () => {
      refresh();
      void message.success(t('user.mfaReset'));
    },
    onError: (error) => reportError(error),
  });
  const confirm = (content: string, run: () => Promise<unknown>) =>
    modal.confirm({ title: t('common.confirmTitle'), content, okText: t('common.yes'), cancelText: t('common.cancel'), onOk: () => run().catch(() => undefined) });

  return (
    <Flex vertical align="start">
      <Button type="link" size="small" onClick={onEdit} aria-label={`${t('common.edit')}: ${user.display_name}`}>
        {t('common.edit')}
      </Button>
      {!self && (
        <Button type="link" size="small" onClick={() => confirm(t('user.resetPasswordConfirm', { name: user.display_name }), () => resetPassword.mutateAsync())}>
          {t('user.resetPassword')}
        </Button>
      )}
      {!self && user.mfa_enabled && (
        <Button type="link" size="small" danger onClick={() => confirm(t('user.resetMfaConfirm', { name: user.display_name }), () => resetMfa.mutateAsync())}>
          {t('user.resetMfa')}
        </Button>
      )}
    </Flex>
  );
}
