import { useI18n } from '../i18n/i18n';

export function ManageBookingPage() {
  const { t } = useI18n();
  return <h1>{t('bookings.title')}</h1>;
}
