import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/es/locale/en_US';
import jaJP from 'antd/es/locale/ja_JP';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api/client.ts';
import { SESSION_ERROR_CODES, SESSION_KEY, canAny, useSession } from './api/session.ts';
import { AppFrame } from './components/AppFrame.tsx';
import { Forbidden, LoadFailed, NotFound } from './components/Problems.tsx';
import { PUBLIC_PAGES, SECTIONS, STEP_PAGES } from './routes.tsx';
import { theme } from './theme.ts';

function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin tip={t('app.loading')}>
        <div style={{ minHeight: 80 }} />
      </Spin>
    </div>
  );
}

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
        <Routes>
          <Route path={publicPage.path} element={<PublicPage />} />
        </Routes>
      </Suspense>
    );
  }
  if (session.isPending) return <Loading />;
  if (session.isError) return <LoadFailed error={session.error} onRetry={() => void session.refetch()} />;
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
        <StepPage />
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
    <AppFrame me={me}>
      <Suspense fallback={<Loading />}>
        <Routes>
          {SECTIONS.map((section) => {
            const Page = section.page;
            return <Route key={section.path} path={section.path} element={canAny(me, section.anyOf) ? <Page /> : <Forbidden />} />;
          })}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </AppFrame>
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
  const { i18n } = useTranslation();
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : jaJP} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionGate />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
