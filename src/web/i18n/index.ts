import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ja } from './ja.ts';
import { en } from './en.ts';

export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];

const STORAGE_KEY = 'daicho.locale';

function storedLanguage(): Lang {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

/** The `lang` attribute follows the language, so screen readers pronounce the page correctly. */
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** Switches the display language and remembers it on this device. */
export function applyLanguage(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the language still changes for this visit.
  }
  void i18n.changeLanguage(lang);
}

export default i18n;
