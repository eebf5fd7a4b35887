import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Permission } from '../../shared/roles.ts';
import { ApiError, api, rememberCsrfToken } from './client.ts';
import type { Me } from './types.ts';

export const SESSION_KEY = ['session'] as const;

/** Errors that mean the session is gone or owes a step: the session is fetched again to route the user. */
export const SESSION_ERROR_CODES = new Set(['unauthenticated', 'mfa_required', 'mfa_setup_required', 'password_change_required']);

async function fetchSession(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me');
    rememberCsrfToken(me.csrf_token);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'unauthenticated') {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The current session (null when signed out). Fetched once; changed only by explicit updates. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity, retry: false, refetchOnWindowFocus: false });
}

/** The signed-in user inside the app frame, where a session with next_step 'none' is guaranteed. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe outside a signed-in session');
  return data;
}

/** Replaces the session after an endpoint that describes it (login, MFA, password change) or ends it. */
export function useSetSession() {
  const queryClient = useQueryClient();
  return useCallback(
    (me: Me | null) => {
      rememberCsrfToken(me?.csrf_token ?? null);
      if (!me) queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, me);
    },
    [queryClient],
  );
}

export function can(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

export function canAny(me: Me, permissions: readonly Permission[] | undefined): boolean {
  return !permissions || permissions.length === 0 || permissions.some((p) => can(me, p));
}

/** Ends this session on the server, then forgets everything cached for it. */
export function useLogout() {
  const setSession = useSetSession();
  return useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setSession(null);
    }
  }, [setSession]);
}
