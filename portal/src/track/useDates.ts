import { useI18n } from '../i18n/i18n';

/** Dates as the city states them: the portal's language, Warsaw time. */
export function useDates() {
  const { lang } = useI18n();
  const locale = lang === 'pl' ? 'pl-PL' : 'en-GB';
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Warsaw',
  });
  return (iso: string) => dateTime.format(new Date(iso));
}
