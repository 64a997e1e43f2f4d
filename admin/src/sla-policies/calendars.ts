import { useTranslate } from 'react-admin';

export const SLA_CALENDARS = ['BUSINESS', 'ALWAYS'] as const;

export const useCalendarChoices = () => {
  const translate = useTranslate();
  return SLA_CALENDARS.map((id) => ({ id, name: translate(`civicflow.sla.calendar.${id}`) }));
};
