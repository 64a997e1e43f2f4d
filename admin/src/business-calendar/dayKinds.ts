import { useTranslate } from 'react-admin';

export const DAY_KINDS = ['CLOSED', 'OPEN'] as const;

export function useDayKindChoices() {
  const translate = useTranslate();
  return DAY_KINDS.map((id) => ({ id, name: translate(`civicflow.businessCalendar.kind.${id}`) }));
}
