import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, lazy, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api/client.ts';
import { SESSION_ERROR_CODES, SESSION_KEY, useSession } from './api/session.ts';
import { Loading } from './components/Loading.tsx';
import { PUBLIC_PAGES, STEP_PAGES } from './steps.ts';

// Only what the sign-in page needs is loaded up front (React, the router, react-query, i18n). antd
// comes with the pages that use it: the signed-in app, the later sign-in steps, the invitation page.
const AntdRoot = lazy(() => import('./AntdRoot.tsx'));
const SignedIn = lazy(() => import('./SignedIn.tsx'));
const LoadFailed = lazy(() => import('./components/Problems.tsx').then((module) => ({ default: module.LoadFailed })));

// Where the user was going before being asked to sign in; they land there afterwards.
let returnPath: string | null = null;

/** Routes by the session: signed out or owing a step → that step's page; otherwise the app. */
function SessionGate() {
  const session = useSession();
  const location = useLocation();
  const publicPage = PUBLIC_PAGES.find((page) => location.pathname.startsWith(page.prefix));
  if (publicPage) {
    const PublicPage = publicPage.page;
    return (
      <Suspense fallback={<Loading />}>
        <AntdRoot>
          <Routes>
            <Route path={publicPage.path} element={<PublicPage />} />
          </Routes>
        </AntdRoot>
      </Suspense>
    );
  }
  if (session.isPending) return <Loading />;
  if (session.isError)
    return (
      <Suspense fallback={<Loading />}>
        <AntdRoot>
          <LoadFailed error={session.error} onRetry={() => void session.refetch()} />
        </AntdRoot>
      </Suspense>
    );
  const me = session.data;
  const step = me ? (me.next_step === 'none' ? null : STEP_PAGES[me.next_step]) : STEP_PAGES.login;
  if (step) {
    if (location.pathname !== step.path) {
      if (!location.pathname.startsWith('/login')) returnPath = location.pathname + location.search;
      return <Navigate to={step.path} replace />;
    }
    const StepPage = step.page;
    return (
      <Suspense fallback={<Loading />}>
        {step.plain ? (
          <StepPage />
        ) : (
          <AntdRoot>
            <StepPage />
          </AntdRoot>
        )}
      </Suspense>
    );
  }
  if (!me) return null;
  if (location.pathname.startsWith('/login')) {
    const target = returnPath ?? '/';
    returnPath = null;
    return <Navigate to={target} replace />;
  }
  return (
    <Suspense fallback={<Loading />}>
      <SignedIn me={me} />
    </Suspense>
  );
}

function createQueryClient(): QueryClient {
  // A request refused because the session ended (or owes a step) re-reads the session, so the gate routes the user.
  const onError = (error: unknown) => {
    if (error instanceof ApiError && SESSION_ERROR_CODES.has(error.code)) void client.invalidateQueries({ queryKey: SESSION_KEY });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 10_000 } },
  });
  return client;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionGate />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
