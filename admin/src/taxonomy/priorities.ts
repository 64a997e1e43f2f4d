import { useTranslate } from 'react-admin';
import { PRIORITIES } from '../../../domain/cases/case-states';

export const usePriorityChoices = () => {
  const translate = useTranslate();
  return PRIORITIES.map((id) => ({ id, name: translate(`civicflow.taxonomy.priority.${id}`) }));
};
