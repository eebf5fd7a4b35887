import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { useLabels } from '../lib/labels.ts';
import { PageHeading } from './PageHeading.tsx';

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('errors.forbiddenTitle')} />
      <Result status="403" subTitle={t('errors.forbiddenHint')} extra={<Link to="/">{t('errors.toHome')}</Link>} />
    </>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('errors.notFoundTitle')} />
      <Result status="404" subTitle={t('errors.notFoundHint')} extra={<Link to="/">{t('errors.toHome')}</Link>} />
    </>
  );
}

/** A list or page that could not load, with a way to try again. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const detail = error instanceof ApiError ? error.localized(lang) : error instanceof Error ? error.message : undefined;
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={detail}
      extra={<Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
