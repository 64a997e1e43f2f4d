import { useI18n } from '../i18n/i18n';

export function HomePage() {
  const { t } = useI18n();
  return <h1>{t('home.title')}</h1>;
}
