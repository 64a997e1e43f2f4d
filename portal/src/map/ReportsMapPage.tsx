import { useI18n } from '../i18n/i18n';

export function ReportsMapPage() {
  const { t } = useI18n();
  return <h1>{t('map.title')}</h1>;
}
