import { useI18n } from '../i18n/i18n';

export function ReportPage() {
  const { t } = useI18n();
  return <h1>{t('report.title')}</h1>;
}
