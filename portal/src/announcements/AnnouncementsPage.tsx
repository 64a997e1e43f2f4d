import { useI18n } from '../i18n/i18n';

export function AnnouncementsPage() {
  const { t } = useI18n();
  return <h1>{t('announcements.title')}</h1>;
}
