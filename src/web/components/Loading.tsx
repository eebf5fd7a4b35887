import { useTranslation } from 'react-i18next';
import './Loading.css';

/** 読み込み中…, without antd: shown while a page's code or the session loads. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="daicho-loading" role="status">
      <span className="daicho-loading-spinner" aria-hidden />
      <span>{t('app.loading')}</span>
    </div>
  );
}
