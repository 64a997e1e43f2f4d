import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bookingOffices } from '../../../services/bookings/booking-offices';
import type { AppDeps } from '../../app';
import { configurationRoutes } from '../configuration-routes';
import {
  bookingOfficeIdParams,
  bookingOfficeListQuery,
  bookingOfficeRecord,
  createBookingOfficeBody,
  updateBookingOfficeBody,
} from './booking-offices.schemas';

/**
 * Where residents can book: administrators configure offices (hours per weekday in local time, the
 * services they offer with their desks, blackout days); staff who book for residents read them.
 */
export const bookingOfficeRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  configurationRoutes(app, deps, {
    resource: 'booking-offices',
    service: bookingOffices,
    record: bookingOfficeRecord,
    params: bookingOfficeIdParams,
    query: bookingOfficeListQuery,
    create: createBookingOfficeBody,
    update: updateBookingOfficeBody,
    summaries: {
      list: 'Offices taking bookings',
      get: 'One office',
      create: 'Add an office',
      update: 'Change an office: hours, services and desks, blackout days',
    },
  });
};
