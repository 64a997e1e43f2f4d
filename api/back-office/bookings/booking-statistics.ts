import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bookingStatistics } from '../../../services/bookings/back-office-statistics';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { databaseId, supportedDay } from '../../input-rules';
import { contentRange, listQuerySchema } from '../list-query';

export const bookingStatisticsRow = z.object({
  id: z.string().describe('officeId-serviceId'),
  officeId: z.number().int(),
  officeName: z.string(),
  serviceId: z.number().int(),
  serviceName: z.string(),
  /** Bookings with a visit in the period; holds that expired unconfirmed never became bookings. */
  bookings: z.number().int(),
  checkedIn: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  expiredHolds: z.number().int(),
  /** No-shows among the visits that were due: no-shows / (checked in + no-shows); null before any. */
  noShowRate: z.number().nullable(),
  /** How long ahead residents booked, on average, in hours. */
  averageLeadHours: z.number().nullable(),
});

/** Per office and service, over visits in a period: bookings, check-ins, no-shows, lead time. */
export const bookingStatisticsRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER');

  app.get(
    '/booking-statistics',
    {
      preHandler: readers,
      schema: {
        tags: ['back office'],
        summary: 'Booking statistics per office and service (visits from `from` to `to`, local dates)',
        security: [{ bearerAuth: [] }],
        querystring: listQuerySchema(['officeName', 'serviceName', 'bookings', 'noShowRate'] as const, {
          from: supportedDay.optional().describe('First local date, YYYY-MM-DD (default: 30 days ago)'),
          to: supportedDay.optional().describe('Last local date, YYYY-MM-DD (default: 30 days ahead)'),
          officeId: databaseId.optional(),
          serviceId: databaseId.optional(),
        }),
        response: { 200: z.array(bookingStatisticsRow) },
      },
    },
    async (request, reply) => {
      const { sort = ['officeName', 'ASC'], range = [0, 99], filter = {} } = request.query;
      const { records, total } = await bookingStatistics(deps.orm, { sort, range, filter });
      reply.header('Content-Range', contentRange('booking-statistics', range[0], records.length, total));
      return records;
    },
  );
};
