import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  businessHours,
  calendarDays,
  setBusinessHours,
  statutoryHolidays,
} from '../../../services/configuration/business-calendar';
import type { AppDeps } from '../../app';
import { CONFIGURATION_ACCESS } from '../configuration-access';
import { configurationRoutes, staffRoute } from '../configuration-routes';
import {
  businessHoursBody,
  businessHoursRecord,
  calendarDayBody,
  calendarDayIdParams,
  calendarDayListQuery,
  calendarDayRecord,
  holidayRecord,
  holidaysQuery,
} from './business-calendar.schemas';

/**
 * The business calendar SLA deadlines are counted in: office hours per weekday, dated exceptions
 * (`calendar-days`) and the statutory holidays, which follow from the law and are only shown.
 * A change applies to SLA clocks started or resumed from then on; running clocks keep their deadlines.
 */
export const businessCalendarRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const { read, write } = CONFIGURATION_ACCESS['business-calendar'];
  const hours = { url: '/business-calendar/hours', response: businessHoursRecord } as const;
  staffRoute(
    app,
    deps,
    { ...hours, method: 'GET', roles: read, summary: 'Office hours per weekday (Europe/Warsaw)' },
    () => businessHours(deps),
  );
  staffRoute(
    app,
    deps,
    {
      ...hours,
      method: 'PUT',
      roles: write,
      summary: 'Set the office hours of all seven weekdays (applies to SLA clocks started from now on)',
      body: businessHoursBody,
      validationStatus: 422,
    },
    ({ body }, request) => setBusinessHours(deps, body.hours, request),
  );
  staffRoute(
    app,
    deps,
    {
      method: 'GET',
      url: '/business-calendar/holidays',
      roles: read,
      summary: 'Polish statutory holidays of a year (computed from the law, read-only)',
      querystring: holidaysQuery,
      response: z.array(holidayRecord),
    },
    async ({ query }) => statutoryHolidays(query.year),
  );
  configurationRoutes(app, deps, {
    resource: 'calendar-days',
    service: calendarDays,
    record: calendarDayRecord,
    params: calendarDayIdParams,
    query: calendarDayListQuery,
    create: calendarDayBody,
    update: calendarDayBody,
    summaries: {
      list: 'Days the office closes or opens unlike its weekly hours',
      get: 'One calendar day',
      create: 'Close a working day or open a closed one (applies to SLA clocks started from now on)',
      update: 'Change a calendar day',
      remove: 'Remove a calendar day (the weekly hours apply to that date again)',
    },
  });
};
