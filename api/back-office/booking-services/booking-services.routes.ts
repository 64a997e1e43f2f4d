import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bookingServices } from '../../../services/bookings/booking-services';
import type { AppDeps } from '../../app';
import { configurationRoutes } from '../configuration-routes';
import {
  bookingServiceIdParams,
  bookingServiceListQuery,
  bookingServiceRecord,
  createBookingServiceBody,
  updateBookingServiceBody,
} from './booking-services.schemas';

/**
 * What residents can book a visit for: administrators configure the names and the duration of a
 * visit; staff who book for residents read them.
 */
export const bookingServiceRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  configurationRoutes(app, deps, {
    resource: 'booking-services',
    service: bookingServices,
    record: bookingServiceRecord,
    params: bookingServiceIdParams,
    query: bookingServiceListQuery,
    create: createBookingServiceBody,
    update: updateBookingServiceBody,
    summaries: {
      list: 'Services residents can book',
      get: 'One service',
      create: 'Add a service',
      update: 'Change a service (a new duration applies to slots not yet booked)',
    },
  });
};
