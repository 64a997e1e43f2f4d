import { useTranslate } from 'react-admin';

export const PRIORITIES = ['low', 'normal', 'urgent'] as const;

export const usePriorityChoices = () => {
  const translate = useTranslate();
  return PRIORITIES.map((id) => ({ id, name: translate(`civicflow.taxonomy.priority.${id}`) }));
};
