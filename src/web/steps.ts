// The pages of a visitor who is not (fully) signed in. Kept apart from routes.tsx so that the
// sign-in page loads neither the app's navigation (icons) nor antd: only the other steps use antd.
import { lazy } from 'react';

/** Pages anyone may open, signed in or not (a vendor's invitation link). */
export const PUBLIC_PAGES = [{ path: '/invite/:token', prefix: '/invite/', page: lazy(() => import('./pages/auth/InvitationPage.tsx')) }] as const;

/**
 * The sign-in steps, by the session's next_step ('login' when signed out). `plain` pages are built
 * without antd (the sign-in page, the first thing every user loads); the others render inside antd's
 * provider, loaded with them.
 */
export const STEP_PAGES = {
  login: { path: '/login', plain: true, page: lazy(() => import('./pages/auth/LoginPage.tsx')) },
  mfa: { path: '/login/mfa', plain: false, page: lazy(() => import('./pages/auth/MfaCodePage.tsx')) },
  change_password: { path: '/login/change-password', plain: false, page: lazy(() => import('./pages/auth/ChangePasswordPage.tsx')) },
  mfa_setup: { path: '/login/mfa-setup', plain: false, page: lazy(() => import('./pages/auth/MfaSetupPage.tsx')) },
} as const;
