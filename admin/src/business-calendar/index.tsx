import { lazy } from 'react';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import { Resource } from 'react-admin';

const CalendarDayCreate = lazy(() =>
  import('./CalendarDayForms').then((m) => ({ default: m.CalendarDayCreate })),
);
const CalendarDayEdit = lazy(() =>
  import('./CalendarDayForms').then((m) => ({ default: m.CalendarDayEdit })),
);
const CalendarDayList = lazy(() => import('./CalendarDayList').then((m) => ({ default: m.CalendarDayList })));

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
