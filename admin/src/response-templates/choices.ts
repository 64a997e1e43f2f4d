import { useTranslate } from 'react-admin';

export const TEMPLATE_ACTIONS = ['answer', 'resolve', 'request-info', 'any'] as const;
export const TEMPLATE_LANGUAGES = ['pl', 'en'] as const;

export function useTemplateActionChoices() {
  const translate = useTranslate();
  return TEMPLATE_ACTIONS.map((id) => ({ id, name: translate(`civicflow.responseTemplates.action.${id}`) }));
}

export function useTemplateLanguageChoices() {
  const translate = useTranslate();
  return TEMPLATE_LANGUAGES.map((id) => ({
    id,
    name: translate(`civicflow.responseTemplates.language.${id}`),
  }));
}
