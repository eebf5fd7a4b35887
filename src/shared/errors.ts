// The one error vocabulary of the API: stable English codes, Japanese and English messages.

export const ERROR_CODES = {
  validation_failed: { status: 400, ja: '入力内容に誤りがあります', en: 'The input is invalid' },
  bad_request: { status: 400, ja: 'リクエストが正しくありません', en: 'The request is malformed' },
  unauthenticated: { status: 401, ja: 'ログインしてください', en: 'Please sign in' },
  invalid_credentials: { status: 401, ja: 'メールアドレスまたはパスワードが正しくありません', en: 'E-mail or password is incorrect' },
  mfa_required: { status: 401, ja: '多要素認証のコードを入力してください', en: 'Enter your multi-factor authentication code' },
  mfa_invalid: { status: 401, ja: '認証コードが正しくありません', en: 'The authentication code is incorrect' },
  mfa_setup_required: { status: 403, ja: '管理者は多要素認証の設定が必要です', en: 'Administrators must set up multi-factor authentication' },
  password_change_required: { status: 403, ja: 'パスワードを変更してください', en: 'You must change your password' },
  login_backoff: { status: 429, ja: 'ログインの失敗が続いたため、しばらく待ってから再度お試しください（待ち時間は失敗のたびに長くなります）', en: 'Too many failed sign-ins: wait a moment before trying again (the wait grows with each failure)' },
  csrf_failed: { status: 403, ja: '画面を再読み込みしてから操作してください（CSRF検証に失敗）', en: 'Reload the page and try again (CSRF check failed)' },
  forbidden: { status: 403, ja: 'この操作を行う権限がありません', en: 'You are not allowed to do this' },
  not_found: { status: 404, ja: '対象が見つかりません', en: 'Not found' },
  conflict: { status: 409, ja: '既に登録されています', en: 'Already exists' },
  rate_limited: { status: 429, ja: 'リクエストが多すぎます。しばらくしてから再度お試しください', en: 'Too many requests; try again later' },
  payload_too_large: { status: 413, ja: 'ファイルまたはリクエストが大きすぎます', en: 'The file or request is too large' },
  internal: { status: 500, ja: 'サーバーで問題が発生しました', en: 'Something went wrong on the server' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  field: string;
  /** Japanese. */
  reason: string;
  /** English; the Japanese reason when no translation exists. */
  reason_en?: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; message_en: string; details: ErrorDetail[] };
}
