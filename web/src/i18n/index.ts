// i18next set-up: Russian by default, English on request; the choice is kept in localStorage and on the user.
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en';
import { ru } from './ru';
import type { Locale } from '../lib/format';
import { setRequestLanguage } from '../api/client';

export const LOCALE_KEY = 'retainer.locale';

export function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(LOCALE_KEY);
    return v === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

void i18n.use(initReactI18next).init({
  resources: { ru: { translation: ru }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
  returnNull: false,
});

// Every API request carries the UI's language from the first one (sign-in included) on.
setRequestLanguage(storedLocale());
i18n.on('languageChanged', (lng) => setRequestLanguage(lng === 'en' ? 'en' : 'ru'));

export function setLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    /* private mode: the server keeps it */
  }
  document.documentElement.lang = locale;
  setRequestLanguage(locale);
  void i18n.changeLanguage(locale);
}

/** t() plus the current locale for the number/date formatters. */
export function useLocale() {
  const { t, i18n: inst } = useTranslation();
  const locale: Locale = inst.language === 'en' ? 'en' : 'ru';
  return { t, locale };
}

export default i18n;
