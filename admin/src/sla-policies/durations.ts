import { useTranslate } from 'react-admin';

/** The office's usual day (Monday to Friday, 08:00-16:00): how a policy's working minutes read as days. */
const WORKING_DAY_MINUTES = 8 * 60;
const DAY_MINUTES = 24 * 60;

/**
 * A policy's time as people think of it: "3 working days (24 h)", "2 days (48 h)", "4 h", "30 min".
 * Days only when the time is a whole number of them (of office hours for the BUSINESS calendar).
 */
export function usePolicyDuration(): (minutes: number, calendar: string) => string {
  const translate = useTranslate();
  return (minutes, calendar) => {
    const hours = Math.round((minutes / 60) * 10) / 10;
    if (minutes < 60) return translate('civicflow.sla.duration.minutes', { minutes });
    const day = calendar === 'ALWAYS' ? DAY_MINUTES : WORKING_DAY_MINUTES;
    const days = minutes / day;
    if (minutes >= day && Number.isInteger(days)) {
      const key = calendar === 'ALWAYS' ? 'days' : 'working_days';
      return translate(`civicflow.sla.duration.${key}`, { smart_count: days, hours });
    }
    return translate('civicflow.sla.duration.hours', { hours });
  };
}
