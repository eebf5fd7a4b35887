import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../api/client.ts';
import { SESSION_KEY } from '../api/session.ts';
import type { Me } from '../api/types.ts';
import { applyLanguage, type Lang } from '../i18n/index.ts';

/** Changes the display language here and, when signed in, in the user's profile on the server. */
export function useChangeLanguage() {
  const queryClient = useQueryClient();
  return useCallback(
    async (lang: Lang) => {
      applyLanguage(lang);
      const me = queryClient.getQueryData<Me | null>(SESSION_KEY);
      if (!me) return;
      await api.put('/api/me/locale', { locale: lang });
      const updated: Me = { ...me, user: { ...me.user, locale: lang } };
      queryClient.setQueryData(SESSION_KEY, updated);
    },
    [queryClient],
  );
}
