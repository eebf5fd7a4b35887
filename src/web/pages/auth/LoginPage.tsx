import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { useSetSession } from '../../api/session.ts';
import type { Me } from '../../api/types.ts';
import { applyLanguage } from '../../i18n/index.ts';
import { AuthLayout } from './AuthLayout.tsx';

type Field = 'email' | 'password';
/** Kept in both languages, so a message follows a change of the display language. */
type Message = { ja: string; en: string };
type FieldErrors = Partial<Record<Field, Message>>;
const join = (a: Message | undefined, b: Message): Message => (a ? { ja: `${a.ja} / ${b.ja}`, en: `${a.en} / ${b.en}` } : b);

/**
 * The sign-in page, in plain React (no antd, no zod): every user loads it first, over links that may
 * be slow. The form checks only that both fields are filled in; the server applies its rules (the
 * e-mail's form, lengths) and its field details are shown beside the fields, anything else above the
 * form. A field in error is marked (aria-invalid, its message tied by aria-describedby) and focused.
 */
export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const setSession = useSetSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const inputs = { email: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };

  const focusFirst = (errors: FieldErrors) => {
    const first = (['email', 'password'] as const).find((field) => errors[field]);
    if (first) inputs[first].current?.focus();
  };
  const login = useMutation({
    mutationFn: (values: { email: string; password: string }) => api.post<Me>('/api/auth/login', values),
    onSuccess: (me) => {
      if (me.user.locale === 'ja' || me.user.locale === 'en') applyLanguage(me.user.locale);
      setSession(me);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        const text = String(error instanceof Error ? error.message : error);
        setFormError({ ja: text, en: text });
        return;
      }
      const errors: FieldErrors = {};
      let rest: Message | undefined;
      for (const detail of error.details) {
        const field = detail.field.split('.')[0];
        const reason = { ja: detail.reason, en: detail.reason_en ?? detail.reason };
        if (field === 'email' || field === 'password') errors[field] = join(errors[field], reason);
        else rest = join(rest, reason);
      }
      setFieldErrors(errors);
      const whole = { ja: error.localized('ja'), en: error.localized('en') };
      const placed = Object.keys(errors).length > 0;
      setFormError(rest ? { ja: `${whole.ja}: ${rest.ja}`, en: `${whole.en}: ${rest.en}` } : placed ? null : whole);
      focusFirst(errors);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (login.isPending) return;
    const errors: FieldErrors = {};
    const both = (key: string): Message => ({ ja: i18n.getFixedT('ja')(key), en: i18n.getFixedT('en')(key) });
    if (!email.trim()) errors.email = both('auth.emailRequired');
    if (!password) errors.password = both('auth.passwordRequired');
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length) {
      focusFirst(errors);
      return;
    }
    login.mutate({ email, password });
  };
  const edited = (field: Field) => {
    if (fieldErrors[field]) setFieldErrors({ ...fieldErrors, [field]: undefined });
  };

  const describedBy = (field: Field) => (fieldErrors[field] ? `login-${field}-error` : undefined);
  return (
    <AuthLayout title={t('auth.loginTitle')} lead={t('auth.loginLead')}>
      <form onSubmit={submit} noValidate aria-busy={login.isPending}>
        {formError && (
          <div className="auth-alert" role="alert">
            <span>{formError[lang]}</span>
          </div>
        )}
        <div className="auth-field">
          <label htmlFor="login-email">{t('auth.email')}</label>
          <input
            ref={inputs.email}
            id="login-email"
            className="auth-input"
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            required
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={describedBy('email')}
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              edited('email');
            }}
          />
          {fieldErrors.email && (
            <p id="login-email-error" className="auth-field-error" role="alert">
              {fieldErrors.email[lang]}
            </p>
          )}
        </div>
        <div className="auth-field">
          <label htmlFor="login-password">{t('auth.password')}</label>
          <input
            ref={inputs.password}
            id="login-password"
            className="auth-input"
            type={showPassword ? 'text' : 'password'}
            name="password"
            autoComplete="current-password"
            required
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={describedBy('password')}
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
              edited('password');
            }}
          />
          {fieldErrors.password && (
            <p id="login-password-error" className="auth-field-error" role="alert">
              {fieldErrors.password[lang]}
            </p>
          )}
          <label className="auth-check">
            <input type="checkbox" checked={showPassword} onChange={(event) => setShowPassword(event.target.checked)} />
            {t('auth.showPassword')}
          </label>
        </div>
        <button type="submit" className="auth-button is-primary" aria-disabled={login.isPending || undefined}>
          {login.isPending && <span className="auth-button-spinner" aria-hidden />}
          {t('auth.login')}
        </button>
        <span className="auth-visually-hidden" role="status">
          {login.isPending ? t('auth.signingIn') : ''}
        </span>
      </form>
    </AuthLayout>
  );
}
