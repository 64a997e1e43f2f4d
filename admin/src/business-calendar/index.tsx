import EventBusyIcon from '@mui/icons-material/EventBusy';
import { Resource } from 'react-admin';
import { CalendarDayCreate, CalendarDayEdit } from './CalendarDayForms';
import { CalendarDayList } from './CalendarDayList';

export const businessCalendar = {
  list: CalendarDayList,
  create: CalendarDayCreate,
  edit: CalendarDayEdit,
  icon: EventBusyIcon,
};

/** Administrators change the calendar; managers see it; nobody else has the screen. */
export function businessCalendarResource(permissions: string | null) {
  if (permissions === 'ADMIN') return <Resource name="calendar-days" {...businessCalendar} />;
  if (permissions === 'MANAGER') {
    return <Resource name="calendar-days" list={businessCalendar.list} icon={businessCalendar.icon} />;
  }
  return null;
}
