import { Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGS, type Lang } from '../i18n/index.ts';

/** 日本語 / English, as two labelled radio buttons. */
export function LanguageSwitch({ value, onChange }: { value: Lang; onChange: (lang: Lang) => void }) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      aria-label={t('header.language')}
      optionType="button"
      size="small"
      value={value}
      onChange={(event) => onChange(event.target.value as Lang)}
      options={LANGS.map((lang) => ({ value: lang, label: <span lang={lang}>{t(`language.${lang}`)}</span> }))}
    />
  );
}
