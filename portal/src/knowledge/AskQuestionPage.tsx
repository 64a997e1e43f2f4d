import { useI18n } from '../i18n/i18n';

export function AskQuestionPage() {
  const { t } = useI18n();
  return <h1>{t('knowledge.title')}</h1>;
}
