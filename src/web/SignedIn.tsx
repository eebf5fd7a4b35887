// The signed-in app: antd, the frame with its navigation, and the sections of routes.tsx (each its
// own chunk). Loaded once the session says the user is fully signed in.
import { Suspense, lazy } from 'react';
import { Route, Routes } from 'react-router';
import { canAny } from './api/session.ts';
import type { Me } from './api/types.ts';
import AntdRoot from './AntdRoot.tsx';
import { AppFrame } from './components/AppFrame.tsx';
import { Loading } from './components/Loading.tsx';
import { SECTIONS } from './routes.tsx';

// antd's Result (with its pictures) only when a page is missing or refused.
const Forbidden = lazy(() => import('./components/Problems.tsx').then((module) => ({ default: module.Forbidden })));
const NotFound = lazy(() => import('./components/Problems.tsx').then((module) => ({ default: module.NotFound })));

export default function SignedIn({ me }: { me: Me }) {
  return (
    <AntdRoot>
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
    </AntdRoot>
  );
}
