import simpleRestProvider from 'ra-data-simple-rest';
import { useDataProvider } from 'react-admin';
import { bookingMethods } from './bookings/bookingActions';
import { calendarMethods } from './business-calendar/calendarApi';
import { callMethods } from './calls/callsApi';
import { caseMethods } from './cases/caseActions';
import { chatMethods } from './chats/chatsApi';
import { statisticsMethods } from './dashboard/statisticsApi';
import { httpClient } from './http';
import { referenceMethods } from './referenceData';
import { routingMethods } from './routing-rules/routingApi';
import { userMethods } from './users/userActions';

/**
 * The resources' REST calls and, as custom methods, the domain actions of the back office (a case
 * action, a chat taken, a visit checked in...), all through one HTTP client (http.ts).
 */
export const dataProvider = {
  ...simpleRestProvider('/api', httpClient),
  ...referenceMethods,
  ...caseMethods,
  ...userMethods,
  ...chatMethods,
  ...callMethods,
  ...bookingMethods,
  ...calendarMethods,
  ...statisticsMethods,
  ...routingMethods,
};

export type BackOfficeDataProvider = typeof dataProvider;

/**
 * react-admin's data provider with the custom methods typed. Like every call through react-admin,
 * a 401 signs the user out (authProvider.checkError).
 */
export const useBackOfficeDataProvider = () => useDataProvider<BackOfficeDataProvider>();
