import { useI18n } from '../i18n/i18n';

export function OpenDataPage() {
  const { t } = useI18n();
  return <h1>{t('openData.title')}</h1>;
}
