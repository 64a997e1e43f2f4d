import { lazy } from 'react';
import BarChartIcon from '@mui/icons-material/BarChart';
import EventAvailableIcon from '@mui/icons-material/EventAvailable';
import MiscellaneousServicesIcon from '@mui/icons-material/MiscellaneousServices';
import StoreIcon from '@mui/icons-material/Store';
import { Resource } from 'react-admin';

const BookingDayList = lazy(() => import('./BookingDayList').then((m) => ({ default: m.BookingDayList })));
const BookingOfficeCreate = lazy(() =>
  import('./BookingOffices').then((m) => ({ default: m.BookingOfficeCreate })),
);
const BookingOfficeEdit = lazy(() =>
  import('./BookingOffices').then((m) => ({ default: m.BookingOfficeEdit })),
);
const BookingOfficeList = lazy(() =>
  import('./BookingOffices').then((m) => ({ default: m.BookingOfficeList })),
);
const BookingServiceCreate = lazy(() =>
  import('./BookingServices').then((m) => ({ default: m.BookingServiceCreate })),
);
const BookingServiceEdit = lazy(() =>
  import('./BookingServices').then((m) => ({ default: m.BookingServiceEdit })),
);
const BookingServiceList = lazy(() =>
  import('./BookingServices').then((m) => ({ default: m.BookingServiceList })),
);
const BookingStatisticsList = lazy(() =>
  import('./BookingStatistics').then((m) => ({ default: m.BookingStatisticsList })),
);

export const bookings = { list: BookingDayList, icon: EventAvailableIcon };
export const bookingStatistics = { list: BookingStatisticsList, icon: BarChartIcon };
export const bookingOffices = {
  list: BookingOfficeList,
  edit: BookingOfficeEdit,
  create: BookingOfficeCreate,
  icon: StoreIcon,
};
export const bookingServices = {
  list: BookingServiceList,
  edit: BookingServiceEdit,
  create: BookingServiceCreate,
  icon: MiscellaneousServicesIcon,
};

/**
 * The bookings screens a role sees: the day view and statistics for clerks, managers and
 * administrators; offices and services to read for all of them, to change for administrators.
 */
export function bookingResources(permissions: string | null) {
  if (permissions !== 'ADMIN' && permissions !== 'CLERK' && permissions !== 'MANAGER') return null;
  const admin = permissions === 'ADMIN';
  return (
    <>
      <Resource name="bookings" recordRepresentation="reference" {...bookings} />
      <Resource name="booking-statistics" {...bookingStatistics} />
      <Resource
        name="booking-offices"
        recordRepresentation="name"
        {...(admin ? bookingOffices : { list: bookingOffices.list, icon: bookingOffices.icon })}
      />
      <Resource
        name="booking-services"
        recordRepresentation="namePl"
        {...(admin ? bookingServices : { list: bookingServices.list, icon: bookingServices.icon })}
      />
    </>
  );
}
