import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGS, type Lang } from '../../i18n/index.ts';
import { useChangeLanguage } from '../../lib/language.ts';
import './auth.css';

/**
 * The frame of the sign-in steps: product name, language switch, and one card with the step. Plain
 * React and CSS (auth.css), no antd: the sign-in page is the first thing every user loads, over
 * links that may be slow. The steps' forms inside the card may still use antd.
 */
export function AuthLayout({ title, lead, children, width = 420 }: { title: string; lead?: ReactNode; children: ReactNode; width?: number }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const changeLanguage = useChangeLanguage();
  useEffect(() => {
    document.title = `${title} | Daicho`;
  }, [title]);
  return (
    <div className="auth-page">
      <header className="auth-header">
        <div className="auth-brand">
          <span className="auth-mark" aria-hidden>
            台
          </span>
          <span className="auth-name">{t('app.name')}</span>
          <span className="auth-full-name">{t('app.fullName')}</span>
        </div>
        <div role="radiogroup" aria-label={t('header.language')} className="auth-language">
          {LANGS.map((option) => (
            <label key={option} className={option === lang ? 'is-checked' : undefined}>
              <input type="radio" name="auth-language" value={option} checked={option === lang} onChange={() => void changeLanguage(option)} />
              <span lang={option}>{t(`language.${option}`)}</span>
            </label>
          ))}
        </div>
      </header>
      <main className="auth-main">
        <section className="auth-card" style={{ maxWidth: width }} aria-labelledby="auth-title">
          <h1 id="auth-title" className="auth-title">
            {title}
          </h1>
          {lead && <div className="auth-lead">{lead}</div>}
          {children}
        </section>
      </main>
    </div>
  );
}
