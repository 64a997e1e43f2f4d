import { useI18n } from '../i18n/i18n';

export function TrackPage() {
  const { t } = useI18n();
  return <h1>{t('track.title')}</h1>;
}
