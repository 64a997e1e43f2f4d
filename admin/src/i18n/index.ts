import polyglotI18nProvider from 'ra-i18n-polyglot';
import { englishMessagesAll } from './en';
import { polishMessagesAll } from './pl';

const LOCALE_KEY = 'civicflow.locale';

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? englishMessagesAll : polishMessagesAll),
  localStorage.getItem(LOCALE_KEY) ?? 'pl',
  [
    { locale: 'pl', name: 'Polski' },
    { locale: 'en', name: 'English' },
  ],
  { allowMissing: false },
);
